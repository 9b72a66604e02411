"""``posguide db check`` and ``posguide db backup``."""

from __future__ import annotations

import argparse
from typing import Any

from posguide.cli.context import CliFailure, load_context
from posguide.store import IncidentFilter, StoreError, backup_database
from posguide.store.queries import count_incidents
from posguide.store.schema import SCHEMA_VERSION
from posguide.store.verify import check_rows


def add_db_commands(sub: Any) -> None:
    db = sub.add_parser("db", help="check or back up the incident database")
    db_sub = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    check = db_sub.add_parser("check", help="run a full integrity check")
    check.set_defaults(handler=run_check)
    backup = db_sub.add_parser("backup", help="write an online backup to backups/")
    backup.set_defaults(handler=run_backup)


def run_check(args: argparse.Namespace) -> int:
    ctx = load_context(args)
    if not ctx.data.database.exists():
        raise CliFailure(f"there is no incident database at {ctx.data.database} yet")
    with ctx.open_store(integrity="full") as store:
        try:
            check_rows(store)
        except StoreError as err:
            raise CliFailure(str(err)) from err
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
    with ctx.open_store() as store:
        try:
            path = backup_database(
                store.db.conn, ctx.data.backups, keep=ctx.config.storage.backup_keep
            )
        except StoreError as err:
            raise CliFailure(str(err)) from err
    print(f"backup written: {path}")
    return 0
