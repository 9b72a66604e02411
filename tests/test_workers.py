"""posguide.workers: a call in a real child process, stopped at its time limit or memory cap."""

from __future__ import annotations

import os
import sys
import time

import psutil
import pytest

from posguide import workers
from posguide.workers import WorkerFailed, WorkerOutOfMemory, WorkerTimeout, run_in_child

MIB = 1024 * 1024
LIMITS = {"timeout_s": 60.0, "memory_bytes": 1024 * MIB}


def spin_forever() -> None:
    """A decoder that never returns."""
    while True:
        time.monotonic()


def descendants() -> set[int]:
    """Our processes, but the fork server itself (it lives as long as we do)."""
    found = set()
    for child in psutil.Process().children(recursive=True):
        try:
            if "forkserver" not in " ".join(child.cmdline()):
                found.add(child.pid)
        except psutil.Error:  # ended meanwhile
            pass
    return found


@pytest.fixture(params=["forkserver", "spawn"] if sys.platform != "win32" else ["spawn"])
def start_method(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(workers, "START_METHOD", request.param)
    return str(request.param)


def test_the_value_comes_back(start_method: str) -> None:
    assert run_in_child(sum, [1, 2, 3], **LIMITS) == 6
    assert run_in_child(os.getpid, **LIMITS) != os.getpid()


def test_a_runaway_call_is_killed_at_its_time_limit(start_method: str) -> None:
    before = descendants()
    with pytest.raises(WorkerTimeout):
        run_in_child(spin_forever, timeout_s=1.0, memory_bytes=1024 * MIB)
    assert descendants() <= before  # killed and reaped, not left spinning


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS is enforced on Linux only")
def test_memory_beyond_the_cap_is_refused(start_method: str) -> None:
    with pytest.raises(WorkerOutOfMemory):
        run_in_child(bytearray, 400 * MIB, timeout_s=60.0, memory_bytes=300 * MIB)
    assert len(run_in_child(bytearray, 50 * MIB, timeout_s=60.0, memory_bytes=300 * MIB)) > 0


def test_an_exception_is_reported_by_type_and_text(start_method: str) -> None:
    with pytest.raises(WorkerFailed, match="ValueError: invalid literal"):
        run_in_child(int, "twelve", **LIMITS)


def test_a_crashed_child_is_a_failure_not_a_hang(start_method: str) -> None:
    with pytest.raises(WorkerFailed, match="ended with code"):
        run_in_child(os.abort, **LIMITS)
