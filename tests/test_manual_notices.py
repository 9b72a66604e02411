"""Notices the manager types in from an SMS: stored, listed, withdrawn, and seen by diagnose."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from cli_runs import posguide

from posguide.sim.shop import SimulatedShop
from posguide.store import IncidentStore, NotFoundError
from posguide.store.notices import (
    add_manual_notice,
    current_manual_notices,
    withdraw_manual_notice,
)
from posguide.timeutil import now

ROOT = Path(__file__).resolve().parent.parent


def cli(home: Path, *args: str, tz: str = "Asia/Shanghai") -> subprocess.CompletedProcess[str]:
    return posguide(home, *args, env={**os.environ, "TZ": tz})


def test_notices_are_kept_until_they_end_or_are_withdrawn(db_path: Path) -> None:
    with IncidentStore.open(db_path) as store:
        running = add_manual_notice(
            store,
            provider_id="ums",
            title="系统升级",
            starts=now() - timedelta(hours=1),
            ends=now() + timedelta(hours=2),
        )
        add_manual_notice(
            store,
            provider_id="ums",
            title="old",
            starts=now() - timedelta(days=2),
            ends=now() - timedelta(days=1),
        )
        later = add_manual_notice(
            store, provider_id="other", title="later", starts=now() + timedelta(days=1), ends=None
        )
        assert [n.id for n in current_manual_notices(store)] == [running, later]
        assert [n.id for n in current_manual_notices(store, "ums")] == [running]
        withdraw_manual_notice(store, running)
        assert [n.id for n in current_manual_notices(store)] == [later]
        with pytest.raises(NotFoundError):
            withdraw_manual_notice(store, running)
        with pytest.raises(ValueError, match="end after"):
            add_manual_notice(
                store, provider_id="ums", title="x", starts=now(), ends=now() - timedelta(hours=1)
            )


def test_an_sms_pasted_on_the_command_line_becomes_a_window(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "posguide.toml").write_text('[[providers]]\nid = "ums"\n', encoding="utf-8")
    text = "【银联商务】尊敬的商户，我司定于12月28日00:00至04:00进行系统升级，期间刷卡交易暂停。"
    added = cli(home, "notice", "add", "--text", text)
    assert added.returncode == 0, added.stderr
    assert "12-28T00:00:00+08:00" in added.stdout and "12-28T04:00:00+08:00" in added.stdout
    # The SMS means Beijing time even on a PC set to UTC.
    in_utc = cli(home, "notice", "add", "--text", text, tz="UTC")
    assert "12-27T16:00:00+00:00" in in_utc.stdout
    listed = cli(home, "notice", "list")
    assert "ums" in listed.stdout and "系统升级" in listed.stdout

    nothing = cli(home, "notice", "add", "--text", "您好，欢迎使用")
    assert nothing.returncode == 1
    assert "could not find a time" in nothing.stderr

    assert cli(home, "notice", "withdraw", "2").returncode == 0
    gone = cli(home, "notice", "withdraw", "1")
    assert gone.returncode == 0
    assert cli(home, "notice", "withdraw", "1").returncode == 1


def test_diagnose_sees_a_typed_in_notice(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()

    async def scenario() -> dict[str, object]:
        async with SimulatedShop() as shop:
            shop.write_config(home / "posguide.toml")
            with IncidentStore.open(home / "posguide.db") as store:
                add_manual_notice(
                    store,
                    provider_id="demo",
                    title="短信通知：系统升级",
                    starts=now() - timedelta(minutes=5),
                    ends=now() + timedelta(hours=1),
                )
            process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "posguide",
                "--data-dir",
                str(home),
                "diagnose",
                "--json",
                stdout=asyncio.subprocess.PIPE,
                cwd=ROOT,
            )
            out, _ = await asyncio.wait_for(process.communicate(), 60)
            report: dict[str, object] = json.loads(out)
            return report

    report = asyncio.run(scenario())
    assert report["verdict"] == "provider_notice_active"
