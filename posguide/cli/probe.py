"""``posguide probe [ID ...]`` and ``posguide diagnose``: the live checks from a terminal window.

Exit codes: 0 nothing wrong, 1 a fault was found, 2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from typing import Any

from posguide.cli.context import CliError, CliFailure, Context, load_context
from posguide.config import Terminal
from posguide.probe_catalog import build_probes, stored_notices
from posguide.probes import ProbeResult, Status, run_probes
from posguide.probes.notices import Notice
from posguide.probes.registry import ALL, AUTOMATIC
from posguide.probes.settings import ProbeSettings
from posguide.probes.verdict import decide
from posguide.timeutil import iso, now
from posguide.uplinks import ETHERNET

log = logging.getLogger("posguide.cli")

# Short names staff can type: ``posguide probe card --wait 30``.
ALIASES: dict[str, tuple[str, ...]] = {
    "card": ("card.card",),
    "reader": ("card.reader",),
    "network": tuple(p for p in AUTOMATIC if p.startswith("network.")),
    "backup": ("backup.terminal",),
    "reboot": ("terminal.reboot",),
}
MARKS = {"ok": "ok", "warn": "WARN", "fail": "FAIL", "error": "ERROR", "skipped": "skip"}


def add_probe_commands(sub: Any) -> None:
    probe = sub.add_parser("probe", help="run named live checks (default: all automatic ones)")
    probe.add_argument("ids", nargs="*", metavar="ID", help=", ".join((*ALL, *ALIASES)))
    _common(probe)
    probe.add_argument("--wait", type=float, default=20.0, help="seconds to wait for a card")
    probe.set_defaults(handler=run_probe_command)
    diagnose = sub.add_parser("diagnose", help="run every automatic check and name one verdict")
    _common(diagnose)
    diagnose.set_defaults(handler=run_diagnose, ids=[], wait=20.0)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--terminal", help="terminal id (default: [shop] default_terminal)")
    parser.add_argument("--config", help="use this posguide.toml instead of the data folder's")
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def _expand(ids: list[str]) -> list[str]:
    expanded: list[str] = []
    for name in ids or list(AUTOMATIC):
        for probe_id in ALIASES.get(name, (name,)):
            if probe_id not in ALL:
                raise CliError(f"unknown probe {name!r}; choose from {', '.join(ALL)}")
            if probe_id not in expanded:
                expanded.append(probe_id)
    return expanded


def _terminal(ctx: Context, wanted: str | None) -> Terminal | None:
    if wanted:
        terminal = ctx.config.terminal(wanted)
        if terminal is None:
            known = ", ".join(t.id for t in ctx.config.terminals) or "none configured"
            raise CliError(f"--terminal: no terminal {wanted!r} in the config ({known})")
        return terminal
    return ctx.config.default_terminal()


def _manual_notices(ctx: Context) -> list[Notice]:
    try:
        store = ctx.open_store()
    except CliFailure as err:  # a broken database must not stop the network checks
        log.warning("manual notices unavailable: %s", err)
        return []
    with store:
        return stored_notices(store)


def _run(args: argparse.Namespace) -> tuple[Context, Terminal | None, list[ProbeResult], str, str]:
    ctx = load_context(args)
    probe_ids = _expand(args.ids)
    terminal = _terminal(ctx, args.terminal)
    settings = ProbeSettings(
        cache_dir=ctx.data.root / "cache" / "notices",
        manual_notices=_manual_notices(ctx) if "notices" in probe_ids else (),
        card_wait_s=args.wait,
    )
    started = iso(now())
    probes, skipped = build_probes(probe_ids, ctx.config, terminal, settings)
    results = asyncio.run(run_probes(probes))
    by_id = {r.probe_id: r for r in results}
    for probe_id in skipped:
        by_id[probe_id] = ProbeResult(probe_id, Status.SKIPPED, "Nothing configured to check")
    ordered = [by_id[p] for p in probe_ids]
    return ctx, terminal, ordered, started, iso(now())


def _print(
    terminal: Terminal | None,
    *,
    results: list[ProbeResult],
    started: str,
    finished: str,
    verdict: str | None,
    as_json: bool,
) -> None:
    if as_json:
        document: dict[str, Any] = {
            "terminal": terminal.id if terminal else None,
            "started_at": started,
            "finished_at": finished,
            "probes": [
                {k: v for k, v in r.to_json().items() if k != "started_at"} for r in results
            ],
        }
        if verdict is not None:
            incomplete = [r.probe_id for r in results if r.status is Status.ERROR]
            document = {"verdict": verdict, **document, "incomplete": incomplete}
        print(json.dumps(document, ensure_ascii=False, indent=2, default=str))
        return
    name = f"{terminal.display_name} ({terminal.id})" if terminal else "no terminal configured"
    print(f"{name} — {started}")
    for r in results:
        mark = MARKS[r.status.value]
        print(f"  {mark:<6} {r.probe_id:<18} {r.summary}  ({r.duration_ms:.0f} ms)")


def run_probe_command(args: argparse.Namespace) -> int:
    _, terminal, results, started, finished = _run(args)
    _print(
        terminal,
        results=results,
        started=started,
        finished=finished,
        verdict=None,
        as_json=args.json,
    )
    return 1 if any(r.status in (Status.FAIL, Status.ERROR) for r in results) else 0


def run_diagnose(args: argparse.Namespace) -> int:
    _, terminal, results, started, finished = _run(args)
    rule = decide(results)
    verdict = rule.verdict if rule else "ok"
    _print(
        terminal,
        results=results,
        started=started,
        finished=finished,
        verdict=verdict,
        as_json=args.json,
    )
    if not args.json:
        uplink = terminal.uplink if terminal else ETHERNET
        advice = rule.advice_for(uplink) if rule else "No fault found by the automatic checks."
        print(f"verdict: {verdict} — {advice}")
    if verdict != "ok":
        print(f"posguide: fault found: {verdict}", file=sys.stderr)
        return 1
    # "ok" only means something when every check could run.
    incomplete = [r.probe_id for r in results if r.status is Status.ERROR]
    if incomplete:
        print(f"posguide: some checks could not run: {', '.join(incomplete)}", file=sys.stderr)
        return 1
    return 0
