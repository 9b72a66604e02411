"""Running probes: each with its own deadline, concurrently, never raising to the caller.

Cancellation (the user pressed Cancel, the wizard moved on) propagates as CancelledError, as
asyncio expects; everything else becomes a result.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime

from posguide.concurrency import gather_all
from posguide.i18n import QT_TR_NOOP, Text
from posguide.probes.base import (
    Probe,
    ProbeResult,
    ProgressCallback,
    Status,
    no_progress,
)
from posguide.timeutil import now

log = logging.getLogger("posguide.probes")

# Per-probe progress for a batch: (probe id, fraction, message).
BatchProgress = Callable[[str, float | None, Text], None]


async def run_probe(probe: Probe, progress: ProgressCallback = no_progress) -> ProbeResult:
    started = now()
    t0 = time.perf_counter()

    def elapsed_ms() -> float:
        return (time.perf_counter() - t0) * 1000

    deadline = asyncio.timeout(probe.timeout_s)
    try:
        async with deadline:
            result = await probe.check(progress)
    except TimeoutError as err:
        if not deadline.expired():
            # A TimeoutError from inside the probe (a library's own limit) is not our deadline:
            # reporting it as "no answer within N s" after a millisecond would mislead.
            return _crashed(probe, err, started, elapsed_ms())
        # Probes keep their own, shorter deadlines: reaching this backstop means the check
        # itself could not finish, which says nothing about the device (ERROR, not FAIL).
        log.warning("probe %s hit its backstop deadline of %.1f s", probe.id, probe.timeout_s)
        text = Text(QT_TR_NOOP("No answer within {timeout_s:g} s"), timeout_s=probe.timeout_s)
        return ProbeResult(
            probe.id,
            Status.ERROR,
            str(text),
            text=text,
            detail={"reason": "timeout", "timeout_s": probe.timeout_s},
            started_at=started,
            duration_ms=elapsed_ms(),
        )
    except asyncio.CancelledError:
        raise
    except Exception as err:  # a probe must never take the wizard down
        return _crashed(probe, err, started, elapsed_ms())
    log.debug("probe %s: %s (%s)", probe.id, result.status, result.summary)
    return result


def _crashed(probe: Probe, err: Exception, started: datetime, duration_ms: float) -> ProbeResult:
    log.error("probe %s crashed", probe.id, exc_info=err)
    # What went wrong inside is for whoever reads the log and the detail, not the summary.
    text = Text(QT_TR_NOOP("The check could not run: an unexpected error (see the details)"))
    return ProbeResult(
        probe.id,
        Status.ERROR,
        str(text),
        text=text,
        detail={"reason": "exception", "exception": type(err).__name__, "message": str(err)},
        started_at=started,
        duration_ms=duration_ms,
    )


async def run_probes(
    probes: Iterable[Probe], progress: BatchProgress | None = None
) -> list[ProbeResult]:
    """Run independent probes concurrently; results in the order the probes were given."""
    probe_list: Sequence[Probe] = list(probes)

    def sink(probe_id: str) -> ProgressCallback:
        if progress is None:
            return no_progress
        return lambda fraction, message: progress(probe_id, fraction, message)

    return await gather_all(*(run_probe(p, sink(p.id)) for p in probe_list))
