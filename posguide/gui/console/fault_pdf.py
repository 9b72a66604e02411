"""The fault report as an A4 PDF, made by Qt alone: the report's HTML laid out by QTextDocument
and printed page by page on a QPdfWriter, with the photos and a "page n of m" footer.

Every glyph comes from one embedded TrueType Chinese font (``fonts.pdf_font_family``), so the PDF
shows the same on any reader and its text copies out as written. The file appears whole or not
at all: it is written next to ``path`` under a temporary name, then renamed.
"""

from __future__ import annotations

import contextlib
import errno
import html
import logging
import os
import re
import uuid
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QMarginsF,
    QRectF,
    QSizeF,
    Qt,
    QUrl,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QImageReader,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)

from posguide.gui.fonts import pdf_font_family
from posguide.reports import FaultReport
from posguide.reports.strings import load_strings

log = logging.getLogger("posguide.gui")
RESOLUTION = 300  # dpi: photos at print quality, text is vector anyway
MARGINS_MM = QMarginsF(18, 15, 18, 12)  # left, top, right, bottom
FONT_PT = 10.5
FOOTER_PT = 8.5
PHOTO_DPI = 200  # photos are kept at this density on paper: sharp enough, and quick to write
CSS_DPI = 96  # an <img width> is in CSS pixels; QTextDocument scales them by the device's dpi
_IMG = re.compile(r'<img src="photo:(\d+)"([^>]*)>')
_WIDTH = re.compile(r'\bwidth="(\d+)"')


def write_fault_pdf(report: FaultReport, photos: Mapping[int, bytes], path: Path) -> int:
    """Write ``report`` as a PDF at ``path``; the number of pages. ``photos``: the JPEG (or any
    image) bytes of the photos the report shows, by id; one missing or unreadable shows as its
    caption and a note. Raises OSError (naming ``path``) when the file cannot be written; then
    no file is left behind."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.part")
    try:
        tmp.open("xb").close()  # fails early, and clearly, where Qt would only return False
    except OSError as err:
        raise _error(err, path) from err
    try:
        pages = _write(report, photos, tmp)
        with tmp.open("rb+") as written:
            os.fsync(written.fileno())
        tmp.replace(path)
    except OSError as err:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise _error(err, path) from err
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return pages


def _error(err: OSError, path: Path) -> OSError:
    reason = err.strerror or str(err)
    text = QCoreApplication.translate("FaultPdf", "Cannot write the fault report: {reason}")
    return OSError(err.errno or errno.EIO, text.format(reason=reason), str(path))


def _write(report: FaultReport, photos: Mapping[int, bytes], target: Path) -> int:
    family = pdf_font_family()
    writer = QPdfWriter(str(target))
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            MARGINS_MM,
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setTitle(report.title)
    writer.setCreator("posguide")
    body = writer.pageLayout().paintRectPixels(RESOLUTION)
    footer_font = QFont(family) if family else QFont()
    footer_font.setPointSizeF(FOOTER_PT)
    # The footer's line at the bottom, with two empty lines above it: with one, a page's last
    # line of text and its footer read back from the PDF as one line.
    footer_h = QFontMetricsF(footer_font, writer).height() * 3
    page = QSizeF(body.width(), body.height() - footer_h)

    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(writer)  # lay out in the PDF's units, not the screen's
    doc.setDocumentMargin(0)
    font = QFont(family) if family else QFont()
    font.setPointSizeF(FONT_PT)
    doc.setDefaultFont(font)
    doc.setPageSize(page)
    doc.setHtml(_with_photos(report, photos, doc, body.width()))
    if family:  # the report's CSS names other fonts first: one font for every glyph
        cursor = QTextCursor(doc)
        cursor.select(QTextCursor.SelectionType.Document)
        only = QTextCharFormat()
        only.setFontFamilies([family])
        cursor.mergeCharFormat(only)

    strings = load_strings(report.language)
    count = doc.pageCount()
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(errno.EIO, "the PDF writer did not start", str(target))
    try:
        for n in range(count):
            if n:
                writer.newPage()
            painter.save()
            painter.translate(0, -n * page.height())
            doc.drawContents(painter, QRectF(0, n * page.height(), page.width(), page.height()))
            painter.restore()
            painter.setFont(footer_font)
            painter.setPen(QColor("#555555"))
            painter.drawText(
                QRectF(0, body.height() - footer_h, body.width(), footer_h),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                strings.text("report", "page", page=n + 1, pages=count),
            )
    finally:
        ended = painter.end()
    if not ended:
        raise OSError(errno.EIO, "the PDF writer did not finish", str(target))
    return count


def _with_photos(
    report: FaultReport, photos: Mapping[int, bytes], doc: QTextDocument, body_px: int
) -> str:
    """The report's HTML with each photo added to ``doc`` as an image as wide as it shows
    (never wider than the page) at ``PHOTO_DPI``; an unreadable or missing one is replaced by
    a note (its caption stays)."""
    strings = load_strings(report.language)
    max_css = int(body_px * CSS_DPI / RESOLUTION)

    def place(match: re.Match[str]) -> str:
        photo_id, attributes = int(match.group(1)), match.group(2)
        width = _WIDTH.search(attributes)
        css = min(int(width.group(1)) if width else max_css, max_css)
        image = _decode(photos.get(photo_id, b""), round(css * PHOTO_DPI / CSS_DPI))
        if image.isNull():
            log.warning("photo %d cannot be shown in the fault report PDF", photo_id)
            note = strings.text("report", "photo_unreadable", id=photo_id)
            return f'<span class="unreadable">{html.escape(note)}</span>'
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(f"photo:{photo_id}"), image)
        attributes = _WIDTH.sub("", attributes).rstrip()
        return f'<img src="photo:{photo_id}"{attributes} width="{css}">'

    return _IMG.sub(place, report.html)


def _decode(data: bytes, width: int) -> QImage:
    """The image in ``data`` at most ``width`` pixels wide; a null image when it cannot be read.
    A JPEG is decoded at the reduced size directly (libjpeg's DCT scaling), about 3x faster
    than decoding it whole and scaling down."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and size.width() > width > 0:
        reader.setScaledSize(size.scaled(width, size.height(), Qt.AspectRatioMode.KeepAspectRatio))
    return reader.read()
