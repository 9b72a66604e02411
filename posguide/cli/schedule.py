"""``posguide schedule install|remove|status``: the daily job (``posguide daily``) on this PC's
scheduler. ``install`` replaces an earlier one, so running it again changes the time."""

from __future__ import annotations

import argparse
from typing import Any

from posguide.cli.context import CliError, CliFailure, load_context
from posguide.schedule import DEFAULT_AT, ScheduleError, ScheduleState, daily_job, parse_at, pick

SCHEDULERS = ("task-scheduler", "systemd", "cron")


def add_schedule_commands(sub: Any) -> None:
    schedule = sub.add_parser(
        "schedule", help="run the daily inspection and backup on this PC's scheduler"
    )
    actions = schedule.add_subparsers(dest="schedule_command", metavar="ACTION", required=True)
    install = actions.add_parser("install", help="register the daily job (or change its time)")
    install.add_argument(
        "--at", default=f"{DEFAULT_AT:%H:%M}", help="time of day, 24-hour (default %(default)s)"
    )
    install.add_argument(
        "--all-users",
        action="store_true",
        help="Windows, as administrator: run for whichever user is logged on (the installer's "
        "choice); otherwise it runs for you",
    )
    remove = actions.add_parser("remove", help="take the daily job off the scheduler")
    status = actions.add_parser(
        "status", help="say whether the daily job is registered, when and what it runs"
    )
    for parser in (install, remove, status):
        parser.add_argument(
            "--scheduler", choices=SCHEDULERS, help="instead of the one this PC runs"
        )
    schedule.set_defaults(handler=run_schedule)


def _scheduler(args: argparse.Namespace) -> Any:
    try:
        return pick(args.scheduler)
    except ScheduleError as err:
        raise CliFailure(str(err)) from err


def _describe(state: ScheduleState, scheduler: str) -> str:
    if not state.installed:
        note = f"; {state.note}" if state.note else ""
        return f"not scheduled ({scheduler}: {state.where}{note})"
    at = f"{state.at:%H:%M}" if state.at else "at an unreadable time"
    lines = [f"scheduled every day at {at} ({scheduler}: {state.where})", f"runs: {state.command}"]
    if state.note:
        lines.append(state.note)
    return "\n".join(lines)


def run_schedule(args: argparse.Namespace) -> int:
    ctx = load_context(args)
    scheduler = _scheduler(args)
    try:
        if args.schedule_command == "install":
            try:
                at = parse_at(args.at)
            except ValueError as err:
                raise CliError(f"--at: {err}") from err
            if args.all_users and scheduler.name != "task-scheduler":
                raise CliError("--all-users is for Windows; a Linux timer runs for its user")
            job = daily_job(ctx.data.root, at, all_users=args.all_users)
            print(_describe(scheduler.install(job), scheduler.name))
        elif args.schedule_command == "remove":
            removed = scheduler.remove()
            print("the daily job was removed" if removed else "there was no daily job to remove")
        else:
            state = scheduler.status()
            print(_describe(state, scheduler.name))
            return 0 if state.installed else 1
    except ScheduleError as err:
        raise CliFailure(str(err)) from err
    return 0
