"""One daily job on this PC's own scheduler: ``posguide daily`` (the inspection, then the backup
if due) every day at a chosen time, and caught up after a PC that was off at that time starts.

One module per scheduler (``systemd``, ``cron``, ``task_scheduler``), each with ``install``,
``remove`` and ``status``; ``pick`` chooses the one this PC has. The job's text (a unit file, a
crontab line, a task XML) is made by pure functions, so tests check it without the scheduler.
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from datetime import time
from pathlib import Path
from typing import Protocol

JOB_NAME = "posguide-daily"
DESCRIPTION = "posguide daily inspection and backup"
DEFAULT_AT = time(7, 30)  # before a shop opens: a problem found is fixed before the first sale


class ScheduleError(Exception):
    """The scheduler refused or is not there; the message says what to do."""


@dataclass(frozen=True)
class DailyJob:
    argv: tuple[str, ...]  # the program and its arguments
    at: time
    # Windows: run for whoever of the PC's users is logged on (the installer registers it so,
    # as administrator); otherwise for the user who installs it.
    all_users: bool = False


@dataclass(frozen=True)
class ScheduleState:
    installed: bool
    where: str  # the unit files, the crontab, the task's name
    at: time | None = None
    command: str = ""
    note: str = ""  # e.g. the next run, or why it will not run yet


class Scheduler(Protocol):
    name: str

    def install(self, job: DailyJob) -> ScheduleState: ...

    def remove(self) -> bool: ...  # False: there was nothing to remove

    def status(self) -> ScheduleState: ...


def program() -> tuple[str, ...]:
    """How to start posguide again from a scheduler: the frozen app's console twin (its
    output reaches a log, not a window), else this Python with ``-m posguide``."""
    if getattr(sys, "frozen", False):
        exe = Path(sys.executable)
        console = exe.with_name("posguidec.exe")
        return (str(console if console.exists() else exe),)
    return (sys.executable, "-m", "posguide")


def daily_job(data_root: Path, at: time = DEFAULT_AT, *, all_users: bool = False) -> DailyJob:
    # The data folder is named, so the job uses this shop's data whatever the scheduler's
    # environment holds (no POSGUIDE_HOME there).
    argv = (*program(), "--data-dir", str(data_root.resolve()), "daily")
    return DailyJob(argv, at, all_users)


def parse_at(text: str) -> time:
    """ "07:30" -> 07:30; raises ValueError with the reason."""
    hours, sep, minutes = text.strip().partition(":")
    if not sep or not hours.isdigit() or not minutes.isdigit() or len(minutes) != 2:
        raise ValueError(f"expected a time of day like 07:30, got {text!r}")
    return time(int(hours), int(minutes))  # ValueError for 25:00


def pick(preferred: str | None = None) -> Scheduler:
    """The scheduler this PC runs: Task Scheduler on Windows; a systemd user timer where systemd
    runs; cron elsewhere."""
    from posguide.schedule.cron import Cron
    from posguide.schedule.systemd import SystemdTimer
    from posguide.schedule.task_scheduler import TaskScheduler

    choices: dict[str, type[Scheduler]] = {
        "task-scheduler": TaskScheduler,
        "systemd": SystemdTimer,
        "cron": Cron,
    }
    if preferred:
        return choices[preferred]()
    if sys.platform == "win32":
        return TaskScheduler()
    if Path("/run/systemd/system").is_dir():  # what sd_booted() checks
        return SystemdTimer()
    if shutil.which("crontab"):
        return Cron()
    raise ScheduleError(
        "this PC has neither systemd nor cron; install cron (apt install cron) or run "
        "`posguide daily` from another scheduler"
    )
