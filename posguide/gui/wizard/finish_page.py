"""The last page: how it ended, why, and the fault description to keep or send."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWizardPage

from posguide.flow import Transition
from posguide.gui.forms.ui_finish_page import Ui_FinishPage
from posguide.gui.names import cause_name, outcome_name
from posguide.gui.wizard.report_view import FaultReportView

if TYPE_CHECKING:
    from posguide.gui.controller import IncidentController


class FinishPage(QWizardPage, Ui_FinishPage):
    """Layout: the Designer form ui/finish_page.ui; the fault description goes in its slot."""

    def __init__(self, controller: IncidentController, language: str) -> None:
        super().__init__()
        self.setupUi(self)  # type: ignore[no-untyped-call]  # pyside6-uic's code is untyped
        self.controller = controller
        self.language = language
        self.transition: Transition | None = None
        self.debrief.setText(controller.setup.debrief)
        self.debrief.setVisible(bool(controller.setup.debrief))
        self.report = FaultReportView(controller.photo_bytes)
        self.reportSlot.addWidget(self.report)
        self.setFinalPage(True)

    def set_transition(self, transition: Transition) -> None:
        self.transition = transition

    def initializePage(self) -> None:
        transition = self.transition
        if transition is None or transition.outcome is None:
            return
        self.summary.setText(
            self.tr("Outcome: {outcome}\nCause: {cause}").format(
                outcome=outcome_name(transition.outcome), cause=cause_name(transition.cause)
            )
        )
        banner = transition.banner.get(self.language) if transition.banner else ""
        self.banner.setText(banner)
        self.banner.setVisible(bool(banner))
        report = self.controller.fault_report()
        if report is not None:
            self.report.show_report(report, self.controller.hotline)

    def validatePage(self) -> bool:
        transition = self.transition
        if transition is not None and transition.outcome is not None:
            notes = self.notes.toPlainText().strip() or None
            self.controller.close(transition.outcome, transition.cause, notes)
        return True

    def cleanupPage(self) -> None:
        # Back from the end: the session reopens its last step (FlowSession.back).
        if self.controller.session is not None:
            self.controller.back()
