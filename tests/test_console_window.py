"""The manager console as a manager meets it: the PIN, the history, one incident in full with
its timeline, photos and corrections, the fault report, and a monkey of keys, clicks and wheel.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from images import jpeg_bytes
from monkey import act
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QFileDialog,
    QLineEdit,
    QTreeWidgetItemIterator,
    QWidget,
)

from posguide.console.access import ManagerAccess
from posguide.gui.console.photo_viewer import PhotoViewer
from posguide.gui.console.window import ConsoleSetup, ConsoleWindow
from posguide.store import IncidentStore, ProbeRecord

# Qt offscreen on a SQLite file: nothing machine-wide (no "gui" mark, which is for the window
# tests that use the training reader), so it runs in the other half of ./dev test.


def _incident(store: IncidentStore) -> int:
    """A real incident, recorded as the wizard records one."""
    incident = store.start_incident(terminal="1号收银台", reported_by="王芳",
                                    symptom="终端显示在维护中", error_code="96")  # fmt: skip
    step = store.begin_step(incident, "cables")
    store.record_probe(step, ProbeRecord(
        "network.gateway", "fail", "Router 192.168.1.1 does not answer",
        "2026-12-02T09:41:07+08:00", 2.5, {"rtt_ms": {"value": 1.8, "unit": "ms"}},
        {"address": "192.168.1.1"}, summary_source="Router {address} does not answer",
        summary_args={"address": "192.168.1.1"},
    ))  # fmt: skip
    store.save_step(step, answers={"cable_ok": True}, notes="重插网线")
    store.attach_photo(incident, jpeg_bytes((320, 240)), step_id=step, caption="路由器指示灯")
    store.record_escalation(incident, kind="alarm")
    store.record_escalation(incident, kind="alert", channel="店长群", attempt=1, ok=False,
                            detail="HTTP 500")  # fmt: skip
    store.record_escalation(incident, kind="called")
    store.close_incident(incident, outcome="resolved", cause="network")
    return incident


@pytest.fixture
def shop(db_path: Path) -> int:
    with IncidentStore.open(db_path) as store:
        _incident(store)
        return _incident(store)


@pytest.fixture
def console(qtbot, db_path: Path, tmp_path: Path, shop: int) -> Iterator[ConsoleWindow]:
    window = ConsoleWindow(ConsoleSetup(db_path, tmp_path, "zh_CN"))
    window.resize(1366, 768)
    window.show()
    yield window
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QFileDialog | PhotoViewer) and widget.isVisible():
            widget.close()
    if shiboken6.isValid(window):  # a test may have closed it (it deletes itself)
        window.close()


def _type(qtbot, edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    qtbot.keyClicks(edit, text)


def _unlock(qtbot, console: ConsoleWindow, pin: str = "2580") -> None:
    page = console.pin_page
    qtbot.waitUntil(lambda: page.setting is not None)
    _type(qtbot, page.pin, pin)
    if page.setting:
        _type(qtbot, page.again, pin)
    qtbot.keyClick(page.pin if not page.setting else page.again, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: console.is_open, timeout=5000)


def test_first_use_sets_the_pin_then_it_is_asked_each_time(qtbot, console, db_path, tmp_path):
    page = console.pin_page
    qtbot.waitUntil(lambda: page.setting is not None)
    assert page.setting and page.again.isVisible()
    _type(qtbot, page.pin, "1234")  # too easy: refused beside the field, nothing saved
    _type(qtbot, page.again, "1234")
    qtbot.keyClick(page.again, Qt.Key.Key_Return)
    assert "too easy" in page.message.text() and not console.is_open
    assert not ManagerAccess(db_path).is_set()
    page.pin.clear()
    page.again.clear()
    _unlock(qtbot, console)
    assert ManagerAccess(db_path).is_set()
    console.close()
    again = ConsoleWindow(ConsoleSetup(db_path, tmp_path, "zh_CN"))
    again.show()
    qtbot.waitUntil(lambda: again.pin_page.setting is False)
    assert not again.pin_page.again.isVisible()
    _type(qtbot, again.pin_page.pin, "9999")
    qtbot.keyClick(again.pin_page.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Wrong PIN" in again.pin_page.message.text())
    assert not again.is_open and again.pin_page.pin.text() == ""
    _unlock(qtbot, again)
    again.close()


def test_a_locked_console_counts_down_and_keeps_the_pin_field_off(qtbot, db_path, tmp_path):
    IncidentStore.open(db_path).close()
    ManagerAccess(db_path).set_pin("2580")
    for _ in range(5):
        ManagerAccess(db_path).check("1111")
    console = ConsoleWindow(ConsoleSetup(db_path, tmp_path, "zh_CN"))  # a restart meanwhile
    console.show()
    page = console.pin_page
    qtbot.waitUntil(lambda: page.setting is False and not page.pin.isEnabled())
    assert re.search(r"Try again in [45]:\d\d", page.message.text())
    _type(qtbot, page.pin, "2580")  # the field is off: nothing typed, nothing tried
    qtbot.keyClick(page.pin, Qt.Key.Key_Return)
    assert page.pin.text() == "" and not console.is_open
    console.close()


def _open_incident(qtbot, console: ConsoleWindow, row: int = 0) -> None:
    history = console.history
    assert history is not None and console.detail is not None
    qtbot.waitUntil(lambda: history.model.ready and history.model.rowCount() == 2)
    history.table.setFocus()
    history.table.setCurrentIndex(history.model.index(row, 0))
    qtbot.keyClick(history.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: console.detail.ready, timeout=5000)


def _timeline(console: ConsoleWindow) -> list[str]:
    assert console.detail is not None
    lines = []
    found = QTreeWidgetItemIterator(console.detail.timeline)
    while found.value():
        lines.append(f"{found.value().text(0)} {found.value().text(1)}".strip())
        found += 1
    return lines


def test_the_detail_tells_the_whole_story_in_time_order(qtbot, console, shop: int) -> None:
    _unlock(qtbot, console)
    _open_incident(qtbot, console)
    detail = console.detail
    assert detail is not None and detail.loaded is not None
    assert detail.loaded.detail.incident.id == shop
    text = "\n".join(_timeline(console))
    for expected in ("王芳", "终端显示在维护中", "192.168.1.1", "重插网线", "店长群", "HTTP 500",
                     "alarm went off", "provider has been called"):  # fmt: skip
        assert expected in text, expected
    # The probe's measurements are a click away: a child line of the probe's line.
    assert "1.8" in text
    tops = [
        detail.timeline.topLevelItem(i).text(1) for i in range(detail.timeline.topLevelItemCount())
    ]
    assert tops[0].startswith("Started by 王芳") and tops[-1].startswith("Ended")
    assert "2" in detail.summary.text()  # two incidents on 1号收银台 in 30 days
    assert detail.gallery.count() == 1
    qtbot.keyClick(detail, Qt.Key.Key_Escape)
    assert console.history_pages.currentWidget() is console.history


def test_a_correction_is_added_beside_the_record(qtbot, console, db_path: Path, shop) -> None:
    _unlock(qtbot, console)
    _open_incident(qtbot, console)
    detail = console.detail
    assert detail is not None
    detail.field.setCurrentIndex(detail.field.findData("cause"))
    detail.value_choice.setCurrentIndex(detail.value_choice.findData("power"))
    detail.author.clear()
    detail.amend_button.click()  # no name: explained, nothing saved
    assert "name" in detail.amend_note.text()
    _type(qtbot, detail.author, "Li")
    detail.reason.setFocus()
    event = QInputMethodEvent()
    event.setCommitString("当天停电")
    QApplication.sendEvent(detail.reason, event)
    detail.amend_button.click()
    qtbot.waitUntil(lambda: detail.ready and "停电" in "\n".join(_timeline(console)), timeout=5000)
    with IncidentStore.open(db_path) as store:
        found = store.get_incident(shop)
    assert found.incident.cause == "power" and found.recorded.cause == "network"
    assert found.amendments[0].reason == "当天停电" and found.amendments[0].author == "Li"
    history = console.history
    assert history is not None
    qtbot.waitUntil(lambda: history.model.ready)
    qtbot.waitUntil(lambda: history.model.data(history.model.index(0, 4)) == "停电或电源问题")


def test_a_photo_opens_full_size(qtbot, console) -> None:
    _unlock(qtbot, console)
    _open_incident(qtbot, console)
    detail = console.detail
    assert detail is not None
    gallery = detail.gallery
    gallery.setFocus()
    gallery.setCurrentRow(0)
    qtbot.keyClick(gallery, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(detail._viewers) and detail._viewers[0].isVisible())
    viewer = detail._viewers[0]
    qtbot.keyClick(viewer, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not detail._viewers)


def test_the_fault_report_pdf_and_message(qtbot, console, tmp_path: Path) -> None:
    _unlock(qtbot, console)
    _open_incident(qtbot, console)
    detail = console.detail
    assert detail is not None
    target = tmp_path / "报告.pdf"
    detail.save_pdf(target)
    qtbot.waitUntil(target.exists, timeout=10000)  # written on a thread of its own
    qtbot.waitUntil(lambda: "报告.pdf" in detail.status.text())
    document = QPdfDocument()
    document.load(str(target))
    text = unicodedata.normalize("NFKC", document.getAllText(0).text())
    assert "1号收银台" in text and "终端显示在维护中" in text and "192.168.1.1" in text
    document.close()
    detail.message_button.click()
    message = QApplication.clipboard().text()
    assert "1号收银台" in message and len(message.encode()) <= 2048


# --- the monkey -------------------------------------------------------------------------------

KEYS = [
    Qt.Key.Key_Escape, Qt.Key.Key_Return, Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Space,
    Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageDown, Qt.Key.Key_End, Qt.Key.Key_Home,
    Qt.Key.Key_Plus, Qt.Key.Key_Minus, Qt.Key.Key_1, Qt.Key.Key_Backspace,
]  # fmt: skip
MNEMONICS = [Qt.Key.Key_H, Qt.Key.Key_S, Qt.Key.Key_B, Qt.Key.Key_O, Qt.Key.Key_L,
             Qt.Key.Key_C, Qt.Key.Key_M, Qt.Key.Key_J]  # fmt: skip
TEXTS = ["维护", "网线", "96", "2580"]


def _targets() -> list[QWidget]:
    kinds = (QAbstractButton, QLineEdit, QComboBox)
    found = []
    for root in QApplication.topLevelWidgets():
        if not root.isVisible() or isinstance(root, QFileDialog):
            continue
        for widget in root.findChildren(QWidget):
            if isinstance(widget, kinds) and widget.isVisible() and widget.isEnabled():
                found.append(widget)
    return found


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2])
# The offscreen platform's notes when a popup opens or a window is raised: not posguide's.
@pytest.mark.qt_log_ignore("does not support (raise|grabbing the keyboard|propagateSizeHints)")
def test_the_console_monkey_never_crashes(qtbot, console, db_path: Path, seed: int) -> None:
    with IncidentStore.open(db_path) as store:
        for _ in range(30):
            _incident(store)
    _unlock(qtbot, console)
    rng = random.Random(seed)
    done: list[str] = []
    for _ in range(400):
        done.append(act(rng, console, keys=KEYS, mnemonics=MNEMONICS, texts=TEXTS,
                        candidates=_targets(), click_share=0.88))  # fmt: skip
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QFileDialog) and widget.isVisible():
                widget.reject()  # inside it the monkey would browse this machine's disk
            elif widget.inherits("QMessageBox") and widget.isVisible():
                widget.close()
        qtbot.wait(rng.choice([0, 1, 5]))
        if not console.isVisible():  # Ctrl+W or the like closed it: that is allowed
            break
    assert done


def test_the_list_keeps_its_place_after_a_correction(qtbot, console) -> None:
    _unlock(qtbot, console)
    _open_incident(qtbot, console, row=1)
    detail, history = console.detail, console.history
    assert detail is not None and history is not None and detail.loaded is not None
    corrected = detail.loaded.detail.incident.id
    detail.field.setCurrentIndex(detail.field.findData("notes"))
    detail.value_text.setText("更正后的备注")
    detail.reason.setText("补充")
    detail.author.setText("Li")
    detail.amend_button.click()
    qtbot.waitUntil(lambda: "更正后的备注" in "\n".join(_timeline(console)), timeout=5000)
    qtbot.keyClick(detail, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: history.model.ready)
    current = history.table.currentIndex()
    assert history.model.incident_id(current.row()) == corrected and current.row() == 1


def test_the_manager_button_never_takes_the_focus_from_start(qtbot) -> None:
    from posguide.gui.window import MainWindow

    window = MainWindow(language="zh_CN", training=True)
    qtbot.addWidget(window)
    window.show()
    page = window.start_page
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.start_button)
    with qtbot.waitSignal(page.managerRequested):
        qtbot.mouseClick(page.manager_button, Qt.MouseButton.LeftButton)
    assert QApplication.focusWidget() is page.start_button  # Enter still means Start
    with qtbot.waitSignal(page.managerRequested):  # and the keyboard reaches it: Alt+M
        qtbot.keyClick(page.start_button, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
