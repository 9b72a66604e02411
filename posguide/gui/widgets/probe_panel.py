"""The live probe panel of a step page: a verdict banner, one row per probe (waiting → running →
finished with an expandable detail), a Retry button per finished row and "Run checks again".
The verdict is a widget of its own (``verdict``): a page may place it apart from the rows, e.g.
above its questions, where the cashier looks first.

The caller runs the probes and feeds the slots; the panel never runs anything itself. A running
probe's icon spins, driven by one timer that stops as soon as nothing runs (no CPU when idle).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from posguide.gui.widgets.common import (
    BUTTON_STYLE,
    COLOURS,
    TINTS,
    StatusIcon,
    TouchButton,
    icon_path,
    make_label,
)
from posguide.gui.widgets.probe_row import ProbeRow

SPIN_INTERVAL_MS, SPIN_STEP_DEG = 40, 12.0
PANEL_STYLE = """
QFrame#probeRow { background: #ffffff; border: 1px solid #d0d7de; border-radius: 6px; }
QFrame#probeRow[status="warn"] { background: #fffdf0; border-color: #d29922; }
QFrame#probeRow[status="fail"] { background: #fff8f7; border-color: #cf222e; }
QLabel#probeDetail { background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 4px;
  padding: 0.4em 0.6em; color: #1f2328; }
QLabel#probeDetail:focus { border-color: #1f6feb; }
"""


class ProbePanel(QWidget):
    """The probes of one step. Feed it with the slots; it reports Retry clicks as signals."""

    retry_requested = Signal(str)
    retry_all_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(BUTTON_STYLE + PANEL_STYLE)
        self._rows: dict[str, ProbeRow] = {}
        self.verdict = QFrame(self)
        self.verdict_icon = StatusIcon(self.verdict)
        self.verdict_label = make_label(self.verdict, bold=True)
        banner = QHBoxLayout(self.verdict)
        banner.setContentsMargins(8, 4, 8, 4)
        banner.addWidget(self.verdict_icon)
        banner.addWidget(self.verdict_label, 1)
        self.verdict.hide()
        # What the checks tell on this step (a 4G terminal's: they ran on the PC), from the
        # playbook; hidden when it says nothing.
        self.note = make_label(self)
        self.note.setObjectName("checksNote")
        self.note.hide()
        self._list = QWidget()
        self._list_layout = QVBoxLayout(self._list)
        self._list_layout.setContentsMargins(0, 0, 0, 0)
        self._list_layout.setSpacing(3)
        self._list_layout.addStretch(1)
        # No scroll area of its own: the step page scrolls, and every row stays in view.
        self.run_again_button = TouchButton(self)
        self.run_again_button.setIcon(QIcon(icon_path("retry")))
        self.run_again_button.clicked.connect(self.retry_all_requested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.verdict)
        layout.addWidget(self.note)
        layout.addWidget(self._list, 1)
        layout.addWidget(self.run_again_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._spin = QTimer(self)
        self._spin.setInterval(SPIN_INTERVAL_MS)
        self._spin.timeout.connect(self._spin_step)
        self._retranslate()
        self._update_busy()

    def set_note(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def set_probes(self, items: list[tuple[str, str]]) -> None:
        """One waiting row per (probe_id, translated name); replaces the rows and the verdict."""
        for old in self._rows.values():
            old.hide()
            old.deleteLater()
        self._rows.clear()
        for position, (probe_id, name) in enumerate(items):
            row = ProbeRow(probe_id, name, self._list)
            row.retry_clicked.connect(self.retry_requested)
            self._list_layout.insertWidget(position, row)
            self._rows[probe_id] = row
        if self._rows:  # rows come after "Run checks again" in creation order; fix the Tab order
            QWidget.setTabOrder(self.rows()[-1].detail_label, self.run_again_button)
        self.clear_verdict()
        self._update_busy()

    def rows(self) -> list[ProbeRow]:
        return list(self._rows.values())

    def row(self, probe_id: str) -> ProbeRow:
        return self._rows[probe_id]

    def is_busy(self) -> bool:
        return any(row.is_running() for row in self._rows.values())

    def spinner_active(self) -> bool:
        return self._spin.isActive()

    @Slot(str)
    def probe_started(self, probe_id: str) -> None:
        self.probe_progress(probe_id, None, "")

    @Slot(str, object, str)
    def probe_progress(self, probe_id: str, fraction: float | None, message: str) -> None:
        """``fraction`` None: busy with no known end (the icon spins); else 0.0–1.0 as a bar."""
        if row := self._rows.get(probe_id):
            row.set_running(fraction, message)
            self._update_busy()

    @Slot(str, str, str, str, str)
    def probe_finished(
        self, probe_id: str, status: str, summary: str, detail: str, link: str = ""
    ) -> None:
        """``link``: a web page staff can open from the row (an announcement)."""
        if row := self._rows.get(probe_id):
            row.set_finished(status, summary, detail, link)
            self._update_busy()

    def show_verdict(self, text: str, severity: str) -> None:
        """``severity`` ok, warn or fail (anything else shows as "could not check")."""
        severity = severity if severity in COLOURS else "error"
        self.verdict_icon.set_state(severity)
        self.verdict_label.setText(text)
        self.verdict.setAccessibleName(text)
        self.verdict.setStyleSheet(
            f"QFrame {{ background: {TINTS[severity]}; border: 1px solid {COLOURS[severity]};"
            " border-radius: 6px; } QLabel { border: none; color: #1f2328; }"
        )
        self.verdict.show()

    def clear_verdict(self) -> None:
        self.verdict.hide()
        self.verdict_label.clear()

    def verdict_text(self) -> str:
        """The verdict shown to the cashier; empty when there is none."""
        return "" if self.verdict.isHidden() else self.verdict_label.text()

    def _update_busy(self) -> None:
        busy = self.is_busy()
        if busy and not self._spin.isActive():
            self._spin.start()
        elif not busy:
            self._spin.stop()
        self.run_again_button.setVisible(bool(self._rows))
        self.run_again_button.setEnabled(not busy)

    def _spin_step(self) -> None:
        for row in self._rows.values():
            if row.is_running():
                row.icon.advance(SPIN_STEP_DEG)

    def _retranslate(self) -> None:
        self.run_again_button.setText(self.tr("&Run checks again"))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
