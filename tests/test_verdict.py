"""The verdict rules' order, and knowing the verdict before the slow probes finish."""

from __future__ import annotations

import pytest

from posguide.probes import ProbeResult, Status
from posguide.probes.verdict import RULES, VERDICTS, decide, verdict_name


def result(probe_id: str, status: Status = Status.OK, **detail: object) -> ProbeResult:
    return ProbeResult(probe_id, status, "", detail=detail)


def test_the_first_applicable_rule_wins() -> None:
    results = [
        result("terminal", Status.FAIL, stage="liveness"),
        result("network.link", Status.FAIL, reason="no_carrier"),
        result("notices", Status.OK),
    ]
    assert verdict_name(results) == "lan_down"  # the cable explains the silent terminal
    assert verdict_name(
        [result("terminal", Status.FAIL, stage="status", reason="maintenance")]
    ) == ("terminal_reports_maintenance")
    assert verdict_name([result("network.payment", Status.WARN, slow=True)]) == (
        "payment_host_slow"
    )
    assert decide([result("card.card", Status.FAIL, stage="mute")]) is None  # not a verdict
    assert VERDICTS[-1] == "ok" and len(VERDICTS) == len(RULES) + 1


def test_a_notice_outranks_everything_else() -> None:
    results = [result(rule.probe_id, rule.status, **{k: v[0] for k, v in rule.detail.items()})
               for rule in reversed(RULES)]  # fmt: skip
    assert verdict_name(results) == "provider_notice_active"


@pytest.mark.parametrize(
    ("detail", "verdict"),
    [
        ({"stage": "open", "reason": "busy"}, "terminal_unreachable"),
        ({"stage": "liveness", "reason": "no_ack"}, "terminal_unreachable"),
        ({"stage": "status", "reason": "bad_lrc"}, "terminal_unreachable"),
        ({"stage": "status", "reason": "silent"}, "terminal_unreachable"),
        ({"stage": "status", "reason": "maintenance"}, "terminal_reports_maintenance"),
        ({"stage": "status", "reason": "error"}, "terminal_reports_maintenance"),
        ({"stage": "port", "reason": "missing"}, "terminal_port_missing"),
    ],
)
def test_a_broken_line_is_not_read_as_a_maintenance_reply(
    detail: dict[str, str], verdict: str
) -> None:
    assert verdict_name([result("terminal", Status.FAIL, **detail)]) == verdict


def test_a_probe_that_could_not_run_gives_no_verdict() -> None:
    # The runner's backstop deadline is an ERROR: a stuck feed is no maintenance notice.
    assert decide([result("notices", Status.ERROR, reason="timeout")]) is None
