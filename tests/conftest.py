"""Shared fixtures. Qt runs offscreen; proxies are cleared so loopback servers are reached."""

from __future__ import annotations

import asyncio
import gc
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
for _var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
    os.environ.pop(_var, None)
os.environ["NO_PROXY"] = "127.0.0.1,localhost,::1"

from posguide.store import IncidentStore  # noqa: E402

# tests/ is not a package: its helpers import by module name, as images.py does.
pytest_plugins = ["conftest_pcsc"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that uses pcscd (through any fixture) is a ``pcsc`` test, marked or not: ./dev
    test keeps those to one of its two runs."""
    for item in items:
        if "pcscd" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.pcsc)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "posguide.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[IncidentStore]:
    with IncidentStore.open(db_path) as opened:
        yield opened


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh data directory, as posguide would see it on a new shop PC."""
    home = tmp_path / "home"
    monkeypatch.setenv("POSGUIDE_HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def _gui_test_leaves_nothing_alive(request: pytest.FixtureRequest) -> Iterator[None]:
    """A GUI test fails when it leaves a window, a widget, an asyncio task or a thread alive:
    left over, they fire timers and callbacks into the next test (or segfault it)."""
    if not {"qapp", "qtbot"} & set(request.fixturenames):
        yield
        return
    threads = set(threading.enumerate())
    yield
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()  # here, on the GUI thread: never let a worker thread destroy Qt objects
    widgets = [w for w in QApplication.topLevelWidgets() if not w.isHidden() or w.parent()]
    tasks = [t for t in gc.get_objects() if isinstance(t, asyncio.Task) and not t.done()]
    deadline = time.monotonic() + 5.0  # threads told to stop may take a moment
    while (alive := _new_threads(threads)) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = [f"window {type(w).__name__}" for w in widgets]
    left += [f"task {t.get_coro()!r}" for t in tasks]
    left += [f"thread {t.name}" for t in alive]
    assert not left, "the test left these alive:\n  " + "\n  ".join(left)


def _new_threads(before: set[threading.Thread]) -> list[threading.Thread]:
    """Python's threads started since ``before`` and still running. Threads Qt started (a
    QThread running Python code) show as "Dummy" entries that Python never removes, even
    once they have ended; Qt itself warns of a QThread destroyed while running, and that
    warning fails the test (qt_log_level_fail)."""
    dummy = threading._DummyThread  # type: ignore[attr-defined]
    return [
        t
        for t in threading.enumerate()
        if t not in before and t.is_alive() and not isinstance(t, dummy)
    ]
