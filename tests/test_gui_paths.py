"""Every training scenario × the ways a cashier walks it, through the real window on the real
simulated shop: the shortest way, restarting the terminal first, skipping everything, checking
again after the fix, and closing midway then resuming. Each walk must end with the outcome
and cause the facts support, show only banners that are true, and hand the hotline a fault
description with only what was established (issue #8: "conclusions from facts")."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from gui_driver import FINAL, FINISH, NEXT, SKIP, Driver

from posguide.gui.wizard.finish_page import FinishPage
from posguide.gui.wizard.step_page import StepPage
from posguide.store import IncidentStore
from posguide.training import load_catalog

pytestmark = [pytest.mark.gui, pytest.mark.timeout(120)]

HOME = "home"

# --- a walk, written as a cashier's moves -----------------------------------------------------
# ("act", training action)  ("answer", question, value)  ("next",)  ("skip",)
# ("recheck", probe, status): press "Run checks again" until the probe says so (the fix may
# take a moment)  ("wait", probe, status): the page checks again by itself after an action
# ("settle", probe): wait until the probe has a result
# ("resume",): the window is closed here and the incident resumed in a new one
# Walks are pieces joined with "+", read left to right as the cashier goes.
# ruff: noqa: RUF005


def symptom(*before: tuple[Any, ...]) -> tuple[tuple[Any, ...], ...]:
    return (*before, ("answer", "staff", "王芳"), ("next",))


NO_RESTART = (("answer", "reboot_fixed", False), ("next",))
RESTART_NO_HELP = (("act", "restart_terminal"), ("answer", "reboot_fixed", False), ("next",))
# The terminal comes back (fine, or still "在维护中"); the cashier waits for that to answer.
RESTART_BACK_NO_HELP = (
    ("act", "restart_terminal"),
    ("settle", "terminal.reboot"),
    ("answer", "reboot_fixed", False),
    ("next",),
)
CABLES_NO_HELP = (("answer", "cables_fixed", False), ("next",))
TEST_CARD_FAILS = (("act", "insert_known_good_card"), ("answer", "reader_methods", "none"))
BACKUP_TERMINAL = (("act", "use_backup"), ("answer", "payment_method", "backup_terminal"))
NOT_PAID = (("answer", "payment_method", "none"), ("next",))
SKIP_TO_END = (("skip",),) * 5  # reboot, cables, reader, backup, call: as far as they go

TERMINAL_AT_FAULT = "说明是这台POS机的问题"
DO_NOT_RESTART = "请不要重启POS机"
SERVER_DOWN = "支付公司的服务器"


@dataclass(frozen=True)
class Case:
    moves: tuple[tuple[Any, ...], ...]
    outcome: str
    cause: str
    banners: tuple[str, ...] = ()  # each shown on some page, in this order
    never: tuple[str, ...] = ()  # shown on no page and absent from the fault description
    report: tuple[str, ...] = ()  # in the fault description
    steps: tuple[tuple[str, str], ...] = ()  # (step, recorded status), when it matters


# What a shop shows for each (outcome, cause) in the fault description.
OUTCOME_WORDS = {"resolved": "已恢复", "backup": "已改用备用终端", "escalated": "已上报收单机构"}
CAUSE_WORDS = {
    "provider_maintenance": "收单机构维护",
    "terminal_restart": "重启POS机后恢复",
    "router": "路由器或光猫故障",
    "network": "网络或网线问题",
    "reader": "POS机读卡故障",
    "gateway_timeout": "支付系统响应超时",
    "mobile_signal": "POS机的4G信号不好",
    "wifi": "POS机的 Wi-Fi 连接问题",
    "phone_line": "电话线路问题",
    "unknown": "原因不明",
}
# The shop's router is not how a 4G or dial-up terminal goes online: nothing about it is said.
ROUTER = "路由器"

CASES: dict[tuple[str, str], Case] = {
    # 1. The provider announced maintenance: never a restart, straight to another way to pay.
    ("provider_maintenance", "shortest"): Case(
        symptom() + (("act", "take_other_payment"), ("answer", "payment_method", "qr"), ("next",)),
        "backup", "provider_maintenance", banners=(DO_NOT_RESTART,), never=(TERMINAL_AT_FAULT,),
        steps=(("symptom", "done"), ("backup", "done")),
    ),
    ("provider_maintenance", "restart_first"): Case(
        symptom(("act", "restart_terminal")) + (("answer", "payment_method", "qr"), ("next",)),
        "backup", "provider_maintenance", banners=(DO_NOT_RESTART,),
    ),
    ("provider_maintenance", "skip_everything"): Case(
        symptom() + SKIP_TO_END[:2],
        "escalated", "provider_maintenance", banners=(DO_NOT_RESTART,),
        steps=(("symptom", "done"), ("backup", "skipped"), ("call", "skipped")),
    ),
    ("provider_maintenance", "recheck_after_fix"): Case(
        symptom() + (("act", "use_backup"), ("recheck", "backup.terminal", "fail"),
                     ("answer", "payment_method", "qr"), ("next",)),
        "backup", "provider_maintenance", banners=(DO_NOT_RESTART,),
    ),
    ("provider_maintenance", "resume_midway"): Case(
        symptom() + (("resume",), ("answer", "payment_method", "cash"), ("next",)),
        "backup", "provider_maintenance", banners=(DO_NOT_RESTART, DO_NOT_RESTART),
    ),
    # 2. The terminal is stuck: a restart fixes it.
    ("terminal_reboot", "shortest"): Case(
        symptom() + (("act", "restart_terminal"), ("wait", "terminal", "ok"),
                     ("answer", "reboot_fixed", True), ("next",)),
        "resolved", "terminal_restart", never=(TERMINAL_AT_FAULT, DO_NOT_RESTART),
        report=("POS机已重启", "状态正常"),
    ),
    ("terminal_reboot", "restart_first"): Case(  # before posguide asked for it
        symptom(("act", "restart_terminal")) + (("answer", "reboot_fixed", True), ("next",)),
        "resolved", "terminal_restart",
    ),
    ("terminal_reboot", "skip_everything"): Case(
        symptom() + SKIP_TO_END,
        "escalated", "unknown", never=(TERMINAL_AT_FAULT,),
        steps=(("symptom", "done"), ("reboot", "skipped"), ("cables", "skipped"),
               ("reader", "skipped"), ("backup", "skipped"), ("call", "skipped")),
    ),
    ("terminal_reboot", "recheck_after_fix"): Case(
        symptom() + (("act", "restart_terminal"), ("wait", "terminal", "ok"),
                     ("recheck", "terminal", "ok"), ("answer", "reboot_fixed", True), ("next",)),
        "resolved", "terminal_restart",
    ),
    ("terminal_reboot", "resume_midway"): Case(
        symptom() + (("resume",), ("act", "restart_terminal"), ("wait", "terminal", "ok"),
                     ("answer", "reboot_fixed", True), ("next",)),
        "resolved", "terminal_restart",
    ),
    # 3. The router hangs with its lights on; restarting it fixes everything.
    ("router_down", "shortest"): Case(  # what fixed it left unanswered: the checks say
        symptom() + ((SKIP,), ("act", "restart_router"), ("wait", "network.gateway", "ok"),
                     ("answer", "cables_fixed", True), ("next",)),
        "resolved", "router", never=(TERMINAL_AT_FAULT,),
        steps=(("symptom", "done"), ("reboot", "skipped"), ("cables", "done")),
    ),
    ("router_down", "restart_first"): Case(
        symptom() + RESTART_NO_HELP + (("act", "restart_router"), ("wait", "network.gateway", "ok"),
                                       ("answer", "cables_fixed", True),
                                       ("answer", "cables_fix", "router"), ("next",)),
        "resolved", "router",
    ),
    ("router_down", "skip_everything"): Case(  # the checks saw the router not answer
        symptom() + SKIP_TO_END, "escalated", "router", never=(TERMINAL_AT_FAULT,),
    ),
    ("router_down", "recheck_after_fix"): Case(
        symptom() + NO_RESTART + (("act", "restart_router"), ("recheck", "network.gateway", "ok"),
                                  ("answer", "cables_fixed", True),
                                  ("answer", "cables_fix", "router"), ("next",)),
        "resolved", "router",
    ),
    ("router_down", "resume_midway"): Case(
        symptom() + NO_RESTART + (("resume",), ("act", "restart_router"),
                                  ("wait", "network.gateway", "ok"),
                                  ("answer", "cables_fixed", True), ("next",)),
        "resolved", "router",
    ),
    # 4. The terminal's reader is broken: the test card fails too; the backup takes over.
    ("reader_broken", "shortest"): Case(
        symptom() + NO_RESTART + CABLES_NO_HELP + TEST_CARD_FAILS + (("next",),)
        + BACKUP_TERMINAL + (("next",),),
        "backup", "reader", banners=(TERMINAL_AT_FAULT,), report=("用正常的卡",),
    ),
    ("reader_broken", "restart_first"): Case(
        symptom() + RESTART_BACK_NO_HELP + CABLES_NO_HELP + TEST_CARD_FAILS + (("next",),)
        + BACKUP_TERMINAL + (("next",),),
        "backup", "reader", banners=(TERMINAL_AT_FAULT,),
    ),
    ("reader_broken", "skip_everything"): Case(  # nobody tried a card: no reader verdict
        symptom() + SKIP_TO_END, "escalated", "unknown", never=(TERMINAL_AT_FAULT, "用正常的卡"),
    ),
    ("reader_broken", "recheck_after_fix"): Case(
        symptom() + NO_RESTART + CABLES_NO_HELP + TEST_CARD_FAILS + (("next",),)
        + (("act", "use_backup"), ("recheck", "backup.terminal", "ok"),
           ("answer", "payment_method", "backup_terminal"), ("next",)),
        "backup", "reader", banners=(TERMINAL_AT_FAULT,),
    ),
    ("reader_broken", "resume_midway"): Case(
        symptom() + NO_RESTART + CABLES_NO_HELP + (("resume",),) + TEST_CARD_FAILS + (("next",),)
        + BACKUP_TERMINAL + (("next",),),
        "backup", "reader", banners=(TERMINAL_AT_FAULT,),
    ),
    # 5. The terminal is frozen and a restart does not help: the backup; nobody knows why yet.
    ("backup_needed", "shortest"): Case(
        symptom() + RESTART_NO_HELP + CABLES_NO_HELP + TEST_CARD_FAILS + (("next",),)
        + BACKUP_TERMINAL + (("next",),),
        "backup", "unknown", banners=(TERMINAL_AT_FAULT,), never=("POS机读卡故障",),
    ),
    ("backup_needed", "restart_first"): Case(
        symptom(("act", "restart_terminal")) + NO_RESTART + CABLES_NO_HELP + TEST_CARD_FAILS
        + (("next",),) + BACKUP_TERMINAL + (("next",),),
        "backup", "unknown", banners=(TERMINAL_AT_FAULT,),
    ),
    ("backup_needed", "skip_everything"): Case(
        symptom() + SKIP_TO_END, "escalated", "unknown", never=(TERMINAL_AT_FAULT,),
    ),
    ("backup_needed", "recheck_after_fix"): Case(
        symptom() + NO_RESTART + CABLES_NO_HELP + TEST_CARD_FAILS + (("next",),)
        + (("act", "use_backup"), ("recheck", "backup.terminal", "ok"),
           ("answer", "payment_method", "backup_terminal"), ("next",)),
        "backup", "unknown",
    ),
    ("backup_needed", "resume_midway"): Case(
        symptom() + RESTART_NO_HELP + (("resume",),) + CABLES_NO_HELP + TEST_CARD_FAILS
        + (("next",),) + BACKUP_TERMINAL + (("next",),),
        "backup", "unknown", banners=(TERMINAL_AT_FAULT,),
    ),
    # 6. The provider's server does not answer and nothing in the shop helps: escalate.
    ("escalation", "shortest"): Case(
        symptom() + NO_RESTART + CABLES_NO_HELP + TEST_CARD_FAILS + (("next",),) + NOT_PAID
        + (("answer", "ticket", "GD-0042"), ("next",)),
        "escalated", "gateway_timeout", banners=(SERVER_DOWN,), never=(TERMINAL_AT_FAULT,),
        report=("GD-0042",),
    ),
    ("escalation", "restart_first"): Case(
        symptom() + RESTART_NO_HELP + CABLES_NO_HELP + TEST_CARD_FAILS + (("next",),) + NOT_PAID
        + (("next",),),
        "escalated", "gateway_timeout", banners=(SERVER_DOWN,), never=(TERMINAL_AT_FAULT,),
    ),
    ("escalation", "skip_everything"): Case(
        symptom() + SKIP_TO_END, "escalated", "gateway_timeout", never=(TERMINAL_AT_FAULT,),
    ),
    ("escalation", "recheck_after_fix"): Case(
        symptom() + NO_RESTART + (("act", "restart_router"), ("recheck", "network.gateway", "ok"))
        + CABLES_NO_HELP + TEST_CARD_FAILS + (("next",),) + NOT_PAID + (("next",),),
        "escalated", "gateway_timeout", never=(TERMINAL_AT_FAULT,),
    ),
    ("escalation", "resume_midway"): Case(
        symptom() + NO_RESTART + CABLES_NO_HELP + (("resume",),) + TEST_CARD_FAILS + (("next",),)
        + NOT_PAID + (("next",),),
        "escalated", "gateway_timeout", banners=(SERVER_DOWN,), never=(TERMINAL_AT_FAULT,),
    ),
    # 7. A cable came loose: pushing it back in fixes it.
    ("cable_loose", "shortest"): Case(
        symptom() + ((SKIP,), ("act", "replug_cable"), ("wait", "network.link", "ok"),
                     ("answer", "cables_fixed", True), ("answer", "cables_fix", "cable"),
                     ("next",)),
        "resolved", "network",
    ),
    ("cable_loose", "restart_first"): Case(
        symptom() + RESTART_NO_HELP + (("act", "replug_cable"), ("wait", "network.link", "ok"),
                                       ("answer", "cables_fixed", True), ("next",)),
        "resolved", "network",
    ),
    ("cable_loose", "skip_everything"): Case(
        symptom() + SKIP_TO_END, "escalated", "network", never=(TERMINAL_AT_FAULT,),
    ),
    ("cable_loose", "recheck_after_fix"): Case(
        symptom() + NO_RESTART + (("act", "replug_cable"), ("recheck", "network.link", "ok"),
                                  ("answer", "cables_fixed", True),
                                  ("answer", "cables_fix", "cable"), ("next",)),
        "resolved", "network",
    ),
    ("cable_loose", "resume_midway"): Case(
        symptom() + NO_RESTART + (("resume",), ("act", "replug_cable"),
                                  ("wait", "network.link", "ok"),
                                  ("answer", "cables_fixed", True), ("next",)),
        "resolved", "network",
    ),
    # 8. A terminal on its own SIM card has no signal where it stands.
    ("mobile_no_signal", "shortest"): Case(
        symptom() + NO_RESTART + (("act", "look_at_signal"), ("answer", "signal", "none"),
                                  ("act", "move_terminal"), ("answer", "cellular_fixed", True),
                                  ("answer", "cellular_fix", "moved"), ("next",)),
        "resolved", "mobile_signal", never=(ROUTER, TERMINAL_AT_FAULT),
        report=("联网方式：POS机自带的SIM卡（4G/2G）",),
        steps=(("symptom", "done"), ("reboot", "done"), ("cellular", "done")),
    ),
    ("mobile_no_signal", "restart_first"): Case(  # fixed, not said how: the signal seen says
        symptom() + RESTART_BACK_NO_HELP + (("answer", "signal", "none"),
                                            ("act", "move_terminal"),
                                            ("answer", "cellular_fixed", True),
                                            ("answer", "cellular_fix", "other"), ("next",)),
        "resolved", "mobile_signal", never=(ROUTER,),
    ),
    # 9. A Wi-Fi terminal still has the old password.
    ("wifi_password_changed", "shortest"): Case(
        symptom() + NO_RESTART + (("act", "look_at_wifi_icon"), ("answer", "wifi_icon", "missing"),
                                  ("act", "check_phone_wifi"), ("answer", "phone_online", True),
                                  ("act", "rejoin_wifi"), ("answer", "wifi_fixed", True),
                                  ("answer", "wifi_fix", "rejoined"), ("next",)),
        "resolved", "wifi", never=(TERMINAL_AT_FAULT,), report=("联网方式：店里的 Wi-Fi",),
        steps=(("symptom", "done"), ("reboot", "done"), ("wifi", "done")),
    ),
    ("wifi_password_changed", "skip_restart"): Case(  # Skip goes where the terminal goes online
        symptom() + ((SKIP,), ("act", "rejoin_wifi"), ("answer", "wifi_fixed", True),
                     ("answer", "wifi_fix", "rejoined"), ("next",)),
        "resolved", "wifi", steps=(("symptom", "done"), ("reboot", "skipped"), ("wifi", "done")),
    ),
    # 10. A dial-up terminal's cable is in the PHONE jack.
    ("phone_line_wrong_jack", "shortest"): Case(
        symptom() + NO_RESTART + (("act", "listen_dial_tone"), ("answer", "dial_tone", "yes"),
                                  ("act", "replug_phone_line"), ("answer", "dialup_fixed", True),
                                  ("answer", "dialup_fix", "jack"), ("next",)),
        "resolved", "phone_line", never=(ROUTER, TERMINAL_AT_FAULT),
        report=("联网方式：电话线拨号",),
        steps=(("symptom", "done"), ("reboot", "done"), ("dialup", "done")),
    ),
}  # fmt: skip


@dataclass
class Walk:
    """What the cashier saw on the way."""

    banners: list[str] = field(default_factory=list)
    report: str = ""  # the fault description on the last page, as the cashier reads it out


@pytest.fixture
def drive(qtbot: Any, tmp_path: Path) -> Iterator[Any]:
    drivers: list[Driver] = []

    def make(scenario: str) -> Driver:
        d = Driver(qtbot, tmp_path / HOME, scenario, speed=20.0)
        drivers.append(d)
        return d

    yield make
    for d in drivers:
        d.close()


def seen(d: Driver, walk: Walk) -> None:
    """The banner of the page now shown, if any (once per visit)."""
    banner = d.page.banner
    if banner.isVisible() and banner.text():
        walk.banners.append(banner.text())


def play(drive: Any, scenario: str, moves: tuple[tuple[Any, ...], ...]) -> Walk:
    walk = Walk()
    d: Driver = drive(scenario)
    d.start()
    seen(d, walk)
    for move in moves:
        kind, *args = move
        if kind == "act":
            d.training(args[0])
        elif kind == "answer":
            if args[0] in ("staff", "ticket"):
                d.type(args[0], args[1])
            else:
                d.choose(args[0], args[1])
        elif kind in (NEXT, SKIP):
            d.press(kind)
            if isinstance(d.view.current_page(), StepPage):
                d.wait_checks()
                seen(d, walk)
        elif kind == "wait":
            d.wait_until(lambda d=d, p=args[0], s=args[1]: d.probe_status(p) == s, 30000)
        elif kind == "settle":
            d.wait_until(lambda d=d, p=args[0]: d.probe_status(p) in FINAL, 30000)
        elif kind == "recheck":
            again = d.page.probes.run_again_button
            for _ in range(40):
                d.wait_until(again.isEnabled)  # not while checking (by itself, after an action)
                if d.probe_status(args[0]) == args[1]:
                    break
                d.qtbot.wait(250)
                if again.isEnabled():  # else it has started checking again by itself
                    d.click(again)
            assert d.probe_status(args[0]) == args[1]
        elif kind == "resume":
            d.close()
            d = drive(scenario)
            d.resume()
            d.wait_checks()
            seen(d, walk)
        else:
            raise AssertionError(move)
    last = d.view.current_page()
    assert isinstance(last, FinishPage)
    if last.banner.isVisible():
        walk.banners.append(last.banner.text())
    report = d.window.controller.fault_report()  # what "Copy" gives and is read out
    assert report is not None
    walk.report = report.text
    d.press(FINISH)
    assert d.window.stack.currentWidget() is d.window.start_page
    return walk


def recorded(tmp_path: Path) -> Any:
    with IncidentStore.open(tmp_path / HOME / "posguide.db") as store:
        [incident_id] = [r[0] for r in store.db.execute("SELECT id FROM incidents")]
        return store.get_incident(incident_id)


@pytest.mark.parametrize(("scenario", "path"), list(CASES), ids=[f"{s}-{p}" for s, p in CASES])
def test_each_walk_ends_with_the_conclusions_its_facts_support(
    drive: Any, tmp_path: Path, scenario: str, path: str
) -> None:
    case = CASES[scenario, path]
    walk = play(drive, scenario, case.moves)
    detail, report = recorded(tmp_path), walk.report
    incident = detail.incident
    assert (incident.outcome, incident.cause) == (case.outcome, case.cause), walk.banners
    assert incident.training_scenario == scenario
    assert incident.uplink == load_catalog().get(scenario).uplink  # how its terminal went online
    # Every visit ended (a resumed one goes on in its own row, not in a second one).
    assert all(s.status in ("done", "skipped") for s in detail.steps), detail.steps
    if case.steps:
        assert [(s.step_key, s.status) for s in detail.steps] == list(case.steps)
    # Banners: each expected one, in order; never a false one.
    shown = iter(walk.banners)
    for expected in case.banners:
        assert any(expected in banner for banner in shown), (expected, walk.banners)
    for wrong in case.never:
        assert not any(wrong in banner for banner in walk.banners), (wrong, walk.banners)
        assert wrong not in report, report
    # The fault description: the outcome and cause in words, only facts.
    assert f"处理结果：{OUTCOME_WORDS[case.outcome]}" in report, report
    assert f"原因：{CAUSE_WORDS[case.cause]}" in report, report
    for expected in case.report:
        assert expected in report, report


def test_a_4g_terminal_s_checks_say_they_ran_on_the_pc(drive: Any) -> None:
    """The PC's network checks are no statement about a terminal on its own SIM card."""
    d: Driver = drive("mobile_no_signal")
    d.start()
    d.wait_checks()  # the terminal says 在维护中: the advice names its signal, not the cable
    advice = d.page.probes.verdict_label.text()
    assert "4G信号和SIM卡" in advice and "网线" not in advice, advice
    for kind, *args in symptom() + NO_RESTART:
        if kind == "answer":
            (d.type if args[0] == "staff" else d.choose)(args[0], args[1])
        else:
            d.press(kind)
    assert d.step == "cellular"
    note = d.page.probes.note
    assert note.isVisible() and "收银电脑上做的" in note.text() and "不走店里的网络" in note.text()
    rows = {row.probe_id for row in d.page.probes.rows()}
    assert rows == {"network.internet", "network.payment", "network.tls"}
