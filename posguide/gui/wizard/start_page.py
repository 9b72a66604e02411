"""The first page: what posguide does, Start, an unfinished incident to resume, the language,
and in training mode the scenario to practise. Its layout is the Designer form ui/start_page.ui.

It is shown before the checks are loaded (see posguide.gui.app), so it imports nothing but Qt
(not even the ``Qt`` namespace, ~17 ms): the unfinished incident and the scenarios arrive a
moment later, and Start pressed meanwhile is kept until the wizard is ready."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, SignalInstance
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

    def __init__(self, *, shop_name: str, training: bool) -> None:
        super().__init__()
        self.setupUi(self)  # type: ignore[no-untyped-call]  # pyside6-uic's code is untyped
        self.terminal_names: dict[str, str] = {}
        self.shop.setText(shop_name)
        self.shop.setVisible(bool(shop_name))
        self.training_box.setVisible(training)
        self.start_button.clicked.connect(self.startRequested)
        self.resume_button.clicked.connect(lambda: self._emit(self.resumeRequested))
        self.abandon_button.clicked.connect(lambda: self._emit(self.abandonRequested))
        for button in (self.chineseButton, self.englishButton):
            code = str(button.property("language"))
            button.clicked.connect(lambda _=False, c=code: self.languageRequested.emit(c))
        self._unfinished_id: int | None = None
        self._blocked = False
        self.start_button.setFocus()
        self.scenarios = QButtonGroup(self)
        self.scenarios.idToggled.connect(self._scenario_toggled)

    # --- filled in once the checks are loaded -----------------------------------------------

    def set_scenarios(self, scenarios: Sequence[tuple[str, str, str]], chosen: str) -> None:
        """Training: (id, title, briefing) of each scenario; ``chosen`` is checked."""
        for index, (scenario_id, title, briefing) in enumerate(scenarios):
            option = QRadioButton(title)
            option.setProperty("scenario", scenario_id)
            option.setToolTip(briefing)
            option.setMinimumHeight(36)
            option.setChecked(scenario_id == chosen)
            self.scenarios.addButton(option, index)
            self.scenarioColumn.addWidget(option)
        self.training_box.setVisible(bool(scenarios))

    def set_preparing(self, preparing: bool) -> None:
        """Start was pressed before the checks were loaded: say why nothing moves yet."""
        self.preparing.setVisible(preparing and not self._blocked)

    def block(self, text: str) -> None:
        """Nothing can start (the configuration or the database is unusable): say why."""
        self._blocked = True
        self.preparing.hide()
        for button in (self.start_button, self.resume_button, self.chineseButton,
                       self.englishButton):  # fmt: skip
            button.setEnabled(False)  # nothing to do here but read why and close
        self.show_warning(text)

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

    def _scenario_toggled(self, index: int, checked: bool) -> None:
        if checked:
            self.scenarioChosen.emit(str(self.scenarios.button(index).property("scenario")))

    def _emit(self, signal: SignalInstance) -> None:
        if self._unfinished_id is not None:
            signal.emit(self._unfinished_id)
