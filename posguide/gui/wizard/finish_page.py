"""The last page: how it ended, why, and the fault description to keep or send. Saving it
closes the incident (the view's Finish button)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from posguide.gui.forms.ui_finish_page import Ui_FinishPage
from posguide.gui.names import cause_name, outcome_name
from posguide.gui.wizard.report_view import FaultReportView

if TYPE_CHECKING:
    from posguide.gui.controller import IncidentController


class FinishPage(QWidget, Ui_FinishPage):
    """Layout: the Designer form ui/finish_page.ui; the fault description goes in its slot."""

    def __init__(self, controller: IncidentController, language: str) -> None:
        super().__init__()
        self.setupUi(self)  # type: ignore[no-untyped-call]  # pyside6-uic's code is untyped
        self.controller = controller
        self.language = language
        self.debrief.setText(controller.setup.debrief)
        self.debrief.setVisible(bool(controller.setup.debrief))
        self.report = FaultReportView(controller.photo_bytes)
        self.reportSlot.addWidget(self.report)

    def enter(self) -> None:
        """Show how the session finished (it has: the view shows this page only then)."""
        session = self.controller.session
        done = session.finished if session is not None else None
        if done is None or done.outcome is None:
            return
        self.summary.setText(
            self.tr("Outcome: {outcome}\nCause: {cause}").format(
                outcome=outcome_name(done.outcome), cause=cause_name(done.cause)
            )
        )
        banner = done.banner.get(self.language) if done.banner else ""
        self.banner.setText(banner)
        self.banner.setVisible(bool(banner))
        report = self.controller.fault_report()
        if report is not None:
            self.report.show_report(report, self.controller.hotline)
        self.page_scroll.verticalScrollBar().setValue(0)

    def closing_notes(self) -> str | None:
        return self.notes.toPlainText().strip() or None

    def focus_target(self) -> QWidget | None:
        return None  # the view's Finish button
