"""Running one inspection: the shop's shared checks once, each terminal's own checks for every
configured terminal, all at the same time. The probes are the wizard's (``probe_catalog``), so an
inspection checks a terminal exactly as the wizard would during an incident."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from posguide.concurrency import gather_all
from posguide.config import ShopConfig, Terminal
from posguide.probe_catalog import build_probes
from posguide.probe_records import to_record
from posguide.probes import ProbeResult, Status, run_probes
from posguide.probes.settings import ProbeSettings
from posguide.store.inspections import TerminalResult
from posguide.timeutil import now

# The PC's own network: the same whichever terminal is asked about, so it is checked once.
SHOP_WIDE = ("network.link", "network.gateway", "network.internet")
# What depends on the terminal: its provider's notices and servers, its link, its card reader.
PER_TERMINAL = ("notices", "network.dns", "network.payment", "network.tls", "terminal",
                "card.reader")  # fmt: skip
NOTHING_CONFIGURED = "Nothing configured to check"


@dataclass(frozen=True)
class InspectionRun:
    started: datetime
    finished: datetime
    results: tuple[TerminalResult, ...]


async def inspect_shop(config: ShopConfig, settings: ProbeSettings) -> InspectionRun:
    started = now()
    groups: list[tuple[str, Terminal | None, tuple[str, ...]]] = [
        ("", config.default_terminal(), SHOP_WIDE),
        *((t.id, t, PER_TERMINAL) for t in config.terminals),
    ]
    batches = await gather_all(
        *(_checks(config, terminal, ids, settings) for _, terminal, ids in groups)
    )
    results = tuple(
        TerminalResult(terminal_id, to_record(result))
        for (terminal_id, _, _), batch in zip(groups, batches, strict=True)
        for result in batch
    )
    return InspectionRun(started, now(), results)


async def _checks(
    config: ShopConfig, terminal: Terminal | None, ids: tuple[str, ...], settings: ProbeSettings
) -> list[ProbeResult]:
    probes, skipped = build_probes(ids, config, terminal, settings)
    by_id = {r.probe_id: r for r in await run_probes(probes)}
    for probe_id in skipped:
        by_id[probe_id] = ProbeResult(probe_id, Status.SKIPPED, NOTHING_CONFIGURED)
    return [by_id[p] for p in ids]
