"""``posguide inspect``: the daily inspection by hand; ``posguide daily``: what the scheduled job
runs (the inspection, then the day's backup if it is due).

``inspect`` exits 1 when something needs attention (like ``diagnose``). ``daily`` exits 0 once
it has recorded the inspection and the backup is in place, whatever the checks found: a
scheduler would otherwise report the job itself as broken. It exits 1 when either could not be
done.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
from typing import Any

from posguide.cli.context import CliFailure, Context, load_context
from posguide.cli.probe import MARKS
from posguide.inspection.run import InspectionRun, inspect_shop
from posguide.inspection.trends import LOOK_BACK, Finding, findings, merged
from posguide.probe_catalog import stored_notices
from posguide.probes.settings import ProbeSettings
from posguide.store import StoreError
from posguide.store.daily import backup_if_due
from posguide.store.inspections import inspections_since, record_inspection
from posguide.timeutil import iso

log = logging.getLogger("posguide.inspection")


def add_inspect_commands(sub: Any) -> None:
    inspect = sub.add_parser(
        "inspect", help="check every configured terminal and record it as an inspection"
    )
    inspect.add_argument("--config", help="use this posguide.toml instead of the data folder's")
    inspect.add_argument("--json", action="store_true", help="print one JSON object")
    inspect.set_defaults(handler=run_inspect)
    daily = sub.add_parser(
        "daily", help="the scheduled daily job: the inspection, then the backup if due"
    )
    daily.add_argument("--config", help="use this posguide.toml instead of the data folder's")
    daily.set_defaults(handler=run_daily, json=False)


def _inspect(ctx: Context, trigger: str) -> tuple[int, InspectionRun, list[Finding]]:
    with ctx.open_store() as store:
        settings = ProbeSettings(
            cache_dir=ctx.data.root / "cache" / "notices",
            manual_notices=stored_notices(store),
        )
        run = asyncio.run(inspect_shop(ctx.config, settings))
        try:
            inspection_id = record_inspection(
                store,
                started=run.started,
                finished=run.finished,
                trigger=trigger,
                results=run.results,
            )
            recent = inspections_since(store, run.started - LOOK_BACK)
        except StoreError as err:
            raise CliFailure(f"the inspection ran but could not be recorded: {err}") from err
    return inspection_id, run, findings(recent)


def _names(ctx: Context) -> dict[str, str]:
    names = {t.id: f"{t.display_name} ({t.id})" for t in ctx.config.terminals}
    names[""] = "this PC's network"
    return names


def _print(ctx: Context, inspection_id: int, run: InspectionRun, found: list[Finding]) -> None:
    names = _names(ctx)
    seconds = (run.finished - run.started).total_seconds()
    print(
        f"inspection #{inspection_id} — {iso(run.started)} "
        f"({len(ctx.config.terminals)} terminals, {seconds:.1f} s)"
    )
    current = None
    for r in run.results:
        if r.terminal != current:
            current = r.terminal
            print(names.get(current, current))
        mark = MARKS.get(r.probe.status, r.probe.status)
        print(f"  {mark:<6} {r.probe.probe_id:<18} {r.probe.summary}")
    if found:
        print("needs attention:")
        for terminals, f in merged(found):
            print(f"  - {', '.join(names.get(t, t) for t in terminals)}: {f.text}")
    else:
        print("nothing needs attention")


def run_inspect(args: argparse.Namespace) -> int:
    ctx = load_context(args)
    inspection_id, run, found = _inspect(ctx, "manual")
    if args.json:
        document = {
            "inspection": inspection_id,
            "started_at": iso(run.started),
            "finished_at": iso(run.finished),
            "results": [
                {
                    "terminal": r.terminal,
                    "id": r.probe.probe_id,
                    "status": r.probe.status,
                    "summary": r.probe.summary,
                    "measurements": r.probe.measurements,
                }
                for r in run.results
            ],
            "findings": [
                {"terminal": f.terminal, "kind": f.kind, "text": str(f.text)} for f in found
            ],
        }
        print(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        _print(ctx, inspection_id, run, found)
    problems = any(r.probe.status in ("fail", "error") for r in run.results)
    return 1 if found or problems else 0


def run_daily(args: argparse.Namespace) -> int:
    ctx = load_context(args)
    failures: list[str] = []
    try:
        inspection_id, run, found = _inspect(ctx, "scheduled")
    except (CliFailure, StoreError) as err:
        failures.append(f"no inspection was recorded: {err}")
    else:
        _print(ctx, inspection_id, run, found)
        for f in found:
            log.warning("inspection #%s: %s: %s", inspection_id, f.terminal or "PC", f.text)
    report = backup_if_due(ctx.data.database, ctx.data.backups, keep=ctx.config.storage.backup_keep)
    if report.problem is not None:
        failures.append(f"no backup was made: {report.problem}")
    elif report.made is not None:
        print(f"backup written: {report.made}")
    elif report.latest is not None:
        print(f"no backup needed: today's is {report.latest}")
    if failures:
        raise CliFailure("; ".join(failures))
    return 0
