"""Photos the cashier attaches to the incident: from a file, the clipboard, the camera or by drag
and drop. The strip only reads the bytes (off the UI thread, after a size check) and reports them
through ``photo_added``; the caller normalises and stores them, then calls ``add_thumbnail`` or
``show_error``."""

from __future__ import annotations

import logging
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QSize, QStandardPaths, Qt, QThreadPool, QUrl, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragLeaveEvent,
    QDropEvent,
    QGuiApplication,
    QIcon,
    QImage,
    QKeySequence,
    QPixmap,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from posguide.gui.focus import make_passive
from posguide.gui.i18n import translate
from posguide.gui.widgets.common import touch_height
from posguide.gui.widgets.photo_reader import TOO_BIG, ReadJob, ReadResults, encode, read_limited
from posguide.gui.widgets.pictures import EnlargedView
from posguide.probes.errors import error_kind, kind_text
from posguide.resources import resource_path

if TYPE_CHECKING:
    from posguide.gui.widgets.camera import CameraDialog

log = logging.getLogger("posguide.gui.photos")
IMAGE_PATTERNS = "*.jpg *.jpeg *.png *.webp *.heic"
MIB = 1024 * 1024  # [storage] max_photo_mb counts these
_STYLE = """
QFrame#tray { border: 2px dashed #d0d7de; border-radius: 8px; background: #ffffff; }
QFrame#tray[dragging="true"] { border-color: #1f6feb; background: #ddf4ff; }
QLabel#hint, QLabel#busy { color: #57606a; }
QLabel#error { color: #cf222e; font-weight: bold; }
QToolButton#thumb { border: 1px solid #d0d7de; border-radius: 6px; background: #f6f8fa;
    padding: 0.25em; }
QToolButton#thumb:hover { border-color: #8c959f; }
QToolButton#thumb:focus { border: 2px solid #1f6feb; }
"""


def photo_folder() -> Path:
    """Where photos are: the user's Pictures folder, else the Desktop, else home."""
    for where in (
        QStandardPaths.StandardLocation.PicturesLocation,
        QStandardPaths.StandardLocation.DesktopLocation,
    ):
        folder = QStandardPaths.writableLocation(where)
        if folder and Path(folder).is_dir():
            return Path(folder)
    return Path.home()


class PhotoStrip(QWidget):
    """``photo_added(data, source)``: source is ``file:<name>``, ``paste``, ``drop:<name>`` or
    ``camera``. ``camera``: None asks QtMultimedia whether there is one."""

    photo_added = Signal(bytes, str)
    photo_removed = Signal(int)  # "remove" pressed under a photo: the caller takes it back

    def __init__(
        self,
        max_bytes: int,
        load_full: Callable[[int], bytes],
        parent: QWidget | None = None,
        *,
        camera: bool | None = None,
    ) -> None:
        super().__init__(parent)
        self._max_bytes, self._load_full = max_bytes, load_full
        self._pending = 0
        self._done = ReadResults()  # no parent: a job may outlive the strip
        self._jobs: list[ReadJob] = []
        self._done.read.connect(self._read)
        self._done.failed.connect(self._failed)
        self._camera_dialog: CameraDialog | None = None
        self._camera = camera  # None: asked the first time the strip is shown
        self.setStyleSheet(_STYLE)
        self.setAcceptDrops(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._prompt = QLabel(self)
        self._prompt.setWordWrap(True)
        self._prompt.hide()
        layout.addWidget(self._prompt)
        buttons = QHBoxLayout()
        self._file_button = self._button(self.tr("Add from &file…"), "photo.svg", self.choose_files)
        self._paste_button = self._button(self.tr("Paste"), "paste.svg", self.paste)
        self._camera_button = self._button(self.tr("Take p&hoto"), "camera.svg", self.open_camera)
        for button in (self._file_button, self._paste_button, self._camera_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self._tray = QFrame(self)
        self._tray.setObjectName("tray")
        self._tiles = QHBoxLayout(self._tray)
        self._hint = QLabel(self.tr("Drag photos here, or use the buttons above."), self._tray)
        self._hint.setObjectName("hint")
        self._hint.setWordWrap(True)
        self._hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._tiles.addWidget(self._hint, 100)
        self._tiles.addStretch(1)
        self._scroll = QScrollArea(self)
        self._scroll.setWidget(self._tray)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the photos in it
        layout.addWidget(self._scroll)
        self._busy = QLabel(self.tr("Reading the photo…"), self)
        self._busy.setObjectName("busy")
        self._busy.hide()
        self._error = QLabel(self)
        self._error.setObjectName("error")
        self._error.setWordWrap(True)
        self._error.hide()
        layout.addWidget(self._busy)
        layout.addWidget(self._error)
        self._fit_height()
        paste = QShortcut(QKeySequence(QKeySequence.StandardKey.Paste), self, self.paste)
        paste.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._camera_button.setVisible(bool(camera))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._camera is None:  # QtMultimedia asked when photos are wanted, not per page
            from posguide.gui.widgets.camera import camera_available

            self._camera = camera_available()
            self._camera_button.setVisible(self._camera)

    # --- public API ---------------------------------------------------------------------------

    def set_prompt(self, text: str) -> None:
        self._prompt.setText(text)
        self._prompt.setHidden(not text)

    def add_thumbnail(self, photo_id: int, jpeg_thumbnail: bytes, caption: str) -> None:
        """Show a stored photo; a click opens it large. Clears an error shown before."""
        self._error.hide()
        self._hint.hide()
        size = self._thumb_size()
        pixmap = QPixmap()
        pixmap.loadFromData(jpeg_thumbnail)
        card = QWidget(self._tray)  # the photo and, under it, "remove" for one added by mistake
        card.setObjectName("photoCard")
        card.setProperty("photo_id", photo_id)
        column = QVBoxLayout(card)
        column.setContentsMargins(0, 0, 0, 0)
        tile = QToolButton(card)
        tile.setObjectName("thumb")
        tile.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        tile.setIcon(QIcon(pixmap))
        tile.setIconSize(QSize(size, size))
        tile.setText(
            tile.fontMetrics().elidedText(caption, Qt.TextElideMode.ElideRight, size * 3 // 2)
        )
        tile.setToolTip(caption)
        tile.setAccessibleName(caption or self.tr("Photo"))
        tile.clicked.connect(lambda: self._open_viewer(photo_id, caption))
        remove = make_passive(QPushButton(self.tr("Remove"), card))
        remove.setObjectName("removePhoto")
        remove.setAccessibleName(self.tr("Remove photo {caption}").format(caption=caption))
        remove.clicked.connect(lambda: self.photo_removed.emit(photo_id))
        column.addWidget(tile)
        column.addWidget(remove)
        self._tiles.insertWidget(self._tiles.count() - 1, card)
        card.show()  # now, so that the height below counts it
        self._fit_height()

    def remove_thumbnail(self, photo_id: int) -> None:
        """The photo was taken back (the store said so): its card goes."""
        for card in self._cards():
            if card.property("photo_id") == photo_id:
                card.hide()
                card.deleteLater()
        if not self.thumbnails():
            self._hint.show()
        self._fit_height()

    def _cards(self) -> list[QWidget]:
        return [w for w in self._tray.findChildren(QWidget, "photoCard") if not w.isHidden()]

    def clear(self) -> None:
        """Remove every thumbnail and message (another incident)."""
        for card in self._cards():
            card.hide()
            card.deleteLater()
        self._hint.show()
        self._error.hide()
        self._fit_height()

    def thumbnails(self) -> list[QToolButton]:
        return [t for t in self._tray.findChildren(QToolButton, "thumb") if t.isVisibleTo(self)]

    def show_error(self, message: str) -> None:
        self._error.setText(message)
        self._error.show()

    def error_text(self) -> str:
        return "" if self._error.isHidden() else self._error.text()

    # --- sources ------------------------------------------------------------------------------

    def choose_files(self) -> None:
        dialog = QFileDialog(self, self.tr("Add photos"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setDirectory(str(photo_folder()))  # not the program's folder, where Qt starts
        pictures = self.tr("Pictures ({patterns})").format(patterns=IMAGE_PATTERNS)
        dialog.setNameFilters([pictures, self.tr("All files (*)")])
        dialog.filesSelected.connect(self.add_files)
        dialog.open()

    def add_files(self, paths: list[str]) -> None:
        """The file dialog's answer: read each file (if not too big) and report it."""
        for path in paths:
            self._add_path(Path(path), f"file:{Path(path).name}")

    def paste(self) -> None:
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None or not self._take(mime, "paste"):
            self.show_error(self.tr("The clipboard holds no picture or photo file."))

    def open_camera(self) -> None:
        if self._camera_dialog is None:
            from posguide.gui.widgets.camera import CameraDialog

            self._camera_dialog = CameraDialog(self)
            self._camera_dialog.captured.connect(self._captured)
            self._camera_dialog.destroyed.connect(self._camera_closed)
        if self._camera_dialog.isVisible():
            self._camera_dialog.raise_()
        self._camera_dialog.show()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if mime.hasImage() or any(url.isLocalFile() for url in mime.urls()):
            event.acceptProposedAction()
            self._set_dragging(True)

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._set_dragging(False)

    def dropEvent(self, event: QDropEvent) -> None:
        self._set_dragging(False)
        if self._take(event.mimeData(), "drop"):
            event.acceptProposedAction()

    # --- internals ----------------------------------------------------------------------------

    def _take(self, mime: QMimeData, how: str) -> bool:
        """Files (URLs or a path as text) first, then image data. False: nothing usable."""
        files = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
        text = mime.text().strip().strip('"') if mime.hasText() else ""
        if not files and text and "\n" not in text and len(text) < 1024:
            candidate = Path(QUrl(text).toLocalFile() if text.startswith("file:") else text)
            try:
                files = [candidate] if candidate.is_file() else []
            except (OSError, ValueError):
                files = []
        for path in files:
            self._add_path(path, "paste" if how == "paste" else f"drop:{path.name}")
        if files:
            return True
        if mime.hasImage():
            image = QImage(mime.imageData())
            if not image.isNull():
                self._start(lambda: encode(image, "PNG"), how if how == "paste" else "drop:image")
                return True
        return False

    def _add_path(self, path: Path, source: str) -> None:
        try:
            info = path.stat()
        except OSError as exc:
            log.info("cannot read %s: %s", path, exc)
            self.show_error(self._cannot_read(path.name, error_kind(exc)))
            return
        if not stat.S_ISREG(info.st_mode):
            self.show_error(self.tr("{name} is not a file.").format(name=path.name))
        elif info.st_size > self._max_bytes:
            self._too_big(path.name, info.st_size)
        else:
            limit = self._max_bytes  # the worker touches no widget
            self._start(lambda: read_limited(path, limit), source, path.name)

    def _start(self, work: Callable[[], bytes], source: str, name: str | None = None) -> None:
        name = name or self.tr("The picture")
        self._pending += 1
        self._busy.show()
        job = ReadJob(work, source, name, self._done)
        # Keep the Python object alive until the pool has run it: a QRunnable subclass whose
        # wrapper is collected first may never run, and the photo would silently vanish.
        self._jobs.append(job)
        QThreadPool.globalInstance().start(job)

    def _read(self, data: object, source: str) -> None:
        self._finished()
        self.photo_added.emit(data, source)

    def _failed(self, name: str, reason: str) -> None:
        self._finished()
        if reason == TOO_BIG:
            self._too_big(name, None)
        else:
            self.show_error(self._cannot_read(name, reason))

    def _finished(self) -> None:
        self._pending -= 1
        self._busy.setVisible(self._pending > 0)
        if self._pending == 0:
            self._jobs.clear()

    def _too_big(self, name: str, size: int | None) -> None:
        limit = f"{self._max_bytes / MIB:.0f}"
        if size is None:
            text = self.tr("{name} is too big: photos can have at most {limit} MB.")
        else:
            text = self.tr("{name} is too big ({size} MB): photos can have at most {limit} MB.")
        self.show_error(text.format(name=name, size=f"{(size or 0) / MIB:.1f}", limit=limit))

    def _cannot_read(self, name: str, kind: str) -> str:
        """In words, never the system's own text ("[Errno 13] Permission denied")."""
        if kind == "error":
            reason = self.tr("it could not be read")
        else:
            reason = kind_text(kind).translated(translate)
        return self.tr("{name} cannot be read: {reason}").format(name=name, reason=reason)

    def _captured(self, image: QImage) -> None:
        self._start(lambda: encode(image, "JPG", 92), "camera")

    def _camera_closed(self) -> None:
        self._camera_dialog = None

    def _set_dragging(self, dragging: bool) -> None:
        self._tray.setProperty("dragging", dragging)
        self._tray.style().unpolish(self._tray)
        self._tray.style().polish(self._tray)

    def _fit_height(self) -> None:
        self._tray.ensurePolished()  # the style sheet's padding counts
        bar = self._scroll.horizontalScrollBar().sizeHint().height()
        self._scroll.setFixedHeight(self._tray.sizeHint().height() + bar)

    def _thumb_size(self) -> int:
        return round(self.fontMetrics().height() * 5.5)

    def _button(self, text: str, icon: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(QIcon(str(resource_path("icons", icon))), text, self)
        button.setAutoDefault(False)
        button.setMinimumHeight(touch_height(button))
        button.setIconSize(QSize(self.fontMetrics().height(), self.fontMetrics().height()))
        button.clicked.connect(slot)
        return button

    def _open_viewer(self, photo_id: int, caption: str) -> None:
        pixmap = QPixmap()
        try:
            loaded = pixmap.loadFromData(self._load_full(photo_id))
        except Exception:  # the caller's storage: show it here rather than crash the click
            log.exception("photo %s cannot be loaded", photo_id)
            loaded = False
        if not loaded:
            self.show_error(self.tr("This photo cannot be shown."))
            return
        screen = (self.screen() or QGuiApplication.primaryScreen()).availableSize()
        fit = QSize(round(screen.width() * 0.8), round(screen.height() * 0.7))
        if pixmap.width() > fit.width() or pixmap.height() > fit.height():
            pixmap = pixmap.scaled(
                fit, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        image = QLabel()
        image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        image.setPixmap(pixmap)
        EnlargedView(image, caption, self).show()
