"""One incident in full, for the manager: what happened in time order (the timeline), its
photos, corrections, and the fault report for the provider (PDF, or a message for the group
chat). Everything is read on the reader thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from posguide.config import ShopConfig
from posguide.console.columns import local_time, minutes
from posguide.console.source import IncidentSource
from posguide.flow.model import CAUSES, Playbook
from posguide.gui.console.fault_pdf import write_fault_pdf
from posguide.gui.console.gallery import PhotoGallery
from posguide.gui.console.photo_viewer import PhotoViewer
from posguide.gui.console.reader import Reader
from posguide.gui.console.timeline import Timeline, field_name
from posguide.gui.dialogs import ask_save_path
from posguide.gui.focus import guard_wheel
from posguide.gui.fonts import pdf_font_family
from posguide.gui.i18n import translate
from posguide.reports import FaultReport, build_fault_report, facts
from posguide.reports.strings import Language, Strings, load_strings
from posguide.store.errors import NotFoundError
from posguide.store.models import AMENDABLE, OUTCOMES, IncidentDetail, PhotoInfo
from posguide.timeutil import now, parse_iso

RECENT_DAYS = (30, 90)


@dataclass(frozen=True)
class Loaded:
    """What the detail page shows, read in one go on the reader thread."""

    detail: IncidentDetail
    thumbnails: tuple[tuple[PhotoInfo, bytes], ...]
    recent: dict[int, int]  # days → incidents on this terminal


def load(source: IncidentSource, incident_id: int) -> Loaded:
    detail = source.detail(incident_id)
    thumbs = tuple((p, photo_or_nothing(source, p.id, thumbnail=True)) for p in detail.photos)
    inc = detail.incident
    at = parse_iso(inc.started_at).timestamp()
    recent = {d: source.recent_count(inc.terminal, days=d, training=inc.training, at=at)
              for d in RECENT_DAYS}  # fmt: skip
    return Loaded(detail, thumbs, recent)


def photo_or_nothing(source: IncidentSource, photo_id: int, *, thumbnail: bool = False) -> bytes:
    """The photo, or no bytes when it is gone (taken back while its incident was open): shown
    as "cannot be shown", never the whole page or report failing for it."""
    try:
        return source.photo(photo_id, thumbnail=thumbnail)
    except NotFoundError:
        return b""


class DetailView(QWidget):
    backRequested = Signal()
    amended = Signal(int)  # incident id: the history shows the new values

    def __init__(
        self,
        reader: Reader,
        language: Language,
        *,
        config: ShopConfig | None = None,
        playbook: Playbook | None = None,
        author: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.reader = reader
        self.language: Language = language
        self.config, self.playbook = config, playbook
        self.loaded: Loaded | None = None
        self._viewers: list[PhotoViewer] = []
        self._dialog: QFileDialog | None = None

        self.back_button = QPushButton()
        self.title = QLabel()
        self.title.setObjectName("detailTitle")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.pdf_button = QPushButton()
        self.message_button = QPushButton()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.timeline = Timeline()
        self.gallery = PhotoGallery()
        self.gallery.photoActivated.connect(self.open_photo)

        self.amend_box = QGroupBox()
        self.field = guard_wheel(QComboBox())
        self.value_text = QLineEdit()
        self.value_choice = guard_wheel(QComboBox())
        self.reason = QLineEdit()
        self.author = QLineEdit(author)
        self.amend_button = QPushButton()
        self.amend_note = QLabel()
        self.amend_note.setWordWrap(True)
        form = QFormLayout(self.amend_box)
        value = QWidget()
        value_layout = QHBoxLayout(value)
        value_layout.setContentsMargins(0, 0, 0, 0)
        value_layout.addWidget(self.value_text)
        value_layout.addWidget(self.value_choice)
        self._labels = [QLabel() for _ in range(4)]
        for label, widget in zip(self._labels, (self.field, value, self.reason, self.author),
                                 strict=True):  # fmt: skip
            form.addRow(label, widget)
        form.addRow(self.amend_note, self.amend_button)

        head = QHBoxLayout()
        head.addWidget(self.back_button)
        head.addWidget(self.title, 1)
        head.addWidget(self.message_button)
        head.addWidget(self.pdf_button)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.gallery, 1)
        side_layout.addWidget(self.amend_box)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.timeline)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)

        self.back_button.clicked.connect(self.backRequested)
        self.pdf_button.clicked.connect(self._ask_pdf)
        self.message_button.clicked.connect(self.copy_message)
        self.field.currentIndexChanged.connect(self._field_changed)
        self.amend_button.clicked.connect(self.add_amendment)
        self.retranslate()

    # --- loading ------------------------------------------------------------------------------

    def show_incident(self, incident_id: int) -> None:
        self.loaded = None
        self.title.setText(self.tr("Incident {id}").format(id=incident_id))
        self.status.setText(self.tr("Loading…"))
        self.timeline.clear()
        self.gallery.set_photos(())
        self.reader.request(lambda source: load(source, incident_id), self._show,
                            self._failed)  # fmt: skip

    @property
    def ready(self) -> bool:
        return self.loaded is not None

    def _failed(self, error: Exception) -> None:
        self.status.setText(self.tr("This incident cannot be shown: {error}").format(error=error))

    def _show(self, loaded: Loaded) -> None:
        self.loaded = loaded
        detail = loaded.detail
        inc = detail.incident
        s = self.strings
        self.title.setText(
            self.tr("Incident {id} — {terminal}").format(id=inc.id, terminal=inc.terminal or "?")
        )
        parts = [local_time(inc.started_at)]
        if inc.is_open:
            parts.append(self.tr("still open at the till"))
        else:
            took = minutes(
                (
                    parse_iso(inc.ended_at or inc.started_at) - parse_iso(inc.started_at)
                ).total_seconds()
            )
            parts.append(self.tr("%n min", "", int(took or 0)))
            parts.append(s.label("outcome", inc.outcome or ""))
            if inc.cause:
                parts.append(s.label("cause", inc.cause))
        if inc.training:
            parts.append(self.tr("training exercise"))
        if inc.symptom:
            parts.append(facts.clean(inc.symptom))
        if inc.error_code:
            parts.append(facts.describe_code(inc.error_code, s))
        parts.append(self.tr("{n30} incidents on this terminal in 30 days, {n90} in 90").format(
            n30=loaded.recent.get(30, 0), n90=loaded.recent.get(90, 0)))  # fmt: skip
        self.summary.setText(" · ".join(p for p in parts if p))
        self.timeline.show_detail(detail, self.strings, self.playbook)
        self.gallery.set_photos(loaded.thumbnails)
        closed = not inc.is_open
        self._field_changed()  # the chosen field's value as recorded now
        self.amend_box.setEnabled(closed)
        self.amend_note.setText(
            "" if closed else self.tr("Corrections can be added once the incident is closed.")
        )
        self.status.setText("")

    # --- photos ---------------------------------------------------------------------------------

    def open_photo(self, photo_id: int) -> None:
        info = (
            next((p for p in self.loaded.detail.photos if p.id == photo_id), None)
            if self.loaded
            else None
        )
        if info is None:
            return
        self.reader.request(lambda source: source.photo(photo_id),
                            lambda data: self._show_photo(info, data))  # fmt: skip

    def _show_photo(self, info: PhotoInfo, data: bytes) -> None:
        viewer = PhotoViewer()
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        viewer.destroyed.connect(lambda _=None, v=viewer: self._forget_viewer(v))
        self._viewers.append(viewer)
        viewer.show_photo(info, data)  # shows the window

    def _forget_viewer(self, viewer: PhotoViewer) -> None:
        if viewer in self._viewers:
            self._viewers.remove(viewer)

    def close_viewers(self) -> None:
        for viewer in list(self._viewers):
            viewer.close()
        self._viewers.clear()

    # --- amendments -------------------------------------------------------------------------------

    def _field_changed(self) -> None:
        field = self.field.currentData()
        choices = {"outcome": OUTCOMES, "cause": CAUSES}.get(field)
        self.value_text.setVisible(choices is None)
        self.value_choice.setVisible(choices is not None)
        if choices is not None:
            self.value_choice.clear()
            for value in choices:
                self.value_choice.addItem(self.strings.label(field, value), value)
        inc = self.loaded.detail.incident if self.loaded else None
        current = str(getattr(inc, field, "") or "") if inc and field else ""
        if choices is not None:
            self.value_choice.setCurrentIndex(max(0, self.value_choice.findData(current)))
        else:
            self.value_text.setText(current)

    def add_amendment(self) -> None:
        if self.loaded is None:
            return
        inc = self.loaded.detail.incident
        field = str(self.field.currentData())
        choice = field in ("outcome", "cause")
        new = str(self.value_choice.currentData()) if choice else self.value_text.text().strip()
        author = self.author.text().strip()
        reason = self.reason.text().strip()
        problem = None
        if not author:
            problem = self.tr("Write your name: a correction says who made it.")
        elif not reason:
            problem = self.tr("Write why: the provider and your colleagues will read it.")
        elif new == str(getattr(inc, field) or ""):
            problem = self.tr("That is the value already recorded.")
        if problem:
            self.amend_note.setText(problem)
            return
        self.amend_button.setEnabled(False)
        self.amend_note.setText(self.tr("Saving…"))
        incident_id = inc.id
        self.reader.request(
            lambda source: source.amend(
                incident_id, author=author, field=field, new_value=new, reason=reason
            ),
            lambda _: self._amendment_saved(incident_id),
            self._amendment_failed,
        )

    def _amendment_saved(self, incident_id: int) -> None:
        self.amend_button.setEnabled(True)
        self.reason.clear()
        self.amend_note.setText(self.tr("The correction is saved."))
        self.amended.emit(incident_id)
        if self.loaded is not None and self.loaded.detail.incident.id == incident_id:
            self.show_incident(incident_id)  # not when the manager has moved on to another

    def _amendment_failed(self, error: Exception) -> None:
        self.amend_button.setEnabled(True)
        self.amend_note.setText(
            self.tr("The correction was not saved: {error}").format(error=error)
        )

    # --- the fault report -------------------------------------------------------------------

    def fault_report(self) -> FaultReport | None:
        if self.loaded is None:
            return None
        inc = self.loaded.detail.incident
        terminal = self.config.terminal(inc.terminal) if self.config else None
        provider = (self.config.provider(terminal.provider)
                    if self.config and terminal and terminal.provider else None)  # fmt: skip
        return build_fault_report(
            self.loaded.detail,
            provider=provider,
            terminal=terminal,
            recent=self.loaded.recent,
            now=now(),
            language=self.language,
            shop=self.config.shop.name if self.config else "",
            playbook=self.playbook,
            translate=translate,
        )

    def copy_message(self) -> None:
        report = self.fault_report()
        if report is not None:
            QGuiApplication.clipboard().setText(report.message)
            self.status.setText(self.tr("The message is copied: paste it into the group chat."))

    def _ask_pdf(self) -> None:
        if self.loaded is None:
            return
        inc = self.loaded.detail.incident
        name = f"posguide-{inc.id}-{parse_iso(inc.started_at):%Y%m%d}.pdf"
        self._dialog = ask_save_path(self, self.tr("Save the fault report"), name,
                                     self.tr("PDF (*.pdf)"), self.save_pdf)  # fmt: skip

    def save_pdf(self, path: Path) -> None:
        """Read the photos and write the PDF on a thread of its own (a few hundred ms with ten
        photos: the window goes on meanwhile)."""
        report = self.fault_report()
        if report is None or self.loaded is None:
            return
        ids = [p.id for p in self.loaded.detail.photos]
        pdf_font_family()  # the font is registered here, on the GUI thread, before it is used

        def write(source: IncidentSource) -> int:
            return write_fault_pdf(report, {i: photo_or_nothing(source, i) for i in ids}, path)

        self.status.setText(self.tr("Writing the fault report…"))
        self.reader.request(write, lambda pages: self._pdf_written(path, pages),
                            self._pdf_failed, apart=True)  # fmt: skip

    def _pdf_written(self, path: Path, pages: int) -> None:
        self.status.setText(
            self.tr("The fault report is saved: {path} (%n page(s))", "", pages).format(path=path)
        )

    def _pdf_failed(self, error: Exception) -> None:
        self.status.setText(self.tr("The fault report was not saved: {error}").format(error=error))

    # --- keys and language ------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.backRequested.emit()
            return
        super().keyPressEvent(event)

    @property
    def strings(self) -> Strings:
        return load_strings(self.language)

    def retranslate(self) -> None:
        self.back_button.setText(self.tr("← &Back to the list"))
        self.pdf_button.setText(self.tr("Fault report &PDF…"))
        self.message_button.setText(self.tr("Copy &message for the group"))
        self.amend_box.setTitle(self.tr("Add a correction"))
        for label, text in zip(self._labels, (self.tr("Field"), self.tr("New value"),
                                              self.tr("Why"), self.tr("Your name")),
                               strict=True):  # fmt: skip
            label.setText(text)
        self.amend_button.setText(self.tr("Save &correction"))
        keep = self.field.currentData()
        self.field.blockSignals(True)
        self.field.clear()
        for field in AMENDABLE:
            self.field.addItem(field_name(field), field)
        self.field.setCurrentIndex(max(0, self.field.findData(keep or "cause")))
        self.field.blockSignals(False)
        self._field_changed()
        if self.loaded is not None:
            self._show(self.loaded)

    def set_language(self, language: Language) -> None:
        self.language = language
        self.retranslate()
