"""Alerts to the shop's group chats (WeCom, DingTalk, Feishu, any JSON webhook) and the timer.

timer = EscalationTimer(started_at, config.shop.escalation_minutes, on_deadline)
timer.start()
async with AlertSender(store) as sender:
    text = compose_alert(detail, terminal, provider, elapsed_min, "zh_CN")
    results = await sender.send_escalation(incident_id, config.alerts, text)
"""

from posguide.alerts.compose import MAX_BYTES, compose_alert, compose_test, truncate_utf8
from posguide.alerts.payloads import (
    Prepared,
    build_request,
    check_answer,
    dingtalk_sign,
    feishu_sign,
)
from posguide.alerts.sender import AlertSender, ChannelResult, EscalationLog, channel_label
from posguide.alerts.timer import EscalationTimer

__all__ = [
    "MAX_BYTES",
    "AlertSender",
    "ChannelResult",
    "EscalationLog",
    "EscalationTimer",
    "Prepared",
    "build_request",
    "channel_label",
    "check_answer",
    "compose_alert",
    "compose_test",
    "dingtalk_sign",
    "feishu_sign",
    "truncate_utf8",
]
