"""Running probes: each with its own deadline, concurrently, never raising to the caller.

Cancellation (the user pressed Cancel, the wizard moved on) propagates as CancelledError, as
asyncio expects; everything else becomes a result.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Iterable, Sequence

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
BatchProgress = Callable[[str, float | None, str], None]


async def run_probe(probe: Probe, progress: ProgressCallback = no_progress) -> ProbeResult:
    started = now()
    t0 = time.perf_counter()

    def elapsed_ms() -> float:
        return (time.perf_counter() - t0) * 1000

    try:
        result = await asyncio.wait_for(probe.check(progress), timeout=probe.timeout_s)
    except TimeoutError:
        log.info("probe %s timed out after %.1f s", probe.id, probe.timeout_s)
        text = Text(QT_TR_NOOP("No answer within {timeout_s:g} s"), timeout_s=probe.timeout_s)
        return ProbeResult(
            probe.id,
            Status.FAIL,
            str(text),
            text=text,
            detail={"reason": "timeout", "timeout_s": probe.timeout_s},
            started_at=started,
            duration_ms=elapsed_ms(),
        )
    except asyncio.CancelledError:
        raise
    except Exception as err:  # a probe must never take the wizard down
        log.exception("probe %s crashed", probe.id)
        text = Text(
            QT_TR_NOOP("The check could not run: {exception}: {message}"),
            exception=type(err).__name__,
            message=str(err),
        )
        return ProbeResult(
            probe.id,
            Status.ERROR,
            str(text),
            text=text,
            detail={"reason": "exception", "exception": type(err).__name__, "message": str(err)},
            started_at=started,
            duration_ms=elapsed_ms(),
        )
    log.debug("probe %s: %s (%s)", probe.id, result.status, result.summary)
    return result


async def run_probes(
    probes: Iterable[Probe], progress: BatchProgress | None = None
) -> list[ProbeResult]:
    """Run independent probes concurrently; results in the order the probes were given."""
    probe_list: Sequence[Probe] = list(probes)

    def sink(probe_id: str) -> ProgressCallback:
        if progress is None:
            return no_progress
        return lambda fraction, message: progress(probe_id, fraction, message)

    return list(await asyncio.gather(*(run_probe(p, sink(p.id)) for p in probe_list)))
