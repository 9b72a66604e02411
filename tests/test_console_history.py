"""The manager's history: filters and search in SQL, amendments applied, paging at 100,000
incidents without loading them all, exports, and the filter kept across restarts."""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from console_data import Made, many_incidents, write_incidents
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QTableView

from posguide.console.local import LocalSource
from posguide.console.saved_query import load_query
from posguide.console.source import HistoryQuery
from posguide.gui.console.history_view import HistoryView
from posguide.gui.console.reader import Reader
from posguide.store import IncidentStore

NOW = datetime.now().astimezone().replace(microsecond=0)


def _shop(path: Path) -> list[int]:
    day = timedelta(days=1)
    return write_incidents(path, [
        Made(NOW - 40 * day, terminal="1号收银台", cause="network", notes="重插网线后恢复",
             symptom="刷卡没反应"),
        Made(NOW - 20 * day, terminal="2号收银台", cause="reader", outcome="backup", alarm=True,
             photos=2, symptom="交易超时"),
        Made(NOW - 3 * day, terminal="1号收银台", cause="provider_maintenance",
             outcome="escalated", error_code="96", step_notes="银联公告凌晨升级"),
        Made(NOW - 2 * day, terminal="2号收银台", cause="router", training=True,
             symptom="屏幕黑屏"),
        Made(NOW - timedelta(hours=1), terminal="1号收银台", minutes=None,
             symptom="刷卡没反应"),  # still open
    ])  # fmt: skip


@pytest.fixture
def shop(db_path: Path) -> list[int]:
    return _shop(db_path)


@pytest.fixture
def source(db_path: Path, shop: list[int]) -> Iterator[LocalSource]:
    found = LocalSource(db_path)
    yield found
    found.close()


def _ids(source: LocalSource, **filters: object) -> list[int]:
    return source.ids(HistoryQuery(**filters))  # type: ignore[arg-type]


def test_newest_first_real_incidents_only_by_default(source: LocalSource, shop: list[int]):
    assert _ids(source) == [shop[4], shop[2], shop[1], shop[0]]
    assert _ids(source, training=None) == [shop[4], shop[3], shop[2], shop[1], shop[0]]
    assert _ids(source, training=True) == [shop[3]]


def test_each_filter(source: LocalSource, shop: list[int]) -> None:
    assert _ids(source, terminal="2号收银台") == [shop[1]]
    assert _ids(source, cause="reader") == [shop[1]]
    assert _ids(source, outcome="escalated") == [shop[2]]
    # Escalated: the alarm went off, or the incident was handed to the provider.
    assert _ids(source, escalated=True) == [shop[2], shop[1]]
    assert _ids(source, escalated=False) == [shop[4], shop[0]]
    today = NOW.date()
    assert _ids(source, since=today - timedelta(days=7)) == [shop[4], shop[2]]
    assert _ids(source, until=today - timedelta(days=20)) == [shop[1], shop[0]]
    assert _ids(source, since=today - timedelta(days=20), until=today - timedelta(days=20)) == [
        shop[1]
    ]


@pytest.mark.parametrize(
    ("text", "found"),
    [("维护中", [2]), ("网线", [0]), ("重插网线", [0]), ("凌晨升级", [2]), ("96", [2]),
     ("没有这个", [])],
)  # fmt: skip
def test_full_text_search_finds_chinese_in_symptoms_and_notes(
    source: LocalSource, shop: list[int], text: str, found: list[int]
) -> None:
    assert _ids(source, text=text) == [shop[i] for i in found]


def test_an_amendment_changes_what_the_history_shows_and_filters_on(
    db_path: Path, source: LocalSource, shop: list[int]
) -> None:
    with IncidentStore.open(db_path) as store:
        store.amend(shop[0], author="店长", field="cause", new_value="power", reason="停电")
        store.amend(shop[0], author="店长", field="cause", new_value="router", reason="再查")
    assert _ids(source, cause="router") == [shop[0]]
    assert _ids(source, cause="network") == []
    assert source.rows([shop[0]])[0].cause == "router"
    assert "router" in source.choices().causes


def test_rows_carry_what_the_columns_show(source: LocalSource, shop: list[int]) -> None:
    rows = {r.id: r for r in source.rows([shop[1], shop[4], shop[2]])}
    assert [r.id for r in source.rows([shop[1], shop[4], shop[2]])] == [shop[1], shop[4], shop[2]]
    backup = rows[shop[1]]
    assert backup.working_s == pytest.approx(12 * 60) and backup.duration_s == pytest.approx(720)
    assert backup.escalated and backup.photos == 2 and backup.staff == "王芳"
    assert rows[shop[2]].working_s is None  # escalated: the till did not work again here
    assert rows[shop[4]].is_open and rows[shop[4]].duration_s is None


def test_sorting_is_done_in_sql_with_ties_newest_first(source: LocalSource, shop: list[int]):
    assert _ids(source, sort="started", descending=False) == [shop[0], shop[1], shop[2], shop[4]]
    by_terminal = _ids(source, sort="terminal", descending=False)
    assert by_terminal == [shop[4], shop[2], shop[0], shop[1]]
    assert _ids(source, sort="photos")[0] == shop[1]
    # Empty values (an open incident has no duration) come last either way.
    assert _ids(source, sort="duration")[-1] == shop[4]
    assert _ids(source, sort="duration", descending=False)[-1] == shop[4]


def test_saved_filters_from_another_version_are_ignored_not_fatal(tmp_path: Path) -> None:
    (tmp_path / "console.json").write_text('{"history": {"sort": "nope", "terminal": 5,'
                                           ' "since": "yesterday", "text": "网线"}}')  # fmt: skip
    query, period = load_query(tmp_path)
    assert query == HistoryQuery(text="网线") and period == ""
    (tmp_path / "console.json").write_text("not json")
    assert load_query(tmp_path) == (HistoryQuery(), "")


# --- the window ---------------------------------------------------------------------------------


@pytest.fixture
def reader(qtbot, db_path: Path) -> Iterator[Reader]:
    found = Reader(lambda: LocalSource(db_path))
    yield found
    found.close()
    found.deleteLater()


def _view(qtbot, reader: Reader, folder: Path, language: str = "zh_CN") -> HistoryView:
    view = HistoryView(reader, language, folder)  # type: ignore[arg-type]
    qtbot.addWidget(view)
    view.resize(1200, 600)
    view.show()
    qtbot.waitUntil(lambda: view.model.ready and view.terminal.count() > 1)  # choices came
    return view


def _shown(view: HistoryView) -> list[int]:
    return list(view.model.ids)


def _cells(qtbot, view: HistoryView, row: int) -> list[str]:
    model = view.model
    model.data(model.index(row, 0))  # asks for the block
    qtbot.waitUntil(lambda: model.data(model.index(row, 0)) is not None)
    return [model.data(model.index(row, c)) for c in range(model.columnCount())]


def test_the_table_shows_the_history_in_chinese(qtbot, shop, reader, tmp_path: Path) -> None:
    view = _view(qtbot, reader, tmp_path)
    assert _shown(view) == [shop[4], shop[2], shop[1], shop[0]]
    assert "4" in view.count.text()
    cells = _cells(qtbot, view, 2)
    assert cells[1] == "2号收银台" and cells[2] == "交易超时"
    assert cells[3] == "已改用备用终端" and cells[4] == "POS机读卡故障"
    assert cells[5] == "12" and cells[7] == "是" and cells[9] == "2"
    assert _cells(qtbot, view, 0)[3] == "进行中"


def _type_chinese(edit: QLineEdit, text: str) -> None:
    """As an input method delivers Chinese: one committed string (QTest types ASCII only)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(edit, event)


def test_filters_and_search_typed_by_hand(qtbot, shop, reader, tmp_path: Path) -> None:
    view = _view(qtbot, reader, tmp_path)
    view.terminal.setCurrentIndex(view.terminal.findData("2号收银台"))
    qtbot.waitUntil(lambda: view.model.ready and _shown(view) == [shop[1]])
    view.terminal.setCurrentIndex(0)
    qtbot.waitUntil(lambda: view.model.ready and len(_shown(view)) == 4)
    view.search.setFocus()
    _type_chinese(view.search, "凌晨")  # two characters: found without the trigram index
    qtbot.waitUntil(lambda: view.model.ready and _shown(view) == [shop[2]])
    view.kind.setCurrentIndex(view.kind.findData("any"))
    view.search.clear()
    qtbot.waitUntil(lambda: view.model.ready and len(_shown(view)) == 5)
    view.escalated.setCurrentIndex(view.escalated.findData("yes"))
    qtbot.waitUntil(lambda: view.model.ready and _shown(view) == [shop[2], shop[1]])


def test_the_filter_survives_a_restart(qtbot, shop, reader, tmp_path: Path) -> None:
    view = _view(qtbot, reader, tmp_path)
    view.cause.setCurrentIndex(view.cause.findData("network"))
    view.period.setCurrentIndex(view.period.findData("90d"))
    qtbot.waitUntil(lambda: view.model.ready and _shown(view) == [shop[0]])
    view.close()
    again = _view(qtbot, reader, tmp_path)
    assert again.cause.currentData() == "network" and again.period.currentData() == "90d"
    assert _shown(again) == [shop[0]]
    again.clear_button.click()
    qtbot.waitUntil(lambda: again.model.ready and len(_shown(again)) == 4)


def test_clicking_a_header_sorts_in_sql(qtbot, shop, reader, tmp_path: Path) -> None:
    view = _view(qtbot, reader, tmp_path)
    header = view.table.horizontalHeader()
    at = QPoint(header.sectionViewportPosition(1) + 10, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=at)
    qtbot.waitUntil(lambda: view.model.ready and view.model.query.sort == "terminal")
    first = _shown(view)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=at)
    qtbot.waitUntil(lambda: view.model.ready and _shown(view) != first)
    assert {first[0], _shown(view)[0]} == {shop[1], shop[4]}  # 2号 at one end, 1号 at the other


def test_enter_on_a_row_opens_that_incident(qtbot, shop, reader, tmp_path: Path) -> None:
    view = _view(qtbot, reader, tmp_path)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    with qtbot.waitSignal(view.openRequested) as opened:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert opened.args == [shop[2]]


def test_csv_export_opens_in_excel_with_chinese_intact(qtbot, shop, reader, tmp_path: Path):
    view = _view(qtbot, reader, tmp_path)
    target = tmp_path / "导出.csv"
    with qtbot.waitSignal(view.exported, timeout=5000):
        view.export(target, "csv")
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel needs the BOM
    rows = list(csv.reader(target.read_text(encoding="utf-8-sig").splitlines()))
    assert len(rows) == 5
    assert rows[0][:3] == ["Started", "Terminal", "Symptom"]  # no translator loaded here
    assert rows[3][1] == "2号收银台" and rows[3][3] == "已改用备用终端"
    assert not list(tmp_path.glob(".*.part"))


def test_jsonl_export_and_a_failed_export(qtbot, shop, reader, tmp_path: Path) -> None:
    view = _view(qtbot, reader, tmp_path)
    view.cause.setCurrentIndex(view.cause.findData("reader"))
    qtbot.waitUntil(lambda: view.model.ready and _shown(view) == [shop[1]])
    target = tmp_path / "out.jsonl"
    with qtbot.waitSignal(view.exported, timeout=5000):
        view.export(target, "jsonl")
    records = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [(r["id"], r["cause"], r["terminal"]) for r in records] == [
        (shop[1], "reader", "2号收银台")
    ]
    with qtbot.waitSignal(view.exported, timeout=5000) as said:
        view.export(tmp_path / "no such folder" / "x.csv", "csv")
    assert "no such folder" in said.args[0]
    assert not (tmp_path / "no such folder").exists()


def test_100000_incidents_page_without_loading_them_all(qtbot, db_path: Path, tmp_path: Path):
    many_incidents(db_path, 100_000)
    reader = Reader(lambda: LocalSource(db_path))
    try:
        view = _view(qtbot, reader, tmp_path / "f")
        model = view.model
        assert model.rowCount() == 100_000
        table: QTableView = view.table
        bar = table.verticalScrollBar()
        for value in range(0, bar.maximum() + 1, max(1, bar.maximum() // 60)):
            bar.setValue(value)
            qtbot.wait(1)
        bar.setValue(bar.maximum())
        last = model.rowCount() - 1
        qtbot.waitUntil(lambda: model.data(model.index(last, 1)) is not None, timeout=5000)
        assert model.data(model.index(last, 1)) == f"{100_000 % 12 + 1}号收银台"
        assert model.blocks_held <= 40
        assert model.rows_read < 20_000  # read what was painted, not 100,000
    finally:
        reader.close()
        reader.deleteLater()


def test_the_history_in_english(qtbot, shop, reader, tmp_path: Path) -> None:
    view = _view(qtbot, reader, tmp_path, "en")
    cells = _cells(qtbot, view, 2)
    assert cells[3] == "switched to the backup terminal" and cells[7] == "Yes"
    assert view.model.headerData(0, Qt.Orientation.Horizontal) == "Started"


def test_a_start_date_after_the_end_finds_nothing_and_says_so(qtbot, shop, reader, tmp_path):
    view = _view(qtbot, reader, tmp_path)
    view.period.setCurrentIndex(view.period.findData("custom"))
    view.until.setDate(view.until.date().addDays(-30))
    qtbot.waitUntil(lambda: view.model.ready and view.since.isVisible())
    assert view.since.date() > view.until.date()
    assert _shown(view) == [] and "0" in view.count.text()


def test_a_corrected_symptom_is_found_by_its_new_words(db_path, source, shop) -> None:
    with IncidentStore.open(db_path) as store:
        store.amend(shop[1], author="店长", field="symptom", new_value="屏幕黑屏后死机",
                    reason="看错了")  # fmt: skip
    assert _ids(source, text="黑屏后死机") == [shop[1]]  # three and more characters: FTS
    assert _ids(source, text="死机") == [shop[1]]  # two: LIKE


def test_counts_for_a_report_end_at_the_incident_not_today(db_path: Path) -> None:
    day = timedelta(days=1)
    write_incidents(db_path, [
        Made(NOW - 200 * day), Made(NOW - 195 * day), Made(NOW - 120 * day),
        Made(NOW - 2 * day), Made(NOW - 1 * day),
    ])  # fmt: skip
    found = LocalSource(db_path)
    try:
        old = (NOW - 195 * day).timestamp()
        assert found.recent_count("1号收银台", days=30, training=False, at=old) == 2
        assert found.recent_count("1号收银台", days=90, training=False, at=old) == 2
        now = NOW.timestamp()
        assert found.recent_count("1号收银台", days=90, training=False, at=now) == 2
        assert found.recent_count("1号收银台", days=30, training=False, at=now - 1.5 * 86400) == 1
    finally:
        found.close()


def test_text_excel_would_run_as_a_formula_is_written_as_text(qtbot, db_path, tmp_path):
    write_incidents(db_path, [Made(NOW, symptom='=HYPERLINK("http://x","点这里")', staff="@王")])
    reader = Reader(lambda: LocalSource(db_path))
    try:
        view = _view(qtbot, reader, tmp_path)
        target = tmp_path / "out.csv"
        with qtbot.waitSignal(view.exported, timeout=5000):
            view.export(target, "csv")
        row = next(csv.reader(target.read_text(encoding="utf-8-sig").splitlines()[1:]))
        assert row[2] == '\'=HYPERLINK("http://x","点这里")' and row[8] == "'@王"
    finally:
        reader.close()
        reader.deleteLater()


def test_a_damaged_row_is_said_not_a_blank_list(qtbot, db_path, shop, tmp_path) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute("DROP TRIGGER incidents_closed_no_update")
    conn.execute("UPDATE incidents SET started_at = 'garbage' WHERE id = ?", (shop[2],))
    conn.commit()
    conn.close()
    reader = Reader(lambda: LocalSource(db_path))
    try:
        view = HistoryView(reader, "zh_CN", tmp_path)
        qtbot.addWidget(view)
        view.show()
        qtbot.waitUntil(lambda: "cannot be read" in view.count.text(), timeout=5000)
    finally:
        reader.close()
        reader.deleteLater()
