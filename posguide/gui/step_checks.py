"""Running one step's checks on the Qt loop: the restart watch first (the other checks need the
terminal back), then the rest together; busy marks only for what really runs; cancellable when
the cashier moves on or presses Retry. Progress lines leave here in the UI's language.

Checks re-run by themselves, with a countdown the page shows: while any automatic check still
finds a fault (the cashier is plugging, restarting, waiting), every ``recheck_s`` seconds; and
once a hands-on action has played out (``recheck_after``). Checks that wait for a person (a
restart watch, a card in the reader) are never re-run by themselves."""

from __future__ import annotations

import asyncio
import importlib
import math
from collections.abc import Callable, Iterable
from typing import Any

from posguide.concurrency import gather_all
from posguide.gui.i18n import translate
from posguide.i18n import QT_TR_NOOP, Text
from posguide.probes import Probe, ProbeResult, Status, run_probe
from posguide.probes.registry import AUTOMATIC

Build = Callable[[list[str]], tuple[list[Probe], list[str]]]
RECHECK_S = 30.0
PROBE_CATALOG = "posguide.probe_catalog"  # what ``build`` needs imported
FAULTS = (Status.FAIL, Status.WARN, Status.ERROR)


class StepChecks:
    def __init__(
        self,
        *,
        build: Build,
        spawn: Callable[[Any], asyncio.Task[Any]],
        started: Callable[[str], None],
        progress: Callable[[str, float | None, str], None],
        finished: Callable[[str, ProbeResult], None],
        done: Callable[[str], None],
        countdown: Callable[[int], None] = lambda _seconds: None,
        recheck_s: float = RECHECK_S,
    ) -> None:
        self._build, self._spawn = build, spawn
        self._started, self._progress, self._finished, self._done = (
            started,
            progress,
            finished,
            done,
        )
        self._countdown = countdown  # seconds to the next re-run; -1: none planned
        self.recheck_s = recheck_s
        self._task: asyncio.Task[None] | None = None
        self._later: asyncio.Task[None] | None = None
        self._running: set[str] = set()
        self._after_run: tuple[float, asyncio.Future[Any]] | None = None  # an action meanwhile

    def run(self, step: str, wanted: list[str]) -> None:
        self.cancel()
        if not wanted:
            self._done(step)
            return
        # Busy marks first (the task starts on the next loop turn), but only for what runs now:
        # behind a restart watch the other checks wait for the terminal to come back.
        watched = [p for p in wanted if p.endswith(".reboot")]
        self._mark_started(watched or wanted)
        self._task = self._spawn(self._run(step, wanted))

    def recheck_after(
        self, step: str, wanted: list[str], seconds: float, until: asyncio.Future[Any]
    ) -> None:
        """Re-run the automatic checks of ``wanted`` once ``until`` is done (a hands-on action
        playing out), counting ``seconds`` down meanwhile. Checks running now are left to
        finish; the re-run follows them (they may have looked before the action took effect)."""
        if self.busy():
            self._after_run = (seconds, until)
        else:
            self._plan(step, wanted, seconds, until)

    def cancel(self) -> None:
        for task in (self._task, self._later):
            if task is not None and not task.done():
                task.cancel()
        self._task = self._later = self._after_run = None
        self._running.clear()
        self._countdown(-1)

    def busy(self) -> bool:
        """Until the whole step's checks are done and the verdict is out."""
        return self._task is not None and not self._task.done()

    def running(self) -> frozenset[str]:
        return frozenset(self._running)

    def _mark_started(self, probe_ids: Iterable[str]) -> None:
        for probe_id in probe_ids:
            self._running.add(probe_id)
            self._started(probe_id)

    async def _run(self, step: str, wanted: list[str]) -> None:
        # The probes' libraries (aiohttp, dnspython, pyscard, icalendar, ...) take most of a
        # second to import the first time: on a worker thread, so the page shows and answers.
        await asyncio.to_thread(importlib.import_module, PROBE_CATALOG)
        probes, skipped = self._build(wanted)
        results = [_skipped(probe_id) for probe_id in skipped]
        for result in results:
            self._finish(step, result)
        watch = [p for p in probes if p.id.endswith(".reboot")]
        rest = [p for p in probes if not p.id.endswith(".reboot")]
        for probe in watch:
            self._finish(step, await run_probe(probe, self._reporter(probe.id)))
        if watch:
            self._mark_started(p.id for p in rest)
        results += await gather_all(*(self._one(step, p) for p in rest))
        self._running.clear()
        self._done(step)
        action, self._after_run = self._after_run, None
        if action is not None:
            self._plan(step, wanted, *action)
        elif any(r.status in FAULTS and r.probe_id in AUTOMATIC for r in results):
            self._plan(step, wanted, self.recheck_s, None)

    async def _one(self, step: str, probe: Probe) -> ProbeResult:
        result = await run_probe(probe, self._reporter(probe.id))
        self._finish(step, result)
        return result

    def _plan(
        self, step: str, wanted: list[str], seconds: float, until: asyncio.Future[Any] | None
    ) -> None:
        """Re-run the automatic ones of ``wanted`` when ``until`` is done (None: in ``seconds``)."""
        again = [p for p in wanted if p in AUTOMATIC]
        if not again:
            return
        if self._later is not None and not self._later.done():
            self._later.cancel()
        self._later = self._spawn(self._recheck(step, again, seconds, until))

    async def _recheck(
        self, step: str, again: list[str], seconds: float, until: asyncio.Future[Any] | None
    ) -> None:
        waiting = until if until is not None else asyncio.ensure_future(asyncio.sleep(seconds))
        ends = asyncio.get_running_loop().time() + seconds
        try:
            while not waiting.done():
                left = ends - asyncio.get_running_loop().time()
                self._countdown(max(0, math.ceil(left)))
                to_next_second = (left - math.floor(left)) if left > 0 else 1.0
                await asyncio.wait([waiting], timeout=max(0.05, to_next_second))
        finally:
            if until is None:
                waiting.cancel()  # our own timer; an action's future belongs to the panel
        # Not in ``finally``: cancel() has said so already, and its owner may be gone by now.
        self._countdown(-1)
        self._later = None
        self.run(step, again)

    def _reporter(self, probe_id: str) -> Callable[[float | None, Text], None]:
        # Translated here, on the loop's thread, as a line shows it: the signal carries text.
        return lambda fraction, message: self._progress(
            probe_id, fraction, message.translated(translate)
        )

    def _finish(self, step: str, result: ProbeResult) -> None:
        self._running.discard(result.probe_id)
        self._finished(step, result)


def _skipped(probe_id: str) -> ProbeResult:
    text = Text(QT_TR_NOOP("Nothing configured to check"))
    return ProbeResult(probe_id, Status.SKIPPED, str(text), text=text)
