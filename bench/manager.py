"""Manager console benchmark on a 100,000-incident database (a year of a busy chain).

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/manager.py [--incidents N] [--db PATH]
-> prints one JSON object. The database is made once (~20 s) and kept at --db for reruns.

Each figure is the console's own operation through the real widgets and the reader thread,
from the moment it is asked until what it shows is there, beside its floor measured in the same
run: the bare SQL query that reads the same data (median of ``RUNS`` runs each). Targets:
history open to first rows visible <= 300 ms, filter <= 100 ms, full-text search <= 100 ms,
detail with 10 photos <= 200 ms, a year of statistics with charts <= 300 ms, fault report
PDF <= 1 s, largest event-loop stall while scrolling top to bottom <= 30 ms.
"""

from __future__ import annotations

import argparse
import gc
import json
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the tests' history maker: one copy of that code
sys.path.insert(0, str(ROOT / "bench"))
from console_data import big_history  # noqa: E402
from photo_import import camera_like_jpeg  # noqa: E402
from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEvent, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from posguide.console.local import LocalSource  # noqa: E402
from posguide.console.source import HistoryQuery, StatsQuery  # noqa: E402
from posguide.gui.console.detail_view import DetailView  # noqa: E402
from posguide.gui.console.history_view import HistoryView  # noqa: E402
from posguide.gui.console.reader import Reader  # noqa: E402
from posguide.gui.console.stats_view import StatisticsView  # noqa: E402
from posguide.gui.fonts import install_fonts  # noqa: E402
from posguide.store import IncidentStore, ProbeRecord  # noqa: E402
from posguide.store.history import INCIDENT_ROWS  # noqa: E402

# Part of the cached database's name: raise it when big_history writes something else.
DATA_VERSION = 3
RUNS = 5
TARGETS_MS = {
    "history_open": 300,
    "filter": 100,
    "search": 100,
    "detail_10_photos": 200,
    "statistics_year": 300,
    "fault_pdf": 1000,
    "scroll_stall": 30,
}


def make_database(path: Path, incidents: int) -> int:
    """The big history, plus one real incident with steps, probes and 10 camera photos."""
    big_history(path, incidents - 1)
    photo = camera_like_jpeg()
    with IncidentStore.open(path) as store:
        incident = store.start_incident(
            terminal="1号收银台", reported_by="王芳", symptom="终端显示在维护中", error_code="96"
        )
        for key in ("symptom", "reboot", "cables", "reader", "backup"):
            step = store.begin_step(incident, key)
            for probe in ("network.gateway", "network.payment", "terminal"):
                store.record_probe(
                    step,
                    ProbeRecord(
                        probe,
                        "ok",
                        f"{probe} answers",
                        "2026-12-02T09:41:07+08:00",
                        12.0,
                        {"rtt_ms": {"value": 1.8, "unit": "ms"}},
                    ),
                )
            store.save_step(step, answers={"cable_ok": True}, notes="重插网线")
        for n in range(10):
            store.attach_photo(incident, photo, caption=f"照片{n + 1}")
        store.close_incident(incident, outcome="resolved", cause="network")
    return incident


def bare(conn: sqlite3.Connection, sql: str, args: tuple[Any, ...] = ()) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        conn.execute(sql, args).fetchall()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def wait_until(app: QApplication, done: Callable[[], bool], timeout_s: float = 30) -> None:
    deadline = time.perf_counter() + timeout_s
    while not done():
        app.processEvents()
        if time.perf_counter() > deadline:
            raise TimeoutError("the console did not answer")
        time.sleep(0.0005)


def timed(app: QApplication, start: Callable[[], None], done: Callable[[], bool]) -> float:
    times = []
    for _ in range(RUNS):
        begin = time.perf_counter()
        start()
        wait_until(app, done)
        times.append((time.perf_counter() - begin) * 1000)
    return statistics.median(times)


def first_rows_shown(view: HistoryView) -> bool:
    model = view.model
    if not model.ready or model.rowCount() == 0:
        return False
    return all(model.data(model.index(r, 1)) is not None for r in range(min(20, model.rowCount())))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument(
        "--db",
        type=Path,
        default=Path(tempfile.gettempdir()) / f"posguide-bench-manager-{DATA_VERSION}.db",
    )
    args = parser.parse_args()
    made = time.perf_counter()
    if not args.db.exists():
        args.db.parent.mkdir(parents=True, exist_ok=True)
        make_database(args.db, args.incidents)
    made_s = time.perf_counter() - made
    conn = sqlite3.connect(args.db)
    photo_incident = int(
        conn.execute(
            "SELECT incident_id FROM photos GROUP BY incident_id HAVING count(*) = 10"
        ).fetchone()[0]
    )
    app = QApplication.instance() or QApplication([])
    install_fonts(app)  # type: ignore[arg-type]
    folder = Path(tempfile.mkdtemp())
    out: dict[str, Any] = {
        "incidents": conn.execute("SELECT count(*) FROM incidents").fetchone()[0],
        "database_made_s": round(made_s, 1),
        "runs": RUNS,
    }
    figures: dict[str, dict[str, float]] = {}

    # History open: a new view on a new reader (its own connection), until 20 rows are drawn.
    holder: dict[str, Any] = {}

    def open_history() -> None:
        if "view" in holder:
            holder["view"].close()
            holder["view"].deleteLater()
            holder["reader"].close()
        holder["reader"] = Reader(lambda: LocalSource(args.db))
        holder["view"] = HistoryView(holder["reader"], "zh_CN", folder)
        holder["view"].resize(1366, 700)
        holder["view"].show()

    figures["history_open"] = {
        "ms": timed(app, open_history, lambda: first_rows_shown(holder["view"])),
        "floor_ms": bare(
            conn, "SELECT id FROM incidents WHERE training = 0 ORDER BY started_ts DESC"
        ),
    }
    view: HistoryView = holder["view"]
    reader: Reader = holder["reader"]
    # The views closed above go now, as the event loop would delete them.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    def query(q: HistoryQuery) -> Callable[[], None]:
        return lambda: view.model.set_query(q)

    terminal = HistoryQuery(terminal="3号收银台")
    figures["filter"] = {
        "ms": timed(app, query(terminal), lambda: first_rows_shown(view)),
        "floor_ms": bare(
            conn,
            "SELECT id FROM incidents WHERE training = 0 AND terminal = ? ORDER BY started_ts DESC",
            ("3号收银台",),
        ),
    }
    search = HistoryQuery(text="重插网线")
    figures["search"] = {
        "ms": timed(app, query(search), lambda: first_rows_shown(view)),
        "floor_ms": bare(
            conn, "SELECT rowid FROM incidents_fts WHERE incidents_fts MATCH ?", ('"重插网线"',)
        ),
    }
    view.model.set_query(HistoryQuery())
    wait_until(app, lambda: first_rows_shown(view))
    gc.freeze()  # as the program does once started (posguide.gui.shell.Shell.run)

    # Scrolling from top to bottom: the largest gap between a 1 ms timer's ticks.
    bar = view.table.verticalScrollBar()
    gaps: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.nsecsElapsed()]

    def tick() -> None:
        now_ns = clock.nsecsElapsed()
        gaps.append((now_ns - last[0]) / 1e6)
        last[0] = now_ns

    timer = QTimer(interval=1)
    timer.timeout.connect(tick)
    timer.start()
    for _ in range(50):  # the idle loop's own gaps: the floor
        app.processEvents()
        time.sleep(0.002)
    idle = max(gaps[1:] or [0.0])
    gaps.clear()
    last[0] = clock.nsecsElapsed()
    step = max(1, bar.maximum() // 400)
    for value in range(0, bar.maximum() + step, step):
        bar.setValue(min(value, bar.maximum()))
        end = time.perf_counter() + 0.003
        while time.perf_counter() < end:
            app.processEvents()
    timer.stop()
    figures["scroll_stall"] = {
        "ms": round(max(gaps[1:] or [0.0]), 1),
        "floor_ms": round(idle, 1),
        "rows_read": view.model.rows_read,
        "blocks_held": view.model.blocks_held,
    }

    # One incident with 10 photos.
    detail = DetailView(reader, "zh_CN")
    detail.resize(1366, 700)
    detail.show()

    def show_detail() -> None:
        detail.loaded = None
        detail.show_incident(photo_incident)

    figures["detail_10_photos"] = {
        "ms": timed(app, show_detail, lambda: detail.ready),
        "floor_ms": bare(conn, "SELECT * FROM incidents WHERE id = ?", (photo_incident,))
        + bare(conn, "SELECT thumbnail FROM photos WHERE incident_id = ?", (photo_incident,))
        + bare(conn, "SELECT * FROM steps WHERE incident_id = ?", (photo_incident,))
        + bare(conn, "SELECT * FROM probe_results WHERE incident_id = ?", (photo_incident,)),
    }

    # The fault report PDF, photos read on the reader thread.
    pdf = folder / "report.pdf"

    def write_pdf() -> None:
        pdf.unlink(missing_ok=True)
        detail.save_pdf(pdf)

    figures["fault_pdf"] = {
        "ms": timed(app, write_pdf, pdf.exists),
        "floor_ms": bare(conn, "SELECT jpeg FROM photos WHERE incident_id = ?", (photo_incident,)),
        "bytes": pdf.stat().st_size,
    }

    # A year of statistics with its charts.
    stats = StatisticsView(reader, "zh_CN")
    stats.resize(1366, 700)
    stats.show()
    today = date.today()
    year = StatsQuery(since=today - timedelta(days=364), until=today)

    def show_year() -> None:
        stats.show_period(year.since, year.until)

    since_ts = datetime.combine(year.since, datetime.min.time()).timestamp()
    figures["statistics_year"] = {
        "ms": timed(app, show_year, lambda: stats.ready),
        "floor_ms": bare(
            conn,
            f"{INCIDENT_ROWS} SELECT cause, count(*) FROM incident_rows"
            " WHERE training = 0 AND started_ts >= ? GROUP BY cause",
            (since_ts,),
        ),
    }
    for name, figure in figures.items():
        figure["ms"] = round(figure["ms"], 1)
        figure["floor_ms"] = round(figure["floor_ms"], 1)
        figure["target_ms"] = TARGETS_MS[name]
        figure["met"] = figure["ms"] <= TARGETS_MS[name]
    out["figures"] = figures
    for widget in (stats, detail, view):
        widget.close()
    reader.close()
    print(json.dumps(out, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
