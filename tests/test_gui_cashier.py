"""What a stressed cashier meets, each as issue #8 saw it: Esc, where focus lands, the alarm's
alerts and "I have called", the escalation minutes, notes after a resume, abandoning, and a
configured shop whose terminal port or notice feed is missing. Through the real window."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from gui_driver import NEXT, Driver
from PySide6.QtCore import QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QPushButton

from posguide.gui.focus import is_passive
from posguide.gui.training_panel import TrainingPanel
from posguide.store import IncidentStore
from posguide.timeutil import now

pytestmark = [pytest.mark.gui, pytest.mark.timeout(180)]


@pytest.fixture
def drive(qtbot: Any, tmp_path: Path) -> Iterator[Any]:
    drivers: list[Driver] = []

    def make(scenario: str, **options: Any) -> Driver:
        d = Driver(qtbot, tmp_path / "home", scenario, **options)
        drivers.append(d)
        return d

    yield make
    for d in drivers:
        d.close()


def rows(tmp_path: Path, sql: str) -> list[tuple[Any, ...]]:
    with IncidentStore.open(tmp_path / "home" / "posguide.db") as store:
        return [tuple(r) for r in store.db.execute(sql).fetchall()]


def focused() -> Any:
    return QApplication.focusWidget()


def message_box() -> QMessageBox | None:
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    return next((b for b in boxes if b.isVisible()), None)


def test_esc_on_every_page_changes_nothing(drive: Any, tmp_path: Path) -> None:
    d = drive("reader_broken", speed=20.0)
    d.start()
    seen = []
    for answer in (("staff", "王芳"), ("reboot_fixed", False), ("cables_fixed", False)):
        step = d.step
        for _ in range(3):
            QTest.keyClick(focused() or d.window, Qt.Key.Key_Escape)
        assert d.step == step and d.window.controller.running  # still here, still open
        seen.append(step)
        if answer[0] == "staff":
            d.type(*answer)
        else:
            d.choose(*answer)
        d.next()
    assert seen == ["symptom", "reboot", "cables"]
    assert rows(tmp_path, "SELECT count(*) FROM incidents WHERE ended_ts IS NULL") == [(1,)]


def test_focus_never_lands_on_a_button_with_consequences(drive: Any) -> None:
    d = drive("cable_loose", speed=20.0)
    d.start()
    # The symptom page: focus on the name, the first unanswered question, visibly; typing
    # goes there.
    staff = d.question("staff").findChild(QLineEdit)
    assert staff is not None and staff.hasFocus()
    QTest.keyClicks(focused(), "Li")
    assert staff.text() == "Li"
    d.next()
    panel = d.window.findChild(TrainingPanel)
    assert panel is not None
    assert not is_passive(focused()), focused()  # after Next: not "restart the terminal"
    d.press("skip")
    assert d.step == "cables" and not is_passive(focused())
    # A hands-on action: the button clicked does not keep focus, nor does its neighbour
    # ("restart the router") get it while the action plays out.
    before = focused()
    d.training("replug_cable")
    assert focused() is before and not is_passive(focused())
    d.wait_until(panel.buttons["replug_cable"].isEnabled)
    assert not is_passive(focused())
    # Tab still reaches them: keyboard users lose nothing.
    for _ in range(80):
        QTest.keyClick(focused(), Qt.Key.Key_Tab)
        if focused() is panel.buttons["restart_router"]:
            break
    assert focused() is panel.buttons["restart_router"]


@pytest.mark.parametrize("when", ["after the checks", "while they still run"])
def test_after_a_hands_on_action_the_page_checks_again_by_itself_with_a_countdown(
    drive: Any, when: str
) -> None:
    d = drive("router_down", speed=20.0)
    d.start()
    d.type("staff", "王芳")
    d.next()
    d.press("skip")  # to the cables page, where the router does not answer
    assert d.step == "cables"
    if when == "after the checks":
        d.wait_checks()
        assert d.probe_status("network.gateway") == "fail"
    else:
        assert d.window.controller.is_probing()
    d.training("restart_router")
    countdown = d.view.countdown
    if when == "after the checks":  # (else the checks may end after the router is back)
        d.wait_until(lambda: countdown.isVisible() and "秒" in countdown.text(), 10000)
    # Well before the page's own 30 s re-run, and without a click on "Run checks again".
    d.wait_until(lambda: d.probe_status("network.gateway") == "ok", 15000)
    assert not countdown.isVisible()


def test_the_alarm_alerts_the_group_retries_says_so_and_records_i_have_called(
    drive: Any, tmp_path: Path
) -> None:
    d = drive("escalation", speed=20.0)
    receiver = d.shell.session.alert_receiver
    receiver.mode = "fail_http_500"  # the group chat refuses: every attempt fails
    d.start()
    assert "1 分钟" in d.page.instructions.text() or d.step == "symptom"
    bar = d.window.escalation
    bar.clock = lambda: now() + timedelta(minutes=2)  # past the scenario's 1 minute
    d.wait_until(lambda: bar.state == "alarm", 5000)
    assert not is_passive(focused())  # the alarm does not pull focus onto "I have called"
    d.wait_until(lambda: "秒后再试" in bar.alert_label.text(), 10000)  # said at once
    d.wait_until(bar.retry_button.isVisible, 20000)  # given up: offer to retry
    assert "没能发送" in bar.alert_label.text()
    receiver.mode = "ok"
    d.click(bar.retry_button)
    d.wait_until(lambda: "已发送" in bar.alert_label.text(), 10000)
    assert not bar.retry_button.isVisible()
    d.click(bar.called_button)
    assert bar.state == "escalated" and not is_passive(focused())
    kinds = [r[0] for r in rows(tmp_path, "SELECT kind FROM escalations ORDER BY id")]
    assert kinds[0] == "alarm" and "called" in kinds
    assert [r for r in rows(tmp_path, "SELECT ok FROM escalations WHERE kind='alert'")][-1] == (1,)


def test_the_call_page_says_the_shop_s_escalation_minutes(drive: Any) -> None:
    d = drive("escalation", speed=20.0)
    d.start()
    d.type("staff", "王芳")
    d.next()
    for step, answer in (("reboot", ("reboot_fixed", False)), ("cables", ("cables_fixed", False)),
                         ("reader", ("reader_methods", "none")),
                         ("backup", ("payment_method", "none"))):  # fmt: skip
        assert d.step == step
        d.choose(*answer)
        d.next()
    assert d.step == "call"
    text = d.page.instructions.text()
    assert "1 分钟内" in text and "10 分钟" not in text


def test_notes_typed_before_closing_are_there_after_resuming(drive: Any, tmp_path: Path) -> None:
    first = drive("backup_needed", speed=20.0)
    first.start()
    first.click(first.page.extrasToggle)
    first.page.notes.setPlainText("屏幕卡住了，按键没反应")
    first.type("staff", "小张")
    first.next()  # the page saves what was typed before it moves on
    first.close()  # the PC went off
    again = drive("backup_needed", speed=20.0)
    again.resume()
    again.press("back")
    assert again.step == "symptom"
    assert again.page.notes.toPlainText() == "屏幕卡住了，按键没反应"
    assert again.page.extras.isVisible()  # shown, not hidden behind the toggle


def test_a_training_incident_resumes_in_the_situation_it_was_played_in(drive: Any) -> None:
    first = drive("router_down", speed=20.0)
    first.start()
    first.type("staff", "小张")
    first.next()
    first.close()
    again = drive("cable_loose", speed=20.0)  # another situation chosen since
    again.resume()
    session = again.shell.session
    assert session is not None and session.scenario.id == "router_down"
    assert again.step == "reboot"


def test_abandoning_an_unfinished_incident_asks_first_and_says_what_happened(
    drive: Any, tmp_path: Path
) -> None:
    first = drive("backup_needed", speed=20.0)
    first.start()
    first.close()
    d = drive("backup_needed", speed=20.0)
    start = d.window.start_page
    assert start.unfinished.isVisible()
    d.click(start.abandon_button)
    box = message_box()
    assert box is not None and "不能再继续" in box.text()
    QTest.keyClick(box, Qt.Key.Key_Escape)  # the safe answer: keep it
    assert start.unfinished.isVisible()
    assert rows(tmp_path, "SELECT count(*) FROM incidents WHERE ended_ts IS NULL") == [(1,)]
    d.click(start.abandon_button)
    box = message_box()
    assert box is not None
    close = next(b for b in box.findChildren(QPushButton) if b.text() == "结束它")
    d.click(close)
    assert not start.unfinished.isVisible() and "不再处理" in start.saved.text()
    assert rows(tmp_path, "SELECT outcome FROM incidents") == [("abandoned",)]


def test_a_configured_shop_says_at_once_when_its_terminal_or_notice_feed_is_missing(
    drive: Any, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "posguide.toml").write_text(
        '[shop]\nname = "一号店"\n\n[[providers]]\nid = "ums"\nname = "银联商务"\n'
        'hotline = "95534"\n\n[[providers.notice_feeds]]\nurl = "http://127.0.0.1:9/status.json"\n'
        'kind = "statuspage"\n\n[[terminals]]\nid = "till1"\nname = "1号收银台"\n'
        'provider = "ums"\nconnection = "/dev/ttyUSB9"\nprotocol = "enq"\n',
        encoding="utf-8",
    )
    d = drive("random", demo=False)
    d.start()
    # The first page already says the terminal is not connected, in Chinese, by its port.
    terminal = d.page.probes.row("terminal")
    assert terminal.state == "fail" and "/dev/ttyUSB9" in terminal.shown_line()
    notices = d.page.probes.row("notices")
    assert notices.state in ("error", "warn") and "Connect call failed" not in notices.shown_line()
    d.type("staff", "店长")
    d.next()
    assert d.step == "reboot"
    # Whether a restart is safe could not be checked: the page says so before the restart.
    assert d.page.banner.isVisible() and "维护短信" in d.page.banner.text()
    # No restart to watch on a port that is not there: the page says why instead of counting.
    assert "terminal.reboot" not in [row.probe_id for row in d.page.probes.rows()]
    row = d.page.probes.row("terminal")
    d.wait_until(lambda: row.state != "running")
    assert row.state == "fail" and "/dev/ttyUSB9" in row.shown_line()
    assert d.button(NEXT).isEnabled()


def test_language_and_situation_switches_keep_one_window_and_leave_nothing_behind(
    drive: Any,
) -> None:
    d = drive("router_down", speed=20.0)
    start = d.window.start_page

    def settle() -> None:
        d.wait_until(lambda: d.shell._attaching is None or d.shell._attaching.done())
        d.wait_until(lambda: d.window.controller is not None)
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    settle()
    widgets = len(QApplication.allWidgets())
    for _ in range(2):
        d.click(start.englishButton)
        settle()
        d.click(start.chineseButton)
        settle()
    options = start.scenarios.buttons()
    d.click(options[3])  # another situation, then back to the first
    settle()
    d.click(options[0])
    settle()
    windows = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    assert windows == [d.window]
    assert len(QApplication.allWidgets()) <= widgets + 5  # not a second copy of anything
    assert len(d.window.findChildren(TrainingPanel)) == 1


def test_a_switch_cut_short_by_closing_still_winds_down_the_old_machinery(drive: Any) -> None:
    from shiboken6 import Shiboken

    d = drive("terminal_reboot", speed=20.0)
    d.wait_until(lambda: d.window.controller is not None)
    old = d.window.controller
    d.click(d.window.start_page.englishButton)  # the old machinery is taken out at once...
    assert d.shell._attaching is not None
    d.shell._attaching.cancel()  # ...and the switch is cut short before it ran, as by closing
    d.close()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not Shiboken.isValid(old), "the old controller was left behind"


def test_training_offers_a_surprise_first_and_keeps_it_one_until_the_end(drive: Any) -> None:
    d = drive("random", speed=20.0)
    options = d.window.start_page.scenarios.buttons()
    assert options[0].text() == "随机抽一个" and options[0].isChecked()
    panel = d.window.findChild(TrainingPanel)
    assert panel is not None
    real = d.shell.session.scenario.title.zh_CN
    assert real not in panel.heading.text()  # the answer is not given away
    d.start()
    assert d.button(NEXT).isEnabled() and not d.button("back").isEnabled()  # first step
    assert real not in panel.heading.text()
