"""The QWizard: a page per playbook step, then the finish page; branching follows the
FlowSession, never QWizard's own page order. The start page is not one of its pages: it is
shown before the wizard exists (posguide.gui.app), and the window switches to the wizard when
an incident starts or resumes."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget, QWizard

from posguide.flow import Playbook, Transition
from posguide.gui.controller import IncidentController
from posguide.gui.wizard.finish_page import FinishPage
from posguide.gui.wizard.step_page import StepPage
from posguide.probes import ProbeResult

FINISH = 1000


class TroubleshootingWizard(QWizard):
    def __init__(self, controller: IncidentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlags(Qt.WindowType.Widget)  # a QDialog, but inside the main window
        self.controller = controller
        self.pending: Transition | None = None  # the move validatePage made, for nextId
        self.replaying: list[int] = []  # pages still to walk through after a resume
        self.beginning = False  # begin() restarts: leaving the last incident's pages is no Back
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        self.setOption(QWizard.WizardOption.NoCancelButton, True)
        self.setButtonText(QWizard.WizardButton.CustomButton1, self.tr("&Skip this step"))
        self.customButtonClicked.connect(self._custom)
        self.step_pages: dict[str, tuple[int, StepPage]] = {}
        self.finish_page = FinishPage(controller, controller.setup.language)
        self.currentIdChanged.connect(self._page_changed)
        controller.probeStarted.connect(lambda pid: self._page().probe_started(pid))
        controller.probeProgress.connect(lambda pid, f, m: self._page().probe_progress(pid, f, m))
        controller.probeFinished.connect(self._result)
        controller.probesDone.connect(self._probes_done)
        controller.finished.connect(self.finish_page.set_transition)
        buttons = ("NextButton", "BackButton", "FinishButton", "CustomButton1")
        for name in buttons:
            self.button(getattr(QWizard.WizardButton, name)).setMinimumHeight(44)

    def build_pages(self, playbook: Playbook, language: str) -> Iterator[None]:
        """Add a page per step, then the finish page, yielding after each step page: the
        caller lets the event loop run in between, so the window keeps answering."""
        for index, step in enumerate(playbook.steps, start=1):
            page = StepPage(step, self.controller, language)
            self.setPage(index, page)
            self.step_pages[step.id] = (index, page)
            yield
        self.setPage(FINISH, self.finish_page)

    # --- navigation -------------------------------------------------------------------------

    def begin(self) -> None:
        """Show the page of the session's current step: a new incident's first step, or after
        a resume the first step it visited, walking on through the path so Back works as it
        did."""
        session = self.controller.session
        assert session is not None
        path = [self.step_pages[visit.step_id][0] for visit in session.path]
        first = path[0] if path else self.step_pages[session.current.id][0]
        self.replaying = path[1:]
        self.setStartId(first)
        self.beginning = True
        try:
            self.restart()
        finally:
            self.beginning = False
        while self.replaying:
            self.next()

    def cleanupPage(self, page_id: int) -> None:
        # restart() cleans up every page of the last incident's path; the pages' own
        # cleanupPage is a Back, which must not reach the new session.
        if not self.beginning:
            super().cleanupPage(page_id)

    def nextId(self) -> int:
        if self.replaying:
            return self.replaying[0]
        current = self.currentId()
        session = self.controller.session
        if current == FINISH or session is None:
            return -1
        transition = self.pending or session.peek()
        if transition.finished:
            return FINISH
        return self.step_pages[transition.step][0] if transition.step else -1

    def _custom(self, which: int) -> None:
        if which != QWizard.WizardButton.CustomButton1.value or self.controller.session is None:
            return
        self.pending = self.controller.skip()
        self.next()

    def _page_changed(self, page_id: int) -> None:
        self.pending = None
        if self.replaying and self.replaying[0] == page_id:
            self.replaying.pop(0)
        page = self.currentPage()
        skippable = isinstance(page, StepPage) and page.step.skippable
        self.button(QWizard.WizardButton.CustomButton1).setVisible(skippable)

    # --- live updates go to the page of the session's current step --------------------------

    def _page(self) -> StepPage:
        session = self.controller.session
        assert session is not None
        return self.step_pages[session.current.id][1]

    def _result(self, result: ProbeResult) -> None:
        self._page().show_result(result)

    def _probes_done(self, step_id: str) -> None:
        if step_id in self.step_pages:
            self.step_pages[step_id][1].probes_done()
