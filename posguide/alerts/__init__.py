"""Alerts to the shop's group chats (WeCom, DingTalk, Feishu, any JSON webhook).

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
from posguide.alerts.sender import (
    AlertSender,
    AttemptReport,
    ChannelResult,
    EscalationLog,
    channel_label,
)

__all__ = [
    "MAX_BYTES",
    "AlertSender",
    "AttemptReport",
    "ChannelResult",
    "EscalationLog",
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
