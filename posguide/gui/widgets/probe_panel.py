"""The live probe panel of a step page: a verdict banner, one row per probe (waiting → running →
finished with an expandable detail), a Retry button per finished row and "Run checks again".

The caller runs the probes and feeds the slots; the panel never runs anything itself. A running
probe's icon spins, driven by one timer that stops as soon as nothing runs (no CPU when idle).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QFontDatabase, QIcon, QKeyEvent, QPainter, QPaintEvent, QPen
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from posguide.resources import resource_path

STATUSES = ("ok", "warn", "fail", "error", "skipped")
COLOURS = {"ok": "#2da44e", "warn": "#d29922", "fail": "#cf222e", "error": "#8250df"}
TINTS = {"ok": "#dafbe1", "warn": "#fff8c5", "fail": "#ffebe9", "error": "#fbefff"}
MIN_TOUCH_PX = 44
SPIN_INTERVAL_MS, SPIN_STEP_DEG = 40, 12.0
BUTTON_STYLE = """
QPushButton { padding: 0.2em 0.9em; border: 2px solid #d0d7de; border-radius: 6px;
  background: #f6f8fa; color: #1f2328; }
QPushButton:hover { background: #eef1f4; } QPushButton:pressed { background: #e1e6eb; }
QPushButton:checked { background: #ddf4ff; } QPushButton:disabled { color: #8c959f; }
QPushButton:focus { border-color: #1f6feb; }
"""
PANEL_STYLE = """
QFrame#probeRow { background: #ffffff; border: 1px solid #d0d7de; border-radius: 6px; }
QFrame#probeRow[status="warn"] { background: #fffdf0; border-color: #d29922; }
QFrame#probeRow[status="fail"] { background: #fff8f7; border-color: #cf222e; }
QLabel#probeDetail { background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 4px;
  padding: 0.4em 0.6em; color: #1f2328; }
QLabel#probeDetail:focus { border-color: #1f6feb; }
QLabel#probeLine { color: #59636e; }
"""


def icon_path(name: str) -> str:
    return str(resource_path("icons", f"{name}.svg"))


def make_label(parent: QWidget, *, bold: bool = False, scale: float = 1.0) -> QLabel:
    """A word-wrapping plain-text label with a font relative to the parent's."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = label.font()
    font.setBold(bold)
    if font.pointSizeF() > 0:  # not a pixel-sized font
        font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return label


class TouchButton(QPushButton):
    """A push button at least 44 px (and 2.2 text lines) high; Enter and Return press it too."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAutoDefault(False)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._fit_icon()

    def _fit_icon(self) -> None:
        side = round(self.fontMetrics().height() * 0.9)
        self.setIconSize(QSize(side, side))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_icon()

    def sizeHint(self) -> QSize:
        touch = max(MIN_TOUCH_PX, round(self.fontMetrics().height() * 2.2))
        return super().sizeHint().expandedTo(QSize(touch, touch))

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.isEnabled():
            self.click()
            event.accept()
        else:
            super().keyPressEvent(event)


class StatusIcon(QWidget):
    """An icon sized from the font: waiting (grey ring), running (spins), a result or "alarm"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state, self._angle = "waiting", 0.0
        self._renderer: QSvgRenderer | None = None
        self.backdrop: QColor | None = None  # a disc behind the icon, for dark banners
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        side = round(self.fontMetrics().height() * 1.5)
        return QSize(side, side)

    def set_state(self, state: str) -> None:
        if state == self.state and self._renderer is not None:
            return
        self.state, self._angle = state, 0.0
        if self._renderer is not None:
            self._renderer.deleteLater()
        name = {"running": "status_running", "alarm": "alarm"}.get(state, f"status_{state}")
        self._renderer = QSvgRenderer(icon_path(name), self) if state != "waiting" else None
        self.update()

    def advance(self, degrees: float) -> None:
        self._angle = (self._angle + degrees) % 360.0
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        side = float(min(self.width(), self.height()))
        rect = QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.backdrop is not None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.backdrop)
            painter.drawEllipse(rect)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            rect = rect.adjusted(side * 0.15, side * 0.15, -side * 0.15, -side * 0.15)
        if self._renderer is None:
            pen_width = max(1.5, side / 10)
            painter.setPen(QPen(QColor("#afb8c1"), pen_width))
            inset = side * 0.1 + pen_width / 2
            painter.drawEllipse(rect.adjusted(inset, inset, -inset, -inset))
        else:
            painter.translate(rect.center())
            painter.rotate(self._angle)
            painter.translate(-rect.center())
            self._renderer.render(painter, rect)
        painter.end()


class ProbeRow(QFrame):
    """One probe: icon, name, a small line (progress message or summary), buttons, detail."""

    retry_clicked = Signal(str)

    def __init__(self, probe_id: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("probeRow")
        self.probe_id, self.name = probe_id, name
        self.state, self.message, self.summary, self.detail = "waiting", "", "", ""
        self.fraction: float | None = None
        self.icon = StatusIcon(self)
        self.name_label = make_label(self, bold=True)
        self.name_label.setText(name)
        self.line_label = make_label(self, scale=0.9)
        self.line_label.setObjectName("probeLine")
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(max(6, self.fontMetrics().height() // 2))
        self.details_button = TouchButton(self)
        self.details_button.setCheckable(True)
        self.retry_button = TouchButton(self)
        self.retry_button.setIcon(QIcon(icon_path("retry")))
        for button in (self.details_button, self.retry_button):  # rows keep their shape
            policy = button.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            button.setSizePolicy(policy)
        self.detail_label = make_label(self)
        self.detail_label.setObjectName("probeDetail")
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        fixed.setPointSizeF(max(self.font().pointSizeF(), fixed.pointSizeF()) * 0.95)
        self.detail_label.setFont(fixed)
        self.detail_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        grid.addWidget(self.icon, 0, 0, 2, 1, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.name_label, 0, 1)
        grid.addWidget(self.line_label, 1, 1)
        grid.addWidget(self.progress, 2, 1)
        grid.addWidget(self.details_button, 0, 2, 2, 1)
        grid.addWidget(self.retry_button, 0, 3, 2, 1)
        grid.addWidget(self.detail_label, 3, 1, 1, 3)
        grid.setColumnStretch(1, 1)
        self.details_button.toggled.connect(self._apply)
        self.retry_button.clicked.connect(lambda: self.retry_clicked.emit(self.probe_id))
        self._apply()

    def is_running(self) -> bool:
        return self.state == "running"

    def detail_shown(self) -> bool:
        return not self.detail_label.isHidden()

    def shown_line(self) -> str:
        """The small line under the name: the progress message, the summary or the state."""
        return self.line_label.text()

    def set_running(self, fraction: float | None = None, message: str = "") -> None:
        self.state, self.fraction, self.message = "running", fraction, message
        self._apply()

    def set_finished(self, status: str, summary: str, detail: str) -> None:
        self.state = status if status in STATUSES else "error"
        self.summary, self.detail, self.fraction, self.message = summary, detail, None, ""
        self._apply()

    def status_text(self) -> str:
        return {
            "waiting": self.tr("Waiting"),
            "running": self.tr("Checking…"),
            "ok": self.tr("OK"),
            "warn": self.tr("Warning"),
            "fail": self.tr("Failed"),
            "error": self.tr("Could not check"),
            "skipped": self.tr("Skipped"),
        }[self.state]

    def _apply(self) -> None:
        finished = self.state in STATUSES
        has_detail = finished and bool(self.detail)
        if not has_detail and self.details_button.isChecked():
            self.details_button.setChecked(False)  # re-enters _apply through toggled
            return
        line = (self.message if self.state == "running" else self.summary) or self.status_text()
        self.icon.set_state(self.state)
        self.line_label.setText(line)
        self.progress.setVisible(self.state == "running" and self.fraction is not None)
        self.progress.setValue(round(min(1.0, max(0.0, self.fraction or 0.0)) * 1000))
        self.retry_button.setText(self.tr("Retry"))
        self.retry_button.setAccessibleName(self.tr("Retry {name}").format(name=self.name))
        self.retry_button.setVisible(finished)
        shown = self.details_button.isChecked()
        texts = (self.tr("Details"), self.tr("Hide details"))
        self.details_button.setText(texts[shown])
        advance = max(self.details_button.fontMetrics().horizontalAdvance(t) for t in texts)
        self.details_button.setMinimumWidth(advance + 2 * self.fontMetrics().height())
        self.details_button.setAccessibleName(self.tr("Details for {name}").format(name=self.name))
        self.details_button.setVisible(has_detail)
        self.detail_label.setText(self.detail)
        self.detail_label.setVisible(shown)
        status = self.status_text()
        self.setAccessibleName(self.tr("{name}: {status}").format(name=self.name, status=status))
        self.setAccessibleDescription(line)
        self.setProperty("status", self.state)
        self.style().unpolish(self)
        self.style().polish(self)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self._apply()


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
        banner.addWidget(self.verdict_icon)
        banner.addWidget(self.verdict_label, 1)
        self.verdict.hide()
        self._list = QWidget()
        self._list_layout = QVBoxLayout(self._list)
        self._list_layout.setContentsMargins(0, 0, 0, 0)
        self._list_layout.addStretch(1)
        # No scroll area of its own: the step page scrolls, and every row stays in view.
        self.run_again_button = TouchButton(self)
        self.run_again_button.setIcon(QIcon(icon_path("retry")))
        self.run_again_button.clicked.connect(self.retry_all_requested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.verdict)
        layout.addWidget(self._list, 1)
        layout.addWidget(self.run_again_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._spin = QTimer(self)
        self._spin.setInterval(SPIN_INTERVAL_MS)
        self._spin.timeout.connect(self._spin_step)
        self._retranslate()
        self._update_busy()

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

    @Slot(str, str, str, str)
    def probe_finished(self, probe_id: str, status: str, summary: str, detail: str) -> None:
        if row := self._rows.get(probe_id):
            row.set_finished(status, summary, detail)
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
