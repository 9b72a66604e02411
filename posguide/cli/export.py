"""``posguide export --format csv|jsonl [--since DATE] [--out FILE]``."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

from posguide.cli.context import CliError, CliFailure, load_context
from posguide.store.export import iter_incidents, write_csv, write_jsonl


def add_export_command(sub: Any) -> None:
    export = sub.add_parser("export", help="export incidents for a report or spreadsheet")
    export.add_argument("--format", choices=("csv", "jsonl"), default="csv")
    export.add_argument("--since", help="only incidents started on or after this date (YYYY-MM-DD)")
    export.add_argument("--out", help="file to write (default: standard output)")
    export.add_argument(
        "--training", action="store_true", help="export training incidents instead of real ones"
    )
    export.set_defaults(handler=run_export)


def _since_ts(text: str | None) -> float | None:
    if not text:
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError as err:
        raise CliError(f"--since: expected a date like 2026-11-01, got {text!r}") from err
    return datetime(day.year, day.month, day.day).astimezone().timestamp()


def run_export(args: argparse.Namespace) -> int:
    since = _since_ts(args.since)
    ctx = load_context(args)
    with ctx.open_store() as store:
        records = iter_incidents(store.db, since_ts=since, training=args.training)
        writer = write_csv if args.format == "csv" else write_jsonl
        if not args.out:
            count = writer(records, sys.stdout)
        else:
            out = Path(args.out)
            partial = out.with_name(out.name + ".partial")
            # utf-8-sig: Excel on a Chinese Windows opens CSV as GBK unless it sees a BOM.
            encoding = "utf-8-sig" if args.format == "csv" else "utf-8"
            try:
                with partial.open("w", encoding=encoding, newline="") as handle:
                    count = writer(records, handle)
                partial.replace(out)
            except OSError as err:
                partial.unlink(missing_ok=True)
                raise CliFailure(f"cannot write {out}: {err.strerror}") from err
            print(f"{count} incidents written to {out}", file=sys.stderr)
    return 0
