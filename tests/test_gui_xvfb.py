"""The real program on a real X server with a window manager (Xvfb + openbox), driven by key
presses from xdotool as a cashier would: Start, type a name (Chinese too), on through the
provider's maintenance to another payment method, Esc on the way, Save. Checked in the SQLite
file the program wrote, and no crash report."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

pytestmark = [pytest.mark.xserver, pytest.mark.slow, pytest.mark.timeout(180)]
TOOLS = ("Xvfb", "openbox", "xdotool")
DISPLAY = ":73"


def wait_until(condition: Callable[[], object], timeout_s: float = 30.0) -> object:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.1)  # polling the program's own output: nothing to wait on in-process
    raise AssertionError(f"timed out waiting for {condition}")


@pytest.fixture
def x_server(tmp_path: Path) -> Iterator[dict[str, str]]:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:  # ./dev test installs them; a bare machine says what is missing
        pytest.fail(f"not installed: {', '.join(missing)} (Debian: xvfb openbox xdotool)")
    env = {**os.environ, "DISPLAY": DISPLAY}
    env.pop("QT_QPA_PLATFORM", None)  # the real xcb platform, not offscreen
    xvfb = subprocess.Popen(["Xvfb", DISPLAY, "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    wait_until(lambda: Path(f"/tmp/.X11-unix/X{DISPLAY[1:]}").exists())
    openbox = subprocess.Popen(["openbox"], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        yield env
    finally:
        for process in (openbox, xvfb):
            process.terminate()
            process.wait(10)


def xdo(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(["xdotool", *args], env=env, capture_output=True, text=True,
                          timeout=30)  # fmt: skip
    return done.stdout.strip()


def activate(env: dict[str, str], window: str) -> None:
    """Raise and focus the window, and wait until the window manager says it has the keyboard
    (keys sent before that go elsewhere: on a busy machine the map comes before the focus)."""
    xdo(env, "windowactivate", "--sync", window)
    wait_until(lambda: xdo(env, "getactivewindow") == window)


def type_name(env: dict[str, str], database: Path, name: str) -> None:
    """Type into the focused name field until posguide has saved exactly ``name``. xdotool
    types a Chinese character by mapping it to a spare key for a moment; on a busy machine
    the program may read the key after the mapping is gone ("王" lost, "芳芳"). A person
    would retype; so does this, up to three times."""
    saved = ""
    for _attempt in range(3):
        key(env, "ctrl+a", "BackSpace")
        xdo(env, "type", "--delay", "80", name)
        try:
            wait_until(lambda: staff(database) == name, timeout_s=10)
            return
        except AssertionError:
            saved = staff(database)
    raise AssertionError(f"typed {name!r}, saved {saved!r}")


def staff(database: Path) -> str:
    found = rows(database, "SELECT json_extract(answers, '$.staff') FROM steps"
                           " WHERE step_key='symptom'")  # fmt: skip
    return str(found[-1][0]) if found else ""


def said(program: subprocess.Popen[str], home: Path) -> str:
    output = program.communicate()[0] if program.stdout else ""
    logs = [p.read_text(errors="replace")[-3000:] for p in (home / "logs").glob("*")]
    return f"output:\n{output[-3000:]}\nlogs:\n" + "\n".join(logs)


def key(env: dict[str, str], *names: str) -> None:
    xdo(env, "key", "--delay", "60", *names)


def rows(database: Path, sql: str) -> list[tuple[object, ...]]:
    if not database.exists():
        return []
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as conn:
        try:
            return conn.execute(sql).fetchall()
        except sqlite3.OperationalError:  # not created yet, or locked for a moment
            return []


def test_a_cashier_walks_a_scenario_with_the_keyboard_on_a_real_x_server(
    x_server: dict[str, str], tmp_path: Path
) -> None:
    home = tmp_path / "home"
    database = home / "posguide.db"
    program = subprocess.Popen(
        [sys.executable, "-m", "posguide", "--data-dir", str(home), "--demo", "--scenario",
         "provider_maintenance", "--lang", "zh_CN", "--speed", "10"],
        env=x_server, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        window = str(wait_until(lambda: xdo(x_server, "search", "--name", "posguide —")))
        activate(x_server, window.splitlines()[0])
        key(x_server, "Escape", "Return")  # Esc means nothing; Enter is Start
        wait_until(lambda: rows(database, "SELECT id FROM incidents"))
        wait_until(lambda: rows(database, "SELECT id FROM probe_results WHERE probe_id='notices'"))
        # Focus is on the name, the first unanswered question: type it, Chinese included.
        type_name(x_server, database, "Wang 王芳")
        key(x_server, "Escape", "Tab", "shift+Tab")
        key(x_server, "Return")
        # The provider is doing maintenance: straight to another payment method.
        wait_until(lambda: rows(database, "SELECT id FROM steps WHERE step_key='backup'"))
        # Focus is on the first choice of "how did the customer pay": down to QR code, tick it.
        key(x_server, "Down", "Down", "space", "Escape", "Return")
        wait_until(
            lambda: rows(database, "SELECT id FROM steps WHERE status='done' AND step_key='backup'")
        )
        key(x_server, "Return")  # Save and finish
        closed = wait_until(
            lambda: rows(database, "SELECT outcome, cause, reported_by FROM incidents"
                                   " WHERE outcome IS NOT NULL")
        )  # fmt: skip
        assert closed == [("backup", "provider_maintenance", "Wang 王芳")]
        answers = rows(database, "SELECT answers FROM steps WHERE step_key='backup'")
        assert '"qr"' in str(answers[-1][0])
        # Closing (the window manager's Alt+F4) with nothing open asks nothing: it just ends.
        key(x_server, "alt+F4")
        program.wait(30)
    except AssertionError as err:  # with what the program said, and its log
        program.kill()
        raise AssertionError(f"{err}\n{said(program, home)}") from None
    finally:
        if program.poll() is None:
            program.kill()
        output = program.communicate()[0] if program.stdout else ""
    assert program.returncode == 0, output[-3000:]
    assert not list((home / "logs").glob("crash-*.txt")), "a crash report was written"


def test_closing_mid_incident_asks_and_keeps_it_for_resuming(
    x_server: dict[str, str], tmp_path: Path
) -> None:
    home = tmp_path / "home"
    database = home / "posguide.db"
    program = subprocess.Popen(
        [sys.executable, "-m", "posguide", "--data-dir", str(home), "--demo", "--scenario",
         "router_down", "--lang", "zh_CN", "--speed", "10"],
        env=x_server, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        window = str(wait_until(lambda: xdo(x_server, "search", "--name", "posguide —")))
        activate(x_server, window.splitlines()[0])
        key(x_server, "Return")
        wait_until(lambda: rows(database, "SELECT id FROM steps WHERE step_key='symptom'"))
        key(x_server, "alt+F4")  # mid-incident: posguide asks first
        wait_until(lambda: xdo(x_server, "search", "--name", "关闭 posguide？"))
        key(x_server, "Escape")  # the safe answer: keep working
        wait_until(lambda: not xdo(x_server, "search", "--name", "关闭 posguide？"))
        assert program.poll() is None, "Esc on the question closed posguide"
        key(x_server, "alt+F4")
        wait_until(lambda: xdo(x_server, "search", "--name", "关闭 posguide？"))
        key(x_server, "shift+Tab", "space")  # "关闭 posguide"
        program.wait(30)
    except AssertionError as err:  # with what the program said, and its log
        program.kill()
        raise AssertionError(f"{err}\n{said(program, home)}") from None
    finally:
        if program.poll() is None:
            program.kill()
        output = program.communicate()[0] if program.stdout else ""
    assert program.returncode == 0, output[-3000:]
    assert rows(database, "SELECT count(*) FROM incidents WHERE ended_ts IS NULL") == [(1,)]
    assert not list((home / "logs").glob("crash-*.txt")), "a crash report was written"
