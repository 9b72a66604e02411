"""The console's Inspections tab: two weeks of daily inspections read from a real database on the
reader thread, what needs attention said at the top, and the figures behind it marked."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from posguide.config import load_config
from posguide.gui.console.inspections_view import FIGURES, MARK
from posguide.gui.console.window import ConsoleSetup, ConsoleWindow
from posguide.store import IncidentStore
from posguide.store.inspections import TerminalResult, record_inspection
from posguide.store.models import ProbeRecord
from posguide.timeutil import now

CONFIG = """
[[terminals]]
id = "till1"
name = "1号收银台"
[[terminals]]
id = "till2"
name = "2号收银台"
"""
RTT = 3 + FIGURES.index(("terminal", "status_rtt_ms"))
DAYS_LEFT = 3 + FIGURES.index(("network.tls", "days_left_min"))


def _probe(probe_id: str, status: str = "ok", **figures: float) -> ProbeRecord:
    return ProbeRecord(
        probe_id=probe_id,
        status=status,
        summary=f"{probe_id}: {status}",
        started_at=now().isoformat(),
        duration_ms=3.0,
        measurements={k: {"value": v, "unit": "ms"} for k, v in figures.items()},
    )


def _week(path: Path) -> None:
    """Seven mornings: till1's terminal slows down over the last three, till2 stays well; the
    certificate has 20 days left at the end."""
    with IncidentStore.open(path) as store:
        for day, rtt in enumerate((8, 9, 8, 9, 240, 260, 250)):
            started = now() - timedelta(days=6 - day, hours=1)
            days_left = 26 - day
            results = [
                TerminalResult("", _probe("network.gateway")),
                TerminalResult("till1", _probe("terminal", status_rtt_ms=rtt)),
                TerminalResult("till1", _probe("network.tls", days_left_min=days_left)),
                TerminalResult("till2", _probe("terminal", status_rtt_ms=9)),
                TerminalResult("till2", _probe("network.tls", days_left_min=days_left)),
            ]
            record_inspection(store, started=started, finished=started, trigger="scheduled",
                              results=results)  # fmt: skip
        # Older than two weeks: not shown.
        old = now() - timedelta(days=20)
        gone = [TerminalResult("till1", _probe("terminal", status_rtt_ms=1))]
        record_inspection(store, started=old, finished=old, trigger="manual", results=gone)


@pytest.fixture
def console(qtbot, db_path: Path, tmp_path: Path) -> Iterator[ConsoleWindow]:
    (tmp_path / "posguide.toml").write_text(CONFIG, encoding="utf-8")
    config = load_config(tmp_path / "posguide.toml")
    window = ConsoleWindow(ConsoleSetup(db_path, tmp_path, "zh_CN", config=config))
    window.resize(1366, 768)
    window.show()
    page = window.pin_page
    qtbot.waitUntil(lambda: page.setting is not None)
    for edit in (page.pin, page.again):
        edit.setFocus()
        qtbot.keyClicks(edit, "2580")
    qtbot.keyClick(page.again, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.is_open, timeout=5000)
    yield window
    if shiboken6.isValid(window):
        window.close()


def _open_tab(qtbot, console: ConsoleWindow) -> None:
    view = console.inspections
    assert view is not None
    with qtbot.waitSignal(view.loaded, timeout=5000):
        qtbot.keyClick(console.tabs, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
    assert console.tabs is not None and console.tabs.currentWidget() is view


def test_a_slowing_terminal_and_an_expiring_certificate_need_attention(
    qtbot, console: ConsoleWindow, db_path: Path
) -> None:
    _week(db_path)
    _open_tab(qtbot, console)
    view = console.inspections
    assert view is not None
    attention = view.attention.text()
    assert "1号收银台" in attention and "The terminal answers slower" in attention
    assert "expires in 20 days" in attention
    assert "2号收银台" in attention  # its certificate too (the same payment server)
    assert (
        "Last inspection" in view.latest.text() and "7 in the last two weeks" in view.latest.text()
    )

    table = view.table
    rows = [(table.item(r, 1).text(), table.item(r, RTT).text()) for r in range(table.rowCount())]
    assert len(rows) == 14  # 7 mornings x 2 terminals; the one three weeks ago left out
    assert rows[:2] == [("1号收银台", "250"), ("2号收银台", "9")]  # newest first

    def marked(row: int, column: int) -> bool:
        return table.item(row, column).background().color() == MARK

    till1 = [r for r in range(table.rowCount()) if table.item(r, 1).text() == "1号收银台"]
    assert [marked(r, RTT) for r in till1] == [True, True, True, False, False, False, False]
    assert not any(marked(r, RTT) for r in range(table.rowCount()) if r not in till1)
    # The certificate: only the latest inspection's figure is behind the finding.
    assert marked(0, DAYS_LEFT) and not marked(2, DAYS_LEFT)
    assert table.item(0, DAYS_LEFT).text() == "20"
    assert table.item(0, 2).text() == "OK"  # the PC's network at that inspection


def test_with_no_inspection_the_tab_says_how_to_get_one(qtbot, console: ConsoleWindow) -> None:
    _open_tab(qtbot, console)
    view = console.inspections
    assert view is not None
    assert view.table.rowCount() == 0
    assert "No inspection" in view.latest.text()
    assert "posguide schedule install" in view.how.text()
    assert not view.attention.isVisible()


def test_refresh_reads_an_inspection_recorded_meanwhile(
    qtbot, console: ConsoleWindow, db_path: Path
) -> None:
    _open_tab(qtbot, console)
    view = console.inspections
    assert view is not None and view.table.rowCount() == 0
    _week(db_path)
    with qtbot.waitSignal(view.loaded, timeout=5000):
        qtbot.mouseClick(view.refresh_button, Qt.MouseButton.LeftButton)
    assert view.table.rowCount() == 14
    assert QApplication.focusWidget() is not None
