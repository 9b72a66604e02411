"""The manager's statistics: figures checked against values worked out by hand on a small shop,
the period's edges, amendments, training, the "consider replacing" hint, and the view (loaded
through the reader thread, Chinese labels, the numbers table, PNG and CSV exports)."""

from __future__ import annotations

import csv
import os
import random
import time
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from console_data import CAUSES, OUTCOMES, Made, write_incidents
from PySide6.QtGui import QImage

from posguide.console.local import LocalSource
from posguide.console.source import Statistics, StatsQuery, TerminalFailures
from posguide.console.stats import REPLACE_AFTER, hour_bounds
from posguide.gui.console.reader import Reader
from posguide.gui.console.stats_view import StatisticsView
from posguide.store import IncidentStore
from posguide.store.history import INCIDENT_ROWS
from posguide.store.stats import period_totals
from posguide.uplinks import UPLINKS

# Two whole weeks, Monday to Sunday, with no change of summer time anywhere.
SINCE, UNTIL = date(2026, 6, 1), date(2026, 6, 14)
T1, T2, T3 = "1号收银台", "2号收银台", "生鲜区收银台"


def _at(day: int, hour: int, minute: int, month: int = 6) -> datetime:
    return datetime(2026, month, day, hour, minute).astimezone()  # the shop's local time


def _made(started: datetime, minutes: float | None, terminal: str, outcome: str | None,
          cause: str | None, **more: object) -> Made:  # fmt: skip
    return Made(started=started, minutes=minutes, terminal=terminal, outcome=outcome,
                cause=cause, **more)  # type: ignore[arg-type]  # fmt: skip


def _shop(path: Path) -> list[int]:
    """Index in the list = what the tests call incident #n."""
    return write_incidents(path, [
        _made(_at(31, 23, 50, month=5), 10, T1, "resolved", "network"),  # 0: the day before
        _made(_at(1, 8, 15), 6, T1, "resolved", "network"),  # 1
        _made(_at(1, 9, 40), 10, T1, "resolved", "reader"),  # 2
        _made(_at(2, 9, 5), 4, T2, "backup", "reader"),  # 3
        _made(_at(3, 14, 30), 30, T1, "escalated", "provider_maintenance", alarm=True),  # 4
        _made(_at(5, 14, 10), 8, T1, "resolved", "terminal_restart"),  # 5
        _made(_at(8, 10, 0), 20, T2, "abandoned", "unknown"),  # 6
        _made(_at(9, 9, 20), 12, T1, "resolved", "network"),  # 7: amended to "reader"
        _made(_at(10, 9, 50), 5, T3, "resolved", "router", alarm=True, uplink="cellular"),  # 8
        _made(_at(12, 20, 0), 3, T2, "resolved", "reader", training=True),  # 9: training
        _made(_at(14, 23, 30), None, T2, None, None),  # 10: on the last day, still open
        _made(_at(15, 0, 10), 7, T1, "resolved", "network"),  # 11: the day after
    ])  # fmt: skip


def _amend_to_reader(path: Path, incident_id: int) -> None:
    with IncidentStore.open(path) as store:
        store.amend(incident_id, author="店长", field="cause", new_value="reader",
                    reason="读卡器松动, 不是网络")  # fmt: skip


@pytest.fixture
def shop(db_path: Path) -> list[int]:
    return _shop(db_path)


def _stats(path: Path, **query: object) -> Statistics:
    source = LocalSource(path)
    try:
        return source.stats(StatsQuery(**{"since": SINCE, "until": UNTIL, **query}))  # type: ignore[arg-type]
    finally:
        source.close()


# --- the figures ----------------------------------------------------------------------------


def test_figures_worked_out_by_hand(db_path: Path, shop: list[int]) -> None:
    _amend_to_reader(db_path, shop[7])
    s = _stats(db_path)
    # In: #1-#8 and #10. Out: #0 (the day before), #9 (training), #11 (the day after).
    assert s.incidents == 9
    per_day = dict(s.per_day)
    assert list(per_day) == [SINCE + timedelta(days=n) for n in range(14)]  # every day
    assert [per_day[date(2026, 6, d)] for d in range(1, 15)] == [
        2, 1, 1, 0, 1, 0, 0, 1, 1, 1, 0, 0, 0, 1,
    ]  # fmt: skip
    assert s.per_week == ((date(2026, 6, 1), 5), (date(2026, 6, 8), 4))
    hours = [0] * 24
    hours[8], hours[9], hours[10], hours[14], hours[23] = 1, 4, 1, 2, 1
    assert s.by_hour == tuple(hours)
    # #7 counts under its amended cause; the open incident has none yet.
    assert s.by_cause == (
        ("reader", 3), ("", 1), ("network", 1), ("provider_maintenance", 1), ("router", 1),
        ("terminal_restart", 1), ("unknown", 1),
    )  # fmt: skip
    assert s.by_terminal == ((T1, 5), (T2, 3), (T3, 1))
    assert s.by_uplink == (("", 8), ("cellular", 1))  # "": recorded before uplinks were
    assert s.by_outcome == (("resolved", 5), ("", 1), ("abandoned", 1), ("backup", 1),
                            ("escalated", 1))  # fmt: skip
    # To a working till (resolved or backup): 6, 10, 4, 8, 12, 5 minutes.
    assert s.working_mean_s == pytest.approx(45 / 6 * 60)  # 7.5 min
    assert s.working_median_s == pytest.approx((6 + 8) / 2 * 60)  # 7 min
    # To the end, every closed incident: the same and 30 and 20 minutes.
    assert s.resolution_mean_s == pytest.approx(95 / 8 * 60)  # 11.875 min
    assert s.resolution_median_s == pytest.approx((8 + 10) / 2 * 60)  # 9 min
    # #4 was escalated (and its alarm rang), #8's alarm rang though it was then resolved.
    assert s.escalation_rate == pytest.approx(2 / 9)
    assert s.most_failing == (
        TerminalFailures(T1, incidents=5, terminal_faults=3, consider_replacing=True),
        TerminalFailures(T2, incidents=3, terminal_faults=1, consider_replacing=False),
    )


def test_the_replace_hint_comes_at_the_threshold_not_below(db_path: Path, shop: list[int]) -> None:
    assert REPLACE_AFTER == 3
    before = _stats(db_path).most_failing  # #7 still a network fault: two of 1号's own
    assert before[0] == TerminalFailures(T1, 5, 2, consider_replacing=False)
    _amend_to_reader(db_path, shop[7])
    assert _stats(db_path).most_failing[0] == TerminalFailures(T1, 5, 3, consider_replacing=True)


def test_training_incidents_only_when_asked(db_path: Path, shop: list[int]) -> None:
    s = _stats(db_path, training=True)
    assert s.incidents == 1
    assert s.by_terminal == ((T2, 1),)
    assert dict(s.per_day)[date(2026, 6, 12)] == 1
    assert s.working_median_s == pytest.approx(180)
    assert s.most_failing == (TerminalFailures(T2, 1, 1, consider_replacing=False),)


def test_the_edges_of_the_period(db_path: Path, shop: list[int]) -> None:
    first = _stats(db_path, since=date(2026, 5, 31), until=date(2026, 5, 31))
    assert (first.incidents, first.per_day, first.by_hour[23]) == (1, ((date(2026, 5, 31), 1),), 1)
    last = _stats(db_path, since=date(2026, 6, 15), until=date(2026, 6, 15))
    assert (last.incidents, last.by_hour[0]) == (1, 1)


def test_a_period_without_incidents(db_path: Path, shop: list[int]) -> None:
    s = _stats(db_path, since=date(2026, 7, 6), until=date(2026, 7, 8))
    assert s.incidents == 0
    assert s.per_day == tuple((date(2026, 7, d), 0) for d in (6, 7, 8))
    assert s.per_week == ((date(2026, 7, 6), 0),)
    assert s.by_hour == (0,) * 24
    assert (s.by_cause, s.by_terminal, s.by_outcome, s.most_failing) == ((), (), (), ())
    assert s.working_mean_s is s.working_median_s is s.resolution_mean_s is None
    assert s.resolution_median_s is s.escalation_rate is None
    with pytest.raises(ValueError, match="ends before"):
        _stats(db_path, since=UNTIL, until=SINCE)


def test_a_separator_inside_a_name_is_counted_right(db_path: Path) -> None:
    odd = "收银\x1f台\x1e2"  # the characters the SQL joins values with
    write_incidents(db_path, [_made(_at(2, 9, 0), 5, odd, "resolved", "reader"),
                              _made(_at(2, 10, 0), 5, T1, "resolved", "reader")])  # fmt: skip
    with IncidentStore.open(db_path) as store:
        totals = period_totals(store.db, _at(1, 0, 0).timestamp(), _at(3, 0, 0).timestamp(),
                               training=False)  # fmt: skip
    assert totals.kinds == {("reader", odd, "resolved", ""): 1, ("reader", T1, "resolved", ""): 1}


def test_the_indexed_counts_agree_with_every_incidents_effective_values(db_path: Path) -> None:
    """The statistics read unamended incidents straight from the indexes: on a random shop with
    amended causes, terminals and outcomes, alarms and open incidents, they must equal what
    ``INCIDENT_ROWS`` (the one definition of an incident's values) gives row by row."""
    rng = random.Random(3)

    def one() -> Made:
        minutes = None if rng.random() < 0.1 else rng.uniform(1, 50)  # a tenth still open
        started = _at(1, 0, 0) + timedelta(minutes=rng.uniform(0, 14 * 24 * 60))
        terminal, outcome, cause = (
            rng.choice((T1, T2, T3)),
            rng.choice(OUTCOMES),
            rng.choice(CAUSES),
        )
        return _made(started, minutes, terminal, outcome, cause, alarm=rng.random() < 0.2,
                     training=rng.random() < 0.1, uplink=rng.choice(("", *UPLINKS)))  # fmt: skip

    made = [one() for _ in range(300)]
    ids = write_incidents(db_path, made)
    with IncidentStore.open(db_path) as store:
        for incident_id in rng.sample(ids, 60):
            field, values = rng.choice((("cause", CAUSES), ("outcome", OUTCOMES),
                                        ("terminal", (T1, T2, "新收银台"))))  # fmt: skip
            store.amend(incident_id, author="店长", field=field, new_value=rng.choice(values))
        since, until = _at(3, 0, 0).timestamp(), _at(12, 0, 0).timestamp()
        totals = period_totals(store.db, since, until, training=False)
        rows = store.db.execute(
            f"{INCIDENT_ROWS} SELECT cause, terminal, outcome, working_s, duration_s, escalated,"
            " uplink"
            " FROM incident_rows WHERE training = 0 AND started_ts >= ? AND started_ts < ?",
            [since, until],
        ).fetchall()
    assert len(rows) > 100 and totals.incidents == len(rows)
    assert totals.kinds == Counter((r[0] or "", r[1] or "", r[2] or "", r[6]) for r in rows)
    assert totals.escalated == sum(r[5] for r in rows)
    working = [r[3] for r in rows if r[3] is not None]
    duration = [r[4] for r in rows if r[4] is not None]
    assert totals.working_ms == sorted(round(w * 1000) for w in working)  # sorted: the medians
    assert totals.duration_ms == sorted(round(d * 1000) for d in duration)
    assert totals.working_mean_s == pytest.approx(sum(working) / len(working))
    assert totals.duration_mean_s == pytest.approx(sum(duration) / len(duration))


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="needs time.tzset to change zone")
def test_local_hours_when_summer_time_starts_and_ends(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        spring = hour_bounds([date(2026, 3, 8)])  # 02:00 does not happen: a 23-hour day
        autumn = hour_bounds([date(2026, 11, 1)])  # 01:00-02:00 happens twice: 25 hours
    finally:
        monkeypatch.undo()
        time.tzset()
    assert len(spring) == len(autumn) == 25
    assert spring[-1] - spring[0] == 23 * 3600 and spring[2] == spring[3]  # 02:00 is empty
    assert autumn[-1] - autumn[0] == 25 * 3600 and autumn[2] - autumn[1] == 2 * 3600
    assert os.environ.get("TZ") != "America/New_York"


# --- the view -------------------------------------------------------------------------------


@pytest.fixture
def view(qtbot, db_path: Path, shop: list[int]) -> Iterator[StatisticsView]:
    _amend_to_reader(db_path, shop[7])
    reader = Reader(lambda: LocalSource(db_path))
    shown = StatisticsView(reader, "zh_CN")
    qtbot.addWidget(shown)
    shown.resize(1024, 768)
    shown.show()  # first shown: it counts the last 30 days
    qtbot.waitUntil(lambda: shown.ready)
    shown.show_period(SINCE, UNTIL)
    qtbot.waitUntil(lambda: shown.ready and shown.statistics.query.since == SINCE)  # type: ignore[union-attr]
    yield shown
    reader.close()
    shown.close()
    shown.deleteLater()
    reader.deleteLater()


def _table(view: StatisticsView) -> list[tuple[str, str]]:
    t = view.table
    return [
        (t.item(r, 0).text(), t.item(r, 1).text() if t.item(r, 1) else "")
        for r in range(t.rowCount())
    ]


def test_the_view_shows_the_figures_in_chinese(view: StatisticsView) -> None:
    rows = _table(view)
    assert ("Incidents", "9") in rows
    assert ("Escalation rate (%)", "22.2") in rows  # 2 of 9
    assert ("Time to a working till, median (min)", "7.0") in rows
    assert ("Time to resolution, mean (min)", "11.9") in rows
    assert ("POS机读卡故障", "3") in rows  # cause "reader", in the view's language
    assert ("已恢复", "5") in rows  # outcome "resolved"
    assert (T1, "5") in rows
    assert "22.2 %" in view.headline.text()
    assert view.replace_hint.isVisible() and T1 in view.replace_hint.text()
    assert view.failing.item(0, 0).text() == T1
    assert view.failing.item(0, 3).text() == "Consider replacing"
    assert view.failing.item(1, 3).text() == ""
    assert view.over_time.chart().title() == "Incidents per day"  # type: ignore[attr-defined]


def test_a_long_period_is_charted_per_week(qtbot, view: StatisticsView) -> None:
    view.show_period(date(2026, 3, 1), UNTIL)
    qtbot.waitUntil(lambda: view.ready and view.statistics.query.since.month == 3)  # type: ignore[union-attr]
    assert view.over_time.chart().title() == "Incidents per week (from Monday)"  # type: ignore[attr-defined]
    assert ("2026-06-01", "5") in _table(view)


def test_export_png(view: StatisticsView, tmp_path: Path) -> None:
    path = tmp_path / "统计.png"
    assert view.export_png(path)
    image = QImage(str(path))
    assert not image.isNull()
    assert image.width() > 500 and image.height() > 600
    assert path.stat().st_size > 20_000
    assert len({image.pixel(x, y) for x in range(0, image.width(), 7)
                for y in range(0, image.height(), 7)}) > 10  # fmt: skip  # drawn, not blank


def test_export_csv_for_excel(view: StatisticsView, tmp_path: Path) -> None:
    path = tmp_path / "统计.csv"
    assert view.export_csv(path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 with the BOM
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["Section", "Item", "Value", "Note"]
    assert ["Summary", "Incidents", "9", ""] in rows
    assert ["By cause", "POS机读卡故障", "3", ""] in rows
    assert ["By outcome", "已改用备用终端", "1", ""] in rows
    assert ["Terminals' own faults", T1, "3", "of 5 incidents; consider replacing"] in rows
    assert ["By hour of the day", "09:00–09:59", "4", ""] in rows
    assert ["Per week (from Monday)", "2026-06-08", "4", ""] in rows
    assert ["Per day", "2026-06-14", "1", ""] in rows
