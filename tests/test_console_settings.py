"""The console's settings behind the PIN: the assistant's sections as tabs with one Save that keeps
the file's comments and refuses bad input beside its field; manual notices (paste an SMS, add,
correct, withdraw); the data folder and its backups, a restore carried out at the next start."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import shiboken6
from gui_driver import release
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from posguide.config import load_config
from posguide.gui.app import attach_asyncio
from posguide.gui.console.window import ConsoleSetup, ConsoleWindow
from posguide.gui.errors import ErrorPath
from posguide.gui.i18n import Translators
from posguide.probes.notices.sms import find_windows
from posguide.store import IncidentStore, list_backups
from posguide.store.notices import all_manual_notices, current_manual_notices
from posguide.store.pending import ask_restore, pending_restore, restore_if_asked

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "posguide.example.toml"


def _type(qtbot: Any, widget: Any, text: str) -> None:
    widget.setFocus()
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def _answer(qtbot: Any, words: str) -> None:
    """Press the button of the open question whose text has ``words``."""
    qtbot.waitUntil(lambda: any(isinstance(w, QMessageBox) and w.isVisible()
                                for w in QApplication.topLevelWidgets()))  # fmt: skip
    box = next(w for w in QApplication.topLevelWidgets()
               if isinstance(w, QMessageBox) and w.isVisible())  # fmt: skip
    button = next(b for b in box.buttons() if words in b.text())
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.fixture
def console(qtbot: Any, tmp_path: Path) -> Iterator[ConsoleWindow]:
    home = tmp_path / "home"
    home.mkdir()
    shutil.copy(EXAMPLE, home / "posguide.toml")
    with IncidentStore.open(home / "posguide.db") as store:
        incident = store.start_incident(terminal="till1", symptom="在维护中")
        store.close_incident(incident, outcome="resolved", cause="network")
    loop = attach_asyncio(QApplication.instance(), ErrorPath(home / "logs"))  # type: ignore[arg-type]
    config = load_config(home / "posguide.toml")
    window = ConsoleWindow(ConsoleSetup(home / "posguide.db", home, "zh_CN", config=config))
    window.resize(1366, 768)
    window.show()
    page = window.pin_page
    qtbot.waitUntil(lambda: page.setting is not None)
    for edit in (page.pin, page.again):
        edit.setFocus()
        qtbot.keyClicks(edit, "2580")
    qtbot.keyClick(page.again, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.is_open, timeout=5000)
    qtbot.keyClick(window.tabs, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    assert window.tabs is not None and window.tabs.currentWidget() is window.settings
    yield window
    if shiboken6.isValid(window):
        window.close()
    qtbot.wait(50)
    release(loop)


def test_a_section_saved_keeps_the_comments_and_reaches_the_shop(
    qtbot: Any, console: ConsoleWindow
) -> None:
    settings = console.settings
    assert settings is not None
    path = settings.path
    before = path.read_text(encoding="utf-8")
    shop = settings.sections[0]
    assert shop.name.text() == "示例便利店"  # type: ignore[attr-defined]
    shop.name.clear()  # type: ignore[attr-defined]
    _type(qtbot, shop.name, "新名字便利店")  # type: ignore[attr-defined]
    shop.minutes.setValue(5)  # type: ignore[attr-defined]
    with qtbot.waitSignal(console.configured) as saved:
        qtbot.mouseClick(settings.save_button, Qt.MouseButton.LeftButton)
    assert saved.args[0].shop.name == "新名字便利店"
    config = load_config(path)
    assert config.shop.escalation_minutes == 5
    after = path.read_text(encoding="utf-8")
    assert [x for x in before.splitlines() if x.startswith("#")] == [
        x for x in after.splitlines() if x.startswith("#")
    ]


def test_a_terminal_is_changed_in_place(qtbot: Any, console: ConsoleWindow) -> None:
    settings = console.settings
    assert settings is not None
    settings.tabs.setCurrentIndex(1)
    page = settings.sections[1]
    page.added.setCurrentRow(0)  # type: ignore[attr-defined]  # 1号收银台, on COM3
    assert page.name.text() == "1号收银台"  # type: ignore[attr-defined]
    qtbot.mouseClick(page.uplink_buttons["cellular"], Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert page.added.count() == 2  # type: ignore[attr-defined]  # changed, not added
    with qtbot.waitSignal(console.configured):
        qtbot.mouseClick(settings.save_button, Qt.MouseButton.LeftButton)
    till1 = load_config(settings.path).terminal("till1")
    assert till1 is not None and till1.uplink == "cellular"
    assert till1.connection == "COM3" and till1.usb_vid_pid == (0x1A86, 0x7523)
    assert till1.backup == "till2"
    till2 = load_config(settings.path).terminal("till2")
    assert till2 is not None and till2.backup == "till1"  # each the other's backup, as before


def test_bad_input_is_refused_beside_its_field_and_nothing_is_saved(
    qtbot: Any, console: ConsoleWindow
) -> None:
    settings = console.settings
    assert settings is not None
    before = settings.path.read_bytes()
    provider_tab = 4
    settings.tabs.setCurrentIndex(provider_tab)
    provider = settings.sections[provider_tab]
    provider.hotline.clear()  # type: ignore[attr-defined]
    _type(qtbot, provider.hotline, "call us")  # type: ignore[attr-defined]
    settings.tabs.setCurrentIndex(0)  # the answer is kept when the tab is left
    qtbot.mouseClick(settings.save_button, Qt.MouseButton.LeftButton)
    assert settings.tabs.currentIndex() == provider_tab  # taken to the field
    error = provider.errors["providers[0].hotline"]
    assert error.isVisible() and "phone number" in error.text()
    assert "Not saved" in settings.status.text()
    assert settings.path.read_bytes() == before


def test_the_chinese_console_explains_a_refused_value_in_chinese(
    qtbot: Any, qapp: QApplication, console: ConsoleWindow
) -> None:
    """The manager reads why a value was refused in the window's language (the file, the log
    and the CLI keep the English line)."""
    translators = Translators(qapp)
    translators.switch("zh_CN")
    try:
        settings = console.settings
        assert settings is not None
        provider_tab = 4
        settings.tabs.setCurrentIndex(provider_tab)
        provider = settings.sections[provider_tab]
        provider.hosts.clear()  # type: ignore[attr-defined]
        _type(qtbot, provider.hosts, "pay.example.cn:99999")  # type: ignore[attr-defined]
        qtbot.mouseClick(settings.save_button, Qt.MouseButton.LeftButton)
        shown = provider.errors["providers[0].payment_hosts"].text()
        assert shown.startswith("应填：“主机:端口”，例如“pay.example.cn:443”"), shown
        assert '现在是 "pay.example.cn:99999"' in shown and "expected" not in shown, shown
    finally:
        translators.uninstall()


def test_a_notice_from_an_sms_is_added_corrected_and_withdrawn(
    qtbot: Any, console: ConsoleWindow
) -> None:
    settings = console.settings
    assert settings is not None
    notices = settings.notices
    with qtbot.waitSignal(notices.changed):
        settings.tabs.setCurrentWidget(notices)
    sms = "【银联商务】尊敬的商户：定于12月28日00:00至04:00进行系统升级，期间暂停交易。"
    _type(qtbot, notices.sms, sms)
    qtbot.mouseClick(notices.fill_button, Qt.MouseButton.LeftButton)
    # The SMS speaks Beijing time; the form shows this PC's clock.
    shanghai = ZoneInfo("Asia/Shanghai")
    [window] = find_windows(sms, now=datetime.now(shanghai), tz=shanghai)  # read as the CLI does
    beijing = window.starts.astimezone()
    assert window.starts.astimezone(shanghai).strftime("%m-%d %H:%M") == "12-28 00:00"
    assert notices.starts.dateTime().toString("MM-dd HH:mm") == f"{beijing:%m-%d %H:%M}"
    assert "系统升级" in notices.title.text()
    with qtbot.waitSignal(notices.changed, timeout=5000):
        qtbot.mouseClick(notices.add_button, Qt.MouseButton.LeftButton)
    database = settings.data_root / "posguide.db"
    with IncidentStore.open(database) as store:
        [added] = current_manual_notices(store)
    assert added.source == "sms" and added.provider_id == "ums"
    assert added.ends is not None and (added.ends - added.starts).total_seconds() == 4 * 3600

    notices.list.setCurrentRow(0)  # picked: the form holds it, to correct
    notices.open_end.setChecked(True)
    with qtbot.waitSignal(notices.changed, timeout=5000):
        qtbot.mouseClick(notices.add_button, Qt.MouseButton.LeftButton)
    with IncidentStore.open(database) as store:
        [corrected] = current_manual_notices(store)
        assert len(all_manual_notices(store)) == 2  # the first is kept, withdrawn
    assert corrected.ends is None and corrected.id != added.id

    notices.list.setCurrentRow(0)
    qtbot.mouseClick(notices.withdraw_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(notices.changed, timeout=5000):
        _answer(qtbot, "Withdraw")
    with IncidentStore.open(database) as store:
        assert current_manual_notices(store) == []


class _Opened(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


def test_data_folder_backup_now_and_a_restore_asked_for(qtbot: Any, console: ConsoleWindow) -> None:
    settings = console.settings
    assert settings is not None
    data = settings.data
    with qtbot.waitSignal(data.changed):
        settings.tabs.setCurrentWidget(data)
    assert str(settings.data_root) in data.where.text()
    opened = _Opened()
    QDesktopServices.setUrlHandler("file", opened, "open")
    try:
        qtbot.mouseClick(data.open_button, Qt.MouseButton.LeftButton)
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [u.toLocalFile() for u in opened.urls] == [str(settings.data_root)]

    with qtbot.waitSignal(data.changed, timeout=10000):
        qtbot.mouseClick(data.backup_button, Qt.MouseButton.LeftButton)
    [made] = list_backups(settings.data_root / "backups")
    assert data.backups == [made] and "Backup written" in data.status.text()

    data.list.setCurrentRow(0)
    qtbot.mouseClick(data.restore_button, Qt.MouseButton.LeftButton)
    _answer(qtbot, "Keep")  # the safe answer first: nothing asked
    assert pending_restore(settings.data_root) is None
    qtbot.mouseClick(data.restore_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(data.changed, timeout=5000):
        _answer(qtbot, "Restore")
    assert pending_restore(settings.data_root) == made.resolve()
    assert "next start" in data.list.item(0).text()


# --- the restore at the next start (what the shell does before opening the database) ---------


def _incidents(database: Path) -> int:
    with sqlite3.connect(database) as conn:
        return int(conn.execute("SELECT count(*) FROM incidents").fetchone()[0])


def test_a_restore_asked_for_is_done_once_at_the_next_start(tmp_path: Path) -> None:
    database = tmp_path / "posguide.db"
    with IncidentStore.open(database) as store:
        store.start_incident(terminal="till1")
    from posguide.store import backup_database

    source = sqlite3.connect(database)
    backup = backup_database(source, tmp_path / "backups", keep=5)
    source.close()
    with IncidentStore.open(database) as store:
        store.start_incident(terminal="till2")  # recorded after the backup
    assert restore_if_asked(tmp_path, database) is None  # nothing asked
    ask_restore(tmp_path, backup)
    report = restore_if_asked(tmp_path, database)
    assert report is not None and not isinstance(report, Exception)
    assert _incidents(database) == 1
    assert report.safety_copy is not None and _incidents(report.safety_copy) == 2
    assert pending_restore(tmp_path) is None
    assert restore_if_asked(tmp_path, database) is None  # done once


def test_a_damaged_backup_is_reported_once_and_nothing_changes(tmp_path: Path) -> None:
    database = tmp_path / "posguide.db"
    with IncidentStore.open(database) as store:
        store.start_incident(terminal="till1")
    bad = tmp_path / "backups" / "posguide-20260101-000000-000000.db"
    bad.parent.mkdir()
    bad.write_bytes(b"not a database" * 100)
    ask_restore(tmp_path, bad)
    before = database.read_bytes()
    problem = restore_if_asked(tmp_path, database)
    assert isinstance(problem, Exception)
    assert database.read_bytes() == before
    assert pending_restore(tmp_path) is None
