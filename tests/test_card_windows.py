"""On Windows the Smart Card service stops when the last reader is unplugged, so "no service"
there means "no reader" (the Linux daemon is tested for real in test_card_probe.py)."""

from __future__ import annotations

import pytest

from posguide.probes import Outcome, Status
from posguide.probes.card import PcscError
from posguide.probes.card import session as card_session
from posguide.probes.verdict import decide

NO_SERVICE = 0x8010001D


@pytest.mark.parametrize(("platform", "verdict"), [("linux", "reader_service_unavailable"),
                                                   ("win32", "reader_missing")])  # fmt: skip
def test_no_service_means_no_reader_on_windows(
    monkeypatch: pytest.MonkeyPatch, platform: str, verdict: str
) -> None:
    monkeypatch.setattr(card_session.sys, "platform", platform)
    err = PcscError(NO_SERVICE, "establishing a context")
    result = Outcome("card.reader").finish(
        Status.FAIL, card_session.service_summary(), **card_session.service_detail(err)
    )
    rule = decide([result])
    assert rule is not None and rule.verdict == verdict
    if platform == "win32":
        assert "No card reader is plugged in" in result.summary
