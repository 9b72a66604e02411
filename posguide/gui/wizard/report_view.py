"""The fault description for the provider: to read out on the phone, copy, or print."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QGuiApplication, QImage, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from posguide.reports import FaultReport


class FaultReportView(QGroupBox):
    def __init__(self, load_photo: Callable[[int], bytes], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Fault description for the provider"), parent)
        self.load_photo = load_photo
        self.report: FaultReport | None = None
        self.hotline = QLabel()
        self.hotline.setObjectName("hotline")
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.text.setMinimumHeight(220)
        self.copy_button = QPushButton(self.tr("&Copy"))
        self.print_button = QPushButton(self.tr("&Print…"))
        for button in (self.copy_button, self.print_button):
            button.setMinimumHeight(44)
        self.copy_button.clicked.connect(self.copy)
        self.print_button.clicked.connect(self.print_report)
        buttons = QHBoxLayout()
        buttons.addWidget(self.hotline, 1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.text)
        self._printer: QPrinter | None = None

    def show_report(self, report: FaultReport, hotline: str) -> None:
        self.report = report
        self.hotline.setText(self.tr("Hotline: {number}").format(number=hotline) if hotline else "")
        document = self.text.document()
        for photo_id in _photo_ids(report.html):
            image = QImage.fromData(self.load_photo(photo_id))
            if not image.isNull():
                document.addResource(
                    QTextDocument.ResourceType.ImageResource, QUrl(f"photo:{photo_id}"), image
                )
        self.text.setHtml(report.html)

    def copy(self) -> None:
        if self.report is not None:
            QGuiApplication.clipboard().setText(self.report.text)

    def print_report(self) -> None:
        if self.report is None:
            return
        self._printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(self._printer, self)
        dialog.accepted.connect(lambda: self.text.document().print_(self._printer))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()  # non-modal: never a nested event loop under qasync


def _photo_ids(html: str) -> list[int]:
    ids = []
    marker = 'src="photo:'
    start = html.find(marker)
    while start != -1:
        end = html.find('"', start + len(marker))
        token = html[start + len(marker) : end]
        if token.isdigit():
            ids.append(int(token))
        start = html.find(marker, end)
    return ids
