"""The two-stage start (posguide.gui.app): the first page comes up on Qt alone, the rest is
loaded behind it, and Start pressed meanwhile is carried out once the pages are built."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import qasync
from gui_driver import release
from PySide6.QtWidgets import QApplication

from posguide.config import load_config
from posguide.glance import Glance, glance
from posguide.gui.i18n import Translators
from posguide.gui.shell import Shell
from posguide.gui.window import MainWindow
from posguide.gui.wizard.step_page import StepPage
from posguide.main import command_of
from posguide.paths import resolve_data_dir
from posguide.store import IncidentStore

ROOT = Path(__file__).resolve().parents[1]
# What the first page must not wait for: each costs tens of milliseconds to import.
HEAVY = ("qasync", "asyncio", "sqlite_utils", "yaml", "posguide.store", "posguide.config",
         "posguide.flow", "posguide.probes", "posguide.gui.controller", "tomllib")  # fmt: skip


def test_the_first_page_imports_nothing_heavy() -> None:
    code = (
        "import sys; import posguide.main, posguide.gui.app; "
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=ROOT)  # fmt: skip
    assert done.stdout.strip() == "[]", done.stdout


def test_options_with_values_are_not_taken_for_a_sub_command() -> None:
    assert command_of(["--data-dir", "/srv/shop"]) is None  # opens the window
    assert command_of(["--data-dir", "/srv/shop", "export", "--since", "2026-01-01"]) == "export"
    assert command_of(["--lang", "en", "--demo"]) is None
    assert command_of(["db", "check"]) == "db"


def test_the_glance_agrees_with_the_full_configuration(tmp_path: Path) -> None:
    config, cache = tmp_path / "posguide.toml", tmp_path / "cache" / "first-page.json"
    assert glance(config, cache) == Glance()  # no file yet: training, system language
    config.write_text('[shop]\nname = "一号店"\nlanguage = "en"\n\n[[terminals]]\nid = "till1"\n'
                      'connection = "/dev/ttyUSB0"\n', encoding="utf-8")  # fmt: skip
    full = load_config(config)
    seen = glance(config, cache)
    assert seen == Glance(full.shop.name, full.shop.language, bool(full.terminals))
    assert seen == ("一号店", "en", True) and cache.exists()
    assert glance(config, cache) == seen  # from the cache now
    config.write_text('[shop]\nname = "二号店"\n', encoding="utf-8")  # changed: read again
    assert glance(config, cache) == ("二号店", "system", False)
    config.write_text("[shop\nname = ", encoding="utf-8")  # broken: the full loader reports it
    assert glance(config, cache) == Glance()


@pytest.fixture
def loop(qapp: QApplication) -> Any:
    loop = qasync.QEventLoop(qapp, already_running=True)
    asyncio.set_event_loop(loop)
    yield loop
    release(loop)


def shell_for(qapp: QApplication, home: Path) -> Shell:
    args = argparse.Namespace(data_dir=str(home), demo=True, scenario="terminal_reboot",
                              lang="zh_CN", command=None, speed=10.0)  # fmt: skip
    return Shell(qapp, resolve_data_dir(home).ensure(), args, Translators(qapp), "zh_CN")


def test_start_pressed_before_the_pages_are_built_goes_on_by_itself(
    qapp: QApplication, qtbot: Any, loop: Any, tmp_path: Path
) -> None:
    shell = shell_for(qapp, tmp_path / "home")
    window = MainWindow(language="zh_CN", training=True, shop_name="")  # as stage 1 shows it
    qtbot.addWidget(window)
    window.show()
    qtbot.mouseClick(window.start_page.start_button, qtbot_left())
    assert window.start_page.preparing.isVisible()  # says why nothing moves yet
    future = asyncio.ensure_future(shell.load(window))
    qtbot.waitUntil(future.done, timeout=30000)
    try:
        assert shell.window is window and window.ready
        page = window.wizard.currentPage() if window.wizard else None
        assert isinstance(page, StepPage) and page.step.id == "symptom"
        assert not window.start_page.preparing.isVisible()
    finally:
        window.close()
        done = asyncio.ensure_future(shell.close())
        qtbot.waitUntil(done.done, timeout=30000)


@pytest.mark.parametrize("problem", ["config", "database"])
def test_an_unusable_configuration_or_database_is_said_on_the_start_page(
    qapp: QApplication, qtbot: Any, loop: Any, tmp_path: Path, problem: str
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    if problem == "config":
        (home / "posguide.toml").write_text("[shop]\nescalation_minutes = 0\n", encoding="utf-8")
    else:
        (home / "posguide.db").write_bytes(b"this is not a database" * 100)
    shell = shell_for(qapp, home)
    window = MainWindow(language="en", training=True, shop_name="")
    qtbot.addWidget(window)
    window.show()
    future = asyncio.ensure_future(shell.load(window))
    qtbot.waitUntil(future.done, timeout=30000)
    try:
        warning = window.start_page.warning
        assert warning.isVisible()
        expected = "escalation_minutes" if problem == "config" else "posguide.db"
        assert expected in warning.text()
        assert not window.start_page.start_button.isEnabled()
        if problem == "database":
            assert (home / "posguide.db").read_bytes() == b"this is not a database" * 100
    finally:
        window.close()
        done = asyncio.ensure_future(shell.close())
        qtbot.waitUntil(done.done, timeout=30000)


def qtbot_left() -> Any:
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


LAUNCH_AND_START = r"""
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import posguide.main as M
from posguide.gui.window import MainWindow
app = QApplication([sys.argv[0]])
seen = {}
def poll():
    for w in QApplication.topLevelWidgets():
        if isinstance(w, MainWindow) and w.isVisible():
            if "first_page" not in seen:  # at once: before the rest is loaded
                seen["first_page"] = {"ready": w.ready, "heading": w.start_page.heading.text()}
                w.start_page.start_button.click()
                seen["preparing"] = w.start_page.preparing.isVisible()
            page = w.wizard.currentPage() if w.wizard is not None else None
            step = getattr(getattr(page, "step", None), "id", None)
            if step:
                seen["step"] = step
                print(json.dumps(seen, ensure_ascii=False), flush=True)
                w.close()
                return
    QTimer.singleShot(5, poll)
QTimer.singleShot(0, poll)
sys.exit(M.main(sys.argv[1:]))
"""


def test_the_real_launcher_shows_the_first_page_then_starts_the_pressed_incident(
    tmp_path: Path,
) -> None:
    """posguide's own entry point in a process of its own: stage 1, the import thread, stage 2,
    and a Start pressed on the first page carried out; the window closes cleanly."""
    home = tmp_path / "home"
    argv = ["--data-dir", str(home), "--demo", "--scenario", "provider_maintenance",
            "--lang", "zh_CN"]  # fmt: skip
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "POSGUIDE_NO_DIALOGS": "1"}
    done = subprocess.run([sys.executable, "-c", LAUNCH_AND_START, *argv], capture_output=True,
                          text=True, timeout=120, cwd=ROOT, env=env)  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["first_page"] == {"ready": False, "heading": "POS机出问题了？我们一步一步来处理"}
    assert seen["preparing"] is True  # "正在准备检查，马上开始…"
    assert seen["step"] == "symptom"  # the pressed Start, carried out once the pages were built
    with IncidentStore.open(home / "posguide.db") as store:
        [incident] = store.open_incidents()  # recorded, and left open for resuming
        assert incident.training
