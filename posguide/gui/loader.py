"""Imports modules on a worker thread while the first page is already up, and says so on the
GUI thread. Imports are Python work: the GUI thread keeps getting the interpreter every few
milliseconds (sys.getswitchinterval), so the page answers clicks and keys meanwhile."""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Signal, Slot

log = logging.getLogger("posguide.gui")


class BackgroundImport(QObject):
    _done = Signal(str)  # "" when every module imported, else what went wrong

    def __init__(self, modules: Sequence[str], on_done: Callable[[str], None]) -> None:
        super().__init__()
        self.modules = tuple(modules)
        self._on_done = on_done
        # Emitted on the worker thread, received by this object, which lives on the GUI
        # thread: Qt queues the call there (without naming Qt.QueuedConnection, whose
        # namespace costs the first page ~17 ms).
        self._done.connect(self._deliver)
        self._thread = threading.Thread(target=self._run, name="posguide-imports", daemon=True)

    def start(self) -> None:
        self._thread.start()

    @Slot(str)
    def _deliver(self, problem: str) -> None:
        self._on_done(problem)

    def wait(self, timeout: float) -> None:
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        for name in self.modules:
            try:
                importlib.import_module(name)
            except Exception as err:  # a broken installation: shown on the page, not a crash
                log.exception("cannot import %s", name)
                self._done.emit(f"{name}: {type(err).__name__}: {err}")
                return
        self._done.emit("")
