"""A task in Windows Task Scheduler, registered from a task XML with ``schtasks``.

``StartWhenAvailable`` runs a day's missed job when the PC comes on after the set time. The task
runs as the user who installed it, only while logged on (no password is stored); registered for
all users (the installer does, as administrator) it runs for whichever member of the PC's Users
group is logged on, the till's account on a shop PC. The XML's schema is Microsoft's Task
Scheduler schema 1.2; the tests validate it against the documented elements.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from datetime import date, datetime, time
from pathlib import Path

from posguide.schedule import DESCRIPTION, DailyJob, ScheduleError, ScheduleState

TASK_NAME = "\\posguide\\daily"
USERS_SID = "S-1-5-32-545"  # BUILTIN\Users by SID: the group's name is localised (用户)
NAMESPACE = "http://schemas.microsoft.com/windows/2004/02/mit/task"


def windows_args(args: tuple[str, ...]) -> str:
    """Arguments as one command line that the C runtime splits back into ``args``."""
    return subprocess.list2cmdline(list(args))


def task_xml(job: DailyJob, *, today: date | None = None) -> str:
    start = datetime.combine(today or date.today(), job.at)
    ET.register_namespace("", NAMESPACE)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{NAMESPACE}}}{tag}", attrs)
        element.text = text
        return element

    task = ET.Element(f"{{{NAMESPACE}}}Task", {"version": "1.2"})
    info = sub(task, "RegistrationInfo")
    sub(info, "Description", DESCRIPTION)
    sub(info, "URI", TASK_NAME)
    trigger = sub(sub(task, "Triggers"), "CalendarTrigger")
    sub(trigger, "Enabled", "true")  # the schema's order: Enabled, then StartBoundary
    sub(trigger, "StartBoundary", start.isoformat(timespec="seconds"))
    sub(sub(trigger, "ScheduleByDay"), "DaysInterval", "1")
    principal = sub(sub(task, "Principals"), "Principal", id="Author")
    if job.all_users:
        sub(principal, "GroupId", USERS_SID)
    else:
        sub(principal, "LogonType", "InteractiveToken")
    sub(principal, "RunLevel", "LeastPrivilege")
    settings = sub(task, "Settings")
    for tag, value in (
        ("MultipleInstancesPolicy", "IgnoreNew"),
        ("DisallowStartIfOnBatteries", "false"),  # a shop laptop on battery still checks
        ("StopIfGoingOnBatteries", "false"),
        ("StartWhenAvailable", "true"),  # missed (PC off at the time): run when it is on
        ("ExecutionTimeLimit", "PT30M"),
        ("Enabled", "true"),
    ):
        sub(settings, tag, value)
    exec_ = sub(sub(task, "Actions", Context="Author"), "Exec")
    sub(exec_, "Command", job.argv[0])
    sub(exec_, "Arguments", windows_args(job.argv[1:]))
    ET.indent(task)
    return '<?xml version="1.0" encoding="UTF-16"?>\n' + ET.tostring(task, encoding="unicode")


def _schtasks(*args: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(["schtasks", *args], capture_output=True, text=True, timeout=60)
    except OSError as err:
        raise ScheduleError(f"cannot run schtasks: {err.strerror}") from err


class TaskScheduler:
    name = "task-scheduler"

    def install(self, job: DailyJob) -> ScheduleState:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "posguide-daily.xml"
            path.write_text(task_xml(job), encoding="utf-16")  # what schtasks /XML reads
            done = _schtasks("/Create", "/TN", TASK_NAME, "/XML", str(path), "/F")
        if done.returncode != 0:
            raise ScheduleError(f"schtasks /Create: {(done.stderr or done.stdout).strip()}")
        return self.status()

    def remove(self) -> bool:
        if not self.status().installed:
            return False
        done = _schtasks("/Delete", "/TN", TASK_NAME, "/F")
        if done.returncode != 0:
            raise ScheduleError(f"schtasks /Delete: {(done.stderr or done.stdout).strip()}")
        return True

    def status(self) -> ScheduleState:
        if sys.platform == "win32":
            done = _schtasks("/Query", "/TN", TASK_NAME, "/XML")
            if done.returncode != 0:
                return ScheduleState(False, TASK_NAME)
            return read_task(done.stdout)
        else:
            return ScheduleState(False, TASK_NAME, note="Task Scheduler is Windows only")


def read_task(xml: str) -> ScheduleState:
    """The time and command of a task XML as ``schtasks /Query /XML`` prints it."""
    body = xml.split("?>", 1)[-1] if xml.lstrip().startswith("<?xml") else xml
    root = ET.fromstring(body)
    ns = {"t": NAMESPACE}
    start = root.findtext("t:Triggers/t:CalendarTrigger/t:StartBoundary", "", ns)
    command = root.findtext("t:Actions/t:Exec/t:Command", "", ns)
    arguments = root.findtext("t:Actions/t:Exec/t:Arguments", "", ns)
    enabled = root.findtext("t:Settings/t:Enabled", "true", ns) == "true"
    try:
        at: time | None = datetime.fromisoformat(start).time()
    except ValueError:
        at = None
    return ScheduleState(
        True,
        TASK_NAME,
        at,
        f"{windows_args((command,))} {arguments}".strip(),
        "" if enabled else "disabled in Task Scheduler",
    )
