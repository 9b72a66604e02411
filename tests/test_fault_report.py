"""The fault report from a real incident database, in both languages."""

from __future__ import annotations

import dataclasses
import re
import tomllib
from datetime import datetime, timedelta
from typing import Any

import pytest
from images import jpeg_bytes

from posguide.alerts import compose_alert
from posguide.config import Provider, Terminal
from posguide.flow import load_playbook
from posguide.i18n import Text
from posguide.reports import (
    build_fault_report,
    check_strings,
    lookup_code,
    recent_incident_count,
    recent_incident_counts,
)
from posguide.reports.fault import MAX_TEXT_LINES
from posguide.reports.strings import STRINGS_FILE, resource_path
from posguide.store import IncidentStore, ProbeRecord
from posguide.store.models import IncidentDetail
from posguide.timeutil import parse_iso

TERMINAL = Terminal(id="till1", name="1号收银台", provider="ums")
PROVIDER = Provider(id="ums", name="银联商务", hotline="95534")
PAN = "6222 0212 3456 7894"  # Luhn-valid
GATEWAY = ProbeRecord(
    "network.gateway", "ok", "The router 192.168.1.1 answers", "t", 4.0,
    {"rtt_ms": {"value": 1.8, "unit": "ms"}, "loss_pct": {"value": 0.0, "unit": "%"}},
    {"gateway": "192.168.1.1", "method": "icmp"},
)  # fmt: skip
NOTICES = ProbeRecord("notices", "fail", "UnionPay: 系统维护 02:00-04:00", "t", 40.0,
                      {"notices": {"value": 1, "unit": "count"}}, {})  # fmt: skip


def record_incident(store: IncidentStore, *, symptom: str = "屏幕显示“在维护中”") -> int:
    incident = store.start_incident(
        terminal="till1", reported_by="张三", symptom=symptom, error_code="96"
    )
    step = store.begin_step(incident, "notice")
    store.record_probe(step, NOTICES)
    store.save_step(step, answers={"screen_text": "在维护中"}, status="done")
    step = store.begin_step(incident, "router")
    store.record_probe(step, GATEWAY)
    store.save_step(step, answers={"restarted": True}, notes="指示灯正常", status="done")
    store.attach_photo(incident, jpeg_bytes(), step_id=step, caption='屏幕 <在维护中> & "96"')
    store.attach_photo(incident, jpeg_bytes(color="blue"), caption="背面标签")
    return incident


def report(
    detail: IncidentDetail,
    language: Any,
    *,
    minutes: int = 12,
    recent: dict[int, int] | None = None,
    **kw: Any,
) -> Any:
    now = parse_iso(detail.incident.started_at) + timedelta(minutes=minutes, seconds=30)
    return build_fault_report(
        detail,
        provider=kw.get("provider", PROVIDER),
        terminal=kw.get("terminal", TERMINAL),
        recent={30: 3, 90: 5} if recent is None else recent,
        now=now,
        language=language,
        shop=kw.get("shop", ""),
        ending=kw.get("ending"),
    )


def test_chinese_report_has_the_facts(store: IncidentStore) -> None:
    detail = store.get_incident(record_incident(store))
    r = report(detail, "zh_CN")
    started = parse_iso(detail.incident.started_at).astimezone().strftime("%Y-%m-%d %H:%M")
    assert r.title == "POS机故障说明：1号收银台"
    for fact in (
        "终端：1号收银台（编号 till1）",
        "收单机构：银联商务",
        "服务热线：95534",
        "故障现象：屏幕显示“在维护中”",
        "应答码：96 — 系统故障/交换中心维护",
        "报告人：张三",
        f"开始时间：{started}（已持续 12 分钟）",
        "本终端故障次数：近 30 天 3 次，近 90 天 5 次（含本次）",
        "1. 查看收单机构维护公告 — 已完成",
        "收单机构正在维护（1 条维护公告）",
        "回答：屏幕显示：在维护中",
        "2. 检查路由器和网络 — 已完成",
        "路由器 192.168.1.1 有回应（1.8 毫秒，丢包 0%）",  # the window's words and units
        "回答：已重启：是",
        "备注：指示灯正常",
        '照片：2 张（屏幕 <在维护中> & "96"；背面标签）',
    ):
        assert fact in r.text, (fact, r.text)
    assert "处理结果" not in r.text  # still open
    assert len(r.text.splitlines()) <= MAX_TEXT_LINES


UPLINK_WORDS = {
    "ethernet": ("网线（接店里的路由器）", "Cable to the shop's router"),
    "wifi": ("店里的 Wi-Fi", "The shop's Wi-Fi"),
    "cellular": ("POS机自带的SIM卡（4G/2G），不经过店里的网络；网络检查是在收银电脑上做的",
                 "Its own SIM card (4G/2G), not the shop's network; the network checks ran on "
                 "the till PC"),
    "dialup": ("电话线拨号，不经过店里的网络；网络检查是在收银电脑上做的",
               "Telephone line (dial-up), not the shop's network; the network checks ran on the "
               "till PC"),
}  # fmt: skip


@pytest.mark.parametrize("uplink", list(UPLINK_WORDS))
def test_the_report_says_how_the_terminal_goes_online(store: IncidentStore, uplink: str) -> None:
    """A 4G or dial-up terminal's support line must not read the PC's network checks as the
    terminal's: the report says what they are."""
    detail = store.get_incident(record_incident(store))
    terminal = dataclasses.replace(TERMINAL, uplink=uplink)
    zh, en = UPLINK_WORDS[uplink]
    assert f"联网方式：{zh}" in report(detail, "zh_CN", terminal=terminal).text
    assert f"Goes online via: {en}" in report(detail, "en", terminal=terminal).text


def test_the_report_says_the_uplink_recorded_with_the_incident(store: IncidentStore) -> None:
    """Set up differently since, the terminal went online as recorded; before schema v8 nothing
    was recorded and the set-up of today is all there is."""
    incident = store.start_incident(terminal="till1", uplink="cellular")
    cable = dataclasses.replace(TERMINAL, uplink="ethernet")
    assert "联网方式：POS机自带的SIM卡" in report(store.get_incident(incident), "zh_CN",
                                                terminal=cable).text  # fmt: skip
    older = store.start_incident(terminal="till1")
    assert "联网方式：网线" in report(store.get_incident(older), "zh_CN", terminal=cable).text


def test_english_report_and_outcome_when_closed(store: IncidentStore) -> None:
    incident = record_incident(store)
    store.close_incident(incident, outcome="resolved", cause="provider maintenance ended")
    detail = store.get_incident(incident)
    r = report(detail, "en", minutes=600)
    ended = parse_iso(detail.incident.ended_at or "").astimezone().strftime("%Y-%m-%d %H:%M")
    for fact in (
        "Card terminal fault report: 1号收银台",
        "Terminal: 1号收银台 (id till1)",
        "Hotline: 95534",
        "Response code: 96 — System malfunction / switching centre under maintenance",
        "min in all)",
        "This terminal's incidents: 3 in the last 30 days, 5 in the last 90 days"
        " (including this one)",
        "Router 192.168.1.1 reachable (1.8 ms, loss 0%)",
        "Provider maintenance in progress (1 maintenance notice)",
        "Answers: Restarted: Yes",
        "Photos: 2 (",
        f"Outcome: resolved; Cause: provider maintenance ended; Ended: {ended}",
    ):
        assert fact in r.text, (fact, r.text)
    assert "(0 min in all)" in r.text  # closed: the duration, not the time since
    assert "<th>Outcome</th>" in r.html and "provider maintenance ended" in r.html
    assert "<h2>Outcome</h2>" not in r.html  # not a heading "Outcome" above a row "Outcome"


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_html_escapes_everything_and_references_photos(store: IncidentStore, language: Any) -> None:
    incident = record_incident(store, symptom="<script>alert('x')</script> & 维护")
    detail = store.get_incident(incident)
    r = report(detail, language)
    assert r.html.startswith("<!DOCTYPE html>") and r.html.rstrip().endswith("</html>")
    assert "<script>" not in r.html and "&lt;script&gt;alert(&#x27;x&#x27;)" in r.html
    assert "屏幕 &lt;在维护中&gt; &amp; &quot;96&quot;" in r.html
    ids = [p.id for p in detail.photos]
    for photo_id in ids:
        assert f'<img src="photo:{photo_id}"' in r.html
    assert "http" not in r.html  # self-contained: nothing fetched when printed
    assert "192.168.1.1" in r.html and "95534" in r.html


def test_counts_recent_incidents_on_this_terminal(store: IncidentStore) -> None:
    now = datetime.now().astimezone()
    current = record_incident(store)
    for days in (40, 100):  # within 90 days, not 30; within neither
        old = store.start_incident(terminal="till1")
        then = now - timedelta(days=days)
        store.db.conn.execute(
            "UPDATE incidents SET started_ts = ?, started_at = ? WHERE id = ?",
            (then.timestamp(), then.isoformat(timespec="seconds"), old),
        )
    store.db.conn.commit()
    store.start_incident(terminal="till1")  # recent
    store.start_incident(terminal="till2")  # another terminal
    store.start_incident(terminal="till1", training=True)  # training is kept apart
    detail = store.get_incident(current)
    assert recent_incident_count(store, detail, now) == 2
    recent = recent_incident_counts(store, detail, now)
    assert recent == {30: 2, 90: 3}
    zh, en = report(detail, "zh_CN", recent=recent), report(detail, "en", recent=recent)
    assert "本终端故障次数：近 30 天 2 次，近 90 天 3 次（含本次）" in zh.text
    assert "2 in the last 30 days, 3 in the last 90 days (including this one)" in en.text
    assert "近 90 天 3 次" in zh.html and "3 in the last 90 days" in en.html


def test_shop_name_is_a_fact_when_given(store: IncidentStore) -> None:
    detail = store.get_incident(record_incident(store))
    zh = report(detail, "zh_CN", shop="  幸福路 超市 ")
    assert "门店：幸福路 超市\n终端：1号收银台" in zh.text
    assert "<th>Shop</th><td>幸福路 超市</td>" in report(detail, "en", shop="幸福路 超市").html
    assert "门店" not in report(detail, "zh_CN").text  # not configured: no empty row


def test_card_numbers_masked_again(store: IncidentStore) -> None:
    detail = store.get_incident(record_incident(store))
    # As if a record had slipped past the store's masking.
    raw = dataclasses.replace(detail, incident=dataclasses.replace(detail.incident, notes=PAN))
    for language in ("zh_CN", "en"):
        r = report(raw, language)
        assert PAN not in r.text and PAN not in r.html
        assert "**** **** **** 7894" in r.text and "**** **** **** 7894" in r.html


def test_long_incident_is_cut_to_the_line_budget(store: IncidentStore) -> None:
    incident = store.start_incident(terminal="till1", symptom="在维护中")
    for n in range(30):
        step = store.begin_step(incident, "reboot" if n % 2 else "cables")
        for _ in range(3):
            store.record_probe(step, GATEWAY)
        store.save_step(step, status="failed")
    detail = store.get_incident(incident)
    for language in ("zh_CN", "en"):
        r = report(detail, language)
        lines = r.text.splitlines()
        assert len(lines) <= MAX_TEXT_LINES
        assert "……另有" in r.text or "more lines" in r.text
        assert r.html.count("<li><b>") == 30  # the printout keeps every step


def test_unknown_terminal_provider_and_code(store: IncidentStore) -> None:
    incident = store.start_incident(terminal="pos-9", error_code="Z9 未知错误")
    r = report(store.get_incident(incident), "zh_CN", terminal=None, provider=None)
    assert "终端：pos-9" in r.text and "收单机构：未知" in r.text
    assert "应答码：Z9 未知错误" in r.text and "还没有做任何检查" in r.text


def test_strings_are_complete_in_both_languages() -> None:
    with resource_path(*STRINGS_FILE).open("rb") as f:
        data = tomllib.load(f)
    assert check_strings(data) == []
    data["en"]["report"].pop("title")
    data["en"]["alert"]["head"] = "{terminal} {minutes}"
    assert sorted(check_strings(data)) == [
        "alert.head: fields differ between zh_CN and en",
        "en.report.title missing",
    ]


def test_response_code_table() -> None:
    assert lookup_code("96") is not None
    for code in ("00", "91", "96", "97", "77", "a7"):
        entry = lookup_code(code)
        assert entry is not None and entry.meaning["zh_CN"] and entry.meaning["en"]
    assert lookup_code("960") is None and lookup_code("") is None
    assert lookup_code("96 系统故障") == lookup_code("96")


# --- an incident recorded the way the wizard records it, read with the default playbook -------

DNS_SOURCE = "The payment host names resolve ({ms:.0f} ms)"
TLS_SOURCE = "Secure connections to the payment hosts work"
FAKE_ZH = {
    DNS_SOURCE: "支付主机域名解析正常（{ms:.0f} 毫秒）",
    TLS_SOURCE: "到支付主机的加密连接正常",
    "Name lookup (DNS)": "域名解析",  # the window's names (posguide.probes.registry)
    "Secure connection to the payment server": "与支付服务器的安全连接",
}


def fake_translate(context: str, source: str) -> str:
    return FAKE_ZH.get(source, source)


def probe(probe_id: str, summary: Text, second: int, **measurements: Any) -> ProbeRecord:
    return ProbeRecord(
        probe_id,
        "ok",
        str(summary),
        f"2026-11-02T10:00:0{second}+08:00",
        5.0,
        measurements,
        {},
        summary_source=summary.source,
        summary_args=summary.json_args(),
    )


def record_wizard_incident(store: IncidentStore) -> int:
    incident = store.start_incident(
        terminal="till1", reported_by="王芳", symptom="在维护中", error_code="96"
    )
    step = store.begin_step(incident, "symptom")
    store.record_probe(step, NOTICES)
    answers: dict[str, Any] = {
        "terminal": "till1",
        "shows": "maintenance",
        "staff": "王芳",
        "screen_text": "",
    }
    store.save_step(step, answers=answers, status="done")
    step = store.begin_step(incident, "cables")
    # Recorded as they finished: TLS first, though it started last and comes last in the step.
    store.record_probe(step, probe("network.tls", Text(TLS_SOURCE), 3,
                                   days_left_min={"value": 364, "unit": "days"}))  # fmt: skip
    store.record_probe(step, probe("network.dns", Text(DNS_SOURCE, ms=12.4), 2))
    store.record_probe(step, GATEWAY)
    answers = {"lights": ["power", "lan"], "cables_fixed": False, "cables_fix": None}
    store.save_step(step, answers=answers, status="done")
    step = store.begin_step(incident, "reader")
    store.save_step(step, answers={"reader_methods": ["none"]}, status="done")
    step = store.begin_step(incident, "call")
    answers = {"ticket": "GD-2026-118", "cause": "gateway_timeout", "outcome": "escalated"}
    store.save_step(step, answers=answers, status="done")
    return incident


def wizard_report(store: IncidentStore, language: Any, **kw: Any) -> Any:
    detail = store.get_incident(record_wizard_incident(store))
    return build_fault_report(
        detail,
        provider=PROVIDER,
        terminal=TERMINAL,
        recent={30: 1, 90: 1},
        now=parse_iso(detail.incident.started_at) + timedelta(minutes=15),
        language=language,
        playbook=load_playbook(),
        **kw,
    )


# Half-width punctuation in Chinese text (a time's "03:11" aside).
HALF_WIDTH = re.compile(r"[(),;]|(?<!\d):|:(?!\d)")
ANSWER_IDS = r"(?:staff|terminal|shows|cables_fixed|lights|reader_methods|ticket|cause|outcome)"
RAW_IDS = re.compile(rf"\b{ANSWER_IDS}\b|\bnone\b|gateway_timeout")  # no id at all (zh)
RAW_FORMS = re.compile(rf"\b{ANSWER_IDS}\s?[:：]|\b[a-z]+_[a-z_]+\b")  # "cause:", "step_key"


def test_chinese_report_reads_like_the_wizard(store: IncidentStore) -> None:
    r = wizard_report(store, "zh_CN", translate=fake_translate)
    text = r.text
    for fact in (
        "1. 先看一下POS机显示什么 — 已完成",
        "屏幕上显示什么？“在维护中”",
        "2. 检查网线和路由器 — 已完成",
        "路由器上现在哪些灯是亮的？电源、LAN",
        "检查和处理之后，测试交易能成功吗？否",
        # Said once: the summary names the check, and gives the time the measurement would.
        "   - 支付主机域名解析正常（12 毫秒）\n",
        "与支付服务器的安全连接：到支付主机的加密连接正常（证书剩余 364 天）",
        "3. 用一张正常的卡测试刷卡 — 已完成",
        "用正常的卡，哪些方式能成功？都不行",
        "4. 打电话给支付公司 — 已完成",
        "客服给的工单号（如果有）：GD-2026-118",
        "客服说是什么原因？支付系统响应超时",
        "现在情况怎么样？还没修好，已交给店长或客服跟进",
        "收单机构正在维护（1 条维护公告）",
    ):
        assert fact in text, (fact, text)
    # The probes come in the step's order (gateway, DNS, TLS), not in the order they finished.
    assert text.index("路由器 192.168.1.1") < text.index("域名解析") < text.index("加密连接")
    assert not RAW_IDS.search(text) and not RAW_FORMS.search(text), text
    assert "symptom" not in text and "call" not in text  # the playbook's step ids
    assert not HALF_WIDTH.search(text), HALF_WIDTH.findall(text)
    assert "The payment host" not in text and " d)" not in text and "公告 0" not in text
    assert "您的名字" not in text  # the reporter is already in the facts above
    assert "路由器上现在哪些灯是亮的？电源、LAN" in r.html


def test_english_report_reads_like_the_wizard(store: IncidentStore) -> None:
    text = wizard_report(store, "en", translate=fake_translate).text
    for fact in (
        "1. First, what does the terminal show? — done",
        'What does the screen show? "在维护中" (under maintenance)',
        "Which lights on the router are on now? Power, LAN",
        "After checking and fixing, does a test transaction work? No",
        "Name lookup (DNS): The payment host names resolve (12 ms)\n",
        "Secure connection to the payment server: Secure connections to the payment hosts work"
        " (certificate 364 days)",
        "With the card that works, which ways succeeded? None of them",
        "Ticket number from the support line (if any): GD-2026-118",
        "What did the support line say the cause was? Payment system timed out",
        "4. Call the payment provider — done",
    ):
        assert fact in text, (fact, text)
    assert not RAW_FORMS.search(text), text


def test_probe_summaries_stay_english_without_a_translate_function(store: IncidentStore) -> None:
    text = wizard_report(store, "zh_CN").text
    assert "Name lookup (DNS)：正常 — The payment host names resolve (12 ms)" in text
    assert "支付主机域名解析正常" not in text


def test_without_a_playbook_probes_come_in_the_order_they_started(store: IncidentStore) -> None:
    detail = store.get_incident(record_wizard_incident(store))
    text = report(detail, "zh_CN").text
    cables = text[text.index("2. 检查线缆") :]
    assert cables.index("DNS") < cables.index("Secure")  # started 10:00:02, 10:00:03
    assert "回答：" in cables  # answers by id, as nothing says what was asked


def test_closing_cause_is_in_words(store: IncidentStore) -> None:
    incident = record_wizard_incident(store)
    store.close_incident(incident, outcome="escalated", cause="gateway_timeout")
    detail = store.get_incident(incident)
    zh, en = report(detail, "zh_CN").text, report(detail, "en").text
    assert "处理结果：已上报收单机构；原因：支付系统响应超时" in zh
    assert "Outcome: escalated to the provider; Cause: payment system timed out" in en


def test_the_last_page_shows_the_outcome_reached_before_finish_saves_it(
    store: IncidentStore,
) -> None:
    detail = store.get_incident(record_wizard_incident(store))
    still_open = report(detail, "zh_CN")
    assert "处理结果" not in still_open.text and "仍未解决" in still_open.html
    reached = report(detail, "zh_CN", ending=("backup", "reader"))
    assert "处理结果：已改用备用终端；原因：POS机读卡故障" in reached.text
    assert "结束时间" not in reached.text  # not ended until Finish records it
    assert "仍未解决" not in reached.html


def test_alert_uses_the_playbook_titles(store: IncidentStore) -> None:
    detail = store.get_incident(record_wizard_incident(store))
    text = compose_alert(detail, TERMINAL, PROVIDER, 12, "zh_CN", playbook=load_playbook())
    assert "1. 先看一下POS机显示什么 — 已完成：收单机构正在维护（1 条维护公告）" in text
    assert "symptom" not in text and not HALF_WIDTH.search(text), text
