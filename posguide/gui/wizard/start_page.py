"""The first page: what posguide does, an unfinished incident to resume, the language, and in
training mode the scenario to practise."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal, SignalInstance
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWizardPage,
)

from posguide.store import Incident


class StartPage(QWizardPage):
    scenarioChosen = Signal(str)
    resumeRequested = Signal(int)
    abandonRequested = Signal(int)
    languageRequested = Signal(str)

    def __init__(
        self,
        *,
        shop_name: str,
        training: bool,
        scenarios: Sequence[tuple[str, str, str]],
        terminal_names: dict[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.terminal_names = terminal_names or {}
        self.setTitle(self.tr("Card terminal problem? Let's fix it step by step"))
        intro = QLabel(
            self.tr(
                "posguide guides you through the checks for a terminal that shows "
                "“在维护中” (under maintenance) or an error: it looks for a maintenance notice, "
                "tests the network, the terminal and the card reader for you, and prepares what "
                "to tell the provider. Press Start."
            )
        )
        intro.setWordWrap(True)
        self.shop = QLabel(shop_name)
        self.shop.setObjectName("shopName")

        self.unfinished = QGroupBox(self.tr("Unfinished troubleshooting"))
        self.unfinished_text = QLabel()
        self.unfinished_text.setWordWrap(True)
        self.resume_button = QPushButton(self.tr("&Resume it"))
        self.abandon_button = QPushButton(self.tr("Close it as &abandoned"))
        for button in (self.resume_button, self.abandon_button):
            button.setMinimumHeight(44)
        self.resume_button.clicked.connect(lambda: self._emit(self.resumeRequested))
        self.abandon_button.clicked.connect(lambda: self._emit(self.abandonRequested))
        box = QVBoxLayout(self.unfinished)
        box.addWidget(self.unfinished_text)
        row = QHBoxLayout()
        row.addWidget(self.resume_button)
        row.addWidget(self.abandon_button)
        box.addLayout(row)
        self.unfinished.hide()
        self._unfinished_id: int | None = None

        self.scenarios = QButtonGroup(self)
        self.training_box = QGroupBox(self.tr("Training: choose a situation to practise"))
        column = QVBoxLayout(self.training_box)
        for index, (scenario_id, title, briefing) in enumerate(scenarios):
            option = QRadioButton(title)
            option.setProperty("scenario", scenario_id)
            option.setToolTip(briefing)
            option.setMinimumHeight(36)
            self.scenarios.addButton(option, index)
            column.addWidget(option)
            if index == 0:
                option.setChecked(True)
        self.training_box.setVisible(training)
        self.scenarios.idToggled.connect(self._scenario_toggled)

        language = QHBoxLayout()
        language.addStretch(1)
        for code, label in (("zh_CN", "中文"), ("en", "English")):
            button = QPushButton(label)
            button.setFlat(True)
            button.setMinimumHeight(36)
            button.setProperty("language", code)
            button.clicked.connect(lambda _=False, c=code: self.languageRequested.emit(c))
            language.addWidget(button)

        self.warning = QLabel()
        self.warning.setObjectName("banner")
        self.warning.setWordWrap(True)
        self.warning.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(language)
        layout.addWidget(self.warning)
        layout.addWidget(self.shop)
        layout.addWidget(intro)
        layout.addWidget(self.unfinished)
        layout.addWidget(self.training_box)
        layout.addStretch(1)

    def show_warning(self, text: str) -> None:
        self.warning.setText(text)
        self.warning.setVisible(bool(text))

    def show_unfinished(self, incident: Incident | None) -> None:
        self._unfinished_id = incident.id if incident else None
        self.unfinished.setVisible(incident is not None)
        if incident is not None:
            self.unfinished_text.setText(
                self.tr("Started {time} on terminal {terminal}: {symptom}").format(
                    time=incident.started_at.replace("T", " ")[:16],
                    terminal=self.terminal_names.get(incident.terminal, incident.terminal or "?"),
                    symptom=incident.symptom or "—",
                )
            )

    def select_scenario(self, scenario_id: str) -> None:
        for button in self.scenarios.buttons():
            if button.property("scenario") == scenario_id:
                button.setChecked(True)

    def _scenario_toggled(self, index: int, checked: bool) -> None:
        if checked:
            self.scenarioChosen.emit(str(self.scenarios.button(index).property("scenario")))

    def chosen_scenario(self) -> str | None:
        button = self.scenarios.checkedButton()
        return str(button.property("scenario")) if button is not None else None

    def _emit(self, signal: SignalInstance) -> None:
        if self._unfinished_id is not None:
            signal.emit(self._unfinished_id)
