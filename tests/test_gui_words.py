"""What the Chinese window says in its checks and in the fault description read out to the
hotline: plain Chinese, the terminals by the names the shop gave them, units in Chinese, each
fact once; no probe ids, port URLs or operating-system error texts. Real window, real probes
against training's simulators."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from gui_driver import FINAL, SKIP, Driver
from PySide6.QtWidgets import QApplication

pytestmark = [
    pytest.mark.gui,
    pytest.mark.timeout(180),
    pytest.mark.filterwarnings("ignore::ResourceWarning"),
    pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
]

# Text that only a program should read: a probe id, a port URL, an exception or OS message,
# English units in the Chinese window.
RAW = re.compile(
    r"backup\.terminal|network\.\w+|card\.\w+|socket://|rfc2217://|Errno|Connect call failed"
    r"|\w+(Error|Exception)\b|\d\s?ms\b|\d\s?s\b"
)


@pytest.fixture
def drive(qapp: QApplication, qtbot: Any, tmp_path: Path) -> Iterator[Any]:
    drivers: list[Driver] = []

    def make(scenario: str) -> Driver:
        driver = Driver(qtbot, tmp_path / "home", scenario, "zh_CN")
        drivers.append(driver)
        return driver

    yield make
    for driver in drivers:
        driver.close()


def rows_said(d: Driver) -> list[str]:
    d.wait_until(lambda: all(r.state in FINAL for r in d.page.probes.rows()), 60000)
    return [f"{row.name}：{row.shown_line()}" for row in d.page.probes.rows()]


def test_the_backup_is_named_as_the_shop_calls_it_and_each_fact_is_said_once(drive: Any) -> None:
    d = drive("provider_maintenance")
    d.start()
    for _ in range(2):  # the cashier makes sure: the notices are read three times in all
        d.click(d.page.probes.run_again_button)
        d.wait_probes()
    notice = d.page.probes.row("notices").shown_line()
    d.type("staff", "王芳")
    d.next()
    assert d.step == "backup"
    said = rows_said(d)
    assert said == ["备用POS机：备用机拒绝了连接：它开机了吗？"], said  # not socket://127.0.0.1:…
    d.choose("payment_method", "none")
    d.next()
    assert d.step == "call" and d.page.report is not None
    report = d.page.report.report
    assert report is not None
    text = report.text
    assert not RAW.search(text), RAW.findall(text)
    assert text.count(notice) == 1, text  # read three times, said once
    assert "备用POS机：备用机拒绝了连接：它开机了吗？" in text, text  # the window's words


def test_checks_and_the_description_speak_chinese_on_every_page(drive: Any) -> None:
    d = drive("escalation")
    d.start()
    said = rows_said(d)
    d.type("staff", "王芳")
    d.next()
    d.press(SKIP)
    d.wait_probes()
    said += rows_said(d)  # the cables page: six network checks, the payment host refusing
    d.choose("cables_fixed", False)
    d.next()
    said += rows_said(d)
    d.choose("reader_methods", "none")
    d.next()
    said += rows_said(d)
    d.choose("payment_method", "none")
    d.next()
    raw = [line for line in said if RAW.search(line)]
    assert raw == []
    assert d.page.report is not None and d.page.report.report is not None
    text = d.page.report.report.text
    assert not RAW.search(text), RAW.findall(text)
    assert "毫秒" in text  # the router's answer time, in Chinese
