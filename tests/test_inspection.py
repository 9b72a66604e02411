"""Daily inspection: ``posguide inspect`` and ``posguide daily`` as real processes against a
simulated shop on 127.0.0.1, the inspections they record, and what the trends make of a series
(a terminal answering slower day by day, a certificate about to expire, a notice coming)."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from cli_runs import ROOT, posguide

from posguide.config import load_config
from posguide.i18n import Text
from posguide.inspection.run import PER_TERMINAL, SHOP_WIDE, inspect_shop
from posguide.inspection.trends import findings
from posguide.probes.settings import ProbeSettings
from posguide.sim.shop import ShopOptions, SimulatedShop
from posguide.store import DatabaseCorruptError, IncidentStore, list_backups
from posguide.store.inspections import (
    Inspection,
    TerminalResult,
    inspections_since,
    record_inspection,
)
from posguide.store.models import ProbeRecord

LONG_AGO = datetime(2000, 1, 1, tzinfo=UTC)


async def _posguide(home: Path, *args: str) -> tuple[int, str, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "posguide",
        "--data-dir",
        str(home),
        *args,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        cwd=ROOT,
    )
    out, err = await asyncio.wait_for(process.communicate(), 90)
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


def _in_shop(tmp_path: Path, *args: str, fault: Any = None) -> tuple[int, str, str]:
    async def scenario() -> tuple[int, str, str]:
        async with SimulatedShop(ShopOptions()) as shop:
            home = tmp_path / "home"
            home.mkdir(exist_ok=True)
            shop.write_config(home / "posguide.toml")
            if fault is not None:
                fault(shop)
            return await _posguide(home, *args)

    return asyncio.run(scenario())


def _recorded(home: Path) -> list[Inspection]:
    with IncidentStore.open(home / "posguide.db") as store:
        return inspections_since(store, LONG_AGO)


def test_inspect_checks_every_terminal_and_records_an_inspection(tmp_path: Path) -> None:
    code, out, err = _in_shop(tmp_path, "inspect", "--json")
    assert code == 0, err
    report = json.loads(out)
    by_terminal: dict[str, dict[str, str]] = {}
    for r in report["results"]:
        by_terminal.setdefault(r["terminal"], {})[r["id"]] = r["status"]
    assert set(by_terminal) == {"", "till1", "till2"}
    assert tuple(by_terminal[""]) == SHOP_WIDE
    assert tuple(by_terminal["till2"]) == PER_TERMINAL
    assert by_terminal["till1"]["terminal"] == by_terminal["till2"]["terminal"] == "ok"
    assert by_terminal["till1"]["network.payment"] == "ok"
    assert by_terminal["till1"]["card.reader"] == "skipped"  # no reader at this till
    assert report["findings"] == []

    [inspection] = _recorded(tmp_path / "home")
    assert inspection.id == report["inspection"]
    assert inspection.trigger == "manual"
    rtt = inspection.result("till1", "terminal")
    assert rtt is not None and rtt.measurements["status_rtt_ms"]["value"] > 0
    # Not an incident: the history stays empty.
    with sqlite3.connect(tmp_path / "home" / "posguide.db") as conn:
        assert conn.execute("SELECT count(*) FROM incidents").fetchone()[0] == 0


def test_a_terminal_that_is_gone_needs_attention(tmp_path: Path) -> None:
    code, out, _ = _in_shop(tmp_path, "inspect", fault=lambda shop: shop.backup.unplug())
    assert code == 1
    assert "needs attention:" in out
    attention = out.split("needs attention:")[1]
    assert "备用机 (till2): 备用机 refused the connection" in attention
    assert "till1" not in attention
    [inspection] = _recorded(tmp_path / "home")
    record = inspection.result("till2", "terminal")
    assert record is not None and record.status in ("fail", "error")


def test_maintenance_announced_for_the_coming_hours_is_reported(tmp_path: Path) -> None:
    def upcoming(shop: SimulatedShop) -> None:
        shop.feeds.scenario = "maintenance_upcoming"

    code, out, _ = _in_shop(tmp_path, "inspect", "--json", fault=upcoming)
    assert code == 1
    kinds = {(f["terminal"], f["kind"]) for f in json.loads(out)["findings"]}
    assert ("till1", "notice_coming") in kinds


def test_daily_records_a_scheduled_inspection_and_the_days_backup(tmp_path: Path) -> None:
    home = tmp_path / "home"
    code, out, err = _in_shop(tmp_path, "daily")
    assert code == 0, err
    assert "backup written:" in out
    code, out, err = _in_shop(tmp_path, "daily")
    assert code == 0, err
    assert "no backup needed" in out
    assert [i.trigger for i in _recorded(home)] == ["scheduled", "scheduled"]
    assert len(list_backups(home / "backups")) == 1


def test_daily_on_a_damaged_database_says_so_and_changes_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "posguide.db").write_bytes(b"not a database, a note someone saved here" * 100)
    before = (home / "posguide.db").read_bytes()
    code, _, err = _in_shop(tmp_path, "daily")
    assert code == 1
    assert "no inspection was recorded" in err and "no backup was made" in err
    assert (home / "posguide.db").read_bytes() == before


# --- the trend over days: real inspections of a terminal getting slower -----------------------


def test_a_terminal_answering_slower_day_by_day_is_highlighted(tmp_path: Path) -> None:
    async def week() -> list[Inspection]:
        async with SimulatedShop(ShopOptions()) as shop:
            config = load_config(shop.write_config(tmp_path / "posguide.toml"))
            settings = ProbeSettings(cache_dir=tmp_path / "cache")
            with IncidentStore.open(tmp_path / "posguide.db") as store:
                for delay in (0.0, 0.0, 0.0, 0.0, 0.25, 0.3, 0.3):
                    shop.terminal.reply_delay_s = delay
                    run = await inspect_shop(config, settings)
                    record_inspection(
                        store,
                        started=run.started,
                        finished=run.finished,
                        trigger="scheduled",
                        results=run.results,
                    )
                return inspections_since(store, LONG_AGO)

    inspections = asyncio.run(week())
    assert len(inspections) == 7
    found = findings(inspections)
    assert [(f.terminal, f.kind) for f in found] == [("till1", "terminal_slower")]
    assert "The terminal answers slower" in str(found[0].text)
    # Four good days alone are not news.
    assert findings(inspections[:4]) == []


# --- trends on recorded series (what a month of inspections can hold) -------------------------


def _day(day: int, results: list[TerminalResult]) -> Inspection:
    start = datetime(2026, 11, 1, 7, 30, tzinfo=UTC) + timedelta(days=day)
    return Inspection(day, start.isoformat(), start.timestamp(), start.isoformat(), "scheduled",
                      tuple(results))  # fmt: skip


def _probe(probe_id: str, status: str = "ok", **figures: float) -> ProbeRecord:
    return ProbeRecord(
        probe_id=probe_id,
        status=status,
        summary=f"{probe_id} {status}",
        started_at="2026-11-01T07:30:00+00:00",
        duration_ms=5.0,
        measurements={k: {"value": v, "unit": "ms"} for k, v in figures.items()},
    )


def _payment_days(latencies: list[float], losses: list[float] | None = None) -> list[Inspection]:
    losses = losses or [0.0] * len(latencies)
    days = []
    for i, (ms, loss) in enumerate(zip(latencies, losses, strict=True)):
        payment = _probe("network.payment", latency_ms_median=ms, loss_pct=loss)
        days.append(_day(i, [TerminalResult("till1", payment)]))
    return days


def test_one_slow_morning_is_not_a_trend_but_a_slow_few_days_are() -> None:
    assert findings(_payment_days([30, 32, 29, 31, 30, 250])) == []
    found = findings(_payment_days([30, 32, 29, 31, 90, 110, 120]))
    assert [f.kind for f in found] == ["latency_rising"]
    assert found[0].measurement == "latency_ms_median"


def test_a_small_rise_on_a_fast_line_is_not_news() -> None:
    assert findings(_payment_days([4, 5, 4, 4, 9, 9, 10])) == []


def test_connections_starting_to_drop_are_highlighted() -> None:
    found = findings(_payment_days([30] * 7, [0, 0, 0, 0, 10, 25, 20]))
    assert [f.kind for f in found] == ["loss_rising"]
    assert "20% lost" in str(found[0].text)  # the median of the last three


def test_a_certificate_expiring_within_30_days_is_highlighted() -> None:
    def tls(days: float) -> list[Inspection]:
        return [_day(0, [TerminalResult("till1", _probe("network.tls", days_left_min=days))])]

    assert findings(tls(45)) == []
    [finding] = findings(tls(12))
    assert finding.kind == "certificate_expiring" and "12 days" in str(finding.text)


def test_a_reader_missing_at_the_last_inspection_is_highlighted() -> None:
    there = TerminalResult("till1", _probe("card.reader"))
    gone = TerminalResult("till1", _probe("card.reader", status="fail"))
    assert findings([_day(0, [gone]), _day(1, [there])]) == []
    [finding] = findings([_day(0, [there]), _day(1, [gone])])
    assert finding.kind == "reader_missing"


def test_a_notice_already_over_or_far_ahead_is_not_highlighted() -> None:
    def notice(starts: str, ends: str | None) -> ProbeRecord:
        base = _probe("notices", status="warn")
        item = {"starts": starts, "ends": ends, "title": "系统升级"}
        return ProbeRecord(**{**base.__dict__, "detail": {"later": [item]}})

    at = datetime(2026, 11, 1, 7, 30, tzinfo=UTC)
    soon = _day(0, [TerminalResult("till1", notice("2026-11-04T22:00:00+08:00", None))])
    far = _day(0, [TerminalResult("till1", notice("2026-12-20T22:00:00+08:00", None))])
    over = _day(0, [TerminalResult("till1", notice("2026-10-20T22:00:00+08:00",
                                                   "2026-10-21T02:00:00+08:00"))])  # fmt: skip
    [finding] = findings([soon], at=at)
    assert finding.kind == "notice_coming" and "系统升级" in str(finding.text)
    assert findings([far], at=at) == findings([over], at=at) == []


# --- the store ------------------------------------------------------------------------------


def test_an_inspection_is_kept_whole_masked_and_never_changed(store: IncidentStore) -> None:
    card = "4111 1111 1111 1111"
    probe = ProbeRecord(
        probe_id="terminal",
        status="fail",
        summary=f"terminal said {card}",
        started_at="2026-11-01T07:30:00+00:00",
        duration_ms=12.5,
        measurements={"status_rtt_ms": {"value": 8.0, "unit": "ms"}},
        detail={"reply": card},
        summary_source="Terminal: {summary}",
        summary_args={"summary": "x"},
    )
    moment = datetime(2026, 11, 1, 7, 30, tzinfo=UTC)
    record_inspection(store, started=moment, finished=moment, trigger="manual",
                      results=[TerminalResult("till1", probe)])  # fmt: skip
    [read] = inspections_since(store, LONG_AGO)
    [kept] = read.results
    assert kept.terminal == "till1"
    assert "4111 1111 1111 1111" not in kept.probe.summary + json.dumps(kept.probe.detail)
    assert kept.probe.measurements == probe.measurements
    assert kept.probe.summary_args == {"summary": "x"}
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.db.execute("UPDATE inspection_results SET status = 'ok'")
    with pytest.raises(ValueError, match="trigger"):
        record_inspection(store, started=moment, finished=moment, trigger="whenever", results=[])


def test_a_damaged_inspection_row_is_reported_not_a_crash(store: IncidentStore) -> None:
    moment = datetime(2026, 11, 1, 7, 30, tzinfo=UTC)
    record_inspection(store, started=moment, finished=moment, trigger="manual",
                      results=[TerminalResult("", _probe("network.link"))])  # fmt: skip
    store.db.execute("DROP TRIGGER inspection_results_no_update")
    store.db.execute("UPDATE inspection_results SET measurements = '{broken'")
    store.db.conn.commit()
    with pytest.raises(DatabaseCorruptError):
        inspections_since(store, LONG_AGO)


def test_finding_texts_are_translatable() -> None:
    [finding] = findings(_payment_days([30, 32, 29, 31, 90, 110, 120]))
    assert isinstance(finding.text, Text)
    chinese = finding.text.translated(lambda _context, _source: "付款服务器 {recent:.0f} ms")
    assert chinese == "付款服务器 110 ms"


def test_db_check_reads_the_inspections_too(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    moment = datetime(2026, 11, 1, 7, 30, tzinfo=UTC)
    with IncidentStore.open(home / "posguide.db") as store:
        record_inspection(store, started=moment, finished=moment, trigger="manual",
                          results=[TerminalResult("", _probe("network.link"))])  # fmt: skip
    assert posguide(home, "db", "check").returncode == 0
    with sqlite3.connect(home / "posguide.db") as conn:
        conn.execute("DROP TRIGGER inspection_results_no_update")
        conn.execute("UPDATE inspection_results SET detail = x'ff00'")
    done = posguide(home, "db", "check")
    assert done.returncode == 1 and "inspection_results.detail" in done.stderr
