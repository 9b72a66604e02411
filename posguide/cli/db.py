"""``posguide db check``, ``posguide db backup [--if-due]`` and ``posguide db restore FILE``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from posguide.cli.context import CliFailure, load_context
from posguide.store import IncidentFilter, backup_database
from posguide.store.daily import backup_if_due
from posguide.store.queries import count_incidents
from posguide.store.restore import restore_database
from posguide.store.schema import SCHEMA_VERSION
from posguide.store.verify import check_rows


def add_db_commands(sub: Any) -> None:
    db = sub.add_parser("db", help="check, back up or restore the incident database")
    db_sub = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    check = db_sub.add_parser("check", help="check the whole database, every row included")
    check.set_defaults(handler=run_check)
    backup = db_sub.add_parser("backup", help="write a checked online backup to backups/")
    backup.add_argument(
        "--if-due",
        action="store_true",
        help="only if no backup was made today (for a daily scheduled task)",
    )
    backup.set_defaults(handler=run_backup)
    restore = db_sub.add_parser(
        "restore", help="put a backup back (the current database is kept in backups/ first)"
    )
    restore.add_argument("file", help="the backup to restore, e.g. backups/posguide-….db")
    restore.set_defaults(handler=run_restore)


def run_check(args: argparse.Namespace) -> int:
    ctx = load_context(args)
    if not ctx.data.database.exists():
        raise CliFailure(f"there is no incident database at {ctx.data.database} yet")
    with ctx.open_store(integrity="full") as store:
        check_rows(store)
        real = count_incidents(store.db, IncidentFilter(training=False))
        training = count_incidents(store.db, IncidentFilter(training=True))
        open_count = len(store.open_incidents())
    print(
        f"ok: {ctx.data.database} (schema {SCHEMA_VERSION}, {real} incidents, "
        f"{training} training, {open_count} open)"
    )
    return 0


def run_backup(args: argparse.Namespace) -> int:
    ctx = load_context(args)
    keep = ctx.config.storage.backup_keep
    if not args.if_due:
        with ctx.open_store() as store:
            path = backup_database(store.db.conn, ctx.data.backups, keep=keep)
        print(f"backup written: {path}")
        return 0
    report = backup_if_due(ctx.data.database, ctx.data.backups, keep=keep)
    if report.problem is not None:
        raise CliFailure(f"no backup was made: {report.problem}")
    if report.made is not None:
        print(f"backup written: {report.made}")
    elif report.latest is not None:
        print(f"no backup needed: today's is {report.latest}")
    else:
        print(f"no backup needed: there is no incident database at {ctx.data.database} yet")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    ctx = load_context(args)
    report = restore_database(ctx.data.database, Path(args.file), ctx.data.backups)
    kept = (
        f"; the database it replaced is kept as {report.safety_copy}" if report.safety_copy else ""
    )
    print(f"restored {ctx.data.database} from {args.file} ({report.incidents} incidents){kept}")
    return 0
