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
from PySide6.QtWidgets import QAbstractButton, QApplication, QFrame, QLineEdit, QWizard

from posguide.glance import glance
from posguide.gui.i18n import Translators
from posguide.gui.shell import Shell
from posguide.gui.training_panel import TrainingPanel
from posguide.gui.window import MainWindow, show_main_window
from posguide.gui.wizard.step_page import StepPage
from posguide.paths import resolve_data_dir

PERSON_WAITS = {"terminal.reboot", "backup.terminal.reboot", "card.card"}
FINAL = {"ok", "warn", "fail", "error", "skipped"}
NEXT = QWizard.WizardButton.NextButton
FINISH = QWizard.WizardButton.FinishButton
BACK = QWizard.WizardButton.BackButton
SKIP = QWizard.WizardButton.CustomButton1


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
        self.loop = qasync.QEventLoop(app, already_running=True)
        asyncio.set_event_loop(self.loop)
        data = resolve_data_dir(home).ensure()
        args = argparse.Namespace(
            data_dir=str(home),
            demo=demo,
            scenario=scenario,
            lang=language,
            command=None,
            speed=speed,
        )
        # As posguide.gui.app: stage 1's first page, then stage 2 (without the import thread).
        first = glance(data.config, data.root / "cache" / "first-page.json")
        translators = Translators(app)  # type: ignore[arg-type]
        window = show_main_window(translators, language, training=demo or not first.has_terminals,
                                  shop_name=first.shop_name)  # fmt: skip
        self.shell = Shell(app, data, args, translators, language=language, window=window)  # type: ignore[arg-type]
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
        assert self.shell.window is not None
        return self.shell.window

    @property
    def wizard(self) -> QWizard:
        return self.window.wizard

    @property
    def page(self) -> StepPage:
        page = self.wizard.currentPage()
        assert isinstance(page, StepPage), type(page)
        return page

    @property
    def step(self) -> str:
        return self.page.step.id

    def close(self) -> None:
        if self.loop.is_closed():
            return
        self.window.close()
        self.wait_for(self.shell.close())  # closes the store too
        release(self.loop)

    # --- what a user does -------------------------------------------------------------------

    def click(self, button: QAbstractButton) -> None:
        assert button.isVisible() and button.isEnabled(), button.text()
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        self.clicks += 1

    def press(self, which: QWizard.WizardButton) -> None:
        self.click(self.wizard.button(which))

    def start(self) -> None:
        self.click(self.window.start_page.start_button)
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
        # Chinese arrives from the input method as one committed string, not key by key
        # (QTest cannot type non-ASCII keys at all).
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(edit, event)
        self.clicks += 1  # no Return: in a wizard that is Next; leaving the page sends the text

    def next(self) -> None:
        self.press(NEXT)
        if isinstance(self.wizard.currentPage(), StepPage):
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


def release(loop: qasync.QEventLoop) -> None:
    """Undo ``already_running=True``: later tests must see no running loop, and the loop's
    worker threads must end before Qt tears down (else "QThread: Destroyed while running").
    Never ``loop.stop()``: it calls QApplication.exit() and breaks every later qtbot wait."""
    asyncio.events._set_running_loop(None)
    loop._QEventLoop__is_running = False  # qasync has no public way back
    loop._after_run_forever()
    loop.close()
    asyncio.set_event_loop(None)
