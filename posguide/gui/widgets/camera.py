"""Taking a photo with the PC's camera: whether QtMultimedia sees one, and a non-modal dialog
with the live picture that hands the photo it takes back as a QImage."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from posguide.gui.widgets.common import touch_height


def camera_available() -> bool:
    """Whether QtMultimedia sees a camera; False when it cannot load (e.g. no libpulse)."""
    try:
        from PySide6.QtMultimedia import QMediaDevices
    except ImportError:
        return False
    return bool(QMediaDevices.videoInputs())


class CameraDialog(QDialog):
    """The default camera's live picture and a button that takes a photo; non-modal."""

    captured = Signal(QImage)

    def __init__(self, parent: QWidget) -> None:
        from PySide6.QtMultimedia import QCamera, QImageCapture, QMediaCaptureSession
        from PySide6.QtMultimediaWidgets import QVideoWidget

        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Take a photo"))
        line = self.fontMetrics().height()
        video = QVideoWidget(self)
        video.setMinimumSize(QSize(line * 24, line * 18))
        self._status = QLabel(self)
        self._status.setWordWrap(True)
        self._status.setStyleSheet("color: #cf222e; font-weight: bold;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        take = buttons.addButton(self.tr("&Take photo"), QDialogButtonBox.ButtonRole.ApplyRole)
        take.setEnabled(False)
        for button in buttons.buttons():
            button.setMinimumHeight(touch_height(button))
        layout = QVBoxLayout(self)
        for widget in (video, self._status, buttons):
            layout.addWidget(widget)
        self._camera = QCamera(self)
        self._capture = QImageCapture(self)
        self._session = QMediaCaptureSession(self)
        self._session.setCamera(self._camera)
        self._session.setImageCapture(self._capture)
        self._session.setVideoOutput(video)
        self._capture.readyForCaptureChanged.connect(take.setEnabled)
        self._capture.imageCaptured.connect(self._got)
        self._capture.errorOccurred.connect(lambda _id, _error, text: self._problem(text))
        self._camera.errorOccurred.connect(lambda _error, text: self._problem(text))
        take.clicked.connect(self._capture.capture)
        buttons.rejected.connect(self.close)
        self.finished.connect(self._camera.stop)
        if self._camera.error() != QCamera.Error.NoError:  # e.g. unplugged since the check
            self._problem(self._camera.errorString())
        else:
            self._camera.start()

    def _problem(self, reason: str) -> None:
        self._status.setText(self.tr("The camera cannot be used: {reason}").format(reason=reason))

    def _got(self, _request: int, image: QImage) -> None:
        self.captured.emit(image)
        self.close()
