"""The wizard end to end through the real window: each playbook path a trainee can take, on
training mode's simulators, with the incident checked in the SQLite file afterwards."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from gui_driver import BACK, FINISH, NEXT, SKIP, Driver
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QPushButton

from posguide.gui.training_panel import TrainingPanel
from posguide.gui.wizard.finish_page import FinishPage
from posguide.store import IncidentStore
from posguide.timeutil import now

pytestmark = [
    pytest.mark.gui,
    pytest.mark.timeout(180),
]


@pytest.fixture
def drive(qtbot: Any, tmp_path: Path) -> Iterator[Any]:
    drivers: list[Driver] = []

    def make(scenario: str, language: str = "zh_CN") -> Driver:
        driver = Driver(qtbot, tmp_path / "home", scenario, language)
        drivers.append(driver)
        return driver

    yield make
    for driver in drivers:
        driver.close()


def incident(tmp_path: Path) -> Any:
    with IncidentStore.open(tmp_path / "home" / "posguide.db") as store:
        ids = [r[0] for r in store.db.execute("SELECT id FROM incidents ORDER BY id")]
        return store.get_incident(ids[-1])


def symptom(d: Driver, name: str = "王芳") -> None:
    assert d.step == "symptom"
    d.type("staff", name)
    d.next()


def finish(d: Driver) -> FinishPage:
    page = d.view.current_page()
    assert isinstance(page, FinishPage)
    return page


def test_an_active_provider_notice_goes_straight_to_the_backup(drive: Any, tmp_path: Path) -> None:
    d = drive("provider_maintenance")
    d.start()
    assert d.probe_status("notices") == "fail"
    symptom(d)
    assert d.step == "backup"  # the restart step is skipped: it could strand transactions
    assert d.page.banner.isVisible()
    assert "不要重启" in d.page.banner.text()
    # The backup is off (and on the same provider): the customer pays by QR code instead.
    assert d.probe_status("backup.terminal") == "fail"
    d.training("take_other_payment")
    d.choose("payment_method", "qr")
    d.next()
    page = finish(d)
    done = d.window.controller.session.finished
    assert done is not None and done.outcome == "backup"
    assert (
        page.debrief.isVisible() and "不要重启" in page.debrief.text()
    )  # training: what was right
    assert d.window.escalation.state == "stopped"
    assert "收款" in page.summary.text()  # 用备用设备或其他方式收款
    d.press(FINISH)
    recorded = incident(tmp_path)
    assert recorded.incident.outcome == "backup"
    assert recorded.incident.cause == "provider_maintenance"
    assert recorded.incident.training is True
    assert recorded.incident.reported_by == "王芳"
    assert [s.step_key for s in recorded.steps] == ["symptom", "backup"]
    assert recorded.steps[0].probes[0].probe_id == "notices"


def test_a_restart_fixes_the_terminal(drive: Any, tmp_path: Path) -> None:
    d = drive("terminal_reboot")
    d.start()
    symptom(d)
    assert d.step == "reboot"
    d.training("restart_terminal")  # the trainee holds the power button
    d.wait_probes()
    assert d.probe_status("terminal.reboot") == "ok"
    assert d.probe_status("terminal") == "ok"
    d.choose("reboot_fixed", True)
    d.next()
    assert "已解决" in finish(d).summary.text()
    d.press(FINISH)
    recorded = incident(tmp_path)
    assert (recorded.incident.outcome, recorded.incident.cause) == ("resolved", "terminal_restart")
    reboot = next(s for s in recorded.steps if s.step_key == "reboot")
    watcher = next(p for p in reboot.probes if p.probe_id == "terminal.reboot")
    assert watcher.detail["went_offline"] is True and watcher.detail["came_back"] is True


def test_the_next_incident_starts_afresh_in_the_same_window(drive: Any, tmp_path: Path) -> None:
    d = drive("provider_maintenance")
    d.start()
    symptom(d)
    assert d.step == "backup"
    d.choose("payment_method", "qr")
    d.next()
    d.press(FINISH)
    assert d.window.stack.currentWidget() is d.window.start_page  # back to the start
    d.start()  # the next customer, the next incident
    assert d.step == "symptom"
    staff = d.question("staff").findChild(QLineEdit)
    assert staff is not None and staff.text() == "王芳"  # the cashier on shift: not retyped
    symptom(d, "小张")
    assert d.step == "backup"
    with IncidentStore.open(tmp_path / "home" / "posguide.db") as store:
        [first, second] = [store.get_incident(r[0]) for r in
                           store.db.execute("SELECT id FROM incidents ORDER BY id")]  # fmt: skip
    assert first.incident.outcome == "backup"
    assert second.incident.outcome is None and second.incident.reported_by == "小张"
    assert [(s.step_key, s.status) for s in second.steps] == [
        ("symptom", "done"),
        ("backup", "running"),
    ]


def test_a_dead_router_is_found_and_a_router_restart_fixes_it(drive: Any, tmp_path: Path) -> None:
    d = drive("router_down")
    d.start()
    symptom(d)
    d.press(SKIP)  # the cashier skips the restart
    d.wait_probes()
    assert d.step == "cables"
    assert d.probe_status("network.gateway") == "fail"
    assert d.page.probes.verdict_text()  # the verdict tells what to do
    d.training("restart_router")
    # The router takes a while to come back: check again until it answers, as staff would.
    for _attempt in range(10):
        d.qtbot.wait(1000)
        d.click(d.page.probes.run_again_button)
        d.wait_probes()
        if d.probe_status("network.gateway") == "ok":
            break
    assert d.probe_status("network.gateway") == "ok"
    assert not d.page.probes.verdict_text()
    d.choose("lights", "power")
    d.choose("lights", "wan")
    d.choose("cables_fixed", True)
    d.choose("cables_fix", "router")
    d.next()
    finish(d)
    d.press(FINISH)
    recorded = incident(tmp_path)
    assert (recorded.incident.outcome, recorded.incident.cause) == ("resolved", "router")
    assert [s.status for s in recorded.steps][:2] == ["done", "skipped"]


def test_a_broken_terminal_reader_leads_to_another_payment_method(
    drive: Any, tmp_path: Path
) -> None:
    d = drive("reader_broken")
    d.start()
    symptom(d)
    d.press(SKIP)
    d.wait_probes()
    assert d.step == "cables"
    d.choose("cables_fixed", False)
    d.next()
    assert d.step == "reader"
    d.choose("reader_methods", "none")
    d.next()
    assert d.step == "backup"
    d.choose("payment_method", "qr")
    d.next()
    finish(d)
    d.press(FINISH)
    recorded = incident(tmp_path)
    assert (recorded.incident.outcome, recorded.incident.cause) == ("backup", "reader")


def test_back_keeps_the_answers_already_given(drive: Any, tmp_path: Path) -> None:
    d = drive("backup_needed")
    d.start()
    symptom(d, "小李")
    d.press(BACK)
    assert d.step == "symptom"
    edit = d.question("staff").findChild(QLineEdit)
    assert edit is not None and edit.text() == "小李"
    d.next()
    assert d.step == "reboot"


def recorded_escalations(home: Path) -> set[str]:
    with IncidentStore.open(home / "home" / "posguide.db") as store:
        return {r[0] for r in store.db.execute("SELECT kind FROM escalations")}


def test_nothing_fixes_it_so_the_alarm_goes_off_and_the_group_is_alerted(
    drive: Any, tmp_path: Path
) -> None:
    d = drive("escalation")
    d.start()
    bar = d.window.escalation
    assert bar.isVisible()
    # Eleven minutes later, as far as the timer is concerned.
    bar.clock = lambda: now() + timedelta(minutes=11)
    d.wait_until(lambda: bar.state == "alarm", 5000)
    session = d.shell.session
    assert session is not None
    d.wait_until(lambda: len(session.received_alerts()) == 1, 20000)
    alert = session.received_alerts()[0]
    assert "在维护中" in alert.text or "1号收银台" in alert.text
    # The receiver answers before the sender records the attempt: wait for the record.
    d.wait_until(lambda: {"alarm", "alert"} <= recorded_escalations(tmp_path), 5000)
    # And on to the provider: the fault description is there to read out.
    symptom(d)
    d.press(SKIP)
    d.wait_probes()
    d.choose("cables_fixed", False)
    d.next()
    d.choose("reader_methods", "none")
    d.next()
    d.choose("payment_method", "none")
    d.next()
    assert d.step == "call"
    report = d.page.report
    assert report is not None and "在维护中" in report.text.toPlainText()
    # Only "not paid yet" leads here: "not fixed, handed over" is already chosen.
    chosen = [b for b in d.question("outcome").findChildren(QAbstractButton) if b.isChecked()]
    assert [b.property("choice") for b in chosen] == ["escalated"]
    d.next()
    d.press(FINISH)
    assert incident(tmp_path).incident.outcome == "escalated"


def test_an_interrupted_incident_is_offered_for_resuming(
    drive: Any, qtbot: Any, tmp_path: Path
) -> None:
    first = drive("backup_needed")
    first.start()
    symptom(first, "小张")
    assert first.step == "reboot"
    first.close()  # the PC went off in the middle
    again = drive("backup_needed")
    start = again.window.start_page
    assert start.unfinished.isVisible()
    again.resume()
    assert again.step == "reboot"
    again.press(BACK)
    edit = again.question("staff").findChild(QLineEdit)
    assert edit is not None and edit.text() == "小张"


def test_switching_to_english_retranslates_the_window(drive: Any) -> None:
    d = drive("terminal_reboot")
    assert d.window.start_page.start_button.text() == "开始(&S)"
    assert d.button(NEXT).text().startswith("下一步")
    [panel] = d.window.findChildren(TrainingPanel)
    assert panel.title() == "培训"  # built after the translator is in
    english = next(
        b for b in d.window.start_page.findChildren(QPushButton) if b.property("language") == "en"
    )
    before = d.window
    d.click(english)
    d.wait_until(lambda: d.shell._attaching is not None and d.shell._attaching.done())
    assert d.window is before  # one window for the whole session
    assert d.window.start_page.heading.text().startswith("Card terminal problem")
    d.start()
    assert d.page.title.text() == "First, what does the terminal show?"
    [panel] = d.window.findChildren(TrainingPanel)
    assert panel.title() == "Training"


def test_a_broken_shop_playbook_is_reported_and_the_built_in_one_used(
    qtbot: Any, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "playbook.yaml").write_text("version: 1\nsteps:\n  - id: only\n    titel: x\n",
                                        encoding="utf-8")  # fmt: skip
    (home / "posguide.toml").write_text('[shop]\nplaybook = "playbook.yaml"\n', encoding="utf-8")
    d = Driver(qtbot, home, "terminal_reboot")
    try:
        warning = d.window.start_page.warning
        assert warning.isVisible()
        assert "playbook.yaml:3: steps[0]" in warning.text()  # file and line of the mistake
        d.start()
        assert d.step == "symptom"  # the built-in playbook runs
    finally:
        d.close()


def test_photos_pasted_dropped_or_added_from_a_file_are_kept_with_the_step(
    drive: Any, tmp_path: Path
) -> None:
    from images import jpeg_bytes
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication, QImage

    d = drive("router_down")
    d.start()
    d.click(d.page.extrasToggle)  # "notes and photos" opens
    strip = d.page.photos
    # Paste: a screenshot of the terminal's screen on the clipboard.
    QGuiApplication.clipboard().setImage(QImage.fromData(jpeg_bytes((800, 600), "red")))
    stored = d.window.controller.photoStored
    with d.qtbot.waitSignal(stored, timeout=20000):
        d.click(strip._paste_button)
    assert len(strip.thumbnails()) == 1
    # From a file, as the file dialog would hand it over.
    photo = tmp_path / "router.jpg"
    photo.write_bytes(jpeg_bytes((1200, 900), "green"))
    strip.add_files([str(photo)])
    d.wait_until(lambda: len(strip.thumbnails()) == 2)
    assert len(strip.thumbnails()) == 2
    # Dropped from the file manager.
    dropped = tmp_path / "lights.jpg"
    dropped.write_bytes(jpeg_bytes((640, 480), "blue"))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(dropped))])
    where, action = QPointF(5, 5), Qt.DropAction.CopyAction
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(where.toPoint(), action, mime, buttons, keys)
    QApplication.sendEvent(strip, enter)
    assert enter.isAccepted()
    drop = QDropEvent(where, action, mime, buttons, keys)
    QApplication.sendEvent(strip, drop)
    d.wait_until(lambda: len(strip.thumbnails()) == 3)
    # A file that is not a picture: a clear message, nothing stored.
    bogus = tmp_path / "notes.jpg"
    bogus.write_text("not a photo", encoding="utf-8")
    strip.add_files([str(bogus)])
    d.wait_until(lambda: bool(strip.error_text()))
    assert "图片" in strip.error_text() or "照片" in strip.error_text()
    assert len(strip.thumbnails()) == 3
    # One was attached by mistake: "remove" under it takes it back.
    card = strip.thumbnails()[0].parentWidget()
    d.click(next(b for b in card.findChildren(QPushButton) if b.objectName() == "removePhoto"))
    d.wait_until(lambda: len(strip.thumbnails()) == 2)
    photos = incident(tmp_path).photos
    assert len(photos) == 2
    assert {p.caption for p in photos} == {"router.jpg", "lights.jpg"}
    assert all(p.step_id is not None for p in photos)


def test_a_configured_shop_runs_its_real_checks_and_keeps_real_history(
    qtbot: Any, tmp_path: Path
) -> None:
    """Not training: the shop's own posguide.toml, its terminal and provider (here simulators
    standing in for the real ones), and incidents recorded as real ones."""
    import asyncio
    import threading

    from posguide.sim.shop import SimulatedShop

    home = tmp_path / "home"
    home.mkdir()
    # The stand-ins run on their own loop in a thread, as a real shop's devices run elsewhere.
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    shop = SimulatedShop()
    d: Driver | None = None
    try:
        asyncio.run_coroutine_threadsafe(shop.start(), loop).result(30)
        shop.feeds.scenario = "maintenance_active"
        shop.write_config(home / "posguide.toml")
        d = Driver(qtbot, home, "random", demo=False)
        assert not d.window.start_page.training_box.isVisible()
        assert "TRAINING" not in d.window.windowTitle()
        d.start()
        assert d.probe_status("notices") == "fail"  # the provider's feed announces maintenance
        d.type("staff", "店长")
        d.next()
        assert d.step == "backup"
        assert d.probe_status("backup.terminal") == "ok"  # the configured backup terminal
        d.choose("payment_method", "backup_terminal")
        d.next()
        d.press(FINISH)
        recorded = incident(tmp_path)
        assert recorded.incident.training is False
        assert (recorded.incident.outcome, recorded.incident.cause) == (
            "backup",
            "provider_maintenance",
        )
    finally:
        if d is not None:
            d.close()
        asyncio.run_coroutine_threadsafe(shop.stop(), loop).result(30)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()
