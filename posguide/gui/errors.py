"""The window's one error path.

Every way an error can surface -- an exception in a Qt slot (``sys.excepthook``), in a worker
thread (``threading.excepthook``), in an asyncio task or callback (the loop's exception
handler), and Qt's own warnings (its message handler) -- goes to the log; errors also write a
crash report (traceback, card numbers masked) next to the log and show it in a non-modal box
over the window. The incident is on disk as it happens, so the cashier can go on or resume.
With ``POSGUIDE_NO_DIALOGS=1`` (CI) errors are log lines and reports only.

``show_error`` is the one function that shows a problem to the cashier.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore, QtWidgets
from PySide6.QtCore import QObject, QtMsgType, Signal, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from PySide6.QtCore import QMessageLogContext
    from PySide6.QtWidgets import QMessageBox

log = logging.getLogger("posguide.gui")
qt_log = logging.getLogger("posguide.gui.qt")

# Qt messages that say nothing about posguide: optional libraries QtMultimedia looks for, and
# the offscreen platform's notes. Logged at debug level, never shown or failed on.
QUIET_CATEGORIES = ("qt.multimedia", "qt.qpa.fonts", "qt.text.font")
QUIET_MESSAGES = ("This plugin does not support propagateSizeHints()",)

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


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


def write_crash_report(folder: Path, error: ExcInfo, where: str) -> Path:
    from posguide.privacy import mask_card_numbers
    from posguide.timeutil import now

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"crash-{now().strftime('%Y%m%d-%H%M%S-%f')}.txt"
    text = f"posguide crash ({where})\n\n" + "".join(traceback.format_exception(*error))
    path.write_text(mask_card_numbers(text), encoding="utf-8")
    return path


class ErrorPath:
    """Installed once per process, for the life of the window (``install``/``uninstall``)."""

    def __init__(self, log_dir: Path, window: Callable[[], QWidget | None] = lambda: None):
        self.log_dir = log_dir
        self.window = window  # the one a crash box opens over
        self.reports: list[Path] = []
        self._previous: tuple[Any, ...] | None = None
        self._relay: Any = None

    def install(self) -> None:
        """Take over the hooks; call on the GUI thread (the relay for threads lives there)."""
        if QApplication.instance() is not None:
            self._relay = _relay_type()()
            self._relay.crashed.connect(self.crashed)
        qt_previous = qInstallMessageHandler(self._qt_message)
        self._previous = (sys.excepthook, threading.excepthook, qt_previous)
        sys.excepthook = self._excepthook
        threading.excepthook = self._thread_hook

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook, qt_previous = self._previous
            qInstallMessageHandler(qt_previous)
            self._previous = None

    def asyncio_handler(self, loop: object, context: dict[str, Any]) -> None:
        """For ``loop.set_exception_handler``: a task or callback raised."""
        error = context.get("exception")
        message = str(context.get("message", "asyncio error"))
        if isinstance(error, OSError) and message.startswith("Future exception was never"):
            # A connection that failed after its check was cancelled (the cashier moved on):
            # asyncio's internals report it late. Nothing is broken; note it, show nothing.
            log.warning("asyncio: %s: %s", message, error)
        elif isinstance(error, BaseException):
            self.crashed((type(error), error, error.__traceback__), f"asyncio: {message}")
        else:
            log.error("asyncio: %s", message)

    # --- the hooks ----------------------------------------------------------------------------

    def _excepthook(
        self, kind: type[BaseException], error: BaseException, trace: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        self.crashed((kind, error, trace), "main thread")

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        name = args.thread.name if args.thread is not None else "?"
        error = (args.exc_type, args.exc_value, args.exc_traceback)
        if self._relay is None:
            self.crashed(error, name)
        else:  # Qt is not thread-safe: a queued signal shows the box from the GUI thread
            self._relay.crashed.emit(error, name)

    def _qt_message(self, kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        category = context.category or ""
        if (
            category.startswith(QUIET_CATEGORIES)
            or message in QUIET_MESSAGES
            or kind in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg)
        ):
            qt_log.debug("%s: %s", category, message)
        elif kind == QtMsgType.QtWarningMsg:
            qt_log.warning("%s: %s", category, message)
        else:  # critical or fatal: Qt is in trouble, and so is the window
            qt_log.error("%s: %s", category, message)

    # --- one report, one box ------------------------------------------------------------------

    def crashed(self, error: ExcInfo, where: str) -> None:
        from posguide.privacy import mask_card_numbers

        log.critical("uncaught exception (%s)", where, exc_info=error)
        report: Path | None = None
        try:
            report = write_crash_report(self.log_dir, error, where)
        except OSError:
            log.exception("cannot write the crash report")
        else:
            self.reports.append(report)
        if QApplication.instance() is None:
            return
        kind, value = error[0], error[1]
        show_error(
            self.window(),
            QApplication.translate("Crash", "posguide hit a problem"),
            QApplication.translate(
                "Crash",
                "Something went wrong inside posguide. Everything entered so far is saved.\n\n"
                "A report was written to {path}. Please send it to the manager.\n\n{error}",
            ).format(
                path=str(report or self.log_dir),
                error=f"{kind.__name__}: {mask_card_numbers(str(value))}",
            ),
        )


def _relay_type() -> type[QObject]:
    """A QObject whose signal carries a worker thread's exception to the GUI thread (made when
    first needed: a Qt class with a signal costs the first page a few milliseconds)."""

    class Relay(QObject):
        crashed = Signal(object, str)  # (exc_info, where)

    return Relay
