"""A Chinese font everywhere: Windows and macOS ship one; elsewhere use a bundled or installed
WenQuanYi Micro Hei, without which Chinese renders as boxes."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from posguide.resources import resource_path

log = logging.getLogger("posguide.gui")
CANDIDATES = (
    resource_path("fonts", "wqy-microhei.ttc"),  # bundled in the frozen build
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),  # Debian fonts-wqy-microhei
)
PREFERRED = ("Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei")


def install_fonts(app: QApplication) -> None:
    """Make the Chinese fonts the UI font's first choices. Qt skips the ones this PC lacks, so the
    font list is not read here (~3.5 ms before the first page; Qt reads it when it first lays
    out text anyway). A copy bundled with a frozen build is registered first."""
    bundled = CANDIDATES[0]
    if bundled.exists() and QFontDatabase.addApplicationFont(str(bundled)) < 0:
        log.warning("cannot load the bundled font %s", bundled)
    font = QFont(app.font())
    font.setFamilies([*PREFERRED, *font.families()])
    font.setPointSizeF(max(font.pointSizeF(), 11.0))
    app.setFont(font)


def chinese_font() -> str:
    """The Chinese font in use, "" when none is installed (then Chinese shows as boxes)."""
    families = set(QFontDatabase.families())
    if not families & set(PREFERRED) and CANDIDATES[1].exists():
        QFontDatabase.addApplicationFont(str(CANDIDATES[1]))  # installed where fontconfig can't see
        families = set(QFontDatabase.families())
    family = next((f for f in PREFERRED if f in families), "")
    if not family:
        log.warning("no Chinese font found; Chinese text may show as boxes")
    return family


# Fonts whose glyphs a PDF reader maps back to the same text: WenQuanYi Micro Hei (TrueType)
# round-trips; Noto Sans CJK (CFF) comes back as look-alike radicals (⼩ for 小).
PDF_FAMILIES = ("WenQuanYi Micro Hei", "Microsoft YaHei")
_pdf_family: str | None = None


def pdf_font_family() -> str:
    """The TrueType Chinese font to embed in PDFs: WenQuanYi Micro Hei, bundled or installed
    (registered here on first use), else Microsoft YaHei (Windows); "" when neither is there."""
    global _pdf_family  # noqa: PLW0603 - registered once per process
    if _pdf_family is None:
        families = set(QFontDatabase.families())
        if PDF_FAMILIES[0] not in families:
            for candidate in CANDIDATES:
                if candidate.exists():
                    QFontDatabase.addApplicationFont(str(candidate))
                    families.update(QFontDatabase.families())
                    if PDF_FAMILIES[0] in families:
                        break
        _pdf_family = next((f for f in PDF_FAMILIES if f in families), "")
        if not _pdf_family:
            log.warning("no TrueType Chinese font for PDFs; Chinese may show as boxes")
    return _pdf_family
