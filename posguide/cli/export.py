"""``posguide export --format csv|jsonl [--since DATE] [--out FILE [--force]]``."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any

from posguide.cli.context import CliError, load_context
from posguide.cli.output import check_target, write_file, write_stdout
from posguide.store.export import iter_incidents, write_csv, write_jsonl

# Before this, local time is unknown to some systems (and year 1 to every one): no history there.
EARLIEST = date(1970, 1, 2)


def add_export_command(sub: Any) -> None:
    export = sub.add_parser("export", help="export incidents for a report or spreadsheet")
    export.add_argument("--format", choices=("csv", "jsonl"), default="csv")
    export.add_argument("--since", help="only incidents started on or after this date (YYYY-MM-DD)")
    export.add_argument("--out", help="file to write (default: standard output)")
    export.add_argument("--force", action="store_true", help="replace --out if it exists")
    export.add_argument(
        "--training", action="store_true", help="export training incidents instead of real ones"
    )
    export.set_defaults(handler=run_export)


def _since_ts(text: str | None) -> float | None:
    if not text:
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        day = None
    if day is None or day < EARLIEST:
        raise CliError(f"--since: expected a date like 2026-11-01, got {text!r}")
    return datetime(day.year, day.month, day.day).astimezone().timestamp()


def run_export(args: argparse.Namespace) -> int:
    since = _since_ts(args.since)
    ctx = load_context(args)
    out = Path(args.out) if args.out else None
    if out is not None:
        check_target(ctx.data, out, force=args.force)
    writer = write_csv if args.format == "csv" else write_jsonl
    with ctx.open_store() as store, store.reading():
        records = iter_incidents(store.db, since_ts=since, training=args.training)
        render = partial(writer, records)
        if out is None:
            write_stdout(render)
            return 0
        # utf-8-sig: Excel on a Chinese Windows opens CSV as GBK unless it sees a BOM.
        encoding = "utf-8-sig" if args.format == "csv" else "utf-8"
        count = write_file(out, render, encoding=encoding)
    print(f"{count} incidents written to {out}", file=sys.stderr)
    return 0
