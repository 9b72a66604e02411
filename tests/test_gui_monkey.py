"""A seeded monkey on the real window: keys (Esc, Enter, Tab, Alt-mnemonics, arrows, Chinese
text), clicks on whatever is visible and enabled, and the wheel, over every page, in training
mode and on a configured shop whose terminal port is missing. Any exception, crash report or
Qt warning fails it (qt_log_level_fail), and so does the window losing track of the incident:
after every event the page on screen must be the session's page."""

from __future__ import annotations

import os
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from gui_driver import Driver
from monkey import act as monkey_act
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QFileDialog,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from posguide.gui.wizard.finish_page import FinishPage
from posguide.gui.wizard.report_view import FaultReportView
from posguide.gui.wizard.step_page import StepPage
from posguide.store import IncidentStore

pytestmark = [pytest.mark.gui, pytest.mark.slow, pytest.mark.timeout(300)]

EVENTS = int(os.environ.get("MONKEY_EVENTS", "700"))  # per run; three runs: over 2,000 events in CI
KEYS = [
    Qt.Key.Key_Escape, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab,
    Qt.Key.Key_Space, Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right,
    Qt.Key.Key_A, Qt.Key.Key_1, Qt.Key.Key_Backspace, Qt.Key.Key_PageDown,
]  # fmt: skip
MNEMONICS = [Qt.Key.Key_N, Qt.Key.Key_B, Qt.Key.Key_S, Qt.Key.Key_R, Qt.Key.Key_F, Qt.Key.Key_P]
TEXTS = ["王芳", "96", "屏幕上显示 在维护中", "GD-0042"]


def never_clicked(widget: QWidget) -> bool:
    """What the monkey leaves alone: printing (a real printer dialog); tested on its own."""
    report = widget.parentWidget()
    return isinstance(report, FaultReportView) and widget is report.print_button


def cancel_file_dialogs() -> None:
    """A file or print dialog opened by a key or click is cancelled, as a person who opened it
    by mistake would: inside it the monkey would browse this machine's disk."""
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QFileDialog | QPrintDialog) and widget.isVisible():
            widget.reject()


def targets(window: QWidget) -> list[QWidget]:
    """Visible, enabled things a hand could click: in the window, and in any box it opened."""
    roots = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    kinds = (QAbstractButton, QLineEdit, QComboBox, QPlainTextEdit)
    found = []
    for root in roots:
        for widget in root.findChildren(QWidget):
            usable = isinstance(widget, kinds) and widget.isVisible() and widget.isEnabled()
            if usable and not never_clicked(widget):
                found.append(widget)
    return found


def on_screen_matches_the_session(d: Driver) -> None:
    """The window never loses track of the incident: the page shown is the session's."""
    controller, window = d.window.controller, d.window
    assert window.isVisible(), "the window went away"
    if controller is None or not controller.running:  # None: a language switch attaching anew
        assert window.stack.currentWidget() is window.start_page
        return
    session = controller.session
    assert session is not None
    page = d.view.current_page()
    assert window.stack.currentWidget() is d.view
    if session.finished is not None:
        assert isinstance(page, FinishPage)
    else:
        assert isinstance(page, StepPage) and page.step.id == session.current.id
        assert d.view.back_button.isEnabled() == (len(session.path) > 1)


def act(d: Driver, rng: random.Random) -> str:
    return monkey_act(rng, d.window, keys=KEYS, mnemonics=MNEMONICS, texts=TEXTS,
                      candidates=targets(d.window))  # fmt: skip


def close_boxes() -> None:
    """A question box left open (close the window? abandon?) answered with its safe default."""
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible() and widget.inherits("QMessageBox"):
            widget.close()


def monkey(d: Driver, seed: int, events: int) -> list[str]:
    rng = random.Random(seed)
    done: list[str] = []
    for _ in range(events):
        done.append(act(d, rng))
        cancel_file_dialogs()
        d.qtbot.wait(rng.choice([0, 1, 5, 20]))
        try:
            on_screen_matches_the_session(d)
        except AssertionError as err:
            raise AssertionError(f"after {done[-5:]}: {err}") from err
        assert not d.errors.reports, f"crash report after {done[-5:]}"
    close_boxes()
    return done


@pytest.fixture
def drive(qtbot: Any, tmp_path: Path) -> Iterator[Any]:
    drivers: list[Driver] = []

    def make(scenario: str, **options: Any) -> Driver:
        d = Driver(qtbot, tmp_path / f"home{len(drivers)}", scenario, **options)
        d.errors.install()
        drivers.append(d)
        return d

    yield make
    for d in drivers:
        d.errors.uninstall()
        d.close()


@pytest.mark.parametrize(("seed", "scenario"), [(1, "router_down"), (2, "escalation")])
def test_random_keys_clicks_and_wheel_in_training_never_break_the_window(
    drive: Any, seed: int, scenario: str
) -> None:
    d = drive(scenario, speed=20.0)
    d.window.start_page.start_button.click()
    done = monkey(d, seed, EVENTS)
    assert sum(step == "key Key_Escape" for step in done) > 10
    steps = {step.id for step in d.shell.playbook.steps}
    with IncidentStore.open(d.shell.data.database) as store:  # what was recorded makes sense
        for (incident_id,) in store.db.execute("SELECT id FROM incidents").fetchall():
            assert {s.step_key for s in store.get_incident(incident_id).steps} <= steps


def test_random_input_on_a_configured_shop_with_its_terminal_port_missing(
    drive: Any, tmp_path: Path
) -> None:
    home = tmp_path / "home0"
    home.mkdir()
    (home / "posguide.toml").write_text(
        '[shop]\nname = "一号店"\n\n[[terminals]]\nid = "till1"\nname = "1号收银台"\n'
        'connection = "/dev/ttyUSB9"\nprotocol = "enq"\n',
        encoding="utf-8",
    )
    d = drive("random", demo=False)
    d.window.start_page.start_button.click()
    monkey(d, 3, EVENTS)
