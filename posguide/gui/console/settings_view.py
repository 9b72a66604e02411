"""The console's settings (behind the PIN): the setup assistant's sections as tabs, with one Save;
the manual maintenance notices; the backups; the data folder.

The sections are the assistant's own pages (``posguide.gui.setup``) on the same draft, so a
setting is edited, checked and saved one way only. Notices and backups are this PC's: they go
to its database and its backups folder, not through the console's incident interface.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from serial.tools.list_ports import comports

from posguide.config import ConfigError, ConfigWriteError, load_config
from posguide.config.model import StorageSection
from posguide.gui.console.data_tab import DataTab
from posguide.gui.console.notices_tab import NoticesTab
from posguide.gui.i18n import translate
from posguide.gui.setup.common import Page, accept_page, result_label, say, send_test_alert
from posguide.gui.setup.pages import (
    AlertsPage,
    NetworkPage,
    ProviderPage,
    ReaderPage,
    ShopPage,
    StaffPage,
)
from posguide.gui.setup.terminals_page import TerminalsPage
from posguide.setup.draft import problems_of, read_draft, save
from posguide.setup.ports import ListPorts


class SettingsView(QWidget):
    saved = Signal(object)  # the ShopConfig now in force

    def __init__(
        self, config_path: Path, data_root: Path, *, list_ports: ListPorts = comports
    ) -> None:
        super().__init__()
        self.path, self.data_root = config_path, data_root
        self.draft = read_draft(self.path)
        self.sections: list[Page] = [
            ShopPage(self), TerminalsPage(self, list_ports), ReaderPage(self), NetworkPage(self),
            ProviderPage(self), AlertsPage(self), StaffPage(self),
        ]  # fmt: skip
        self.notices = NoticesTab(data_root, self._providers)
        self.data = DataTab(data_root, keep=self._backup_keep())
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settingsTabs")
        for page in self.sections:
            self.tabs.addTab(self._framed(page), "")
        self.tabs.addTab(self.notices, "")
        self.tabs.addTab(self.data, "")
        self.tabs.currentChanged.connect(self._switched)
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveSettings")
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton()
        self.revert_button.clicked.connect(self.revert)
        self.status = result_label("settingsStatus")
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        self._current: Page | None = None
        self._retranslate()
        self._check_file()

    def _check_file(self) -> None:
        """A file that does not validate (a hand edit) is said at once, its refused values
        marked beside their fields."""
        try:
            load_config(self.path)
        except ConfigError as err:
            words = self.tr("The settings file has a mistake: correct the marked fields and save.")
            if not self._mark(err, words):
                say(self.status, str(err), ok=False)

    def _mark(self, err: ConfigError, words: str) -> bool:
        """Each refused value beside its field, the first such section shown, ``words`` below;
        False when none belongs to a field here."""
        problems = problems_of(err, translate)
        marked = [i for i, page in enumerate(self.sections) if page.show_problems(problems)]
        if marked:
            self.tabs.setCurrentIndex(marked[0])
            say(self.status, words, ok=False)
        return bool(marked)

    def _framed(self, page: Page) -> QWidget:
        """A section with its explanation on top (a wizard shows it in its header)."""
        frame = QWidget()
        layout = QVBoxLayout(frame)
        intro = QLabel()
        intro.setWordWrap(True)
        intro.setObjectName("sectionIntro")
        page.setProperty("intro", intro)
        layout.addWidget(intro)
        layout.addWidget(page, 1)
        return frame

    def _backup_keep(self) -> int:
        """[storage] backup_keep: a backup made here prunes as the daily one does."""
        try:
            return load_config(self.path).storage.backup_keep
        except ConfigError:
            return StorageSection().backup_keep

    def _providers(self) -> list[tuple[str, str]]:
        """(id, name) of the providers in force, for the notices' choice."""
        try:
            config = load_config(self.path)
        except ConfigError:
            return []
        return [(p.id, p.display_name) for p in config.providers]

    # --- the host the pages expect -------------------------------------------------------------

    def accept_page(self, page: Page) -> bool:
        return accept_page(self, page)

    async def send_test_alert(self, channel: Any) -> Any:
        return await send_test_alert(self.data_root, self.draft.language, channel)

    # --- showing, saving ----------------------------------------------------------------------

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._current is None:
            self._switched(self.tabs.currentIndex())

    def hideEvent(self, event: Any) -> None:
        self._leave()
        super().hideEvent(event)

    def _switched(self, index: int) -> None:
        self._leave()
        page = self.sections[index] if index < len(self.sections) else None
        self._current = page
        for button in (self.save_button, self.revert_button):  # notices and backups act at once
            button.setVisible(page is not None)
        if page is not None:
            page.initializePage()  # the draft into the fields; live lists start
        elif self.tabs.widget(index) is self.notices:
            self.notices.refresh()
        elif self.tabs.widget(index) is self.data:
            self.data.refresh()

    def _leave(self) -> None:
        """The section being left keeps its answers in the draft and stops its lists."""
        if self._current is not None:
            self._current.store_fields()
            self._current.stop()

    def save(self) -> None:
        if self._current is not None:
            self._current.store_fields()
        try:
            config = save(self.path, self.draft)
        except ConfigWriteError as err:
            say(self.status, str(err), ok=False)
            return
        except ConfigError as err:
            if not self._mark(err, self.tr("Not saved: correct the marked fields.")):
                say(self.status, str(err), ok=False)
            return
        for page in self.sections:
            page.show_problems([])
        say(self.status, self.tr("Saved. New incidents use these settings."), ok=True)
        self.saved.emit(config)

    def revert(self) -> None:
        """Back to what the file says."""
        self.draft = read_draft(self.path)
        if self._current is not None:
            self._current.initializePage()
        say(self.status, self.tr("Back to the saved settings."))

    def stop(self) -> None:
        self._leave()
        for page in self.sections:
            page.stop()
        self.notices.stop()
        self.data.stop()

    # --- language ------------------------------------------------------------------------------

    def _retranslate(self) -> None:
        for index, page in enumerate(self.sections):
            page.retranslate()  # type: ignore[attr-defined]
            self.tabs.setTabText(index, page.title())
            intro = page.property("intro")
            if isinstance(intro, QLabel):
                intro.setText(page.subTitle())
        self.tabs.setTabText(len(self.sections), self.tr("Notices"))
        self.tabs.setTabText(len(self.sections) + 1, self.tr("Data and backups"))
        self.save_button.setText(self.tr("Sa&ve settings"))
        self.revert_button.setText(self.tr("Undo changes"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
