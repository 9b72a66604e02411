"""One photo full size, in its own window: zoom (wheel around the cursor, +/-, buttons, Fit,
100%), pan (drag, arrow keys, scroll bars), and "Save a copy…", which writes the stored JPEG
bytes unchanged. A photo that cannot be decoded is said so in the window; it can still be
saved, since its bytes are the evidence. Nothing here opens a nested event loop."""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPointF, QSize, Qt, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QGuiApplication,
    QImageReader,
    QKeyEvent,
    QPainter,
    QPixmap,
    QResizeEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QFileDialog,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from posguide.gui.console.gallery import read_image, short_time
from posguide.gui.widgets.common import touch_height
from posguide.gui.widgets.photo_strip import photo_folder
from posguide.store.models import PhotoInfo

log = logging.getLogger("posguide.gui.console")
MIN_ZOOM, MAX_ZOOM = 0.05, 8.0
STEP = 1.25  # one wheel notch, key press or button click
_UNSAFE = re.compile(r'[\x00-\x1f<>:"/\\|?*]+')  # not allowed in Windows file names
_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{n}" for n in range(10)),
    *(f"LPT{n}" for n in range(10)),
}
_STYLE = """
QLabel#problem { color: #cf222e; font-weight: bold; }
QLabel#status[kind="error"] { color: #cf222e; font-weight: bold; }
QLabel#status[kind="warning"] { color: #9a6700; }
QLabel#status[kind="done"] { color: #1a7f37; }
QLabel#details { color: #57606a; }
"""


def copy_name(info: PhotoInfo) -> str:
    """The file name proposed for a copy: the caption made safe for any file system, else the
    photo's number."""
    name = _UNSAFE.sub("_", info.caption).strip(" ._")[:80].rstrip(" .")
    if name.split(".")[0].upper() in _RESERVED:
        name = ""
    return f"{name or f'photo-{info.id}'}.jpg"


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``: the
    target is the whole copy or untouched, never a part."""
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a folder", str(path))
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        Path(temp).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temp).unlink()
        raise


class ZoomView(QGraphicsView):
    """A picture that zooms around the cursor and pans by dragging. ``zoomChanged(factor)``."""

    zoomChanged = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.item = QGraphicsPixmapItem()
        self.item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene().addItem(self.item)
        self.setInteractive(False)  # nothing to click in the picture: keys and drags pan
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setBackgroundBrush(QColor("#3d434a"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._zoom = 1.0
        self.fitting = True  # until the user zooms: a resized window fits the photo again

    def zoom(self) -> float:
        return self._zoom

    def set_pixmap(self, pixmap: QPixmap) -> None:
        self.item.setPixmap(pixmap)
        self.scene().setSceneRect(self.item.boundingRect())
        self.fit()

    def set_zoom(self, factor: float, at: QPointF | None = None) -> None:
        """Zoom to ``factor`` (kept within the limits) keeping the point ``at`` of the viewport
        (default: its centre) over the same spot of the photo."""
        self.fitting = False
        self._apply(factor, at)

    def fit(self) -> None:
        """The whole photo, as large as the window allows."""
        self.fitting = True
        rect = self.item.boundingRect()
        space = self.maximumViewportSize()  # without scroll bars: there will be none
        if rect.isEmpty() or space.isEmpty():
            return
        # A hair under the exact ratio: rounding must never make a scroll bar appear.
        factor = min(space.width() / rect.width(), space.height() / rect.height()) * 0.9999
        self._apply(factor, None)
        self.centerOn(self.item)

    def wheelEvent(self, event: QWheelEvent) -> None:
        # The wheel zooms, with or without Ctrl; the scroll bars and a drag pan.
        notches = event.angleDelta().y() / 120
        if notches and not self.item.pixmap().isNull():
            self.set_zoom(self._zoom * STEP**notches, event.position())
            event.accept()
        else:
            event.ignore()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.fitting:
            self.fit()

    def _apply(self, factor: float, at: QPointF | None) -> None:
        factor = min(MAX_ZOOM, max(MIN_ZOOM, factor))
        anchor = (at or QPointF(self.viewport().rect().center())).toPoint()
        spot = self.mapToScene(anchor)
        self.setTransform(QTransform.fromScale(factor, factor))
        moved = self.mapFromScene(spot) - anchor
        bars = self.horizontalScrollBar(), self.verticalScrollBar()
        bars[0].setValue(bars[0].value() + moved.x())
        bars[1].setValue(bars[1].value() + moved.y())
        if factor != self._zoom:
            self._zoom = factor
            self.zoomChanged.emit(factor)


class PhotoViewer(QWidget):
    """A window showing one photo: ``show_photo(info, jpeg bytes)``; ``save_copy(path)``.
    Closing (Esc) hides it; its parent deletes it. ``saved(path)`` after a copy is written."""

    saved = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setStyleSheet(_STYLE)
        self.info: PhotoInfo | None = None
        self._data: bytes | None = None
        self._folder: Path | None = None  # where the last copy went
        self.save_dialog: QFileDialog | None = None
        self.replace_question: QMessageBox | None = None
        self._pending: Path | None = None  # the copy waiting for "replace?"
        layout = QVBoxLayout(self)
        tools = QHBoxLayout()
        self.zoom_out_button = self._button("−", self.zoom_out, self.tr("Zoom out (-)"))
        self.zoom_label = QLabel(self)
        self.zoom_label.setObjectName("zoom")
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.zoom_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("8888%"))
        self.zoom_label.setAccessibleName(self.tr("Zoom"))
        self.zoom_in_button = self._button("+", self.zoom_in, self.tr("Zoom in (+)"))
        self.fit_button = self._button(self.tr("&Fit"), self.fit, self.tr("The whole photo"))
        self.actual_button = self._button(self.tr("&100%"), self.actual_size, self.tr("Real size"))
        self.save_button = self._button(self.tr("&Save a copy…"), self.choose_save_path)
        self.close_button = self._button(self.tr("&Close"), self.close, self.tr("Close (Esc)"))
        for widget in (self.zoom_out_button, self.zoom_label, self.zoom_in_button):
            tools.addWidget(widget)
        for button in (self.zoom_out_button, self.zoom_in_button):
            button.setFixedWidth(button.minimumHeight())
        tools.addSpacing(self.fontMetrics().height())
        tools.addWidget(self.fit_button)
        tools.addWidget(self.actual_button)
        tools.addStretch(1)
        tools.addWidget(self.save_button)
        tools.addWidget(self.close_button)
        layout.addLayout(tools)
        self.status = self._label("status")
        layout.addWidget(self.status)
        self.view = ZoomView(self)
        self.view.zoomChanged.connect(self._show_zoom)
        layout.addWidget(self.view, 1)
        self.problem = self._label("problem")
        self.problem.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.problem, 1)
        self.details = self._label("details")
        layout.addWidget(self.details)
        self._size_to_screen()
        self._set_shown(False)

    # --- public API ---------------------------------------------------------------------------

    def show_photo(self, info: PhotoInfo, data: bytes) -> None:
        """Show this photo (its stored JPEG bytes), fitted to the window, and the window."""
        for window in (self.save_dialog, self.replace_question):  # they were for the last one
            if window is not None:
                window.close()
        self.info, self._data = info, data
        self._say("")
        started = time.perf_counter()
        image, size, reason = read_image(data)
        if image.isNull():
            log.warning("photo %s cannot be shown (%d bytes): %s", info.id, len(data), reason)
            self.problem.setText(self._why_not(data, size))
            self.view.item.setPixmap(QPixmap())
            self._set_shown(False)
        else:
            self._set_shown(True)
            self.view.set_pixmap(QPixmap.fromImage(image))
            if data.startswith(b"\xff\xd8") and not data.rstrip(b"\0").endswith(b"\xff\xd9"):
                self._say(
                    self.tr("Part of this photo is missing; what could be read is shown."),
                    "warning",
                )
        log.debug("photo %s decoded in %.0f ms", info.id, (time.perf_counter() - started) * 1000)
        caption = info.caption.strip() or self.tr("Photo {id}").format(id=info.id)
        self.setWindowTitle(caption)
        self.details.setText(self._details(caption, image.width(), image.height()))
        self.details.show()
        if self.isVisible():  # another photo in a window already open: bring it forward
            self.raise_()
        self.show()
        self.activateWindow()

    def zoom(self) -> float:
        return self.view.zoom()

    def zoom_in(self) -> None:
        self.view.set_zoom(self.view.zoom() * STEP)

    def zoom_out(self) -> None:
        self.view.set_zoom(self.view.zoom() / STEP)

    def fit(self) -> None:
        self.view.fit()

    def actual_size(self) -> None:
        self.view.set_zoom(1.0)

    def choose_save_path(self) -> None:
        """Ask where to save a copy (a non-modal file dialog; its answer calls ``save_copy``)."""
        if self.info is None:
            return
        if self.save_dialog is not None:
            self.save_dialog.raise_()
            self.save_dialog.activateWindow()
            return
        dialog = QFileDialog(self, self.tr("Save a copy of the photo"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        # Qt's own "replace?" would be a modal box inside the dialog: asked here instead.
        dialog.setOption(QFileDialog.Option.DontConfirmOverwrite)
        dialog.setNameFilters([self.tr("JPEG pictures (*.jpg *.jpeg)"), self.tr("All files (*)")])
        dialog.setDefaultSuffix("jpg")
        dialog.setDirectory(str(self._folder or photo_folder()))
        dialog.selectFile(copy_name(self.info))
        dialog.fileSelected.connect(self._chosen)
        dialog.finished.connect(self._dialog_closed)
        self.save_dialog = dialog
        dialog.open()

    def save_copy(self, path: Path) -> None:
        """Write the photo's bytes, exactly as given, to ``path`` (whole or not at all). The
        outcome is said in the window; nothing is raised."""
        if self._data is None:
            return
        try:
            write_atomically(path, self._data)
        except (OSError, ValueError) as exc:
            log.warning("copy of photo %s not saved to %s: %r", self._photo_id(), path, exc)
            self._say(self._not_saved(path, exc), "error")
            return
        log.info("copy of photo %s saved to %s", self._photo_id(), path)
        self._folder = path.parent
        self._say(self.tr("A copy was saved to {path}.").format(path=path), "done")
        self.saved.emit(str(path))

    def status_text(self) -> str:
        return "" if self.status.isHidden() else self.status.text()

    def problem_text(self) -> str:
        return "" if self.problem.isHidden() else self.problem.text()

    # --- events -------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Keys the focused picture or button leaves come here.
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal) and self._data_shown():
            self.zoom_in()
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore) and self._data_shown():
            self.zoom_out()
        elif key == Qt.Key.Key_Escape:
            self.close()
        else:
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        for window in (self.save_dialog, self.replace_question):
            if window is not None:
                window.close()
        super().closeEvent(event)

    # --- internals ----------------------------------------------------------------------------

    def _chosen(self, name: str) -> None:
        path = Path(name)
        if path.exists() and not path.is_dir():
            self._ask_replace(path)
        else:
            self.save_copy(path)

    def _ask_replace(self, path: Path) -> None:
        buttons = QMessageBox.StandardButton
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Save a copy of the photo"),
            self.tr("{name} already exists. Replace it?").format(name=path.name),
            buttons.Yes | buttons.No,
            self,
        )
        box.setDefaultButton(buttons.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(self._replace_answered)
        box.finished.connect(self._question_closed)
        self._pending, self.replace_question = path, box
        box.open()

    def _replace_answered(self, button: QAbstractButton) -> None:
        box, path = self.replace_question, self._pending
        yes = box is not None and box.standardButton(button) == QMessageBox.StandardButton.Yes
        if yes and path is not None:
            self.save_copy(path)

    def _question_closed(self) -> None:
        self.replace_question, self._pending = None, None

    def _dialog_closed(self) -> None:
        self.save_dialog = None

    def _not_saved(self, path: Path, exc: Exception) -> str:
        """Why, in words: never the system's own text ("[Errno 13] Permission denied")."""
        code = getattr(exc, "errno", None)
        if isinstance(exc, IsADirectoryError):
            reason = self.tr("that is a folder; choose a file name")
        elif isinstance(exc, FileNotFoundError):
            reason = self.tr("the folder {folder} does not exist").format(folder=path.parent)
        elif isinstance(exc, PermissionError):
            reason = self.tr("access was denied")
        elif code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
            reason = self.tr("the disk is full")
        elif code == errno.EROFS:
            reason = self.tr("the disk is read-only")
        else:
            reason = self.tr("it could not be written")
        text = self.tr("The copy could not be saved as {path}: {reason}.")
        return text.format(path=path, reason=reason)

    def _why_not(self, data: bytes, size: QSize) -> str:
        limit = QImageReader.allocationLimit() * 1024 * 1024  # Qt's cap on one decoded image
        if not data:
            reason = self.tr("the file is empty")
        elif size.isValid() and limit and size.width() * size.height() * 4 > limit:
            reason = self.tr("it is too large to show ({width} × {height} pixels)").format(
                width=size.width(), height=size.height()
            )
        else:
            reason = self.tr("the file is damaged or is not a picture")
        text = self.tr("This photo cannot be shown: {reason}. You can still save a copy of it.")
        return text.format(reason=reason)

    def _details(self, caption: str, width: int, height: int) -> str:
        info = self.info
        parts = [caption]
        if width and height:
            parts.append(f"{width} × {height}")
        if info is not None and info.taken_at and short_time(info.taken_at):
            parts.append(self.tr("taken {time}").format(time=short_time(info.taken_at)))
        if info is not None and short_time(info.attached_at):
            parts.append(self.tr("added {time}").format(time=short_time(info.attached_at)))
        return " · ".join(parts)

    def _set_shown(self, shown: bool) -> None:
        self.view.setVisible(shown)
        self.problem.setVisible(not shown and self.info is not None)
        for button in (
            self.zoom_out_button,
            self.zoom_in_button,
            self.fit_button,
            self.actual_button,
        ):
            button.setEnabled(shown)
        self.save_button.setEnabled(self._data is not None)
        self._show_zoom(self.view.zoom() if shown else None)
        if shown:
            self.view.setFocus()

    def _data_shown(self) -> bool:
        return self.view.isVisibleTo(self) and not self.view.item.pixmap().isNull()

    def _show_zoom(self, factor: float | None) -> None:
        self.zoom_label.setText("—" if factor is None else f"{factor * 100:.0f}%")
        if factor is not None:
            self.zoom_out_button.setEnabled(factor > MIN_ZOOM)
            self.zoom_in_button.setEnabled(factor < MAX_ZOOM)

    def _say(self, text: str, kind: str = "") -> None:
        self.status.setText(text)
        self.status.setProperty("kind", kind)
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        self.status.setHidden(not text)

    def _photo_id(self) -> int | None:
        return self.info.id if self.info is not None else None

    def _button(self, text: str, slot: Callable[[], object], tip: str = "") -> QPushButton:
        button = QPushButton(text, self)
        button.setAutoDefault(False)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a click leaves the keys to the picture
        button.setMinimumHeight(touch_height(button, 2.0))
        if tip:
            button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    def _label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.hide()
        return label

    def _size_to_screen(self) -> None:
        screen = self.screen() or QGuiApplication.primaryScreen()
        room = screen.availableSize() if screen is not None else None
        width, height = 900, 650
        if room is not None:
            width, height = (
                min(width, round(room.width() * 0.9)),
                min(height, round(room.height() * 0.9)),
            )
        self.resize(width, height)
