"""A systemd user timer: ``posguide-daily.timer`` starting ``posguide-daily.service``.

The files go to ``$XDG_CONFIG_HOME/systemd/user``; enabling is the symlink ``systemctl --user
enable`` would make, so install works even when the user's manager is not reachable (over SSH,
in a container) and the timer starts at the next login. ``Persistent=true`` runs a day's missed
job when the PC comes on after the set time. A user timer runs while that user is logged in,
as a shop PC's till account is; ``loginctl enable-linger`` makes it run without (docs).
"""

from __future__ import annotations

import os
import shlex
import subprocess
from datetime import time
from pathlib import Path

from posguide.schedule import DESCRIPTION, JOB_NAME, DailyJob, ScheduleError, ScheduleState

SERVICE = f"{JOB_NAME}.service"
TIMER = f"{JOB_NAME}.timer"


def unit_folder() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "systemd" / "user"


def quote(arg: str) -> str:
    """One ExecStart word: systemd splits on spaces, reads \\ and " and expands % and $."""
    if arg and not any(c in arg for c in " \t\\\"'%$"):
        return arg
    escaped = arg.replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%").replace("$", "$$")
    return f'"{escaped}"'


def exec_words(line: str) -> list[str]:
    """The words of an ExecStart line written by ``quote``, as the program receives them."""
    return [w.replace("%%", "%").replace("$$", "$") for w in shlex.split(line)]


def service_text(job: DailyJob) -> str:
    return (
        "[Unit]\n"
        f"Description={DESCRIPTION}\n"
        "\n"
        "[Service]\n"
        "Type=oneshot\n"
        f"ExecStart={' '.join(quote(a) for a in job.argv)}\n"
        "Nice=10\n"
    )


def timer_text(job: DailyJob) -> str:
    return (
        "[Unit]\n"
        f"Description={DESCRIPTION}, every day at {job.at:%H:%M}\n"
        "\n"
        "[Timer]\n"
        f"OnCalendar=*-*-* {job.at:%H:%M}:00\n"
        "Persistent=true\n"
        "\n"
        "[Install]\n"
        "WantedBy=timers.target\n"
    )


def _manager_reachable() -> bool:
    try:
        done = subprocess.run(
            ["systemctl", "--user", "show-environment"], capture_output=True, timeout=10
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def _systemctl(*args: str) -> None:
    done = subprocess.run(
        ["systemctl", "--user", *args], capture_output=True, text=True, timeout=30
    )
    if done.returncode != 0:
        raise ScheduleError(f"systemctl --user {' '.join(args)}: {done.stderr.strip()}")


class SystemdTimer:
    name = "systemd"

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or unit_folder()

    @property
    def _wants(self) -> Path:
        return self.folder / "timers.target.wants" / TIMER

    def install(self, job: DailyJob) -> ScheduleState:
        try:
            self._wants.parent.mkdir(parents=True, exist_ok=True)
            for name, text in ((SERVICE, service_text(job)), (TIMER, timer_text(job))):
                partial = self.folder / f".{name}.new"
                partial.write_text(text, encoding="utf-8")
                partial.replace(self.folder / name)
            self._wants.unlink(missing_ok=True)
            self._wants.symlink_to(self.folder / TIMER)
        except OSError as err:
            raise ScheduleError(f"cannot write the timer into {self.folder}: {err}") from err
        if _manager_reachable():
            _systemctl("daemon-reload")
            _systemctl("restart", TIMER)
        return self.status()

    def remove(self) -> bool:
        present = (self.folder / TIMER).exists() or self._wants.is_symlink()
        if present and _manager_reachable():
            subprocess.run(["systemctl", "--user", "stop", TIMER], capture_output=True, timeout=30)
        for path in (self._wants, self.folder / TIMER, self.folder / SERVICE):
            try:
                path.unlink(missing_ok=True)
            except OSError as err:
                raise ScheduleError(f"cannot remove {path}: {err}") from err
        if present and _manager_reachable():
            _systemctl("daemon-reload")
        return present

    def status(self) -> ScheduleState:
        where = str(self.folder / TIMER)
        try:
            timer = (self.folder / TIMER).read_text(encoding="utf-8")
            service = (self.folder / SERVICE).read_text(encoding="utf-8")
        except OSError:
            return ScheduleState(False, where)
        at = _value(timer, "OnCalendar=").split(" ")[-1]
        command = shlex.join(exec_words(_value(service, "ExecStart=")))
        if not self._wants.is_symlink():
            note = "written but not enabled"
        elif _manager_reachable():
            note = "active"
        else:
            note = "enabled; starts with the user's next login (systemd user manager not running)"
        return ScheduleState(True, where, _time(at), command, note)


def _value(text: str, key: str) -> str:
    for line in text.splitlines():
        if line.startswith(key):
            return line[len(key) :].strip()
    return ""


def _time(text: str) -> time | None:
    try:
        return time.fromisoformat(text)
    except ValueError:
        return None
