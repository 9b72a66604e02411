"""The first page: what posguide does, Start, an unfinished incident to resume, the language,
and in training mode the situation to practise. Its layout is the Designer form
ui/start_page.ui: Start sits under the heading, above everything that fills in once the
configuration is loaded, so it never moves while the page fills in.

It is shown before the configuration is read (see posguide.gui.app), so it imports nothing
but Qt (not even the ``Qt`` namespace, ~17 ms): the shop's name, an unfinished incident and
the training situations arrive a moment later, and Start pressed meanwhile is kept until the
incident can begin."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QButtonGroup, QRadioButton, QWidget

from posguide.gui.forms.ui_start_page import Ui_StartPage

if TYPE_CHECKING:
    from posguide.store import Incident


class StartPage(QWidget, Ui_StartPage):
    startRequested = Signal()
    scenarioChosen = Signal(str)
    resumeRequested = Signal(int)
    abandonRequested = Signal(int)
    languageRequested = Signal(str)
    managerRequested = Signal()

    def __init__(self, *, language: str) -> None:
        super().__init__()
        self.setupUi(self)  # type: ignore[no-untyped-call]  # pyside6-uic's code is untyped
        self.terminal_names: dict[str, str] = {}
        self.language = language
        self.start_button.clicked.connect(self.startRequested)
        self.manager_button.clicked.connect(self.managerRequested)
        self.resume_button.clicked.connect(self._resume)
        self.abandon_button.clicked.connect(self._abandon)
        self.languages = QButtonGroup(self)
        for button in (self.chineseButton, self.englishButton):
            self.languages.addButton(button)
            button.clicked.connect(self._language_clicked)
        self._unfinished: Incident | None = None
        self._blocked = False
        self.scenarios = QButtonGroup(self)
        self.scenarios.idToggled.connect(self._scenario_toggled)
        self._show_language()
        self.start_button.setFocus()

    # --- filled in once the configuration is loaded -----------------------------------------

    def set_shop(self, name: str) -> None:
        self.shop.setText(name or " ")  # a blank keeps the line: nothing below moves

    def set_scenarios(self, scenarios: Sequence[tuple[str, str, str]], chosen: str) -> None:
        """Training: (id, title, briefing) of each choice, the random one first; ``chosen`` is
        checked. Replaces the choices shown before."""
        for button in self.scenarios.buttons():
            self.scenarios.removeButton(button)
            button.deleteLater()
        for index, (scenario_id, title, briefing) in enumerate(scenarios):
            option = QRadioButton(title, self.training_box)
            option.setProperty("scenario", scenario_id)
            option.setToolTip(briefing)
            option.setMinimumHeight(36)
            option.setChecked(scenario_id == chosen)
            self.scenarios.addButton(option, index)
            # Two columns: eleven situations in one would push the page past a 768 px screen.
            self.scenarioGrid.addWidget(option, index // 2, index % 2)
        self.training_box.setVisible(bool(scenarios))

    def set_preparing(self, preparing: bool) -> None:
        """Start was pressed before the checks were loaded: say why nothing moves yet."""
        self.preparing.setVisible(preparing and not self._blocked)

    def block(self, text: str) -> None:
        """Nothing can start (the configuration or the database is unusable): say why."""
        self._blocked = True
        self.preparing.hide()
        for button in (self.start_button, self.resume_button, self.abandon_button,
                       self.chineseButton, self.englishButton):  # fmt: skip
            button.setEnabled(False)  # nothing to do here but read why and close
        self.show_warning(text)

    def show_warning(self, text: str) -> None:
        self.warning.setText(text)
        self.warning.setVisible(bool(text))

    def show_saved(self, text: str) -> None:
        """What became of the incident just finished (its number and outcome); "" hides it."""
        self.saved.setText(text)
        self.saved.setVisible(bool(text))

    def show_unfinished(self, incident: Incident | None) -> None:
        self._unfinished = incident
        self.unfinished.setVisible(incident is not None)
        self._show_unfinished()

    def unfinished_id(self) -> int | None:
        return self._unfinished.id if self._unfinished is not None else None

    # --- inside -------------------------------------------------------------------------------

    def _show_unfinished(self) -> None:
        incident = self._unfinished
        if incident is not None:
            self.unfinished_text.setText(
                self.tr("No. {number}, started {time} on terminal {terminal}: {symptom}").format(
                    number=incident.id,
                    time=incident.started_at.replace("T", " ")[:16],
                    terminal=self.terminal_names.get(incident.terminal, incident.terminal or "?"),
                    symptom=incident.symptom or "—",
                )
            )

    def _show_language(self) -> None:
        for button in self.languages.buttons():
            button.setChecked(button.property("language") == self.language)

    def _language_clicked(self) -> None:
        button = self.languages.checkedButton()
        self._show_language()  # the highlight follows the switch itself, not the click
        if button is not None:
            self.languageRequested.emit(str(button.property("language")))

    def _scenario_toggled(self, index: int, checked: bool) -> None:
        if checked:
            self.scenarioChosen.emit(str(self.scenarios.button(index).property("scenario")))

    def _resume(self) -> None:
        if self._unfinished is not None:
            self.resumeRequested.emit(self._unfinished.id)

    def _abandon(self) -> None:
        if self._unfinished is not None:
            self.abandonRequested.emit(self._unfinished.id)

    def showEvent(self, event: QShowEvent) -> None:
        # Focus set before the page was first shown is not kept: Qt would give it to the first
        # button of the page (店长), not to Start.
        super().showEvent(event)
        self.start_button.setFocus()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi(self)  # type: ignore[no-untyped-call]
            self._show_unfinished()
            self._show_language()
