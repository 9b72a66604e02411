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


def install_fonts(app: QApplication) -> str:
    """Load a CJK font if needed and make it the UI font; returns the family used."""
    families = set(QFontDatabase.families())
    if not families & set(PREFERRED):
        for path in CANDIDATES:
            if path.exists() and QFontDatabase.addApplicationFont(str(path)) >= 0:
                families = set(QFontDatabase.families())
                break
    family = next((f for f in PREFERRED if f in families), "")
    if family:
        font = QFont(app.font())
        font.setFamilies([family, *font.families()])
        font.setPointSizeF(max(font.pointSizeF(), 11.0))
        app.setFont(font)
    else:
        log.warning("no Chinese font found; Chinese text may show as boxes")
    return family
