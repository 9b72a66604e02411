"""The window's one error path: an exception in a slot, a worker thread or an asyncio task, and
Qt's own warnings all reach the log; errors also write a crash report (card numbers masked),
and the incident in progress stays intact for resuming."""

from __future__ import annotations

import asyncio
import logging
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import qasync
from gui_driver import release
from PySide6.QtCore import QTimer, qWarning

from posguide.gui.errors import ErrorPath
from posguide.logs import setup_logging
from posguide.store import IncidentStore

pytestmark = pytest.mark.gui
CARD = "4111 1111 1111 1111"


@pytest.fixture
def errors(
    qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[ErrorPath, Path]]:
    monkeypatch.setenv("POSGUIDE_NO_DIALOGS", "1")  # the box itself is not what is tested here
    logs = tmp_path / "logs"
    setup_logging(logs)
    path = ErrorPath(logs)
    path.install()
    yield path, logs / "posguide.log"
    path.uninstall()
    for handler in list(logging.getLogger("posguide").handlers):
        logging.getLogger("posguide").removeHandler(handler)
        handler.close()


def crash_texts(path: ErrorPath) -> list[str]:
    return [report.read_text(encoding="utf-8") for report in path.reports]


def test_an_exception_in_a_slot_writes_a_report_and_loses_nothing(
    errors: tuple[ErrorPath, Path], qtbot: Any, tmp_path: Path
) -> None:
    path, log = errors
    with IncidentStore.open(tmp_path / "posguide.db") as store:
        incident = store.start_incident(terminal="till1", symptom="在维护中")
        step = store.begin_step(incident, "symptom")
        store.save_step(step, answers={"shows": "maintenance"})

    def slot() -> None:
        raise RuntimeError(f"card {CARD} in a bad state")

    QTimer.singleShot(0, slot)  # Qt calls sys.excepthook for an exception in a slot
    qtbot.waitUntil(lambda: bool(path.reports), timeout=5000)
    [text] = crash_texts(path)
    assert "RuntimeError" in text and CARD not in text and "1111" in text
    assert "uncaught exception" in log.read_text(encoding="utf-8")
    with IncidentStore.open(tmp_path / "posguide.db") as store:
        [open_incident] = store.open_incidents()
        assert open_incident.id == incident
        assert store.get_incident(incident).steps[0].answers == {"shows": "maintenance"}


def test_an_exception_in_a_worker_thread_is_reported_on_the_gui_thread(
    errors: tuple[ErrorPath, Path], qtbot: Any
) -> None:
    path, _log = errors

    def work() -> None:
        raise ValueError("the reader thread fell over")

    worker = threading.Thread(target=work, name="reader-worker")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: bool(path.reports), timeout=5000)
    [text] = crash_texts(path)
    assert "ValueError: the reader thread fell over" in text and "reader-worker" in text


def test_an_exception_in_an_asyncio_task_is_reported(
    errors: tuple[ErrorPath, Path], qapp: Any, qtbot: Any
) -> None:
    path, _log = errors
    loop = qasync.QEventLoop(qapp, already_running=True)
    asyncio.set_event_loop(loop)
    loop.set_exception_handler(path.asyncio_handler)
    try:

        async def probe() -> None:
            raise OSError("the port vanished")

        task = loop.create_task(probe())
        qtbot.waitUntil(task.done, timeout=5000)
        del task  # never awaited: asyncio reports it through the loop's handler
        import gc

        gc.collect()
        qtbot.waitUntil(lambda: bool(path.reports), timeout=5000)
    finally:
        release(loop)
    [text] = crash_texts(path)
    assert "OSError: the port vanished" in text


def test_qt_warnings_reach_the_log(errors: tuple[ErrorPath, Path]) -> None:
    _path, log = errors
    qWarning("posguide test: a Qt warning")
    for handler in logging.getLogger("posguide").handlers:
        handler.flush()
    assert "a Qt warning" in log.read_text(encoding="utf-8")


def test_the_hooks_are_put_back(qapp: Any, tmp_path: Path) -> None:
    before = (sys.excepthook, threading.excepthook)
    path = ErrorPath(tmp_path)
    path.install()
    assert sys.excepthook != before[0]
    path.uninstall()
    assert (sys.excepthook, threading.excepthook) == before


def test_a_late_connection_error_inside_asyncio_is_logged_not_shown(
    errors: tuple[ErrorPath, Path], qapp: Any
) -> None:
    """A check cancelled mid-connect (the cashier moved on) can leave asyncio's own future with
    the connection's late error: a note in the log, never a crash box."""
    path, log = errors
    loop = qasync.QEventLoop(qapp, already_running=True)
    loop.set_exception_handler(path.asyncio_handler)
    try:
        loop.call_exception_handler(
            {"message": "Future exception was never retrieved",
             "exception": ConnectionResetError(104, "Connection reset by peer")}
        )  # fmt: skip
    finally:
        release(loop)
    assert path.reports == []
    for handler in logging.getLogger("posguide").handlers:
        handler.flush()
    assert "Connection reset by peer" in log.read_text(encoding="utf-8")
