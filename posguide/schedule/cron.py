"""A line in the user's crontab, for Linux PCs without systemd. Marked with a comment, so
install replaces it and remove takes it out without touching the user's other lines.

cron does not catch up a day the PC was off at the set time; the backup is still made when
posguide next starts (``posguide.store.daily``).
"""

from __future__ import annotations

import shlex
import subprocess
from datetime import time

from posguide.schedule import JOB_NAME, DailyJob, ScheduleError, ScheduleState

MARK = f"# {JOB_NAME}"


def cron_line(job: DailyJob) -> str:
    # cron gives the line to /bin/sh, and reads an unescaped % as a line break.
    command = " ".join(shlex.quote(a) for a in job.argv).replace("%", "\\%")
    return f"{job.at.minute} {job.at.hour} * * * {command} >/dev/null 2>&1 {MARK}"


def _crontab(*args: str, text: str | None = None) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            ["crontab", *args], input=text, capture_output=True, text=True, timeout=30
        )
    except OSError as err:
        raise ScheduleError(f"cannot run crontab: {err.strerror}") from err


def _current() -> list[str]:
    done = _crontab("-l")
    if done.returncode != 0:
        if "no crontab" in done.stderr:
            return []
        raise ScheduleError(f"crontab -l: {done.stderr.strip()}")
    return done.stdout.splitlines()


def _write(lines: list[str]) -> None:
    done = _crontab("-", text="".join(f"{line}\n" for line in lines))
    if done.returncode != 0:
        raise ScheduleError(f"crontab: {done.stderr.strip()}")


class Cron:
    name = "cron"

    def install(self, job: DailyJob) -> ScheduleState:
        kept = [line for line in _current() if not line.endswith(MARK)]
        _write([*kept, cron_line(job)])
        return self.status()

    def remove(self) -> bool:
        lines = _current()
        kept = [line for line in lines if not line.endswith(MARK)]
        if kept == lines:
            return False
        _write(kept)
        return True

    def status(self) -> ScheduleState:
        for line in _current():
            if line.endswith(MARK):
                minute, hour, *_ = line.split()
                command = line.split(maxsplit=5)[5].removesuffix(MARK).strip()
                command = command.removesuffix(">/dev/null 2>&1").strip()
                return ScheduleState(True, "crontab", time(int(hour), int(minute)), command)
        return ScheduleState(False, "crontab")
