"""Drive the real posguide window in tests: real widgets (offscreen), the real qasync loop,
real probes against training mode's simulators, a real SQLite file."""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import qasync
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QFrame, QLineEdit

from posguide.gui.app import attach_asyncio
from posguide.gui.errors import ErrorPath
from posguide.gui.i18n import Translators
from posguide.gui.shell import Shell
from posguide.gui.training_panel import TrainingPanel
from posguide.gui.window import MainWindow
from posguide.gui.wizard.step_page import StepPage
from posguide.gui.wizard.view import IncidentView
from posguide.paths import resolve_data_dir

PERSON_WAITS = {"terminal.reboot", "backup.terminal.reboot", "card.card"}
FINAL = {"ok", "warn", "fail", "error", "skipped"}
NEXT, FINISH, BACK, SKIP = "next", "finish", "back", "skip"


class Driver:
    """One posguide window in training mode on ``scenario``. ``clicks`` counts user actions."""

    def __init__(
        self,
        qtbot: Any,
        home: Path,
        scenario: str,
        language: str = "zh_CN",
        *,
        demo: bool = True,
        speed: float = 10.0,
    ) -> None:
        self.qtbot = qtbot
        self.clicks = 0
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        data = resolve_data_dir(home).ensure()
        self.errors = ErrorPath(data.logs)
        # As posguide.gui.app: the first page from Qt alone, then asyncio on the running loop
        # and the shell's load (the test's qtbot waits turn the loop).
        self.loop = attach_asyncio(app, self.errors)
        args = argparse.Namespace(
            data_dir=str(home),
            demo=demo,
            scenario=scenario,
            lang=language,
            command=None,
            speed=speed,
        )
        translators = Translators(app)
        translators.switch(language)
        window = MainWindow(language=language, training=demo)
        self.errors.window = lambda: window
        window.show()
        self.shell = Shell(data, args, translators, window, self.errors)
        self.wait_for(self.shell.load())
        assert self.shell.store is not None, "the shell could not start"
        self.store = self.shell.store

    # --- plumbing ---------------------------------------------------------------------------

    def wait_for(self, coroutine: Any, timeout_ms: int = 30000) -> Any:
        future = asyncio.ensure_future(coroutine)
        self.qtbot.waitUntil(future.done, timeout=timeout_ms)
        return future.result()

    @property
    def window(self) -> MainWindow:
        return self.shell.window

    @property
    def view(self) -> IncidentView:
        assert self.window.view is not None
        return self.window.view

    @property
    def page(self) -> StepPage:
        page = self.view.current_page()
        assert isinstance(page, StepPage), type(page)
        return page

    @property
    def step(self) -> str:
        return self.page.step.id

    def close(self) -> None:
        if self.loop.is_closed():
            return
        self.window.close_now()
        self.wait_for(self.shell.shutdown())  # closes the store too
        release(self.loop)
        delete_now(self.window)

    # --- what a user does -------------------------------------------------------------------

    def click(self, button: QAbstractButton) -> None:
        assert button.isVisible() and button.isEnabled(), button.text()
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        self.clicks += 1

    def button(self, which: str) -> QAbstractButton:
        view = self.view
        return {"next": view.next_button, "finish": view.next_button, "back": view.back_button,
                "skip": view.skip_button}[which]  # fmt: skip

    def press(self, which: str) -> None:
        self.click(self.button(which))

    def resume(self) -> None:
        """Resume the unfinished incident the start page offers (training: in its situation)."""
        self.click(self.window.start_page.resume_button)
        self.wait_until(
            lambda: self.window.controller is not None and self.window.controller.running
        )

    def start(self) -> None:
        self.click(self.window.start_page.start_button)
        self.wait_until(
            lambda: self.window.controller is not None and self.window.controller.running
        )
        self.wait_probes()

    def wait_probes(self, timeout_ms: int = 60000) -> None:
        controller = self.window.controller
        self.qtbot.waitUntil(lambda: not controller.is_probing(), timeout=timeout_ms)

    def question(self, qid: str) -> QFrame:
        for frame in self.page.questions.findChildren(QFrame):
            if frame.property("question") == qid:
                return frame
        raise LookupError(qid)

    def choose(self, qid: str, value: object) -> None:
        for button in self.question(qid).findChildren(QAbstractButton):
            if button.property("choice") == value:
                self.click(button)
                return
        raise LookupError(f"{qid}={value!r}")

    def type(self, qid: str, text: str) -> None:
        edit = self.question(qid).findChild(QLineEdit)
        assert edit is not None
        edit.setFocus()
        edit.selectAll()  # what was there (a preset name) is replaced, as by a cashier's Ctrl+A
        # Chinese arrives from the input method as one committed string, not key by key
        # (QTest cannot type non-ASCII keys at all).
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(edit, event)
        self.clicks += 1  # no Return: in a wizard that is Next; leaving the page sends the text

    def next(self) -> None:
        self.press(NEXT)
        if isinstance(self.view.current_page(), StepPage):
            self.wait_checks()

    def wait_checks(self, timeout_ms: int = 60000) -> None:
        """Until the checks that need nobody are done; the restart watch and the card test
        wait for a person (the trainee restarts, inserts a card), so they are not waited for."""

        if self.page.step.reboot_watch:
            return  # every check there comes after the restart the trainee has yet to do

        def settled() -> bool:
            rows = [r for r in self.page.probes.rows() if r.probe_id not in PERSON_WAITS]
            return all(r.state in FINAL for r in rows)

        self.qtbot.waitUntil(settled, timeout=timeout_ms)

    def training(self, action_id: str) -> None:
        training = self.window.findChild(TrainingPanel)
        assert training is not None
        self.click(training.buttons[action_id])

    def probe_status(self, probe_id: str) -> str:
        return str(self.page.probes.row(probe_id).state)

    def wait_until(self, condition: Callable[[], bool], timeout_ms: int = 30000) -> None:
        self.qtbot.waitUntil(condition, timeout=timeout_ms)


def delete_now(widget: Any) -> None:
    """Delete a top-level widget here, on the GUI thread. Left to Python's garbage collector
    it may be destroyed on whichever thread collects it (a probe's worker), and Qt then
    fires a timer at freed memory."""
    from shiboken6 import Shiboken

    if Shiboken.isValid(widget):
        Shiboken.delete(widget)


def release(loop: qasync.QEventLoop) -> None:
    """Undo ``already_running=True``: later tests must see no running loop, and the loop's
    worker threads must end before Qt tears down (else "QThread: Destroyed while running").
    Never ``loop.stop()``: it calls QApplication.exit() and breaks every later qtbot wait.
    The loop's timer object is deleted here, on the GUI thread: it still holds Qt timers, and
    collected later on a worker thread it would leave Qt firing them at freed memory. Calls a
    worker thread queued before the loop closed are delivered first (else they hit the deleted
    timer: "Internal C++ object (_SimpleTimer) already deleted")."""
    asyncio.events._set_running_loop(None)
    loop._QEventLoop__is_running = False  # qasync has no public way back
    loop._after_run_forever()
    loop.close()  # joins the executor's threads; their last call_soon_threadsafe is queued...
    asyncio.set_event_loop(None)
    QApplication.sendPostedEvents()  # ...and delivered here, while the timer it needs exists
    delete_now(loop._timer)
