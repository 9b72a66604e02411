"""Pieces the wizard's widgets share: the status colours, the button style, touch-sized buttons,
the status icon and word-wrapping labels."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPaintEvent, QPen
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QWidget

from posguide.resources import resource_path

COLOURS = {"ok": "#2da44e", "warn": "#d29922", "fail": "#cf222e", "error": "#8250df"}
TINTS = {"ok": "#dafbe1", "warn": "#fff8c5", "fail": "#ffebe9", "error": "#fbefff"}
MIN_TOUCH_PX = 44
BUTTON_STYLE = """
QPushButton { padding: 0.2em 0.9em; border: 2px solid #d0d7de; border-radius: 6px;
  background: #f6f8fa; color: #1f2328; }
QPushButton:hover { background: #eef1f4; } QPushButton:pressed { background: #e1e6eb; }
QPushButton:checked { background: #ddf4ff; } QPushButton:disabled { color: #8c959f; }
QPushButton:focus { border-color: #1f6feb; }
"""


def icon_path(name: str) -> str:
    return str(resource_path("icons", f"{name}.svg"))


def touch_height(widget: QWidget, lines: float = 2.4) -> int:
    """A comfortable hit height: at least 44 px, more with a larger font."""
    return max(MIN_TOUCH_PX, round(widget.fontMetrics().height() * lines))


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
        touch = touch_height(self, lines=2.2)
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
