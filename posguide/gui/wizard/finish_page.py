"""The last page: how it ended, why, and the fault description to keep or send."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWizardPage

from posguide.flow import Transition
from posguide.gui.names import cause_name, outcome_name
from posguide.gui.wizard.report_view import FaultReportView

if TYPE_CHECKING:
    from posguide.gui.controller import IncidentController


class FinishPage(QWizardPage):
    def __init__(self, controller: IncidentController, language: str) -> None:
        super().__init__()
        self.controller = controller
        self.language = language
        self.transition: Transition | None = None
        self.setTitle(self.tr("Done"))
        self.summary = QLabel()
        self.summary.setProperty("role", "outcome")
        self.summary.setWordWrap(True)
        self.banner = QLabel()
        self.banner.setProperty("role", "banner")
        self.banner.setWordWrap(True)
        self.debrief = QLabel(controller.setup.debrief)
        self.debrief.setProperty("role", "debrief")
        self.debrief.setWordWrap(True)
        self.debrief.setVisible(bool(controller.setup.debrief))
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText(self.tr("Anything else the manager should know (optional)"))
        self.notes.setMaximumHeight(80)
        self.notes.setTabChangesFocus(True)
        self.report = FaultReportView(controller.photo_bytes)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.banner)
        layout.addWidget(self.debrief)
        layout.addWidget(self.report, 1)
        layout.addWidget(self.notes)
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
