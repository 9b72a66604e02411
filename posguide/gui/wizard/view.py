"""The incident on screen: the page of the session's current step (built on its first visit),
or the finish page once the session has finished, and the Back / Skip / Next buttons.

The FlowSession (through the controller) is the only navigation state: every button asks the
controller to move and then shows whatever page the session is on. There is no page history
of its own to keep in step, so Back on the first step is simply disabled, and Esc -- which
means nothing here -- cannot end or damage an incident."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from posguide.flow import IncompleteStepError, Playbook
from posguide.gui.controller import IncidentController
from posguide.gui.focus import FocusGuard, make_passive
from posguide.gui.widgets.common import TouchButton
from posguide.gui.wizard.step_page import StepPage
from posguide.probes import ProbeResult

if TYPE_CHECKING:
    from posguide.gui.wizard.finish_page import FinishPage


class IncidentView(QWidget):
    closed = Signal(int)  # the incident was saved and closed (its id)

    def __init__(
        self, controller: IncidentController, playbook: Playbook, language: str, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.controller, self.playbook, self.language = controller, playbook, language
        self.pages: dict[str, StepPage] = {}
        self.finish_page: FinishPage | None = None
        self.stack = QStackedWidget(self)
        self.back_button = TouchButton(self)
        self.skip_button = make_passive(TouchButton(self))
        self.next_button = TouchButton(self)
        self.next_button.setProperty("role", "primary")
        self.countdown = QLabel(self)  # "checking again in 12 s": the page's checks re-run
        self.countdown.setObjectName("recheckCountdown")
        self.countdown.hide()
        self.back_button.clicked.connect(self.back)
        self.skip_button.clicked.connect(self.skip)
        self.next_button.clicked.connect(self.next)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.skip_button)
        buttons.addStretch(1)
        buttons.addWidget(self.countdown)
        buttons.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        self.focus = FocusGuard(self, self.focus_target)
        controller.moved.connect(self.show_current)
        controller.probeStarted.connect(self._probe_started)
        controller.probeProgress.connect(self._probe_progress)
        controller.probeFinished.connect(self._probe_finished)
        controller.probesDone.connect(self._probes_done)
        controller.recheckCountdown.connect(self._show_countdown)
        self._retranslate()

    # --- showing the session ------------------------------------------------------------------

    def current_page(self) -> StepPage | FinishPage | None:
        page = self.stack.currentWidget()
        return page if isinstance(page, StepPage) or page is self.finish_page else None

    def show_current(self) -> None:
        """Show the page the session is on, filled from its state, with the buttons it allows."""
        session = self.controller.session
        if session is None:
            return
        finished = session.finished is not None
        page = self._finish_page() if finished else self._step_page(session.current.id)
        page.enter()
        self.stack.setCurrentWidget(page)
        self.back_button.setEnabled(self.controller.can_go_back())
        self.skip_button.setVisible(not finished and session.current.skippable)
        self._retranslate()
        self.focus.apply()

    def focus_target(self) -> QWidget | None:
        """Focus rule: the first unanswered question of the page, else Next (or Finish)."""
        page = self.current_page()
        target = page.focus_target() if page is not None else None
        return target or self.next_button

    def _step_page(self, step_id: str) -> StepPage:
        page = self.pages.get(step_id)
        if page is None:
            page = StepPage(self.playbook.step(step_id), self.controller, self.language)
            self.stack.addWidget(page)
            self.pages[step_id] = page
        return page

    def _finish_page(self) -> FinishPage:
        if self.finish_page is None:  # imported at the end: it brings printing support
            from posguide.gui.wizard.finish_page import FinishPage

            self.finish_page = FinishPage(self.controller, self.language)
            self.stack.addWidget(self.finish_page)
        return self.finish_page

    # --- the buttons --------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter that no widget took (a text typed, an option chosen) leads on: to the next
        # unanswered question, else Next, as in a wizard. Esc means nothing here: it never
        # ends or damages an incident.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            page = self.current_page()
            page_target = page.focus_target() if page is not None else None
            if page_target is not None and not page_target.hasFocus():
                page_target.setFocus(Qt.FocusReason.TabFocusReason)
            else:
                self.next()
            return
        event.ignore()

    def next(self) -> None:
        page = self.current_page()
        if self.finish_page is not None and page is self.finish_page:
            self._finish(self.finish_page)
            return
        if not isinstance(page, StepPage) or self.controller.session is None:
            return
        page.commit()
        try:
            self.controller.next()  # the controller's ``moved`` shows the next page
        except IncompleteStepError as missing:
            page.mark_missing(set(missing.missing))

    def skip(self) -> None:
        page = self.current_page()
        if isinstance(page, StepPage) and page.step.skippable:
            page.commit()
            self.controller.skip()

    def back(self) -> None:
        page = self.current_page()
        if isinstance(page, StepPage):
            page.commit()
        self.controller.back()

    def _finish(self, page: FinishPage) -> None:
        incident = self.controller.incident_id
        if incident is not None and self.controller.close(page.closing_notes()):
            self.closed.emit(incident)

    # --- live updates go to the page of the step they belong to ---------------------------------

    def _live_page(self) -> StepPage | None:
        session = self.controller.session
        if session is None or session.finished is not None:
            return None
        return self.pages.get(session.current.id)

    def _probe_started(self, probe_id: str) -> None:
        if page := self._live_page():
            page.probe_started(probe_id)

    def _probe_progress(self, probe_id: str, fraction: object, message: str) -> None:
        if page := self._live_page():
            page.probe_progress(probe_id, fraction, message)

    def _probe_finished(self, result: ProbeResult) -> None:
        if page := self._live_page():
            page.show_result(result)

    def _probes_done(self, step_id: str) -> None:
        if (page := self.pages.get(step_id)) is not None:
            page.probes_done()

    def _show_countdown(self, seconds: int) -> None:
        self.countdown.setVisible(seconds >= 0)
        if seconds >= 0:
            self.countdown.setText(self.tr("Checking again in %n s", "", seconds))

    def _retranslate(self) -> None:
        self.back_button.setText(self.tr("< &Back"))
        self.skip_button.setText(self.tr("&Skip this step"))
        finishing = self.finish_page is not None and self.current_page() is self.finish_page
        self.next_button.setText(self.tr("Save and &finish") if finishing else self.tr("&Next >"))
