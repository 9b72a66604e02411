"""Incident store benchmark: a year of history for a busy chain, 100,000 incidents.

Run: .venv/bin/python bench/store.py [--incidents N]  -> prints one JSON object.
Targets (2-core machine): newest page <= 50 ms, filtered page <= 100 ms, full-text <= 100 ms,
statistics <= 300 ms; a 12 MP JPEG import <= 400 ms and <= 700 KB stored.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout
sys.path.insert(0, str(Path(__file__).resolve().parent))
from photo_import import camera_like_jpeg

from posguide.store import IncidentFilter, IncidentStore, ProbeRecord
from posguide.store.photos import normalise_photo
from posguide.store.queries import list_incidents, weekly_counts

YEAR_S = 365 * 24 * 3600
TERMINALS = [f"shop{s:02d}-till{t}" for s in range(40) for t in range(1, 4)]
CAUSES = [
    "provider_maintenance",
    "terminal_restart",
    "network",
    "reader",
    "power",
    "operator",
    "unknown",
]
OUTCOMES = ["resolved", "backup", "escalated", "abandoned"]
STEP_KEYS = ["symptom", "reboot", "cables", "reader", "backup", "finish"]
NOTES = [
    "路由器WAN灯不亮，重插网线后恢复",
    "终端显示在维护中，银联公告凌晨升级",
    "Reader light blinking red",
    "重启后正常",
    "刷卡无反应，换备用机",
    "顾客卡芯片损坏",
    "热敏纸用完",
    "停电后终端未自动开机",
]
PROBES = ["notices", "network.gateway", "network.dns", "network.payment", "terminal", "card.reader"]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def timed(fn: Callable[[], Any], runs: int) -> dict[str, float]:
    fn()  # warm the page cache, as a manager's second click would
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return {"p50": round(statistics.median(samples), 2), "p95": round(percentile(samples, 0.95), 2)}


def api_insert_rate(store: IncidentStore, count: int) -> dict[str, float]:
    """The real write path: one committed transaction per event, synchronous=FULL."""
    t0 = time.perf_counter()
    commits = 0
    for n in range(count):
        incident = store.start_incident(terminal=TERMINALS[n % len(TERMINALS)], symptom="在维护中")
        for key in STEP_KEYS[:4]:
            step = store.begin_step(incident, key)
            store.record_probe(
                step,
                ProbeRecord(
                    "network.gateway",
                    "ok",
                    "ok",
                    "t",
                    3.0,
                    {"rtt_ms": 1.2},
                    {"gateway": "192.168.1.1"},
                ),
            )
            store.save_step(step, answers={"fixed": False}, status="done")
            commits += 3
        store.close_incident(incident, outcome="resolved", cause="terminal_restart")
        commits += 2
    elapsed = time.perf_counter() - t0
    return {"incidents_per_s": round(count / elapsed, 1), "commits_per_s": round(commits / elapsed)}


def bulk_history(store: IncidentStore, count: int, photo_every: int, rng: random.Random) -> None:
    """Fill a year of closed incidents quickly (one transaction per 2,000), photos on a sample."""
    photo = normalise_photo(camera_like_jpeg())
    conn = store.db.conn
    end = time.time()
    next_id = int(conn.execute("SELECT coalesce(max(id), 0) + 1 FROM incidents").fetchone()[0])
    step_id = int(conn.execute("SELECT coalesce(max(id), 0) + 1 FROM steps").fetchone()[0])
    starts = sorted(end - rng.random() * YEAR_S for _ in range(count))
    for chunk in range(0, count, 2000):
        incidents, steps, probes, photos = [], [], [], []
        for start in starts[chunk : chunk + 2000]:
            iid = next_id
            next_id += 1
            when = time.strftime("%Y-%m-%dT%H:%M:%S+08:00", time.localtime(start))
            incidents.append(
                (
                    iid,
                    str(uuid.uuid4()),
                    when,
                    start,
                    None,
                    None,
                    rng.choice(TERMINALS),
                    "店员",
                    rng.choice(["在维护中", "交易超时", "请联系收单行", "96"]),
                    rng.choice(["96", "", "A7", "91"]),
                    rng.choice(OUTCOMES),
                    rng.choice(CAUSES),
                    int(rng.random() < 0.05),
                    rng.choice(NOTES) if rng.random() < 0.4 else "",
                )
            )
            for seq, key in enumerate(STEP_KEYS[: rng.randint(2, 6)], 1):
                steps.append(
                    (
                        step_id,
                        iid,
                        seq,
                        key,
                        when,
                        when,
                        "done",
                        '{"fixed": false}',
                        rng.choice(NOTES) if rng.random() < 0.2 else "",
                    )
                )
                for probe in rng.sample(PROBES, 2):
                    probes.append(
                        (
                            step_id,
                            iid,
                            probe,
                            rng.choice(["ok", "ok", "warn", "fail"]),
                            "summary",
                            when,
                            rng.uniform(1, 900),
                            '{"rtt_ms": {"value": 1.8, "unit": "ms"}}',
                            '{"gateway": "192.168.1.1"}',
                        )
                    )
                step_id += 1
            if iid % photo_every == 0:
                photos.append(
                    (
                        iid,
                        "屏幕",
                        "0" * 64,
                        "JPEG",
                        4_000_000,
                        photo.width,
                        photo.height,
                        None,
                        when,
                        photo.jpeg,
                        photo.thumbnail,
                    )
                )
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO incidents (id, uid, started_at, started_ts, ended_at,"
            " ended_ts, terminal, reported_by, symptom, error_code, outcome, cause,"
            " training, notes) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            incidents,
        )
        conn.executemany("INSERT INTO steps VALUES (?,?,?,?,?,?,?,?,?)", steps)
        conn.executemany(
            "INSERT INTO probe_results (step_id, incident_id, probe_id, status,"
            " summary, started_at, duration_ms, measurements, detail)"
            " VALUES (?,?,?,?,?,?,?,?,?)",
            probes,
        )
        conn.executemany(
            "INSERT INTO photos (incident_id, caption, sha256, original_format,"
            " original_size, width, height, taken_at, attached_at, jpeg, thumbnail)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            photos,
        )
        # Children first, then close: closed incidents refuse new steps, as in real life.
        conn.executemany(
            "UPDATE incidents SET ended_at = started_at, ended_ts = started_ts + 600 WHERE id = ?",
            [(row[0],) for row in incidents],
        )
        conn.execute("COMMIT")
    conn.execute("ANALYZE")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--photo-every", type=int, default=200, help="one photo per N incidents")
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "posguide.db"
        store = IncidentStore.open(path)
        insert = api_insert_rate(store, 300)
        t0 = time.perf_counter()
        bulk_history(store, args.incidents, args.photo_every, rng)
        build_s = time.perf_counter() - t0
        store.close()

        t0 = time.perf_counter()
        store = IncidentStore.open(path, integrity="full")
        open_full_ms = (time.perf_counter() - t0) * 1000
        db = store.db
        newest = timed(lambda: list_incidents(db, limit=100), 40)
        filtered = timed(
            lambda: list_incidents(
                db, IncidentFilter(terminal="shop07-till2", outcome="escalated"), limit=100
            ),
            40,
        )
        since = time.time() - 90 * 24 * 3600
        filtered_range = timed(
            lambda: list_incidents(db, IncidentFilter(cause="network", since_ts=since), limit=100),
            40,
        )
        fulltext = timed(lambda: list_incidents(db, IncidentFilter(text="路由器"), limit=100), 40)
        fulltext_en = timed(
            lambda: list_incidents(db, IncidentFilter(text="blinking red"), limit=100), 40
        )
        stats = timed(lambda: weekly_counts(db, time.time() - YEAR_S), 15)
        total = int(db.execute("SELECT count(*) FROM incidents").fetchone()[0])
        store.close()
        size = sum(p.stat().st_size for p in Path(tmp).glob("posguide.db*"))

    photo_data = camera_like_jpeg()
    normalise_photo(photo_data)
    photo_ms = []
    for _ in range(5):
        t0 = time.perf_counter()
        photo = normalise_photo(photo_data)
        photo_ms.append((time.perf_counter() - t0) * 1000)

    print(
        json.dumps(
            {
                "incidents": total,
                "build_s": round(build_s, 1),
                "api_insert": insert,
                "open_with_integrity_check_ms": round(open_full_ms, 1),
                "newest_page_ms": newest,
                "filtered_page_ms": filtered,
                "filtered_range_page_ms": filtered_range,
                "fulltext_zh_ms": fulltext,
                "fulltext_en_ms": fulltext_en,
                "stats_weekly_by_cause_ms": stats,
                "bytes_per_incident": round(size / total),
                "photo_12mp_import_ms": {
                    "p50": round(statistics.median(photo_ms), 1),
                    "max": round(max(photo_ms), 1),
                },
                "photo_stored_kb": round(len(photo.jpeg) / 1024, 1),
                "targets": {
                    "newest_page_ms": 50,
                    "filtered_page_ms": 100,
                    "fulltext_ms": 100,
                    "stats_ms": 300,
                    "photo_import_ms": 400,
                    "photo_stored_kb": 700,
                },
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
