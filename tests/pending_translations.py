"""Translations written with a change, waiting to go into the .ts: ``new_translations.json`` at
the top of the checkout ({"English source": "中文"}), which scripts/fill_translations.py moves
into resources/i18n/posguide_zh_CN.ts. Tests that look at the Chinese a user sees add them on
top of the committed translation meanwhile; once filled (and the file gone) nothing changes."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

PENDING = Path(__file__).resolve().parent.parent / "new_translations.json"


@cache
def pending() -> dict[str, str]:
    if not PENDING.exists():
        return {}
    return dict(json.loads(PENDING.read_text(encoding="utf-8")))


class PendingTranslator(QTranslator):
    """Installed last, so asked first: a pending translation, else Qt asks the others."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        return pending().get(source)

    def isEmpty(self) -> bool:
        return False


def install_pending(app: QCoreApplication) -> PendingTranslator:
    translator = PendingTranslator(app)
    app.installTranslator(translator)
    return translator
