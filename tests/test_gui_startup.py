"""The start (posguide.gui.app): the first page comes up on Qt alone, the rest is loaded behind
it on the same event loop, and Start pressed meanwhile is carried out as soon as it can be."""

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
from gui_driver import release
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from posguide.gui.app import attach_asyncio
from posguide.gui.errors import ErrorPath
from posguide.gui.i18n import Translators
from posguide.gui.shell import Shell
from posguide.gui.window import MainWindow
from posguide.gui.wizard.step_page import StepPage
from posguide.main import VALUE_OPTIONS, command_of
from posguide.paths import resolve_data_dir
from posguide.probes import ProbeResult, Status
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


def test_the_incident_pages_wait_for_no_network_library() -> None:
    """Start pressed at once waits for the window's incident machinery; aiohttp (a third of a
    second) is the checks' to import, on their worker thread."""
    code = (
        "import sys; import posguide.gui.controller, posguide.gui.wizard.view, "
        "posguide.gui.widgets.escalation; print('aiohttp' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=ROOT)  # fmt: skip
    assert done.stdout.strip() == "False", done.stdout


def test_the_launcher_knows_every_option_that_takes_a_value() -> None:
    from posguide.cli import build_parser as cli_parser
    from posguide.gui.app import build_parser as gui_parser

    def taking_values(parser: Any) -> set[str]:
        return {o for a in parser._actions if a.nargs != 0 for o in a.option_strings}

    assert taking_values(gui_parser()) | taking_values(cli_parser()) == VALUE_OPTIONS


def test_options_with_values_are_not_taken_for_a_sub_command() -> None:
    assert command_of(["--data-dir", "/srv/shop"]) is None  # opens the window
    assert command_of(["--data-dir", "/srv/shop", "export", "--since", "2026-01-01"]) == "export"
    assert command_of(["--lang", "en", "--demo"]) is None
    assert command_of(["db", "check"]) == "db"


@pytest.fixture
def loop(qapp: QApplication, tmp_path: Path) -> Any:
    loop = attach_asyncio(qapp, ErrorPath(tmp_path / "logs"))
    yield loop
    release(loop)


def shell_for(qapp: QApplication, home: Path, language: str = "zh_CN") -> Shell:
    """The shell on a first page as posguide.gui.app shows it (training: no terminal)."""
    args = argparse.Namespace(data_dir=str(home), demo=True, scenario="terminal_reboot",
                              lang=language, command=None, speed=10.0)  # fmt: skip
    translators = Translators(qapp)
    translators.switch(language)
    window = MainWindow(language=language, training=True)
    window.show()
    data = resolve_data_dir(home).ensure()
    return Shell(data, args, translators, window, ErrorPath(data.logs))


def close(qtbot: Any, shell: Shell) -> None:
    shell.window.close_now()
    done = asyncio.ensure_future(shell.shutdown())
    qtbot.waitUntil(done.done, timeout=30000)
    shell.window.deleteLater()


def test_start_pressed_before_the_pages_are_built_goes_on_by_itself(
    qapp: QApplication, qtbot: Any, loop: Any, tmp_path: Path
) -> None:
    shell = shell_for(qapp, tmp_path / "home")
    window = shell.window
    qtbot.mouseClick(window.start_page.start_button, Qt.MouseButton.LeftButton)
    assert window.start_page.preparing.isVisible()  # says why nothing moves yet
    future = asyncio.ensure_future(shell.load())
    qtbot.waitUntil(future.done, timeout=30000)
    try:
        assert shell.window is window and window.ready

        def step_page() -> StepPage | None:  # training's shop is reset first, on the loop
            page = window.view.current_page() if window.view else None
            return page if isinstance(page, StepPage) else None

        qtbot.waitUntil(lambda: step_page() is not None, timeout=10000)
        page = step_page()
        assert page is not None and page.step.id == "symptom"
        assert not window.start_page.preparing.isVisible()
    finally:
        close(qtbot, shell)


def test_a_notice_page_to_open_is_offered_on_the_step(
    qapp: QApplication, qtbot: Any, loop: Any, tmp_path: Path
) -> None:
    shell = shell_for(qapp, tmp_path / "home")
    window = shell.window
    qtbot.mouseClick(window.start_page.start_button, Qt.MouseButton.LeftButton)
    future = asyncio.ensure_future(shell.load())
    qtbot.waitUntil(future.done, timeout=30000)
    try:
        qtbot.waitUntil(lambda: isinstance(window.view and window.view.current_page(), StepPage),
                        timeout=10000)  # fmt: skip
        page = window.view.current_page() if window.view else None
        assert isinstance(page, StepPage)
        url = "http://bank.test/news/notices/0710.html"
        page.show_result(ProbeResult("notices", Status.WARN, "Feed could not be read",
                                     detail={"feed_errors": [{"open_url": url}]}))  # fmt: skip
        row = page.probes.row("notices")
        assert row.link == url and not row.open_button.isHidden()
    finally:
        close(qtbot, shell)


def test_closing_waits_for_what_a_stopping_task_started(
    qapp: QApplication, qtbot: Any, loop: Any, tmp_path: Path
) -> None:
    """A task told to stop may start another on its way out (checks that finish as they are
    cancelled plan their next run): the controller's end waits for that one too."""
    shell = shell_for(qapp, tmp_path / "home")
    future = asyncio.ensure_future(shell.load())
    qtbot.waitUntil(future.done, timeout=30000)
    controller = shell.window.controller
    assert controller is not None
    later: list[asyncio.Task[Any]] = []

    async def stopping() -> None:
        try:
            await asyncio.sleep(60)
        except asyncio.CancelledError:
            later.append(controller._spawn(asyncio.sleep(0.2)))  # its "next run"
            raise

    controller._spawn(stopping())
    qtbot.wait(10)
    ended = asyncio.ensure_future(controller.closed())
    qtbot.waitUntil(ended.done, timeout=5000)
    assert later and later[0].done()
    close(qtbot, shell)


def test_closed_while_loading_starts_nothing(
    qapp: QApplication, qtbot: Any, loop: Any, tmp_path: Path
) -> None:
    shell = shell_for(qapp, tmp_path / "home")
    window = shell.window
    qtbot.mouseClick(window.start_page.start_button, Qt.MouseButton.LeftButton)
    future = asyncio.ensure_future(shell.load())
    qtbot.waitUntil(lambda: shell.store is not None, timeout=30000)  # loading
    window.close()  # the cashier gives up on it (no incident yet: nothing to ask)
    qtbot.waitUntil(future.done, timeout=30000)
    try:
        assert shell.closed.done() and not window.ready
        assert shell.store is not None and shell.store.open_incidents() == []
    finally:
        close(qtbot, shell)


def test_a_language_chosen_while_loading_is_the_window_s_language(
    qapp: QApplication, qtbot: Any, loop: Any, tmp_path: Path
) -> None:
    shell = shell_for(qapp, tmp_path / "home", "zh_CN")
    window = shell.window
    qtbot.mouseClick(window.start_page.englishButton, Qt.MouseButton.LeftButton)
    future = asyncio.ensure_future(shell.load())
    qtbot.waitUntil(future.done, timeout=30000)
    try:
        assert shell.window is window and not window.is_closed  # one window, switched
        assert window.start_page.heading.text().startswith("Card terminal problem")
        assert window.start_page.englishButton.isChecked()
        assert not window.start_page.chineseButton.isChecked()
        assert window.ready and window.isVisible()
        window.start()  # training: the simulated shop is reset first
        qtbot.waitUntil(lambda: window.controller is not None and window.controller.running)
        assert window.view is not None
        page = window.view.current_page()
        assert isinstance(page, StepPage) and page.title.text().startswith("First, what")
    finally:
        close(qtbot, shell)


def test_a_language_from_the_configuration_replaces_the_system_s(
    qapp: QApplication, qtbot: Any, loop: Any, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "posguide.toml").write_text('[shop]\nname = "Corner Shop"\nlanguage = "en"\n',
                                        encoding="utf-8")  # fmt: skip
    args_language = None  # no --lang: the first page guessed Chinese, the shop says English
    shell = shell_for(qapp, home, "zh_CN")
    shell.args.lang = args_language
    future = asyncio.ensure_future(shell.load())
    qtbot.waitUntil(future.done, timeout=30000)
    try:
        page = shell.window.start_page
        assert page.heading.text().startswith("Card terminal problem")
        assert page.shop.text() == "Corner Shop"
    finally:
        close(qtbot, shell)


def test_starting_makes_the_day_s_backup_once_and_says_when_it_cannot(
    qapp: QApplication, qtbot: Any, loop: Any, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    for _ in range(2):  # two starts the same day: one copy
        shell = shell_for(qapp, home)
        future = asyncio.ensure_future(shell.load())
        qtbot.waitUntil(future.done, timeout=30000)
        qtbot.waitUntil(lambda s=shell: s._backup is not None and s._backup.done(), timeout=30000)
        assert not shell.window.start_page.warning.isVisible()
        close(qtbot, shell)
    copies = list((home / "backups").glob("posguide-*.db"))
    assert len(copies) == 1
    # Another day, and the backup folder cannot be written (a file stands in its place).
    for copy in copies:
        copy.unlink()
    (home / "backups").rmdir()
    (home / "backups").write_text("not a folder", encoding="utf-8")
    shell = shell_for(qapp, home)
    future = asyncio.ensure_future(shell.load())
    qtbot.waitUntil(future.done, timeout=30000)
    try:
        warning = shell.window.start_page.warning
        qtbot.waitUntil(warning.isVisible, timeout=30000)
        assert "备份" in warning.text()
        assert shell.window.start_page.start_button.isEnabled()  # the cashier can still start
    finally:
        close(qtbot, shell)


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
    shell = shell_for(qapp, home, "en")
    future = asyncio.ensure_future(shell.load())
    qtbot.waitUntil(future.done, timeout=30000)
    try:
        page = shell.window.start_page
        assert page.warning.isVisible()
        expected = "escalation_minutes" if problem == "config" else "posguide.db"
        assert expected in page.warning.text()
        assert not page.start_button.isEnabled() and not page.chineseButton.isEnabled()
        if problem == "database":
            assert (home / "posguide.db").read_bytes() == b"this is not a database" * 100
    finally:
        close(qtbot, shell)


def test_a_refused_settings_file_is_explained_and_the_manager_corrects_it(
    qapp: QApplication, qtbot: Any, loop: Any, tmp_path: Path
) -> None:
    """A hand edit gone wrong: the cashier reads what and who (in Chinese), Start stays off,
    and the manager's console opens and its settings put the file right, devices kept."""
    home = tmp_path / "home"
    home.mkdir()
    example = (ROOT / "docs" / "posguide.example.toml").read_text(encoding="utf-8")
    bad = example.replace("escalation_minutes = 10", "escalation_minutes = 500")
    (home / "posguide.toml").write_text(bad, encoding="utf-8")
    shell = shell_for(qapp, home)
    future = asyncio.ensure_future(shell.load())
    qtbot.waitUntil(future.done, timeout=30000)
    try:
        page = shell.window.start_page
        said = page.warning.text()
        assert said.startswith("设置文件有错误，暂时不能开始排查"), said
        assert "shop.escalation_minutes: 应填：1 到 120 之间的整数，现在是 500" in said, said
        assert "店长 → 设置" in said and not page.start_button.isEnabled()
        qtbot.mouseClick(page.manager_button, Qt.MouseButton.LeftButton)
        console = shell.console
        assert console is not None
        for edit in (console.pin_page.pin, console.pin_page.again):
            qtbot.waitUntil(lambda: console.pin_page.setting is not None)
            edit.setFocus()
            qtbot.keyClicks(edit, "2580")
        qtbot.keyClick(console.pin_page.again, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: console.is_open, timeout=5000)
        qtbot.keyClick(console.tabs, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
        settings = console.settings
        assert settings is not None
        shop = settings.sections[0]
        assert shop.name.text() == "示例便利店"  # type: ignore[attr-defined]  # as the file says
        refused = shop.errors["shop.escalation_minutes"]
        assert refused.isVisible() and "现在是 500" in refused.text()  # marked at once
        assert "设置文件有错误" in settings.status.text()
        shop.minutes.setValue(10)  # type: ignore[attr-defined]
        qtbot.mouseClick(settings.save_button, Qt.MouseButton.LeftButton)
        assert (home / "posguide.toml").read_text(encoding="utf-8") == example
        assert "重新打开" in page.warning.text()  # the window starts on the settings next time
    finally:
        if shell.console is not None:
            shell.console.close()
        close(qtbot, shell)


LAUNCH_AND_START = r"""
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtCore import Qt
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
            page = w.view.current_page() if w.view is not None else None
            step = getattr(getattr(page, "step", None), "id", None)
            if step:
                seen["step"] = step
                print(json.dumps(seen, ensure_ascii=False), flush=True)
                w.close_now()
                return
    QTimer.singleShot(5, poll)
QTimer.singleShot(0, poll)
sys.exit(M.main(sys.argv[1:]))
"""


def test_the_real_launcher_shows_the_first_page_then_starts_the_pressed_incident(
    tmp_path: Path,
) -> None:
    """posguide's own entry point in a process of its own: the first page, then the load on the
    same loop, and a Start pressed on the first page carried out; the window closes cleanly."""
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
    assert seen["step"] == "symptom"  # the pressed Start, carried out once it could be
    with IncidentStore.open(home / "posguide.db") as store:
        [incident] = store.open_incidents()  # recorded, and left open for resuming
        assert incident.training
