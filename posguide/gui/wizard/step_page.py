"""One page per playbook step: what to do (with pictures), the live checks, the questions,
notes and photos; on the provider step also the fault description."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWizardPage

from posguide.flow import IncompleteStepError, Step
from posguide.gui.forms.ui_step_page import Ui_StepPage
from posguide.gui.i18n import translate
from posguide.gui.names import detail_text, probe_name
from posguide.gui.widgets.photo_strip import PhotoStrip
from posguide.gui.widgets.pictures import PictureStrip
from posguide.gui.widgets.probe_panel import ProbePanel
from posguide.gui.widgets.questions import QuestionForm
from posguide.gui.wizard.report_view import FaultReportView
from posguide.gui.wizard.text import instructions_html
from posguide.probes import ProbeResult
from posguide.probes.verdict import decide
from posguide.resources import resource_path

if TYPE_CHECKING:
    from posguide.gui.controller import IncidentController

SEVERITY = {"ok": "ok", "warn": "warn", "fail": "fail", "error": "warn", "skipped": "ok"}


class StepPage(QWizardPage, Ui_StepPage):
    """Layout: the Designer form ui/step_page.ui; what the playbook step has (checks, fault
    description, pictures, questions, photos) goes in its slots."""

    def __init__(self, step: Step, controller: IncidentController, language: str) -> None:
        super().__init__()
        self.setupUi(self)  # type: ignore[no-untyped-call]  # pyside6-uic's code is untyped
        self.step = step
        self.controller = controller
        self.language = language
        self.setTitle(step.title.get(language))
        self.instructions.setText(instructions_html(step.instructions.get(language)))
        # The checks' results come before the pictures: on the cables page five router
        # pictures would push a failing router check below the fold.
        self.probes = ProbePanel()
        self.probes.retry_requested.connect(lambda pid: controller.run_probes([pid]))
        self.probes.retry_all_requested.connect(controller.run_probes)
        self.probesSlot.addWidget(self.probes)
        self.report = FaultReportView(controller.photo_bytes) if step.fault_report else None
        if self.report is not None:
            self.reportSlot.addWidget(self.report)
        self.pictures = PictureStrip()
        self.pictures.set_pictures(
            [(resource_path("pictures", p.file), p.caption.get(language)) for p in step.pictures]
        )
        self.picturesSlot.addWidget(self.pictures)
        config = controller.config
        self.questions = QuestionForm(
            language,
            [(t.id, t.display_name) for t in config.terminals],
            list(config.shop.staff),
        )
        self.questions.set_questions(list(step.questions))
        self.questions.answered.connect(self._answered)
        self.questionsSlot.addWidget(self.questions)
        self._notes_timer = QTimer(self, singleShot=True, interval=600)
        self._notes_timer.timeout.connect(lambda: controller.set_notes(self.notes.toPlainText()))
        self.notes.textChanged.connect(self._notes_timer.start)
        self.photos = PhotoStrip(
            max_bytes=config.storage.max_photo_mb * 1024 * 1024,
            load_full=controller.photo_bytes,
        )
        if step.photo_prompts:
            self.photos.set_prompt(step.photo_prompts[0].text.get(language))
        self.photos.photo_added.connect(controller.add_photo)
        self.photosSlot.addWidget(self.photos)

    # --- QWizardPage ------------------------------------------------------------------------

    def initializePage(self) -> None:
        session = self.controller.session
        assert session is not None
        visit = session.path[-1] if session.path else None
        banner = visit.banner.get(self.language) if visit and visit.banner else ""
        self.banner.setText(banner)
        self.banner.setVisible(bool(banner))
        self.questions.set_answers(session.answers(self.step.id))
        self._refresh_visibility()
        ids = self.controller.probe_ids()
        self.probes.clear_verdict()
        self.probes.set_probes([(pid, probe_name(pid)) for pid in ids])
        self.probes.setVisible(bool(ids))
        for result in session.probe_results(self.step.id):
            self.show_result(result)
        for pid in ids:
            if pid in self.controller.running_probes():
                self.probes.probe_started(pid)
        self.refresh_report()
        self.page_scroll.verticalScrollBar().setValue(0)
        self.questions.focus_first()

    def validatePage(self) -> bool:
        wizard = self.wizard()
        if getattr(wizard, "replaying", None):
            return True  # a resume walks the recorded path; nothing new to save
        self.questions.flush()  # text typed in the last half second
        if self._notes_timer.isActive():
            self._notes_timer.stop()
            self.controller.set_notes(self.notes.toPlainText())
        if getattr(wizard, "pending", None) is not None:
            return True  # Skip already moved the session
        try:
            transition = self.controller.next()
        except IncompleteStepError:
            session = self.controller.session
            missing = {q.id for q in session.missing_required()} if session else set()
            box = self.questions.mark_missing(missing)
            if box is not None:
                self.page_scroll.ensureWidgetVisible(box)
            return False
        wizard.pending = transition  # type: ignore[attr-defined]
        return True

    def cleanupPage(self) -> None:  # the user pressed Back
        if self.controller.session is not None:
            self.controller.back()

    # --- live updates -----------------------------------------------------------------------

    def probe_started(self, probe_id: str) -> None:
        self.probes.probe_started(probe_id)

    def probe_progress(self, probe_id: str, fraction: object, message: str) -> None:
        self.probes.probe_progress(probe_id, fraction, message)  # type: ignore[arg-type]

    def show_result(self, result: ProbeResult) -> None:
        summary = result.summary_in(translate)
        status = result.status.value
        self.probes.probe_finished(result.probe_id, status, summary, detail_text(result))

    def probes_done(self) -> None:
        session = self.controller.session
        if session is None:
            return
        rule = decide(session.probe_results(self.step.id))
        if rule is None:
            self.probes.clear_verdict()
        else:
            self.probes.show_verdict(translate("", rule.advice), SEVERITY[rule.status.value])
        self.refresh_report()

    def refresh_report(self) -> None:
        if self.report is None:
            return
        report = self.controller.fault_report()
        if report is not None:
            self.report.show_report(report, self.controller.hotline)

    def _answered(self, question_id: str, value: object) -> None:
        self.controller.answer(question_id, value)
        self._refresh_visibility()
        if question_id == "terminal":
            self.controller.run_probes()  # another terminal: check that one

    def _refresh_visibility(self) -> None:
        session = self.controller.session
        if session is not None:
            self.questions.set_visible({q.id for q in session.visible_questions(self.step)})
