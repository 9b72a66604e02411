"""The documents the feed simulator serves: a Statuspage summary (JSON), RSS, Atom and
iCalendar, with the maintenance window or incident of the scenario around "now", and the broken
ones of the ``malformed`` scenario. Texts are in Chinese and in ``tz``, as providers write them;
the Atom feed says UTC."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, tzinfo
from email.utils import format_datetime
from typing import Any

MALFORMED = {
    "statuspage": b'{"page": {"name": "Sim"}, "scheduled_maintenances": [{"name": "x",',
    "rss": "<rss version='2.0'><channel><title>公告</title><item><title>系统维护</titl>"
    "</item></channel></rss>".encode(),
    "atom": b"<feed xmlns='http://www.w3.org/2005/Atom'><entry><title>x</entry></feed>",
    "ical": b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x@sim\r\n"
    b"DTSTART:tomorrow-ish\r\nSUMMARY:Maintenance\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
}


def feed_document(
    name: str, scenario: str, now: datetime, *, provider: str, tz: tzinfo, base: str
) -> bytes:
    """The document the feed ``name`` (a key of ``feeds.PATHS``) serves in this scenario, with
    windows relative to ``now``; ``base`` is the server's URL, for links."""
    maintenance: tuple[datetime, datetime] | None = None
    if scenario == "maintenance_active":
        maintenance = (now - timedelta(hours=1), now + timedelta(hours=2))
    elif scenario == "maintenance_upcoming":
        maintenance = (now + timedelta(hours=3), now + timedelta(hours=5))
    incident = now - timedelta(minutes=20) if scenario == "incident_major" else None
    if name == "rss":
        return _rss(provider, maintenance, incident, now, tz)
    if name == "atom":
        return _atom(provider, maintenance, now)
    if name == "ical":
        return _ical(maintenance, now, tz)
    doc = _statuspage(provider, window=maintenance, incident=incident, now=now, tz=tz, base=base)
    if name in ("upcoming", "active"):
        wanted = "scheduled" if name == "upcoming" else "in_progress"
        keep = [m for m in doc["scheduled_maintenances"] if m["status"] == wanted]
        doc = {"page": doc["page"], "scheduled_maintenances": keep}
    elif name == "unresolved":
        doc = {"page": doc["page"], "incidents": doc["incidents"]}
    return json.dumps(doc, ensure_ascii=False, indent=1).encode()


def _statuspage(
    provider: str,
    *,
    window: tuple[datetime, datetime] | None,
    incident: datetime | None,
    now: datetime,
    tz: tzinfo,
    base: str,
) -> dict[str, Any]:
    def iso(moment: datetime) -> str:  # Statuspage style: local offset, milliseconds
        return moment.astimezone(tz).isoformat(timespec="milliseconds")

    def maintenance(key: str, start: datetime, end: datetime, status: str) -> dict[str, Any]:
        return {
            "id": key, "name": "支付系统升级维护", "status": status, "impact": "maintenance",
            "created_at": iso(start - timedelta(days=3)), "shortlink": f"{base}/m/{key}",
            "scheduled_for": iso(start), "scheduled_until": iso(end),
            "components": [{"name": "POS刷卡支付"}],
            "incident_updates": [{"status": status, "body": "维护期间POS刷卡交易将暂停。"}],
        }  # fmt: skip

    done = now - timedelta(days=2)
    maintenances = [maintenance("done1", done, done + timedelta(hours=2), "completed")]
    if window is not None:
        live = window[0] <= now
        maintenances.append(maintenance("m1", *window, "in_progress" if live else "scheduled"))
    incidents = []
    if incident is not None:
        incidents.append({
            "id": "i1", "name": "部分POS交易失败", "status": "investigating", "impact": "major",
            "created_at": iso(incident), "started_at": iso(incident), "shortlink": f"{base}/i/i1",
            "components": [{"name": "POS刷卡支付"}],
            "incident_updates": [{"status": "investigating", "body": "我们正在紧急处理。"}],
        })  # fmt: skip
    return {
        "page": {"id": "sim", "name": f"{provider} 服务状态", "url": base,
                 "time_zone": str(tz), "updated_at": iso(now)},
        "incidents": incidents,
        "scheduled_maintenances": maintenances,
    }  # fmt: skip


def _cn_window(start: datetime, end: datetime, tz: tzinfo) -> str:
    """ "11月28日00:00至04:00", "11月28日23:00至次日02:00", as SMS notices write it."""
    s, e = start.astimezone(tz), end.astimezone(tz)
    days = (e.date() - s.date()).days
    day = "" if days == 0 else "次日" if days == 1 else f"{e.month}月{e.day}日"
    return f"{s.month}月{s.day}日{s:%H:%M}至{day}{e:%H:%M}"


def _rss(
    provider: str,
    window: tuple[datetime, datetime] | None,
    incident: datetime | None,
    now: datetime,
    tz: tzinfo,
) -> bytes:
    items = [
        ("新品上线：扫码点餐", "欢迎体验。", now - timedelta(days=1)),
        ("系统升级完成", "Completed - 11月1日的系统升级已完成。", now - timedelta(days=20)),
    ]
    if window is not None:
        text = f"尊敬的商户：我司定于{_cn_window(*window, tz)}进行系统升级，期间POS刷卡交易将暂停。"
        items.insert(0, ("系统维护通知", text, now - timedelta(days=1)))
    if incident is not None:
        at = incident.astimezone(tz)
        text = f"{at.month}月{at.day}日{at:%H:%M}起部分POS交易失败，正在紧急处理，预计持续2小时。"
        items.insert(0, ("紧急：POS交易中断", text, incident))
    body = "".join(
        f"<item><title>{t}</title><description><![CDATA[<p>{d}</p>]]></description>"
        f"<pubDate>{format_datetime(p)}</pubDate><guid>urn:sim:{n}</guid></item>"
        for n, (t, d, p) in enumerate(items)
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>{provider} 公告</title><link>http://127.0.0.1/</link>{body}</channel></rss>"
    ).encode()


def _atom(provider: str, window: tuple[datetime, datetime] | None, now: datetime) -> bytes:
    entries = ""
    if window is not None:
        s, e = (w.astimezone(UTC) for w in window)
        text = f"Card payments paused {s:%d %b %Y %H:%M} to {e:%d %b %Y %H:%M} UTC for an upgrade."
        entries = (
            f"<entry><title>Scheduled maintenance</title><id>urn:sim:m1</id>"
            f"<updated>{now.astimezone(UTC):%Y-%m-%dT%H:%M:%SZ}</updated>"
            f"<summary>{text}</summary><link href='http://127.0.0.1/m1'/></entry>"
        )
    return (
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
        f"<title>{provider} status</title><id>urn:sim</id>"
        f"<updated>{now.astimezone(UTC):%Y-%m-%dT%H:%M:%SZ}</updated>{entries}</feed>"
    ).encode()


def _ical(window: tuple[datetime, datetime] | None, now: datetime, tz: tzinfo) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//posguide//feed sim//EN",
             "X-WR-CALNAME:Maintenance windows"]  # fmt: skip
    if window is not None:
        s, e = (w.astimezone(tz) for w in window)
        lines += ["BEGIN:VEVENT", "UID:m1@sim", f"DTSTAMP:{now.astimezone(UTC):%Y%m%dT%H%M%SZ}",
                  f"DTSTART;TZID={tz}:{s:%Y%m%dT%H%M%S}", f"DTEND;TZID={tz}:{e:%Y%m%dT%H%M%S}",
                  "SUMMARY:系统升级维护", "END:VEVENT"]  # fmt: skip
    return ("\r\n".join([*lines, "END:VCALENDAR"]) + "\r\n").encode()
