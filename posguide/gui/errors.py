"""The one place the window shows errors, and the crash handler.

An uncaught exception writes a crash report (traceback, card numbers masked) next to the log and
shows it in a non-modal dialog; the incident is already on disk, so nothing is lost and the
wizard can go on. With ``POSGUIDE_NO_DIALOGS=1`` (CI) errors become log lines only.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtWidgets
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

# Imported while the first page is built (posguide.gui.app): ``Qt`` (~17 ms), the message box,
# the clock and the card-number masking are looked up only when an error is shown.

log = logging.getLogger("posguide.gui")


def dialogs_enabled() -> bool:
    return os.environ.get("POSGUIDE_NO_DIALOGS", "") != "1"


def show_error(parent: QWidget | None, title: str, message: str) -> QMessageBox | None:
    """A non-modal message box (never ``exec()``: it would nest the event loop under qasync)."""
    log.error("%s: %s", title, message)
    if not dialogs_enabled():
        return None
    boxes = QtWidgets.QMessageBox
    box = boxes(boxes.Icon.Warning, title, message, boxes.StandardButton.Ok, parent)
    box.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def write_crash_report(
    folder: Path, kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> Path:
    from posguide.privacy import mask_card_numbers
    from posguide.timeutil import now

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"crash-{now().strftime('%Y%m%d-%H%M%S')}.txt"
    text = "".join(traceback.format_exception(kind, error, trace))
    path.write_text(mask_card_numbers(text), encoding="utf-8")
    return path


def install_crash_handler(log_dir: Path, parent: Callable[[], QWidget | None]) -> None:
    previous = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, error, trace)
            return
        from posguide.privacy import mask_card_numbers

        log.critical("uncaught exception", exc_info=(kind, error, trace))
        try:
            report = write_crash_report(log_dir, kind, error, trace)
        except OSError:
            report = None
        app = QApplication.instance()
        if app is None or not dialogs_enabled():
            return
        where = str(report) if report else str(log_dir)
        show_error(
            parent(),
            QApplication.translate("Crash", "posguide hit a problem"),
            QApplication.translate(
                "Crash",
                "Something went wrong inside posguide. Everything entered so far is saved.\n\n"
                "A report was written to {path}. Please send it to the manager.\n\n{error}",
            ).format(path=where, error=f"{kind.__name__}: {mask_card_numbers(str(error))}"),
        )

    sys.excepthook = hook
