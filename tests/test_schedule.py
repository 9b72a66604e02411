"""``posguide schedule``: the daily job as each scheduler gets it. The systemd timer is checked by
``systemd-analyze verify`` and its command run as systemd would; the crontab line is written with
the real ``crontab`` and run with ``/bin/sh``; the Windows task XML is validated against the Task
Scheduler schema (registering it for real is the Windows workflow's job)."""

from __future__ import annotations

import asyncio
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
import xmlschema
from cli_runs import ROOT, posguide

from posguide.schedule import DailyJob, daily_job, parse_at
from posguide.schedule.cron import MARK, cron_line
from posguide.schedule.systemd import SERVICE, TIMER, exec_words, service_text, timer_text
from posguide.schedule.task_scheduler import read_task, task_xml
from posguide.sim.shop import SimulatedShop
from posguide.store import IncidentStore
from posguide.store.inspections import inspections_since

SCHEMA = Path(__file__).parent / "schemas" / "task_scheduler_subset.xsd"
# A data folder a shop might really have, and every character the schedulers treat specially.
AWKWARD = '店 data 100% $HOME "quoted" it\'s'


@pytest.fixture
def units(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))  # systemd-analyze --user needs one
    return tmp_path / "config" / "systemd" / "user"


def _runs_inspection(tmp_path: Path, argv: list[str], home: Path) -> None:
    """Start the job's command as the scheduler would, against a simulated shop: it records a
    scheduled inspection in ``home``."""

    async def run() -> int:
        async with SimulatedShop() as shop:
            home.mkdir(parents=True, exist_ok=True)
            shop.write_config(home / "posguide.toml")
            process = await asyncio.create_subprocess_exec(
                *argv, cwd=tmp_path, stdout=asyncio.subprocess.DEVNULL
            )
            return await asyncio.wait_for(process.wait(), 90)

    assert asyncio.run(run()) == 0
    with IncidentStore.open(home / "posguide.db") as store:
        [inspection] = inspections_since(store, datetime(2000, 1, 1, tzinfo=UTC))
    assert inspection.trigger == "scheduled"


# --- systemd -------------------------------------------------------------------------------


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="needs systemd-analyze")
def test_the_systemd_timer_is_accepted_by_systemd_and_starts_the_job(
    tmp_path: Path, units: Path
) -> None:
    home = tmp_path / AWKWARD
    done = posguide(home, "schedule", "install", "--at", "06:45", "--scheduler", "systemd",
                    env=dict(os.environ))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "every day at 06:45" in done.stdout
    timer, service = units / TIMER, units / SERVICE
    assert (units / "timers.target.wants" / TIMER).resolve() == timer.resolve()
    assert "OnCalendar=*-*-* 06:45:00" in timer.read_text()
    assert "Persistent=true" in timer.read_text()  # a PC off at 06:45 catches up

    verify = subprocess.run(
        ["systemd-analyze", "verify", "--user", str(timer), str(service)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert verify.returncode == 0 and verify.stderr == "", verify.stderr

    line = next(x for x in service.read_text().splitlines() if x.startswith("ExecStart="))
    argv = exec_words(line.removeprefix("ExecStart="))
    assert argv[argv.index("--data-dir") + 1] == str(home.resolve())
    _runs_inspection(tmp_path, argv, home)


def test_a_broken_timer_is_refused_by_systemd_analyze(tmp_path: Path, units: Path) -> None:
    """The check above can fail: systemd-analyze does refuse a bad unit."""
    if not shutil.which("systemd-analyze"):
        pytest.skip("needs systemd-analyze")
    units.mkdir(parents=True)
    job = DailyJob(("/bin/true",), time(7, 30))
    (units / TIMER).write_text(timer_text(job).replace("*-*-* 07:30:00", "every morning"))
    (units / SERVICE).write_text(service_text(job))
    verify = subprocess.run(["systemd-analyze", "verify", "--user", str(units / TIMER)],
                            capture_output=True, text=True, timeout=60)  # fmt: skip
    assert verify.returncode != 0


def test_install_again_changes_the_time_and_remove_takes_it_away(
    tmp_path: Path, units: Path
) -> None:
    home = tmp_path / "home"
    env = dict(os.environ)
    assert posguide(home, "schedule", "status", "--scheduler", "systemd", env=env).returncode == 1
    posguide(home, "schedule", "install", "--scheduler", "systemd", env=env)
    posguide(home, "schedule", "install", "--at", "21:05", "--scheduler", "systemd", env=env)
    status = posguide(home, "schedule", "status", "--scheduler", "systemd", env=env)
    assert status.returncode == 0
    assert "every day at 21:05" in status.stdout
    assert f"--data-dir {home.resolve()} daily" in status.stdout
    assert sorted(p.name for p in units.iterdir()) == [SERVICE, TIMER, "timers.target.wants"]

    removed = posguide(home, "schedule", "remove", "--scheduler", "systemd", env=env)
    assert removed.stdout.strip() == "the daily job was removed"
    assert not (units / TIMER).exists() and not (units / SERVICE).exists()
    assert not (units / "timers.target.wants" / TIMER).is_symlink()
    again = posguide(home, "schedule", "remove", "--scheduler", "systemd", env=env)
    assert again.stdout.strip() == "there was no daily job to remove"


@pytest.mark.parametrize("bad", ["7", "7:5", "25:00", "07:60", "seven"])
def test_a_time_that_is_not_a_time_of_day_is_refused(tmp_path: Path, units: Path, bad: str) -> None:
    done = posguide(tmp_path / "home", "schedule", "install", "--at", bad,
                    "--scheduler", "systemd", env=dict(os.environ))  # fmt: skip
    assert done.returncode == 2
    assert "--at" in done.stderr and "Traceback" not in done.stderr
    assert not units.exists()


def test_parse_at_reads_a_24_hour_time() -> None:
    assert parse_at("07:30") == time(7, 30)
    assert parse_at(" 7:05 ") == time(7, 5)


# --- cron ----------------------------------------------------------------------------------


@pytest.fixture
def crontab() -> Iterator[None]:
    """The user's real crontab, put back as it was afterwards."""
    if not shutil.which("crontab"):
        pytest.skip("needs crontab (Debian package cron)")
    before = subprocess.run(["crontab", "-l"], capture_output=True, text=True)
    try:
        yield
    finally:
        if before.returncode == 0:
            subprocess.run(["crontab", "-"], input=before.stdout, text=True, check=True)
        else:
            subprocess.run(["crontab", "-r"], capture_output=True)


def _crontab_lines() -> list[str]:
    return subprocess.run(["crontab", "-l"], capture_output=True, text=True).stdout.splitlines()


@pytest.mark.system
def test_the_crontab_line_keeps_other_lines_and_runs_the_job(tmp_path: Path, crontab: None) -> None:
    mine = "15 3 * * * /usr/local/bin/rotate-receipts  # the shop's own job"
    subprocess.run(["crontab", "-"], input=f'MAILTO=""\n{mine}\n', text=True, check=True)
    home = tmp_path / AWKWARD
    for at in ("06:45", "05:10"):  # twice: the second replaces the first
        done = posguide(home, "schedule", "install", "--at", at, "--scheduler", "cron")
        assert done.returncode == 0, done.stderr
    lines = _crontab_lines()
    ours = [x for x in lines if x.endswith(MARK)]
    assert lines[:2] == ['MAILTO=""', mine] and len(ours) == 1
    assert ours[0].startswith("10 5 * * * ")
    status = posguide(home, "schedule", "status", "--scheduler", "cron")
    assert "every day at 05:10" in status.stdout

    # What cron would run: the command part of the line, given to /bin/sh (cron turns \% back).
    command = ours[0].split(maxsplit=5)[5].replace("\\%", "%")
    argv = ["/bin/sh", "-c", command.removesuffix(MARK)]
    _runs_inspection(tmp_path, argv, home)

    assert posguide(home, "schedule", "remove", "--scheduler", "cron").returncode == 0
    assert _crontab_lines() == ['MAILTO=""', mine]


def test_a_percent_sign_in_the_path_is_escaped_for_cron() -> None:
    line = cron_line(DailyJob(("/opt/pos 100%/posguide", "daily"), time(6, 0)))
    assert "100\\%" in line and " 100%" not in line
    assert shlex.split(line.split(maxsplit=5)[5].replace("\\%", "%"))[0] == "/opt/pos 100%/posguide"


# --- Windows Task Scheduler -------------------------------------------------------------------


def _windows_job() -> DailyJob:
    return DailyJob(
        (r"C:\Program Files\posguide\posguidec.exe", "--data-dir",
         r"C:\ProgramData\posguide 店", "daily"),
        time(6, 45),
    )  # fmt: skip


def test_the_task_xml_is_valid_task_scheduler_xml() -> None:
    schema = xmlschema.XMLSchema(SCHEMA)
    xml = task_xml(_windows_job(), today=date(2026, 12, 3))
    assert xml.startswith('<?xml version="1.0" encoding="UTF-16"?>')
    body = xml.split("?>", 1)[1]
    schema.validate(body)
    # What schtasks reads back: the time, and a command line that splits into the same words.
    state = read_task(xml)
    assert state.at == time(6, 45)
    assert state.command == (
        r'"C:\Program Files\posguide\posguidec.exe" --data-dir "C:\ProgramData\posguide 店" daily'
    )
    assert "<StartWhenAvailable>true</StartWhenAvailable>" in xml  # catch up a missed day
    assert "<StartBoundary>2026-12-03T06:45:00</StartBoundary>" in xml


def test_a_task_for_all_users_runs_for_the_users_group() -> None:
    schema = xmlschema.XMLSchema(SCHEMA)
    job = DailyJob(_windows_job().argv, time(6, 45), all_users=True)
    body = task_xml(job).split("?>", 1)[1]
    schema.validate(body)
    assert "<GroupId>S-1-5-32-545</GroupId>" in body and "<LogonType>" not in body


def test_all_users_is_refused_where_it_means_nothing(tmp_path: Path, units: Path) -> None:
    done = posguide(tmp_path / "home", "schedule", "install", "--all-users",
                    "--scheduler", "systemd", env=dict(os.environ))  # fmt: skip
    assert done.returncode == 2 and "--all-users is for Windows" in done.stderr
    assert not units.exists()


@pytest.mark.parametrize(
    ("change", "into"),
    [
        ("StartWhenAvailable>", "StartWhenAvailible>"),
        ("<LogonType>InteractiveToken", "<LogonType>Whenever"),
        ("<ExecutionTimeLimit>PT30M", "<ExecutionTimeLimit>30 minutes"),
    ],
)
def test_the_schema_check_refuses_a_broken_task(change: str, into: str) -> None:
    schema = xmlschema.XMLSchema(SCHEMA)
    body = task_xml(_windows_job()).split("?>", 1)[1]
    assert schema.is_valid(body)
    assert not schema.is_valid(body.replace(change, into))


def test_a_frozen_app_schedules_its_console_twin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = tmp_path / "posguide"
    app.mkdir()
    (app / "posguide.exe").write_bytes(b"")
    (app / "posguidec.exe").write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(app / "posguide.exe"))
    job = daily_job(tmp_path / "data")
    assert job.argv == (str(app / "posguidec.exe"), "--data-dir", str(tmp_path / "data"), "daily")


@pytest.mark.skipif(sys.platform != "win32", reason="registers a real task: Windows only")
def test_install_registers_a_task_that_schtasks_reports(tmp_path: Path) -> None:
    home = tmp_path / "home"
    try:
        done = posguide(home, "schedule", "install", "--at", "05:55")
        assert done.returncode == 0, done.stderr
        status = posguide(home, "schedule", "status")
        assert status.returncode == 0 and "every day at 05:55" in status.stdout
    finally:
        posguide(home, "schedule", "remove")
    assert posguide(home, "schedule", "status").returncode == 1


def test_the_scheduled_command_is_the_one_this_python_runs() -> None:
    job = daily_job(ROOT)
    assert job.argv[:3] == (sys.executable, "-m", "posguide")
    assert job.argv[-1] == "daily"
