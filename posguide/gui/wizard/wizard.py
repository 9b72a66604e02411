"""The QWizard: start page, a page per playbook step, finish page; branching follows the
FlowSession, never QWizard's own page order."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget, QWizard

from posguide.flow import Playbook, Transition
from posguide.gui.controller import IncidentController
from posguide.gui.wizard.finish_page import FinishPage
from posguide.gui.wizard.start_page import StartPage
from posguide.gui.wizard.step_page import StepPage
from posguide.probes import ProbeResult

START, FINISH = 0, 1000


class TroubleshootingWizard(QWizard):
    def __init__(
        self,
        controller: IncidentController,
        playbook: Playbook,
        start_page: StartPage,
        language: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.pending: Transition | None = None  # the move validatePage made, for nextId
        self.replaying: list[int] = []  # pages still to walk through after a resume
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButton, True)
        self.setButtonText(QWizard.WizardButton.CustomButton1, self.tr("&Skip this step"))
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Start"))
        self.customButtonClicked.connect(self._custom)
        self.start_page = start_page
        start_page.setCommitPage(True)  # no Back into the start page: the incident has begun
        self.setPage(START, start_page)
        self.step_pages: dict[str, tuple[int, StepPage]] = {}
        for index, step in enumerate(playbook.steps, start=1):
            page = StepPage(step, controller, language)
            self.setPage(index, page)
            self.step_pages[step.id] = (index, page)
        self.finish_page = FinishPage(controller, language)
        self.setPage(FINISH, self.finish_page)
        self.setStartId(START)
        self.currentIdChanged.connect(self._page_changed)
        controller.probeStarted.connect(lambda pid: self._page().probe_started(pid))
        controller.probeProgress.connect(lambda pid, f, m: self._page().probe_progress(pid, f, m))
        controller.probeFinished.connect(self._result)
        controller.probesDone.connect(self._probes_done)
        controller.finished.connect(self.finish_page.set_transition)
        for button in (QWizard.WizardButton.NextButton, QWizard.WizardButton.BackButton,
                       QWizard.WizardButton.FinishButton, QWizard.WizardButton.CommitButton,
                       QWizard.WizardButton.CustomButton1):  # fmt: skip
            self.button(button).setMinimumHeight(44)

    # --- navigation -------------------------------------------------------------------------

    def replay(self) -> None:
        """After a resume, walk through the session's path so Back works as it did."""
        session = self.controller.session
        assert session is not None
        self.replaying = [self.step_pages[visit.step_id][0] for visit in session.path]
        while self.replaying:
            self.next()

    def nextId(self) -> int:
        if self.replaying:
            return self.replaying[0]
        current = self.currentId()
        session = self.controller.session
        if current == START:
            step = session.current.id if session else next(iter(self.step_pages))
            return self.step_pages[step][0]
        if current == FINISH or session is None:
            return -1
        transition = self.pending or session.peek()
        if transition.finished:
            return FINISH
        return self.step_pages[transition.step][0] if transition.step else -1

    def validateCurrentPage(self) -> bool:
        if self.currentId() == START and self.controller.session is None:
            self.controller.start()
        return super().validateCurrentPage()

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
