"""Languages: Chinese first, English too. Qt Linguist files in resources/i18n/.

``posguide_zh_CN.ts`` is the translation source (committed); the ``.qm`` Qt loads is compiled
from it when the package is built (setup.py; an editable install compiles it into the checkout),
never at run time: the install folder is read-only. Qt's own strings (its file and print
dialogs, the message boxes' buttons) come from the ``qtbase_zh_CN.qm`` shipped in the PySide6
wheel; where that catalog lags behind Qt's sources, ``MnemonicFallback`` fills in.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from posguide.resources import resource_path

log = logging.getLogger("posguide.gui.i18n")

LANGUAGES = ("zh_CN", "en")


def choose_language(configured: str) -> str:
    """``zh_CN`` or ``en`` from the config ("system" asks the OS). Chinese when unsure."""
    if configured in LANGUAGES:
        return configured
    name = QLocale.system().name()
    return "en" if name.startswith("en") else "zh_CN"


def qm_path(language: str) -> Path:
    return resource_path("i18n", f"posguide_{language}.qm")


class MnemonicFallback(QTranslator):
    """Qt's Chinese catalog predates mnemonics Qt's sources have since gained: the file dialog's
    "&Look in:" and "Files of &type:" are translated only as "Look in:" and "Files of type:",
    so the dialog showed them in English. Asked last, this looks the text up without its "&"
    in ``catalog`` and puts the mnemonic back the Chinese way: "查找范围(&L)："."""

    def __init__(self, catalog: QTranslator, parent: QCoreApplication) -> None:
        super().__init__(parent)
        self._catalog = catalog

    def translate(  # None: "not here", and Qt asks the next translator
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        letter = re.search(r"&(\w)", source)
        if letter is None:
            return None
        plain = source[: letter.start()] + source[letter.start() + 1 :]
        found = self._catalog.translate(context, plain, disambiguation, n)
        if not found:
            return None
        colon = found[-1] if found.endswith(("：", ":")) else ""
        return f"{found.removesuffix(colon)}(&{letter.group(1).upper()}){colon}"

    def isEmpty(self) -> bool:
        return False


class Translators:
    """The translators installed on the application; ``switch`` changes the language."""

    def __init__(self, app: QCoreApplication) -> None:
        self.app = app
        self.installed: list[QTranslator] = []
        self.language = "en"

    def uninstall(self) -> None:
        for translator in self.installed:
            self.app.removeTranslator(translator)
        self.installed.clear()

    def switch(self, language: str) -> None:
        self.uninstall()
        self.language = language
        if language == "en":
            return  # the source strings are English
        # Qt asks the translator installed last first: Qt's catalog, ours, then the fallback.
        qt = QTranslator(self.app)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        has_qt = qt.load(f"qtbase_{language}", qt_dir)
        if has_qt:
            self._install(MnemonicFallback(qt, self.app))
        ours = QTranslator(self.app)
        if ours.load(str(qm_path(language))):
            self._install(ours)
        else:
            log.warning("no translation for %s; showing English", language)
        if has_qt:
            self._install(qt)

    def _install(self, translator: QTranslator) -> None:
        self.app.installTranslator(translator)
        self.installed.append(translator)


def translate(context: str, source: str) -> str:
    """For core ``Text`` values (posguide.i18n): the installed translation, else the source."""
    return QCoreApplication.translate(context, source)
