"""An uncaught exception in the window: a crash report is written (card numbers masked), and the
incident in progress is intact for resuming."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from posguide.gui.errors import install_crash_handler
from posguide.store import IncidentStore

pytestmark = pytest.mark.gui


def test_a_crash_writes_a_report_and_loses_nothing(
    qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POSGUIDE_NO_DIALOGS", "1")  # the box itself is not what is tested here
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    with IncidentStore.open(tmp_path / "posguide.db") as store:
        incident = store.start_incident(terminal="till1", symptom="在维护中")
        step = store.begin_step(incident, "symptom")
        store.save_step(step, answers={"shows": "maintenance"})
    logs = tmp_path / "logs"
    install_crash_handler(logs, lambda: None)
    try:
        raise RuntimeError("card 4111 1111 1111 1111 in a bad state")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())  # what Qt calls for an exception in a slot
    reports = list(logs.glob("crash-*.txt"))
    assert len(reports) == 1
    text = reports[0].read_text(encoding="utf-8")
    assert "RuntimeError" in text and "4111 1111 1111 1111" not in text
    with IncidentStore.open(tmp_path / "posguide.db") as store:
        [open_incident] = store.open_incidents()
        assert open_incident.id == incident
        assert store.get_incident(incident).steps[0].answers == {"shows": "maintenance"}
