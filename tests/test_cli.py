"""The Qt-free command line, run as staff would run it: a real process, a real data folder."""

from __future__ import annotations

import csv
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import cli_runs
import pytest
from images import jpeg_bytes

from posguide import __version__
from posguide.store import IncidentStore, ProbeRecord

ROOT = Path(__file__).resolve().parent.parent


def posguide(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    return cli_runs.posguide(home, *args)


@pytest.fixture
def history(tmp_path: Path) -> Path:
    home = tmp_path / "shop"
    home.mkdir()
    with IncidentStore.open(home / "posguide.db") as store:
        first = store.start_incident(
            terminal="till-1", reported_by="王芳", symptom="在维护中", error_code="96"
        )
        step = store.begin_step(first, "notice")
        store.record_probe(
            step,
            ProbeRecord("notices", "fail", "UnionPay maintenance", "t", 40.0, {}, {"active": 1}),
        )
        store.save_step(step, answers={"shows": "在维护中"}, status="done")
        store.attach_photo(first, jpeg_bytes(), caption="屏幕")
        store.close_incident(first, outcome="backup", cause="provider_maintenance")
        store.start_incident(terminal="till-2", symptom="交易超时")
        store.start_incident(terminal="training", symptom="练习", training=True)
    return home


def test_version_prints_the_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "posguide", "--version"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"posguide {__version__}"


def test_export_jsonl_has_steps_probes_and_photo_metadata(history: Path) -> None:
    result = posguide("export", "--format", "jsonl", home=history)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["terminal"] for r in records] == ["till-1", "till-2"]  # training kept apart
    first = records[0]
    assert first["outcome"] == "backup"
    assert first["steps"][0]["probes"][0]["probe_id"] == "notices"
    assert first["steps"][0]["answers"] == {"shows": "在维护中"}
    assert first["photos"][0]["caption"] == "屏幕"
    assert "jpeg" not in first["photos"][0]  # metadata only, never the bytes


def test_export_csv_to_a_file_opens_in_excel(history: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.csv"
    result = posguide("export", "--format", "csv", "--out", str(out), home=history)
    assert result.returncode == 0, result.stderr
    assert "2 incidents written" in result.stderr
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads it as UTF-8, not GBK
    with out.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["symptom"] == "在维护中"
    assert json.loads(rows[0]["steps"])[0]["step_key"] == "notice"


def test_export_since_filters_and_a_bad_date_is_a_usage_error(history: Path) -> None:
    later = posguide("export", "--format", "jsonl", "--since", "2999-01-01", home=history)
    assert later.returncode == 0 and later.stdout == ""
    bad = posguide("export", "--since", "yesterday", home=history)
    assert bad.returncode == 2
    assert bad.stderr.strip().count("\n") == 0
    assert "--since" in bad.stderr and "2026-11-01" in bad.stderr


def test_unknown_options_give_one_line_and_exit_2(history: Path) -> None:
    result = posguide("export", "--fromat", "csv", home=history)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1


def test_db_check_passes_on_a_good_database(history: Path) -> None:
    result = posguide("db", "check", home=history)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok:")
    assert "2 incidents, 1 training, 2 open" in result.stdout


def test_db_check_fails_on_a_damaged_database_and_leaves_it(tmp_path: Path) -> None:
    home = tmp_path / "shop"
    home.mkdir()
    db = home / "posguide.db"
    db.write_bytes(b"\x00garbage" * 1000)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    result = posguide("db", "check", home=home)
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "damaged" in result.stderr
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_db_backup_writes_a_copy(history: Path) -> None:
    result = posguide("db", "backup", home=history)
    assert result.returncode == 0, result.stderr
    backups = list((history / "backups").glob("posguide-*.db"))
    assert len(backups) == 1
    assert str(backups[0]) in result.stdout


def test_a_config_mistake_is_one_line_with_file_and_key(history: Path) -> None:
    (history / "posguide.toml").write_text('[shop]\nescalation_minutes = "ten"\n', encoding="utf-8")
    result = posguide("db", "check", home=history)
    assert result.returncode == 2
    line = result.stderr.strip()
    assert len(line.splitlines()) == 1
    assert "posguide.toml" in line and "escalation_minutes" in line
    assert "Traceback" not in result.stderr


def test_posguide_home_is_used_when_no_data_dir_is_given(history: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "posguide", "db", "check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        env={**__import__("os").environ, "POSGUIDE_HOME": str(history)},
    )
    assert result.returncode == 0, result.stderr
    assert str(history) in result.stdout
