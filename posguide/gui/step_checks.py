"""Running one step's checks on the Qt loop: the restart watch first (the other checks need the
terminal back), then the rest together; busy marks only for what really runs; cancellable when
the cashier moves on or presses Retry. Progress lines leave here in the UI's language."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from typing import Any

from posguide.gui.i18n import translate
from posguide.i18n import QT_TR_NOOP, Text
from posguide.probes import Probe, ProbeResult, Status, run_probe

Build = Callable[[list[str]], tuple[list[Probe], list[str]]]


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
    ) -> None:
        self._build, self._spawn = build, spawn
        self._started, self._progress, self._finished, self._done = (
            started,
            progress,
            finished,
            done,
        )
        self._task: asyncio.Task[None] | None = None
        self._running: set[str] = set()

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

    def cancel(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()
        self._task = None
        self._running.clear()

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
        probes, skipped = self._build(wanted)
        for probe_id in skipped:
            self._finish(step, _skipped(probe_id))
        watch = [p for p in probes if p.id.endswith(".reboot")]
        rest = [p for p in probes if not p.id.endswith(".reboot")]
        for probe in watch:
            self._finish(step, await run_probe(probe, self._reporter(probe.id)))
        if watch:
            self._mark_started(p.id for p in rest)
        await asyncio.gather(*(self._one(step, p) for p in rest))
        self._running.clear()
        self._done(step)

    async def _one(self, step: str, probe: Probe) -> None:
        self._finish(step, await run_probe(probe, self._reporter(probe.id)))

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
