"""Reference pictures of a step (drawings of router lights, cables, the terminal) as tiles with
captions, sized by the font so they grow with it; a click, Enter or Space opens a larger view
that does not block the wizard."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QResizeEvent
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

TILE_LINES = 9  # a tile's picture is this many text lines wide: small, a click enlarges it
LARGE_LINES = 40
_STYLE = """
QFrame#tile { border: 2px solid #d0d7de; border-radius: 8px; background: #ffffff; }
QFrame#tile:hover { border-color: #8c959f; }
QFrame#tile:focus { border-color: #1f6feb; }
QLabel#caption { color: #1f2328; }
QLabel#missingPicture { color: #57606a; }
"""


def svg_widget(path: Path, parent: QWidget | None = None) -> QSvgWidget:
    """The drawing, letterboxed rather than stretched; empty when the file is missing."""
    widget = QSvgWidget(parent)
    widget.renderer().setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
    if path.is_file():
        widget.load(str(path))
    return widget


def aspect(widget: QSvgWidget) -> float:
    box = widget.renderer().viewBoxF()
    return box.height() / box.width() if widget.renderer().isValid() and box.width() else 2 / 3


class EnlargedView(QDialog):
    """A picture (any widget) with its caption in a non-modal window that deletes itself."""

    def __init__(self, content: QWidget, caption: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(caption or self.tr("Picture"))
        layout = QVBoxLayout(self)
        content.setParent(self)
        layout.addWidget(content, 1)
        if caption:
            text = QLabel(caption, self)
            text.setWordWrap(True)
            text.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        for button in buttons.buttons():
            button.setMinimumHeight(max(44, round(button.fontMetrics().height() * 2.4)))
        layout.addWidget(buttons)


class PictureTile(QFrame):
    """One picture and its caption; focusable, activated by a click, Enter or Space."""

    activated = Signal()

    def __init__(self, path: Path, caption: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.path, self.caption = path, caption
        self.setObjectName("tile")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(self.tr("Click to enlarge"))
        self.setAccessibleName(caption)
        layout = QVBoxLayout(self)
        self.svg = svg_widget(path, self)
        layout.addWidget(self.svg, 0, Qt.AlignmentFlag.AlignHCenter)
        if not self.svg.renderer().isValid():
            missing = QLabel(self.tr("Picture missing"), self.svg)
            missing.setObjectName("missingPicture")
            missing.setAlignment(Qt.AlignmentFlag.AlignCenter)
            QVBoxLayout(self.svg).addWidget(missing)
        self.text = QLabel(caption, self)
        self.text.setObjectName("caption")
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.text, 1)
        self.fit_font()

    def fit_font(self) -> None:
        width = self.fontMetrics().height() * TILE_LINES
        self.svg.setFixedSize(QSize(width, round(width * aspect(self.svg))))
        self.text.setFixedWidth(width)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        inside = self.rect().contains(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and inside:
            self.activated.emit()
        else:
            super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activated.emit()
        else:
            super().keyPressEvent(event)


class PictureStrip(QWidget):
    """Tiles in as many columns as fit the width. ``opened(index)`` when one is enlarged."""

    opened = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(_STYLE)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._tiles: list[PictureTile] = []
        self._columns = 0
        self._view: EnlargedView | None = None

    def set_pictures(self, items: list[tuple[Path, str]]) -> None:
        for tile in self._tiles:
            tile.hide()
            self._grid.removeWidget(tile)
            tile.deleteLater()
        self._tiles = []
        for index, (path, caption) in enumerate(items):
            tile = PictureTile(Path(path), caption, self)
            tile.activated.connect(lambda index=index: self.open_picture(index))
            self._tiles.append(tile)
        self._columns = 0
        self._arrange()
        self.setHidden(not items)

    def tiles(self) -> list[PictureTile]:
        return list(self._tiles)

    def open_picture(self, index: int) -> EnlargedView:
        """Show picture ``index`` large (one view at a time: it replaces the last)."""
        tile = self._tiles[index]
        if self._view is not None:
            self._view.close()
        svg = svg_widget(tile.path)
        line = self.fontMetrics().height()
        screen = self.screen().availableSize()
        width = min(line * LARGE_LINES, round(screen.width() * 0.8))
        height = min(round(width * aspect(svg)), round(screen.height() * 0.7))
        svg.setMinimumSize(QSize(round(height / aspect(svg)), height))
        self._view = EnlargedView(svg, tile.caption, self)
        self._view.destroyed.connect(self._view_closed)
        self._view.show()
        self.opened.emit(index)
        return self._view

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    def _arrange(self) -> None:
        if not self._tiles:
            return
        tile_width = self._tiles[0].sizeHint().width() + self._grid.horizontalSpacing()
        columns = max(1, min(len(self._tiles), self.width() // max(tile_width, 1)))
        if columns == self._columns:
            return
        self._columns = columns
        for tile in self._tiles:
            self._grid.removeWidget(tile)
        for column in range(self._grid.columnCount()):
            self._grid.setColumnStretch(column, 0)
        for index, tile in enumerate(self._tiles):
            self._grid.addWidget(tile, index // columns, index % columns, Qt.AlignmentFlag.AlignTop)
        self._grid.setColumnStretch(columns, 1)

    def minimumSizeHint(self) -> QSize:
        # One column is enough: narrower, the tiles wrap onto more rows (see resizeEvent).
        hint = super().minimumSizeHint()
        if self._tiles:
            hint.setWidth(self._tiles[0].minimumSizeHint().width())
        return hint

    def _view_closed(self) -> None:
        self._view = None
