"""One page per playbook step: what to do (with pictures), the live checks, the questions,
notes and photos; on the provider step also the fault description.

The page shows the session's state and reports what the cashier does to the controller; it
never moves the session itself (posguide.gui.wizard.view does, through the controller).
Wide windows get two columns: what to do (instructions, fault description, pictures) | what
to answer (the checks' verdict, the questions, then each check's row). Narrow ones get one,
with the pictures after the questions. Either way the questions sit near the top, above the
fold of a 768-pixel screen."""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QSizePolicy, QWidget

from posguide.flow import Step
from posguide.gui.forms.ui_step_page import Ui_StepPage
from posguide.gui.i18n import translate
from posguide.gui.names import detail_text, probe_name
from posguide.gui.widgets.photo_strip import PhotoStrip
from posguide.gui.widgets.pictures import PictureStrip
from posguide.gui.widgets.probe_panel import ProbePanel
from posguide.gui.widgets.questions import QuestionForm
from posguide.gui.wizard.text import instructions_html
from posguide.probes import ProbeResult
from posguide.probes.verdict import decide
from posguide.resources import resource_path

if TYPE_CHECKING:
    from posguide.gui.controller import IncidentController
    from posguide.gui.wizard.report_view import FaultReportView

log = logging.getLogger("posguide.gui")

SEVERITY = {"ok": "ok", "warn": "warn", "fail": "fail", "error": "warn", "skipped": "ok"}
LEFT_COLUMN_LINES = 14  # the instructions' column is at least this many text lines wide...
RIGHT_COLUMN_LINES = 18  # ...the questions' at least this, or as wide as its widest choice
NOTES_DELAY_MS = 600


class StepPage(QWidget, Ui_StepPage):
    """Layout: the Designer form ui/step_page.ui; what the playbook step has (checks, fault
    description, pictures, questions, photos) goes in its slots."""

    def __init__(self, step: Step, controller: IncidentController, language: str) -> None:
        super().__init__()
        self.setupUi(self)  # type: ignore[no-untyped-call]  # pyside6-uic's code is untyped
        self.step = step
        self.controller = controller
        self.language = language
        self.title.setText(step.title.get(language))
        self.probes = ProbePanel(self)
        self.probes.retry_requested.connect(self._retry)
        self.probes.retry_all_requested.connect(self._retry_all)
        self.probesSlot.addWidget(self.probes)
        self.verdictSlot.addWidget(self.probes.verdict)
        self.report: FaultReportView | None = None
        if step.fault_report:  # printing support is imported for the page that has one
            from posguide.gui.wizard.report_view import FaultReportView

            self.report = FaultReportView(controller.photo_bytes)
            self.reportSlot.addWidget(self.report)
        self.pictures = PictureStrip(self)
        self.pictures.set_pictures(
            [(resource_path("pictures", p.file), p.caption.get(language)) for p in step.pictures]
        )
        self.picturesSlot.addWidget(self.pictures)
        config = controller.config
        self.questions = QuestionForm(
            language, [(t.id, t.display_name) for t in config.terminals], list(config.shop.staff)
        )
        self.questions.set_questions(list(step.questions))
        self.questions.answered.connect(self._answered)
        self.questionsSlot.addWidget(self.questions)
        self._notes_timer = QTimer(self, singleShot=True, interval=NOTES_DELAY_MS)
        self._notes_timer.timeout.connect(self._save_notes)
        self.notes.textChanged.connect(self._notes_timer.start)
        self.photos = PhotoStrip(
            max_bytes=config.storage.max_photo_mb * 1024 * 1024, load_full=controller.photo_bytes
        )
        if step.photo_prompts:  # the prompt is the toggle's label: it says what is wanted
            prompt = step.photo_prompts[0].text.get(language)
            self.extrasToggle.setText(prompt.replace("&", "&&"))
        self.photos.photo_added.connect(controller.add_photo)
        self.photos.photo_removed.connect(controller.remove_photo)
        self.photosSlot.addWidget(self.photos)
        self.extrasToggle.toggled.connect(self._show_extras)
        # A long prompt must not widen the column: it is shortened to fit, whole in the tooltip.
        self._extras_text = self.extrasToggle.text()
        policy = self.extrasToggle.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
        self.extrasToggle.setSizePolicy(policy)
        self.extrasToggle.setAccessibleName(re.sub("&(.)", r"\1", self._extras_text))
        self.extrasToggle.installEventFilter(self)
        self.body.installEventFilter(self)

    # --- what the view calls ------------------------------------------------------------------

    def enter(self) -> None:
        """Show the session's state of this step (a first visit, Back, or a resume)."""
        session = self.controller.session
        assert session is not None
        visit = session.path[-1] if session.path else None
        shop = {  # the step's placeholders (flow.model.STEP_PLACEHOLDERS), checked at load
            "escalation_minutes": self.controller.config.shop.escalation_minutes,
            "hotline": self.controller.hotline or "—",
        }
        text = self.step.instructions.get(self.language).format_map(shop)
        self.instructions.setText(instructions_html(text))
        banner = visit.banner.get(self.language) if visit and visit.banner else ""
        self.banner.setText(banner)
        self.banner.setVisible(bool(banner))
        self.questions.set_answers(session.displayed(self.step))
        self._refresh_visibility()
        ids = self.controller.probe_ids()
        self.probes.set_probes([(pid, probe_name(pid)) for pid in ids])
        note = self.step.checks_note
        self.probes.set_note(note.get(self.language) if note else "")
        self.probes.setVisible(bool(ids))
        for result in session.probe_results(self.step.id):
            if result.probe_id in ids:
                self.show_result(result)
        for pid in self.controller.running_probes():
            self.probes.probe_started(pid)
        if not self.controller.is_probing():
            self.probes_done()
        notes = self.controller.notes.get(self.step.id, "")
        self.notes.blockSignals(True)  # shown, not typed: nothing to save
        self.notes.setPlainText(notes)
        self.notes.blockSignals(False)
        self.extrasToggle.setChecked(bool(notes))
        self.refresh_report()
        self.page_scroll.verticalScrollBar().setValue(0)

    def commit(self) -> None:
        """Save what was typed in the last moment (before the session moves on)."""
        self.questions.flush()
        if self._notes_timer.isActive():
            self._notes_timer.stop()
            self._save_notes()

    def focus_target(self) -> QWidget | None:
        """The first unanswered required question shown, else None (the view's Next)."""
        session = self.controller.session
        missing = {q.id for q in session.missing_required(self.step)} if session else set()
        return self.questions.first_of(missing)

    def mark_missing(self, ids: set[str]) -> None:
        box = self.questions.mark_missing(ids)
        if box is not None:
            self.page_scroll.ensureWidgetVisible(box)

    # --- live updates -------------------------------------------------------------------------

    def probe_started(self, probe_id: str) -> None:
        self.probes.probe_started(probe_id)

    def probe_progress(self, probe_id: str, fraction: object, message: str) -> None:
        self.probes.probe_progress(probe_id, fraction, message)  # type: ignore[arg-type]

    def show_result(self, result: ProbeResult) -> None:
        summary = result.summary_in(translate)
        status = result.status.value
        link = ""
        if result.probe_id == "notices":
            # Here, not at the top: the notices package brings aiohttp (a third of a second),
            # which the checks import on a worker thread; the first page must not wait for it.
            from posguide.probes.notices.report import page_to_open

            link = page_to_open(result.detail)
        self.probes.probe_finished(result.probe_id, status, summary, detail_text(result), link)

    def probes_done(self) -> None:
        session = self.controller.session
        if session is None:
            return
        rule = decide(session.probe_results(self.step.id))
        if rule is None:
            self.probes.clear_verdict()
        else:
            advice = rule.advice_for(session.uplink)
            self.probes.show_verdict(translate("", advice), SEVERITY[rule.status.value])
        self.refresh_report()

    def refresh_report(self) -> None:
        if self.report is None:
            return
        report = self.controller.fault_report()
        if report is not None:
            self.report.show_report(report, self.controller.hotline)

    # --- inside -------------------------------------------------------------------------------

    def _is_current(self) -> bool:
        """This page's step is the one the session is on: only then do its inputs count (a
        combo box's popup or a typing pause can still report after the cashier moved on)."""
        session = self.controller.session
        return (
            session is not None
            and session.finished is None
            and (session.current.id == self.step.id)
        )

    def _answered(self, question_id: str, value: object) -> None:
        if not self._is_current():
            log.debug("late answer to %s.%s ignored", self.step.id, question_id)
            return
        self.controller.answer(question_id, value)
        self._refresh_visibility()

    def _retry(self, probe_id: str) -> None:
        self.controller.run_probes([probe_id])

    def _retry_all(self) -> None:
        self.controller.run_probes()

    def _save_notes(self) -> None:
        if self._is_current():
            self.controller.set_notes(self.notes.toPlainText())

    def _show_extras(self, shown: bool) -> None:
        self.extras.setVisible(shown)
        arrow = Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        self.extrasToggle.setArrowType(arrow)

    def _refresh_visibility(self) -> None:
        session = self.controller.session
        if session is not None:
            self.questions.set_visible({q.id for q in session.visible_questions(self.step)})

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # What the columns hold changes width as it fills in (the fault description, a longer
        # answer shown): look again whether two columns still fit.
        if watched is self.body and event.type() == QEvent.Type.LayoutRequest:
            self._arrange()
        elif watched is self.extrasToggle and event.type() == QEvent.Type.Resize:
            self._fit_extras_toggle()
        return False

    def _fit_extras_toggle(self) -> None:
        toggle = self.extrasToggle
        room = toggle.width() - toggle.iconSize().width() - 2 * toggle.fontMetrics().height()
        text = toggle.fontMetrics().elidedText(
            self._extras_text, Qt.TextElideMode.ElideRight, room, Qt.TextFlag.TextShowMnemonic
        )
        toggle.setText(text)
        toggle.setToolTip("" if text == self._extras_text else toggle.accessibleName())

    def two_columns(self) -> bool:
        return self.columns.direction() == QBoxLayout.Direction.LeftToRight

    def _arrange(self) -> None:
        self.body.ensurePolished()  # the style sheet's padding counts in the sizes below
        margins = self.column.contentsMargins()
        scrollbar = self.page_scroll.verticalScrollBar().sizeHint().width()
        width = self.page_scroll.width() - scrollbar - margins.left() - margins.right()
        line = self.fontMetrics().height()
        left = max(line * LEFT_COLUMN_LINES, self.leftColumn.minimumSize().width())
        right = max(line * RIGHT_COLUMN_LINES, self.rightColumn.minimumSize().width())
        wide = width >= left + self.columns.spacing() + right
        self.instructions.setMinimumWidth(line * LEFT_COLUMN_LINES if wide else 0)
        if wide == self.two_columns():
            return
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        self.columns.setDirection(direction)
        # One column: the pictures come after the questions, which then stay near the top.
        slots = (self.narrowPicturesSlot, self.picturesSlot)
        slots[not wide].removeWidget(self.pictures)
        slots[wide].addWidget(self.pictures)
