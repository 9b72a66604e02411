"""Requests and answers of the four alert services, exactly as their robot APIs define them.

Signed URLs are assembled once from raw values and sent without re-quoting (the sender passes
them to yarl with ``encoded=True``): quoting a signature twice makes the service reject it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

from posguide.alerts.compose import MAX_BYTES, truncate_utf8
from posguide.config import AlertChannel

ALL = "@all"
EVENT = "posguide.escalation"
MAX_REASON = 160


@dataclass(frozen=True)
class Prepared:
    url: str  # final, percent-encoded once
    body: dict[str, Any]
    hidden: tuple[str, ...]  # per-request secrets (signatures) to scrub from any text


def dingtalk_sign(secret: str, timestamp_ms: int) -> str:
    """base64(HMAC-SHA256(key=secret, msg="{timestamp}\\n{secret}")), not yet URL-encoded."""
    digest = hmac.new(
        secret.encode(), f"{timestamp_ms}\n{secret}".encode(), hashlib.sha256
    ).digest()
    return base64.b64encode(digest).decode()


def feishu_sign(secret: str, timestamp_s: int) -> str:
    """base64(HMAC-SHA256(key="{timestamp}\\n{secret}", msg=b"")): Feishu keys by the string."""
    digest = hmac.new(f"{timestamp_s}\n{secret}".encode(), b"", hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def _with_query(url: str, extra: dict[str, str]) -> str:
    """``url`` with ``extra`` set in its query; other parameters are kept byte for byte."""
    parts = urlsplit(url)
    kept = [p for p in parts.query.split("&") if p and p.split("=", 1)[0] not in extra]
    added = [f"{k}={quote(v, safe='')}" for k, v in extra.items()]
    return urlunsplit(parts._replace(query="&".join(kept + added)))


def build_request(
    channel: AlertChannel, message: str, *, now_s: float, event: dict[str, Any] | None = None
) -> Prepared:
    """The request for one attempt (signatures carry the time, so build one per attempt)."""
    url = channel.endpoint().reveal()
    secret = channel.secret.reveal() if channel.secret else ""
    mentions = list(channel.mentioned_mobiles)
    mobiles = [m for m in mentions if m != ALL]
    if channel.kind == "wecom":
        text: dict[str, Any] = {"content": truncate_utf8(message, MAX_BYTES)}
        if mentions:
            text["mentioned_mobile_list"] = mentions
        return Prepared(url, {"msgtype": "text", "text": text}, ())
    if channel.kind == "dingtalk":
        # DingTalk highlights an @mention only when "@<mobile>" also appears in the text.
        content = message + "".join(f" @{m}" for m in mobiles)
        body = {
            "msgtype": "text",
            "text": {"content": content},
            "at": {"atMobiles": mobiles, "isAtAll": ALL in mentions},
        }
        if not secret:
            return Prepared(url, body, ())
        ts = int(now_s * 1000)
        sign = dingtalk_sign(secret, ts)
        return Prepared(_with_query(url, {"timestamp": str(ts), "sign": sign}), body, (sign,))
    if channel.kind == "feishu":
        at_all = '<at user_id="all">所有人</at> ' if ALL in mentions else ""
        body = {"msg_type": "text", "content": {"text": at_all + message}}
        if not secret:
            return Prepared(url, body, ())
        ts = int(now_s)
        sign = feishu_sign(secret, ts)
        return Prepared(url, {"timestamp": str(ts), "sign": sign, **body}, (sign,))
    return Prepared(url, {"event": EVENT, **(event or {}), "message": message}, ())


def check_answer(kind: str, status: int, raw: bytes) -> str | None:
    """None when the service accepted the message, else a short reason.

    The robots answer HTTP 200 even when they refuse (bad sign, rate limit), so their
    ``errcode`` / ``code`` must be 0. A generic webhook only needs 2xx, plus a zero code if it
    sends one.
    """
    if not 200 <= status < 300:
        return f"HTTP {status}"
    try:
        data = json.loads(raw.decode("utf-8", errors="replace")) if raw.strip() else None
    except ValueError:
        data = None
    if not isinstance(data, dict):
        return None if kind == "webhook" else f"HTTP {status} without a JSON answer"
    code = next((data[k] for k in ("errcode", "code", "StatusCode") if k in data), None)
    if code is None:
        return None if kind == "webhook" else f"HTTP {status} without errcode"
    if code == 0:
        return None
    message = next((data[k] for k in ("errmsg", "msg", "StatusMessage") if k in data), "")
    return f"errcode {code}: {str(message)[:MAX_REASON]}".rstrip(": ")
