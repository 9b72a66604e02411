"""Alerts against the real robot simulator (HTTP on 127.0.0.1) and a real SQLite store.

The simulator verifies keys, tokens, signatures and timestamp windows as the services do; retry
delays are injected as zero so the suite stays fast.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar, cast
from urllib.parse import quote

import aiohttp
import pytest

from posguide.alerts import (
    AlertSender,
    AttemptReport,
    build_request,
    check_answer,
    compose_alert,
    dingtalk_sign,
    truncate_utf8,
)
from posguide.config import AlertChannel, Provider, Secret, Terminal
from posguide.sim.alert_receiver import AlertReceiver
from posguide.store import IncidentStore, ProbeRecord

T = TypeVar("T")
SECRET = "SECd0e1f2a3b4c5d6e7f8091a2b3c4d5e6f"
TERMINAL = Terminal(id="till1", name="1号收银台")
PROVIDER = Provider(id="ums", name="银联商务", hotline="95534")
FAST = (0.0, 0.0, 0.0)


def run(coro: Awaitable[T]) -> T:
    async def wrapper() -> T:
        return await coro

    return asyncio.run(wrapper())


def make_incident(store: IncidentStore, *, steps: int = 2, note: str = "") -> int:
    incident = store.start_incident(terminal="till1", symptom="屏幕显示在维护中", error_code="96")
    for n in range(steps):
        step = store.begin_step(incident, "notice" if n == 0 else "router")
        store.record_probe(
            step,
            ProbeRecord(
                "network.gateway", "fail" if n else "ok", "The router does not answer", "t", 3.0,
                {"rtt_ms": {"value": 1.8, "unit": "ms"}}, {"gateway": "192.168.1.1"},
            ),
        )  # fmt: skip
        store.save_step(step, status="done", notes=note)
    return incident


def alert_rows(store: IncidentStore, incident: int) -> list[tuple[str, str, int, bool, str]]:
    return [
        (e.kind, e.channel, e.attempt, e.ok, e.detail)
        for e in store.get_incident(incident).escalations
    ]


async def deliver(
    store: IncidentStore,
    setup: Callable[[AlertReceiver], list[AlertChannel]],
    *,
    calls: int = 1,
    **sender_kw: Any,
) -> tuple[list[Any], AlertReceiver]:
    incident = store.open_incidents()[0].id
    sender_kw.setdefault("delays", FAST)
    sender_kw.setdefault("timeout_s", 5.0)
    async with AlertReceiver() as rx, AlertSender(store, **sender_kw) as sender:
        channels = setup(rx)
        results = [await sender.send_escalation(incident, channels, "告警") for _ in range(calls)]
    return results, rx


# --- delivery per kind -------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["wecom", "dingtalk", "feishu", "webhook"])
def test_each_kind_is_delivered_and_verified(store: IncidentStore, kind: str) -> None:
    incident = make_incident(store)
    signed = kind in ("dingtalk", "feishu")
    mentions = {"wecom": ("13800138000",), "dingtalk": ("13800138000", "@all")}.get(kind, ())

    def setup(rx: AlertReceiver) -> list[AlertChannel]:
        secret = SECRET if signed else ""
        return [rx.channel(kind, name=f"{kind}群", secret=secret, mentioned_mobiles=mentions)]

    [[result]], rx = run(deliver(store, setup))
    assert result.ok and result.attempts == 1, result
    [got] = rx.messages
    assert got.text.startswith("告警")
    body = got.body
    if kind == "wecom":
        assert body == {
            "msgtype": "text",
            "text": {"content": "告警", "mentioned_mobile_list": ["13800138000"]},
        }
    elif kind == "dingtalk":
        assert body["at"] == {"atMobiles": ["13800138000"], "isAtAll": True}
        assert body["text"]["content"] == "告警 @13800138000"
        assert set(got.query) == {"access_token", "timestamp", "sign"}
    elif kind == "feishu":
        assert body["msg_type"] == "text" and body["content"] == {"text": "告警"}
        assert body["timestamp"].isdigit() and body["sign"]
    else:
        assert body["event"] == "posguide.escalation"
        assert body["incident_id"] == incident and body["terminal"] == "till1"
        assert body["error_code"] == "96" and [s["step"] for s in body["steps"]] == [
            "notice",
            "router",
        ]
    assert alert_rows(store, incident) == [("alert", f"{kind}群", 1, True, "ok")]


def _awkward_moment() -> float:
    """A time whose DingTalk signature has '+', '/' and '=' (all change when quoted twice)."""
    ts = 1_790_000_000_000
    while not all(c in dingtalk_sign(SECRET, ts) for c in "+/="):
        ts += 1
    return ts / 1000


def test_dingtalk_signature_is_quoted_exactly_once(store: IncidentStore) -> None:
    make_incident(store)
    moment = _awkward_moment()

    async def scenario() -> None:
        async with (
            AlertReceiver(now=lambda: moment) as rx,
            AlertSender(store, delays=FAST, clock=lambda: moment) as sender,
        ):
            channel = rx.channel("dingtalk", secret=SECRET)
            [result] = await sender.send_escalation(1, [channel], "签名")
            assert result.ok, result
            assert rx.messages[0].query["sign"] == dingtalk_sign(SECRET, int(moment * 1000))
            # The mistake the notes warn about: the signature quoted twice is refused.
            sign = quote(quote(dingtalk_sign(SECRET, int(moment * 1000)), safe=""), safe="")
            url = f"{channel.endpoint().reveal()}&timestamp={int(moment * 1000)}&sign={sign}"
            async with aiohttp.ClientSession() as http:
                answer = await (await http.post(url, json={"msgtype": "text"})).json()
            assert answer["errcode"] == 310000

    run(scenario())


# --- failures and retries ----------------------------------------------------------------


@pytest.mark.parametrize("kind", ["dingtalk", "feishu"])
def test_wrong_secret_is_refused_recorded_and_retried(store: IncidentStore, kind: str) -> None:
    incident = make_incident(store)

    def setup(rx: AlertReceiver) -> list[AlertChannel]:
        good = rx.channel(kind, name="店长群", secret=SECRET)
        return [AlertChannel(kind=kind, name="店长群", url=good.url, secret=Secret("SECwrong"))]

    [[result]], rx = run(deliver(store, setup))
    assert not result.ok and result.attempts == 3
    assert [r.accepted for r in rx.received] == [False] * 3
    rows = alert_rows(store, incident)
    assert [(r[2], r[3]) for r in rows] == [(1, False), (2, False), (3, False)]
    code = "310000" if kind == "dingtalk" else "19021"
    assert all(code in r[4] for r in rows), rows


def test_stale_timestamp_is_refused(store: IncidentStore) -> None:
    make_incident(store)
    two_hours_ago = lambda: datetime.now().timestamp() - 7200  # noqa: E731

    def setup(rx: AlertReceiver) -> list[AlertChannel]:
        return [rx.channel("dingtalk", secret=SECRET)]

    [[result]], _ = run(deliver(store, setup, clock=two_hours_ago))
    assert not result.ok and "invalid timestamp" in result.detail


def test_http_500_then_success_records_two_attempts(store: IncidentStore) -> None:
    incident = make_incident(store)

    def setup(rx: AlertReceiver) -> list[AlertChannel]:
        rx.queue("fail_http_500")
        return [rx.channel("wecom", name="wecom")]

    [[result]], rx = run(deliver(store, setup))
    assert result.ok and result.attempts == 2
    assert [r.status for r in rx.received] == [500, 200]
    assert alert_rows(store, incident) == [
        ("alert", "wecom", 1, False, "HTTP 500"),
        ("alert", "wecom", 2, True, "ok"),
    ]


@pytest.mark.parametrize("kind", ["wecom", "dingtalk", "feishu", "webhook"])
def test_nonzero_errcode_is_a_failure(store: IncidentStore, kind: str) -> None:
    incident = make_incident(store)

    def setup(rx: AlertReceiver) -> list[AlertChannel]:
        rx.mode = "fail_errcode"
        return [rx.channel(kind, secret=SECRET if kind in ("dingtalk", "feishu") else "")]

    [[result]], rx = run(deliver(store, setup))
    assert not result.ok and result.attempts == 3
    assert all(r.status == 200 for r in rx.received)
    assert all(not row[3] and "errcode" in row[4] for row in alert_rows(store, incident))


@pytest.mark.parametrize("kind", ["wecom", "dingtalk", "feishu", "webhook"])
def test_an_answer_in_two_tcp_parts_is_read_whole(store: IncidentStore, kind: str) -> None:
    incident = make_incident(store)

    def setup(rx: AlertReceiver) -> list[AlertChannel]:
        rx.mode = "split"  # '{"errcode": ' ... flush, pause ... '0, "errmsg": "ok"}'
        return [rx.channel(kind, secret=SECRET if kind in ("dingtalk", "feishu") else "")]

    [[result]], rx = run(deliver(store, setup))
    assert result.ok and result.attempts == 1, result
    assert len(rx.received) == 1  # the group got the alert once, not three times
    assert [r[3] for r in alert_rows(store, incident)] == [True]


@pytest.mark.parametrize("status", [301, 302, 307, 308])
@pytest.mark.parametrize("kind", ["wecom", "webhook"])
def test_a_redirect_is_a_failure_and_never_followed(
    store: IncidentStore, kind: str, status: int
) -> None:
    incident = make_incident(store)
    seen: list[AlertReceiver] = []

    def setup(rx: AlertReceiver) -> list[AlertChannel]:
        rx.mode = cast(Any, f"redirect_{status}")
        seen.append(rx)
        return [rx.channel(kind)]

    [[result]], rx = run(deliver(store, setup))
    assert not result.ok and result.attempts == 3
    assert result.detail == f"HTTP {status}: redirected elsewhere, not followed"
    assert rx.followed == []  # no GET without the message, no POST to another host
    assert [r[3] for r in alert_rows(store, incident)] == [False, False, False]


def test_an_endless_answer_is_cut_and_a_failure(store: IncidentStore) -> None:
    make_incident(store)

    def setup(rx: AlertReceiver) -> list[AlertChannel]:
        rx.mode = "huge"
        return [rx.channel("wecom")]

    [[result]], _ = run(deliver(store, setup, delays=(0.0,)))
    assert not result.ok and result.detail == "answer larger than 64 KiB"


def test_timeout_is_a_failure_and_slow_server_is_released(store: IncidentStore) -> None:
    make_incident(store)

    def setup(rx: AlertReceiver) -> list[AlertChannel]:
        rx.mode = "slow"
        return [rx.channel("wecom")]

    [[result]], _ = run(deliver(store, setup, delays=(0.0,), timeout_s=0.3))
    assert not result.ok and result.detail == "no answer within 0.3 s"


def test_unreachable_service_is_a_failure(store: IncidentStore) -> None:
    incident = make_incident(store)
    channel = AlertChannel(kind="webhook", url=_closed_port_url())

    async def scenario() -> None:
        async with AlertSender(store, delays=(0.0,)) as sender:
            [result] = await sender.send_escalation(incident, [channel], "x")
        assert not result.ok and "ClientConnectorError" in result.detail

    run(scenario())


def _closed_port_url() -> Any:
    import socket

    from posguide.config import SecretUrl

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return SecretUrl(f"http://127.0.0.1:{port}/hook?token=abcdefgh12345678")


def test_cancelling_stops_the_round(store: IncidentStore) -> None:
    incident = make_incident(store)

    async def scenario() -> None:
        async with AlertReceiver("slow") as rx, AlertSender(store, timeout_s=30) as sender:
            task = asyncio.ensure_future(
                sender.send_escalation(incident, [rx.channel("wecom")], "x")
            )
            await rx.arrived()  # the request is held by the slow robot
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            assert sender._rounds == {}

    run(scenario())
    assert alert_rows(store, incident) == []


# --- once per incident and channel -------------------------------------------------------


def test_sent_once_per_incident_and_channel(store: IncidentStore, db_path: Path) -> None:
    incident = make_incident(store)

    async def scenario() -> None:
        async with AlertReceiver() as rx:
            channels = [rx.channel("wecom", name="a"), rx.channel("feishu", name="b", secret="s")]
            async with AlertSender(store, delays=FAST) as sender:
                # Twice in a row and twice at once: one message per channel.
                await sender.send_escalation(incident, channels, "1")
                results = await asyncio.gather(
                    sender.send_escalation(incident, channels, "2"),
                    sender.send_escalation(incident, channels, "3"),
                )
                assert {r.skipped for rs in results for r in rs} == {"already_sent"}
            # A restart: a new store connection and a new sender still know.
            with IncidentStore.open(db_path) as reopened:
                async with AlertSender(reopened, delays=FAST) as sender:
                    again = await sender.send_escalation(incident, channels, "4")
            assert [r.skipped for r in again] == ["already_sent", "already_sent"]
            assert sorted(m.text for m in rx.messages) == ["1", "1"]

    run(scenario())
    assert len(alert_rows(store, incident)) == 2


def test_concurrent_first_calls_share_one_round(store: IncidentStore) -> None:
    incident = make_incident(store)

    async def scenario() -> None:
        async with AlertReceiver() as rx, AlertSender(store, delays=FAST) as sender:
            channel = rx.channel("dingtalk", secret=SECRET)
            a, b = await asyncio.gather(
                sender.send_escalation(incident, [channel], "x"),
                sender.send_escalation(incident, [channel], "x"),
            )
            assert a == b and a[0].ok and len(rx.received) == 1

    run(scenario())


def test_failed_round_is_not_repeated_but_an_interrupted_one_resumes(
    store: IncidentStore,
) -> None:
    first, second = make_incident(store), make_incident(store)
    # A crash after attempt 1 of incident `second`: the next run makes attempts 2 and 3 only.
    store.record_escalation(second, kind="alert", channel="wecom", attempt=1, ok=False, detail="x")

    async def scenario() -> None:
        async with AlertReceiver("fail_http_500") as rx, AlertSender(store, delays=FAST) as s:
            channel = rx.channel("wecom")
            [gave] = await s.send_escalation(first, [channel], "x")
            [again] = await s.send_escalation(first, [channel], "x")
            [resumed] = await s.send_escalation(second, [channel], "x")
            assert (gave.attempts, again.skipped, again.detail) == (3, "gave_up", "HTTP 500")
            assert resumed.attempts == 2
            assert len(rx.received) == 5

    run(scenario())
    assert [r[2] for r in alert_rows(store, second)] == [1, 2, 3]


def test_each_attempt_is_told_as_it_happens_and_the_cashier_can_try_again(
    store: IncidentStore,
) -> None:
    """The escalation bar says "failed, next try in 30 s" right after an attempt fails, not
    "sending" until the whole round is over; after the round gives up, "try again" sends once
    more at once, recorded as the next attempt."""
    incident = make_incident(store)
    told: list[AttemptReport] = []

    async def scenario() -> None:
        async with (
            AlertReceiver("fail_http_500") as rx,
            AlertSender(store, delays=(0.0, 5.0, 30.0)) as sender,
        ):
            channel = rx.channel("wecom", name="店长群")
            round_ = asyncio.ensure_future(
                sender.send_escalation(incident, [channel], "x", on_attempt=told.append)
            )
            while not told:  # the first attempt failed: said at once, with when the next is
                await asyncio.sleep(0)
            assert (told[0].attempt, told[0].ok, told[0].next_in_s) == (1, False, 5.0)
            round_.cancel()
            await asyncio.gather(round_, return_exceptions=True)
            sender.delays = FAST  # the rest of the round, without the waiting
            [gave] = await sender.send_escalation(incident, [channel], "x", on_attempt=told.append)
            assert not gave.ok and told[-1].next_in_s is None  # given up: no more tries planned
            rx.mode = "ok"
            [again] = await sender.send_escalation(
                incident, [channel], "x", on_attempt=told.append, again=True
            )
            assert again.ok and told[-1] == AttemptReport("店长群", 4, True, "ok", None)

    run(scenario())
    assert [(r[2], r[3]) for r in alert_rows(store, incident)] == [
        (1, False), (2, False), (3, False), (4, True)
    ]  # fmt: skip


def test_disabled_channel_is_skipped(store: IncidentStore) -> None:
    make_incident(store)

    def setup(rx: AlertReceiver) -> list[AlertChannel]:
        on = rx.channel("wecom", name="on")
        return [AlertChannel(kind="wecom", name="off", url=on.url, enabled=False), on]

    [[off, on]], rx = run(deliver(store, setup))
    assert off.skipped == "disabled" and on.ok and len(rx.received) == 1


def test_send_test_records_only_under_an_incident(store: IncidentStore) -> None:
    incident = make_incident(store)

    async def scenario() -> None:
        async with AlertReceiver() as rx, AlertSender(store) as sender:
            channel = rx.channel("feishu", name="测试群", secret=SECRET)
            assert (await sender.send_test(channel)).ok
            assert (await sender.send_test(channel, language="en", incident_id=incident)).ok
            assert "测试群" in rx.messages[0].text and "test" in rx.messages[1].text

    run(scenario())
    assert alert_rows(store, incident) == [("test", "测试群", 1, True, "ok")]


# --- content and secrets -----------------------------------------------------------------


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_message_has_terminal_symptom_elapsed_and_steps(
    store: IncidentStore, language: Any
) -> None:
    detail = store.get_incident(make_incident(store))
    text = compose_alert(detail, TERMINAL, PROVIDER, 12, language)
    for fact in ("1号收银台", "till1", "屏幕显示在维护中", "12", "96", "95534", "192.168.1.1"):
        assert fact in text, (fact, text)
    steps = (
        ("查看收单机构维护公告", "检查路由器和网络")
        if language == "zh_CN"
        else ("notices", "router")
    )
    assert all(s in text for s in steps), text


def test_wecom_limit_with_chinese_text(store: IncidentStore) -> None:
    incident = make_incident(
        store, steps=40, note="路由器指示灯全灭,重新插拔网线后仍然显示在维护中"
    )
    text = compose_alert(store.get_incident(incident), TERMINAL, PROVIDER, 15, "zh_CN")
    assert len(text.encode()) <= 2048 and text.endswith("请尽快联系收单机构或到店处理。")
    assert "…" in text and text.startswith("【POS机告警】")
    long = "维护" * 2000  # 12,000 bytes: the receiver refuses over 2048, so it proves the cut

    def setup(rx: AlertReceiver) -> list[AlertChannel]:
        return [rx.channel("wecom")]

    async def scenario() -> None:
        async with AlertReceiver() as rx, AlertSender(store, delays=(0.0,)) as sender:
            [result] = await sender.send_escalation(incident, setup(rx), long)
            assert result.ok, result
            assert len(rx.messages[0].text.encode()) <= 2048

    run(scenario())


def test_truncate_utf8_cuts_on_character_boundaries() -> None:
    text = "在维护中😀a" * 10
    for limit in range(0, 120):
        cut = truncate_utf8(text, limit)
        assert len(cut.encode()) <= max(limit, 3)
        assert text.startswith(cut.removesuffix("…"))
    assert truncate_utf8("短", 10) == "短"


def test_secrets_never_logged_or_recorded(
    store: IncidentStore, caplog: pytest.LogCaptureFixture
) -> None:
    incident = make_incident(store)
    caplog.set_level(logging.DEBUG)
    seen: list[AlertReceiver] = []

    def setup(rx: AlertReceiver) -> list[AlertChannel]:
        seen.append(rx)
        rx.queue("fail_http_500", "fail_errcode")
        good = rx.channel("dingtalk", name="d", secret=SECRET)
        wrong = AlertChannel(kind="feishu", name="f", url=rx.channel("feishu", secret=SECRET).url,
                             secret=Secret("SECwrong-feishu-secret"))  # fmt: skip
        return [good, wrong, rx.channel("wecom", name="w")]

    run(deliver(store, setup))
    run(deliver(store, lambda rx: [AlertChannel(kind="webhook", url=_closed_port_url())]))
    rx = seen[0]
    secrets = {SECRET, "SECwrong-feishu-secret", "abcdefgh12345678"}
    for got in rx.received:
        secrets |= {got.token, got.query.get("sign", ""), quote(got.query.get("sign", ""))}
        if isinstance(got.body, dict) and "sign" in got.body:
            secrets.add(got.body["sign"])
    secrets.discard("")
    recorded = " ".join(row[4] for row in alert_rows(store, incident))
    assert len(rx.received) >= 6 and "HTTP 500" in recorded and "19021" in recorded
    for secret in secrets:
        assert secret not in caplog.text and secret not in recorded, secret
    assert "alert for incident" in caplog.text


@pytest.mark.parametrize("kind", ["wecom", "dingtalk", "feishu", "webhook"])
def test_card_numbers_in_the_message_never_leave(store: IncidentStore, kind: str) -> None:
    incident = make_incident(store)
    card = "6222021234567890128"  # Luhn-valid UnionPay
    spaced = "6222 0212 3456 7890 128"

    async def scenario() -> AlertReceiver:
        async with AlertReceiver() as rx, AlertSender(store, delays=FAST) as sender:
            channel = rx.channel(kind, secret=SECRET if kind in ("dingtalk", "feishu") else "")
            message = f"顾客卡号 {spaced} 刷卡失败"
            [sent] = await sender.send_escalation(incident, [channel], message)
            tested = await sender.send_test(channel, message=f"测试 {card}")
            assert sent.ok and tested.ok, (sent, tested)
            return rx

    rx = run(scenario())
    first, second = (m.text for m in rx.messages)
    assert first.startswith("顾客卡号 **** **** **** ***0 128 刷卡失败"), first
    assert second.startswith("测试 ***************0128"), second
    for got in rx.received:
        sent_text = json.dumps(got.body, ensure_ascii=False)
        assert card not in sent_text and spaced not in sent_text, sent_text


def test_robot_urls_from_key_and_token() -> None:
    wecom = AlertChannel(kind="wecom", key=Secret("k+y/1"))
    assert build_request(wecom, "x", now_s=0).url.endswith("/cgi-bin/webhook/send?key=k%2By%2F1")
    ding = AlertChannel(kind="dingtalk", access_token=Secret("tok"), secret=Secret(SECRET))
    url = build_request(ding, "x", now_s=1.5).url
    assert url.startswith("https://oapi.dingtalk.com/robot/send?access_token=tok&timestamp=1500&")
    assert url.endswith("sign=" + quote(dingtalk_sign(SECRET, 1500), safe=""))


def test_check_answer() -> None:
    assert check_answer("wecom", 200, b'{"errcode":0,"errmsg":"ok"}') is None
    assert check_answer("feishu", 200, b'{"StatusCode":0}') is None
    assert check_answer("wecom", 200, b"<html>") == "HTTP 200 without a JSON answer"
    assert check_answer("dingtalk", 200, b"{}") == "HTTP 200 without errcode"
    assert check_answer("webhook", 204, b"") is None
    assert check_answer("webhook", 200, b'{"code":7,"msg":"no"}') == "errcode 7: no"
    assert check_answer("webhook", 502, b"") == "HTTP 502"
