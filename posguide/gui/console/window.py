"""The manager console: its own window, opened from the start page's "店长 / Manager" button.

Behind the PIN: the history (a list, and one incident in full), the statistics and the daily
inspections. It reads the
incident database on its own thread and connection (posguide.gui.console.reader), so the
wizard at the till is never slowed by it, and it can stay open during an incident.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from posguide.config import ShopConfig
from posguide.console.access import ManagerAccess
from posguide.console.local import LocalSource
from posguide.flow.model import Playbook
from posguide.gui.console.detail_view import DetailView
from posguide.gui.console.history_view import HistoryView
from posguide.gui.console.inspections_view import InspectionsView
from posguide.gui.console.pin_page import PinPage
from posguide.gui.console.reader import Reader
from posguide.gui.console.settings_view import SettingsView
from posguide.gui.console.stats_view import StatisticsView
from posguide.gui.window import fitted_size
from posguide.reports.strings import Language


@dataclass(frozen=True)
class ConsoleSetup:
    database: Path
    folder: Path  # the data folder: the console keeps its filter there
    language: Language
    config: ShopConfig | None = None
    playbook: Playbook | None = None


class ConsoleWindow(QWidget):
    closed = Signal()
    setupRequested = Signal()  # "Setup assistant…": the shell opens it (one per program)
    configured = Signal(object)  # the settings tab saved posguide.toml: the new ShopConfig

    def __init__(self, setup: ConsoleSetup) -> None:
        super().__init__()
        self.setup = setup
        self.setObjectName("console")
        self.reader = Reader(lambda: LocalSource(setup.database), self)
        self.pages = QStackedWidget()
        self.pin_page = PinPage(self.reader, ManagerAccess(setup.database))
        self.pages.addWidget(self.pin_page)
        self.history: HistoryView | None = None
        self.detail: DetailView | None = None
        self.stats: StatisticsView | None = None
        self.inspections: InspectionsView | None = None
        self.settings: SettingsView | None = None
        self.tabs: QTabWidget | None = None
        self.setup_button: QPushButton | None = None
        self.history_pages: QStackedWidget | None = None
        self.problem = QLabel()  # a read that failed, said to the manager
        self.problem.setObjectName("warning")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.reader.errorRaised.connect(self._say_problem)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        layout.addWidget(self.problem)
        self.pin_page.unlocked.connect(self._open)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self, self.close)
        self._retranslate()
        screen = self.screen()
        self.resize(fitted_size(screen.availableGeometry().size()) if screen else QSize(1200, 720))

    @property
    def is_open(self) -> bool:
        return self.tabs is not None

    def _open(self) -> None:
        """Past the PIN: build the console's views (only now: nothing is read before)."""
        language = self.setup.language
        config = self.setup.config
        self.history = HistoryView(self.reader, language, self.setup.folder)
        self.detail = DetailView(self.reader, language, config=config,
                                 playbook=self.setup.playbook)  # fmt: skip
        self.history_pages = QStackedWidget()
        self.history_pages.addWidget(self.history)
        self.history_pages.addWidget(self.detail)
        self.stats = StatisticsView(self.reader, language)
        self.inspections = InspectionsView(self.reader, self._terminal_name)
        self.settings = SettingsView(self.setup.folder / "posguide.toml", self.setup.folder)
        self.settings.saved.connect(self.configured)
        self.tabs = QTabWidget()
        self.setup_button = QPushButton()
        self.setup_button.setObjectName("setupButton")
        self.setup_button.clicked.connect(self.setupRequested)
        self.tabs.setCornerWidget(self.setup_button)
        self.tabs.addTab(self.history_pages, "")
        self.tabs.addTab(self.stats, "")
        self.tabs.addTab(self.inspections, "")
        self.tabs.addTab(self.settings, "")
        self.pages.addWidget(self.tabs)
        self.pages.setCurrentWidget(self.tabs)
        self.history.openRequested.connect(self.show_incident)
        self.detail.backRequested.connect(self.show_list)
        self.detail.amended.connect(lambda _: self._reload_history())
        self._retranslate()
        self.history.table.setFocus()

    def _terminal_name(self, terminal_id: str) -> str:
        terminal = self.setup.config.terminal(terminal_id) if self.setup.config else None
        return terminal.display_name if terminal else terminal_id

    def _say_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def _reload_history(self) -> None:
        if self.history is not None:
            self.history.model.reload()

    def show_incident(self, incident_id: int) -> None:
        if self.detail is None or self.history_pages is None or self.tabs is None:
            return
        self.tabs.setCurrentIndex(0)
        self.history_pages.setCurrentWidget(self.detail)
        self.detail.show_incident(incident_id)
        self.detail.back_button.setFocus()

    def show_list(self) -> None:
        if self.history is None or self.history_pages is None:
            return
        self.history_pages.setCurrentWidget(self.history)
        self.history.table.setFocus()

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("posguide — Manager"))
        if self.tabs is not None:
            self.tabs.setTabText(0, self.tr("&History"))
            self.tabs.setTabText(1, self.tr("&Statistics"))
            self.tabs.setTabText(2, self.tr("&Inspections"))
            self.tabs.setTabText(3, self.tr("Settin&gs"))
            if self.setup_button is not None:
                self.setup_button.setText(self.tr("Set&up assistant…"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.detail is not None:
            self.detail.close_viewers()
        if self.settings is not None:
            self.settings.stop()
        self.reader.close()
        self.closed.emit()
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        super().closeEvent(event)
