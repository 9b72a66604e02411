"""The live probe panel: rows, states, details, Retry and the verdict, as a cashier sees them."""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication

from posguide.gui.i18n import Translators, translate
from posguide.gui.names import detail_text
from posguide.gui.step_checks import StepChecks
from posguide.gui.widgets.probe_panel import ProbePanel
from posguide.gui.widgets.probe_row import ProbeRow
from posguide.i18n import QT_TR_NOOP, Text
from posguide.probes import Measurement, Outcome, ProbeResult, ProgressCallback, Status
from posguide.probes.network.gateway import ping_step

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_level_fail("WARNING"),
    # the offscreen platform says this whenever a top-level window with a layout is shown
    pytest.mark.qt_log_ignore("propagateSizeHints"),
]

PROBES = [("gateway", "网关 192.168.1.1"), ("dns", "域名解析"), ("host", "收单主机")]
DETAIL = "host     pos.example.cn\nport     443\nresult   timed out after 5.0 s"


@pytest.fixture
def panel(qtbot) -> ProbePanel:
    widget = ProbePanel()
    qtbot.addWidget(widget)
    widget.set_probes(PROBES)
    widget.resize(700, 500)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def running_timers(panel: ProbePanel) -> list[QTimer]:
    return [timer for timer in panel.findChildren(QTimer) if timer.isActive()]


def test_rows_appear_waiting_with_their_names(panel: ProbePanel) -> None:
    rows = panel.rows()
    assert [(row.probe_id, row.name) for row in rows] == PROBES
    assert all(row.state == "waiting" and row.shown_line() == "Waiting" for row in rows)
    assert rows[0].accessibleName() == "网关 192.168.1.1: Waiting"
    assert all(row.retry_button.isHidden() and row.details_button.isHidden() for row in rows)
    assert not panel.is_busy()
    assert not panel.run_again_button.isHidden() and panel.run_again_button.isEnabled()
    assert running_timers(panel) == []


def test_set_probes_replaces_the_rows(panel: ProbePanel) -> None:
    panel.set_probes([("reader", "读卡器")])
    assert [row.probe_id for row in panel.rows()] == ["reader"]
    panel.set_probes([])
    assert panel.rows() == [] and panel.run_again_button.isHidden()


def test_running_probe_spins_and_shows_progress(panel: ProbePanel, qtbot) -> None:
    panel.probe_started("dns")
    row = panel.row("dns")
    assert row.state == "running" and row.shown_line() == "Checking…"
    assert panel.is_busy() and panel.spinner_active()
    assert row.progress.isHidden()  # no known end: the spinning icon is the busy indicator
    assert row.retry_button.isHidden()
    assert not panel.run_again_button.isEnabled()
    assert row.accessibleName() == "域名解析: Checking…"

    panel.probe_progress("dns", 0.4, "已发送 4/10 个 ping")
    assert row.shown_line() == "已发送 4/10 个 ping"
    assert not row.progress.isHidden()
    assert row.progress.value() == 400

    panel.probe_progress("dns", None, "正在查询")
    assert row.progress.isHidden() and row.shown_line() == "正在查询"
    qtbot.waitUntil(lambda: row.icon._angle > 0, timeout=1000)  # it really turns


def test_finished_probe_shows_result_and_stops_the_spinner(panel: ProbePanel) -> None:
    panel.probe_started("gateway")
    panel.probe_started("host")
    panel.probe_finished("gateway", "ok", "网关可达，延迟 2 ms", "rtt avg 2.0 ms")
    assert panel.is_busy() and panel.spinner_active()  # host still runs
    panel.probe_finished("host", "fail", "连接超时", DETAIL)
    host = panel.row("host")
    assert host.state == "fail" and host.shown_line() == "连接超时"
    assert host.icon.state == "fail"
    assert host.accessibleName() == "收单主机: Failed"
    assert not host.retry_button.isHidden() and not host.details_button.isHidden()
    assert not panel.is_busy() and not panel.spinner_active()
    assert panel.run_again_button.isEnabled()
    assert running_timers(panel) == []  # nothing runs: no CPU used


class Browser(QObject):
    """Stands where the web browser would be: Qt hands it the URLs it is asked to open."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url.toString())


def test_a_row_with_a_web_page_offers_to_open_it(panel: ProbePanel, qtbot) -> None:
    browser = Browser()
    QDesktopServices.setUrlHandler("http", browser, "open")
    try:
        panel.probe_finished("dns", "ok", "无公告", "")
        assert panel.row("dns").open_button.isHidden()  # nothing to open
        page = "http://bank.test/news/notices/0709.html"
        panel.probe_finished("host", "fail", "示例银行维护中", DETAIL, page)
        row = panel.row("host")
        assert not row.open_button.isHidden()
        assert row.open_button.text() == "Open the web page" and row.open_button.toolTip() == page
        qtbot.mouseClick(row.open_button, Qt.MouseButton.LeftButton)
        assert browser.opened == [page]
        panel.probe_started("host")  # checking again: the old page is not offered meanwhile
        assert row.open_button.isHidden()
    finally:
        QDesktopServices.unsetUrlHandler("http")


def test_unknown_status_and_unknown_probe(panel: ProbePanel) -> None:
    panel.probe_finished("dns", "bogus", "", "")
    assert panel.row("dns").state == "error"
    assert panel.row("dns").shown_line() == "Could not check"  # no summary: the state says it
    panel.probe_started("nope")
    panel.probe_finished("nope", "ok", "x", "")
    assert not panel.is_busy()


def test_details_toggle_shows_selectable_text(panel: ProbePanel, qtbot) -> None:
    panel.probe_finished("host", "fail", "连接超时", DETAIL)
    row = panel.row("host")
    assert not row.detail_shown()
    assert row.details_button.text() == "Details"
    qtbot.mouseClick(row.details_button, Qt.MouseButton.LeftButton)
    assert row.detail_shown() and row.detail_label.text() == DETAIL
    assert row.details_button.text() == "Hide details"
    flags = row.detail_label.textInteractionFlags()
    assert flags & Qt.TextInteractionFlag.TextSelectableByMouse
    assert flags & Qt.TextInteractionFlag.TextSelectableByKeyboard
    qtbot.keyClick(row.details_button, Qt.Key.Key_Space)
    assert not row.detail_shown()
    qtbot.keyClick(row.details_button, Qt.Key.Key_Return)
    assert row.detail_shown()

    panel.probe_started("host")  # run again: the old detail goes away
    assert not row.detail_shown() and row.details_button.isHidden()


def test_no_details_button_without_detail(panel: ProbePanel) -> None:
    panel.probe_finished("dns", "skipped", "本店未配置", "")
    assert panel.row("dns").details_button.isHidden()
    assert not panel.row("dns").retry_button.isHidden()


@pytest.mark.parametrize("press", ["click", "space", "enter", "return"])
def test_retry_button_asks_for_that_probe(panel: ProbePanel, qtbot, press: str) -> None:
    panel.probe_finished("dns", "warn", "DNS 较慢", "time 820 ms")
    button = panel.row("dns").retry_button
    assert button.height() >= 44
    assert button.accessibleName() == "Retry 域名解析"
    with qtbot.waitSignal(panel.retry_requested, timeout=1000) as blocker:
        if press == "click":
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        else:
            key = {"space": Qt.Key.Key_Space, "enter": Qt.Key.Key_Enter}.get(press)
            qtbot.keyClick(button, key or Qt.Key.Key_Return)
    assert blocker.args == ["dns"]


def test_run_checks_again_by_click_enter_and_mnemonic(panel: ProbePanel, qtbot) -> None:
    for probe_id, _ in PROBES:
        panel.probe_finished(probe_id, "ok", "正常", "")
    button = panel.run_again_button
    assert button.text() == "&Run checks again" and button.height() >= 44
    with qtbot.waitSignal(panel.retry_all_requested, timeout=1000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(panel.retry_all_requested, timeout=1000):
        qtbot.keyClick(button, Qt.Key.Key_Enter)
    panel.activateWindow()
    panel.row("gateway").retry_button.setFocus()
    with qtbot.waitSignal(panel.retry_all_requested, timeout=1000):
        qtbot.keyClick(panel, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)


def test_tab_walks_the_rows_then_run_again(panel: ProbePanel, qtbot) -> None:
    for probe_id, _ in PROBES:
        panel.probe_finished(probe_id, "ok", "正常", "detail")
    panel.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is panel, timeout=1000)
    order = [w for row in panel.rows() for w in (row.details_button, row.retry_button)]
    order[0].setFocus()
    seen = [QApplication.focusWidget()]
    for _ in range(len(order)):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert seen == [*order, panel.run_again_button]


def test_verdict_banner_shows_and_clears(panel: ProbePanel) -> None:
    assert panel.verdict_text() == "" and panel.verdict.isHidden()
    panel.show_verdict("网络正常，但收单主机连不上：请致电服务商。", "fail")
    assert not panel.verdict.isHidden()
    assert panel.verdict_text() == "网络正常，但收单主机连不上：请致电服务商。"
    assert panel.verdict_icon.state == "fail"
    assert panel.verdict.accessibleName() == panel.verdict_text()
    panel.show_verdict("全部正常", "ok")
    assert panel.verdict_icon.state == "ok" and panel.verdict_text() == "全部正常"
    panel.clear_verdict()
    assert panel.verdict.isHidden() and panel.verdict_text() == ""
    panel.show_verdict("旧结论", "warn")
    panel.set_probes(PROBES)  # new rows: an old verdict no longer applies
    assert panel.verdict_text() == ""


# --- the UI's language: progress lines and details as the step's checks deliver them --------


class Halting:
    """A probe that reports progress, then waits to be let go and finishes with facts."""

    id, timeout_s = "network.gateway", 5.0

    def __init__(self) -> None:
        self.release = asyncio.Event()

    async def check(self, progress: ProgressCallback) -> ProbeResult:
        progress(0.25, ping_step(1, 4))
        await self.release.wait()
        return Outcome(self.id).finish(
            Status.OK,
            Text(QT_TR_NOOP("The router {gateway} answers"), gateway="192.168.1.1"),
            measurements={"rtt_ms": Measurement(1.5, "ms")},
            method="icmp",
            gateway="192.168.1.1",
            isup=True,
        )


def run_checks(panel: ProbePanel, qtbot) -> tuple[str, ProbeRow]:
    """The step's checks as the window runs them (StepChecks), feeding ``panel``: the row's
    progress line while the probe runs, and the row once finished with its details open."""
    probe = Halting()
    shown: list[str] = []
    panel.set_probes([(probe.id, "路由器")])
    row = panel.row(probe.id)

    def finished(_step: str, result: ProbeResult) -> None:
        summary = result.summary_in(translate)
        panel.probe_finished(result.probe_id, result.status.value, summary, detail_text(result))

    async def scenario() -> None:
        checks = StepChecks(
            build=lambda _wanted: ([probe], []),
            spawn=asyncio.ensure_future,
            started=panel.probe_started,
            progress=panel.probe_progress,
            finished=finished,
            done=lambda _step: None,
        )
        checks.run("cables", [probe.id])
        while row.shown_line() == row.status_text():  # until the first progress line is in
            await asyncio.sleep(0.01)
        shown.append(row.shown_line())
        probe.release.set()
        while checks.busy():
            await asyncio.sleep(0.01)

    asyncio.run(asyncio.wait_for(scenario(), 5))
    qtbot.mouseClick(row.details_button, Qt.MouseButton.LeftButton)
    assert row.detail_shown()
    return shown[0], row


@pytest.fixture
def chinese(qapp):
    translators = Translators(qapp)
    translators.switch("zh_CN")
    yield
    translators.uninstall()


def test_progress_and_details_are_chinese_in_the_chinese_window(
    panel: ProbePanel, qtbot, chinese: None
) -> None:
    progress_line, row = run_checks(panel, qtbot)
    assert progress_line == "第 1 次 ping，共 4 次"
    assert row.shown_line() == "路由器 192.168.1.1 有回应"
    detail = row.detail_label.text().splitlines()
    assert detail == ["往返时间：1.5 毫秒", "检查方式：icmp", "路由器：192.168.1.1", "已连上：是"]
    assert row.details_button.text() == "收起详情"


def test_progress_and_details_stay_english_in_the_english_window(panel: ProbePanel, qtbot) -> None:
    progress_line, row = run_checks(panel, qtbot)
    assert progress_line == "Ping 1 of 4"
    assert row.shown_line() == "The router 192.168.1.1 answers"
    detail = row.detail_label.text().splitlines()
    assert detail == ["Round trip: 1.5 ms", "Method: icmp", "Router: 192.168.1.1", "Connected: yes"]
