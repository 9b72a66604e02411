"""An incident's photos as a strip of thumbnails in the manager console's detail page: each with
its caption and time under it; a double-click, Enter or the "Open" button asks for it full size
(``photoActivated``). The thumbnails arrive as bytes (the console reads them on its reader
thread); a damaged one shows a placeholder, never an error."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QIcon,
    QImage,
    QImageReader,
    QKeyEvent,
    QPainter,
    QPen,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from posguide.gui.widgets.common import touch_height
from posguide.store.models import PhotoInfo
from posguide.timeutil import parse_iso

log = logging.getLogger("posguide.gui.console")
PHOTO_ID = Qt.ItemDataRole.UserRole
SHOWN = Qt.ItemDataRole.UserRole + 1  # False: the thumbnail could not be decoded
THUMB_LINES = 8  # a thumbnail is this many text lines wide and high
_STYLE = """
QListWidget#photoGallery { border: 1px solid #d0d7de; border-radius: 6px; background: #ffffff; }
QListWidget#photoGallery::item { border-radius: 6px; padding: 2px; color: #1f2328; }
QListWidget#photoGallery::item:hover { background: #f3f4f6; }
QListWidget#photoGallery::item:selected { background: #ddf4ff; color: #1f2328; }
QListWidget#photoGallery:focus { border-color: #1f6feb; }
QLabel#galleryHint, QLabel#noPhotos { color: #57606a; }
"""


def short_time(stamp: str | None) -> str:
    """A stored timestamp as local "MM-DD HH:MM"; "" when absent or unreadable."""
    if not stamp:
        return ""
    try:
        return parse_iso(stamp).astimezone().strftime("%m-%d %H:%M")
    except (ValueError, OverflowError, OSError):
        return ""


def read_image(data: bytes, fit: QSize | None = None) -> tuple[QImage, QSize, str]:
    """The picture in ``data`` (scaled while decoding to fit ``fit``, if given), its size as
    the file declares it (invalid if unknown) and, when the image is null, Qt's reason (for
    the log: it is not translated)."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    size = reader.size()
    if fit is not None and size.isValid() and fit.expandedTo(size) != fit:
        reader.setScaledSize(size.scaled(fit, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    return image, size, reader.errorString() if image.isNull() else ""


class PhotoGallery(QListWidget):
    """``set_photos([(info, thumbnail bytes), ...])``; ``photoActivated(photo id)``."""

    photoActivated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("photoGallery")
        self.setStyleSheet(_STYLE)
        self.ensurePolished()  # the frame width counts in the height
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(False)  # one row, scrolled sideways: the page keeps its height
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setSpacing(4)
        self.setAccessibleName(self.tr("Photos"))
        self._bar = QWidget(self)  # above the thumbnails, inside the frame
        row = QHBoxLayout(self._bar)
        row.setContentsMargins(8, 4, 4, 4)
        self._hint = QLabel(self._bar)
        self._hint.setObjectName("galleryHint")
        self.open_button = QPushButton(self.tr("&Open"), self._bar)
        self.open_button.setAutoDefault(False)
        self.open_button.setToolTip(self.tr("Show the selected photo full size (Enter)"))
        self.open_button.setMinimumHeight(touch_height(self.open_button, 2.0))
        self.open_button.clicked.connect(self._open_current)
        policy = self.open_button.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # hidden when there are no photos: same layout
        self.open_button.setSizePolicy(policy)
        row.addWidget(self._hint, 1)
        row.addWidget(self.open_button)
        self._empty = QLabel(self.tr("No photos"), self.viewport())
        self._empty.setObjectName("noPhotos")
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.itemDoubleClicked.connect(self._activate)
        self.currentItemChanged.connect(self._update_state)
        self._fit()
        self._update_state()

    # --- public API ---------------------------------------------------------------------------

    def set_photos(self, items: Sequence[tuple[PhotoInfo, bytes]]) -> None:
        """Show these photos (thumbnail JPEG bytes), replacing those shown before."""
        self.clear()
        for info, thumbnail in items:
            self.addItem(self._item(info, thumbnail))
        if self.count():
            self.setCurrentRow(0)
        self._update_state()

    def photo_ids(self) -> list[int]:
        return [int(self.item(row).data(PHOTO_ID)) for row in range(self.count())]

    def empty_text(self) -> str:
        """The text shown in place of thumbnails ("No photos"), or "" when there are some."""
        return "" if self._empty.isHidden() else self._empty.text()

    # --- events -------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem():
            self._open_current()
            event.accept()
        else:
            super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place()

    # --- internals ----------------------------------------------------------------------------

    def _item(self, info: PhotoInfo, thumbnail: bytes) -> QListWidgetItem:
        caption = info.caption.strip() or self.tr("Photo {id}").format(id=info.id)
        cell = self.iconSize()
        ratio = self.devicePixelRatioF()
        image, _, reason = read_image(thumbnail, (cell.toSizeF() * ratio).toSize())
        if image.isNull():
            log.warning("thumbnail of photo %s cannot be shown: %s", info.id, reason)
        pixmap = self._framed(image, cell)
        if info.taken_at and short_time(info.taken_at):
            when = self.tr("Taken {time}").format(time=short_time(info.taken_at))
        else:
            when = self.tr("Added {time}").format(time=short_time(info.attached_at))
        metrics = self.fontMetrics()
        text = metrics.elidedText(caption, Qt.TextElideMode.ElideRight, cell.width()) + "\n" + when
        item = QListWidgetItem(QIcon(pixmap), text)
        item.setData(PHOTO_ID, info.id)
        item.setData(SHOWN, not image.isNull())
        item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        tip = [caption]
        if image.isNull():
            tip.append(self.tr("This photo cannot be shown: its thumbnail is damaged."))
        if info.taken_at:
            tip.append(self.tr("Taken: {time}").format(time=short_time(info.taken_at)))
        tip.append(self.tr("Added: {time}").format(time=short_time(info.attached_at)))
        if info.width and info.height:
            tip.append(f"{info.width} × {info.height}")
        item.setToolTip("\n".join(tip))
        return item

    def _framed(self, image: QImage, cell: QSize) -> QPixmap:
        """The thumbnail centred in a cell of the icon size, so that every caption lines up
        and gets the cell's width; a null image gives a placeholder."""
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap((cell.toSizeF() * ratio).toSize())
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        area = QRectF(0, 0, cell.width(), cell.height())
        if image.isNull():
            self._placeholder(painter, area)
        else:
            size = image.size().scaled(cell, Qt.AspectRatioMode.KeepAspectRatio)
            target = QRectF(0, 0, size.width(), size.height())
            target.moveCenter(area.center())
            painter.drawImage(target, image)
        painter.end()
        return pixmap

    def _placeholder(self, painter: QPainter, area: QRectF) -> None:
        """A framed, crossed-out picture with "cannot be shown" in it."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        edge = area.height()
        box = QRectF(0, 0, edge, edge * 0.75)
        box.moveCenter(area.center())
        box.adjust(1, 1, -1, -1)
        painter.setBrush(QColor("#f6f8fa"))
        painter.setPen(QPen(QColor("#d0d7de"), 2, Qt.PenStyle.DashLine))
        painter.drawRoundedRect(box, 6, 6)
        glyph = QRectF(0, 0, edge * 0.3, edge * 0.22)
        glyph.moveCenter(box.center())
        glyph.moveTop(box.top() + edge * 0.12)
        painter.setPen(QPen(QColor("#8c959f"), 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(glyph)
        painter.setPen(QPen(QColor("#cf222e"), 2))
        painter.drawLine(glyph.topLeft(), glyph.bottomRight())
        painter.drawLine(glyph.topRight(), glyph.bottomLeft())
        painter.setPen(QColor("#cf222e"))
        words = QRectF(box.left() + 4, glyph.bottom() + 4, box.width() - 8, box.height() / 3)
        flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
        painter.drawText(
            words, int(flags) | int(Qt.TextFlag.TextWordWrap), self.tr("cannot be shown")
        )

    def _activate(self, item: QListWidgetItem) -> None:
        self.photoActivated.emit(int(item.data(PHOTO_ID)))

    def _open_current(self) -> None:
        item = self.currentItem()
        if item is not None:
            self._activate(item)

    def _update_state(self) -> None:
        count = self.count()
        self._empty.setVisible(count == 0)
        self.open_button.setEnabled(self.currentItem() is not None)
        self.open_button.setVisible(count > 0)
        hint = self.tr("Photos: {count}. Double-click one or press Enter to see it full size.")
        self._hint.setText(hint.format(count=count) if count else "")

    def _place(self) -> None:
        frame = self.frameWidth()
        self._bar.setGeometry(frame, frame, self.width() - 2 * frame, self._bar_height())
        self._empty.setGeometry(self.viewport().rect())

    def _bar_height(self) -> int:
        return self._bar.sizeHint().height()

    def _fit(self) -> None:
        """Icons and grid from the font; the height holds one row, the bar and a scroll bar."""
        line = self.fontMetrics().height()
        edge = line * THUMB_LINES
        stamp = self.tr("Added {time}").format(time="00-00 00:00")
        width = max(edge, self.fontMetrics().horizontalAdvance(stamp) + line // 2)
        self.setIconSize(QSize(width, edge))
        self.setGridSize(QSize(width + line, edge + line * 3))
        self.setViewportMargins(0, self._bar_height(), 0, 0)
        bar = self.horizontalScrollBar().sizeHint().height()
        height = self._bar_height() + self.gridSize().height() + bar + 2 * self.frameWidth() + 8
        self.setFixedHeight(height)
        self._place()
