"""The live checks in the real window speak the window's language: a running check's progress
line and a finished check's details, on training mode's simulators."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from gui_driver import Driver

pytestmark = [
    pytest.mark.gui,
    pytest.mark.timeout(120),
]

CHINESE = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def restart_step(qtbot: Any, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Driver]:
    """The restart step of the terminal_reboot scenario, its restart watch running."""
    d = Driver(qtbot, tmp_path / "home", "terminal_reboot", request.param)
    try:
        d.start()
        d.type("staff", "王芳")
        d.next()
        assert d.step == "reboot"
        yield d
    finally:
        d.close()


def restart(d: Driver) -> None:
    """The trainee restarts the terminal; the watch sees it, then the other checks run."""
    d.training("restart_terminal")
    d.wait_probes()


def open_details(d: Driver, probe_id: str) -> str:
    row = d.page.probes.row(probe_id)
    d.click(row.details_button)
    assert row.detail_shown()
    return row.detail_label.text()


@pytest.mark.parametrize("restart_step", ["zh_CN"], indirect=True)
def test_the_chinese_window_shows_progress_and_details_in_chinese(restart_step: Driver) -> None:
    d = restart_step
    watch = d.page.probes.row("terminal.reboot")
    d.wait_until(lambda: watch.is_running() and watch.shown_line() != watch.status_text())
    assert watch.shown_line() == "正在等待POS机断开"
    restart(d)
    detail = open_details(d, "terminal.reboot")
    assert "断开过：是" in detail and "已恢复：是" in detail, detail
    assert re.search(r"^断开时长：[\d.]+ 秒$", detail, re.MULTILINE), detail
    terminal = open_details(d, "terminal")
    labels = [line.split("：", 1)[0] for line in terminal.splitlines()]
    assert labels and all(CHINESE.search(label) for label in labels), terminal
    assert "回复内容：STATUS OK" in terminal  # the reply itself stays as the terminal sent it


@pytest.mark.parametrize("restart_step", ["en"], indirect=True)
def test_the_english_window_stays_english(restart_step: Driver) -> None:
    d = restart_step
    watch = d.page.probes.row("terminal.reboot")
    d.wait_until(lambda: watch.is_running() and watch.shown_line() != watch.status_text())
    assert watch.shown_line() == "Waiting for the terminal to go offline"
    restart(d)
    detail = open_details(d, "terminal.reboot")
    assert "Went offline: yes" in detail and "Came back: yes" in detail, detail
    assert not CHINESE.search(detail), detail
