"""The probe framework: deadlines, errors, cancellation, concurrency and worker threads."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Any

import pytest
from loop_turns import LoopTurns

from posguide.probes import (
    Outcome,
    ProbeResult,
    ProgressCallback,
    Status,
    run_blocking,
    run_probe,
    run_probes,
)


class Sleepy:
    def __init__(self, probe_id: str, seconds: float, timeout_s: float = 5.0) -> None:
        self.id, self.seconds, self.timeout_s = probe_id, seconds, timeout_s

    async def check(self, progress: ProgressCallback) -> ProbeResult:
        progress(0.5, "half way")
        await asyncio.sleep(self.seconds)
        return Outcome(self.id).finish(Status.OK, "fine")


class Raises:
    id, timeout_s = "broken", 5.0

    def __init__(self, error: Exception) -> None:
        self.error = error

    async def check(self, progress: ProgressCallback) -> ProbeResult:
        raise self.error


def test_the_backstop_deadline_is_an_error_not_a_fault() -> None:
    result = asyncio.run(run_probe(Sleepy("slow", 10, timeout_s=0.2)))
    assert result.status is Status.ERROR  # the check could not finish: no verdict from it
    assert result.detail["reason"] == "timeout"
    assert result.summary == "No answer within 0.2 s"


def test_the_docs_say_what_a_probe_past_its_deadline_becomes() -> None:
    result = asyncio.run(run_probe(Sleepy("slow", 10, timeout_s=0.05)))
    docs = (Path(__file__).resolve().parents[1] / "docs" / "probes.md").read_text("utf-8")
    deadlines = " ".join(docs.split("## Deadlines and threads")[1].split())
    said = f"A probe that runs past its limit becomes `{result.status.value}` with `reason: "
    assert said + f"{result.detail['reason']}`" in deadlines


def test_a_timeout_inside_the_probe_is_not_mistaken_for_the_deadline() -> None:
    result = asyncio.run(run_probe(Raises(TimeoutError("psutil took too long"))))
    assert result.status is Status.ERROR
    assert result.detail == {"reason": "exception", "exception": "TimeoutError",
                             "message": "psutil took too long"}  # fmt: skip


def test_an_unexpected_exception_becomes_an_error_result() -> None:
    result = asyncio.run(run_probe(Raises(KeyError("gateway"))))
    assert result.status is Status.ERROR
    # Staff read that it could not run; what went wrong is for IT, in the detail and the log.
    assert "KeyError" not in result.summary and "gateway" not in result.summary
    assert result.detail["exception"] == "KeyError"


def test_cancelling_a_probe_propagates() -> None:
    async def scenario() -> None:
        running = asyncio.Event()
        task = asyncio.ensure_future(run_probe(Sleepy("slow", 10), lambda *_: running.set()))
        await running.wait()  # the probe is under way
        task.cancel()
        await task

    with pytest.raises(asyncio.CancelledError):
        asyncio.run(scenario())


class Rendezvous:
    """A probe that finishes only once every probe of its group has started: run one after the
    other, the first would wait for the others until its deadline (an error)."""

    timeout_s = 5.0

    def __init__(self, probe_id: str, group: list[str], everyone: asyncio.Event) -> None:
        self.id, self.group, self.everyone = probe_id, group, everyone

    async def check(self, progress: ProgressCallback) -> ProbeResult:
        progress(0.5, "half way")
        self.group.append(self.id)
        if len(self.group) == 4:
            self.everyone.set()
        await self.everyone.wait()
        return Outcome(self.id).finish(Status.OK, "fine")


def test_probes_run_concurrently_and_report_progress_by_id() -> None:
    seen: list[tuple[str, float | None, str]] = []

    async def scenario() -> list[ProbeResult]:
        group: list[str] = []
        everyone = asyncio.Event()
        probes = [Rendezvous(f"p{n}", group, everyone) for n in range(4)]
        return await run_probes(probes, lambda *args: seen.append(args))

    results = asyncio.run(scenario())
    assert [r.status for r in results] == [Status.OK] * 4  # all four were under way at once
    assert [r.probe_id for r in results] == ["p0", "p1", "p2", "p3"]
    assert ("p2", 0.5, "half way") in seen


def test_a_blocking_call_gets_its_own_deadline_and_never_blocks_the_loop() -> None:
    release = threading.Event()

    async def scenario() -> tuple[bool, int]:
        async with LoopTurns() as turns:
            with pytest.raises(TimeoutError):
                await run_blocking(lambda: release.wait(10), timeout_s=0.3, name="mute-card")
            # The deadline was honoured: the call gave up while its worker is still stuck.
            stuck = any(t.name == "posguide-mute-card" for t in threading.enumerate())
        return stuck, turns.count

    stuck, turns = asyncio.run(scenario())
    release.set()  # let the abandoned worker end
    assert stuck
    assert turns > 0  # the loop kept turning while the worker was stuck


def test_a_blocking_call_returns_its_value_or_raises_its_error() -> None:
    def boom() -> Any:
        raise OSError("port vanished")

    async def scenario() -> int:
        with pytest.raises(OSError, match="port vanished"):
            await run_blocking(boom, timeout_s=1)
        return await run_blocking(lambda: 42, timeout_s=1)

    assert asyncio.run(scenario()) == 42


def test_a_check_cancelled_just_after_its_blocking_call_answered_stops() -> None:
    """The wizard moved on in the moment between a lookup's answer and the check waking up:
    Python 3.11's wait_for returned the answer and the cancelled check went on connecting
    (seen in CI). A cancel is a cancel, whenever it lands."""
    went_on: list[str] = []

    async def check() -> None:
        address = await run_blocking(lambda: "192.0.2.1", timeout_s=5, name="lost-cancel")
        went_on.append(address)

    async def scenario() -> None:
        task = asyncio.ensure_future(check())
        await asyncio.sleep(0)  # the check waits; its thread runs
        for thread in [t for t in threading.enumerate() if t.name == "posguide-lost-cancel"]:
            thread.join()  # the answer is queued for the loop now...
        asyncio.get_running_loop().call_soon(task.cancel)  # ...and the cancel right behind it
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(scenario())
    assert went_on == []
