"""The expandable detail of a probe result, as staff read it: one line per measurement and fact,
under a label in the UI's language.

Labels and fixed wording are marked with ``QT_TR_NOOP``; the caller passes a ``translate``
(the GUI: Qt's; default: English). Values stay as they are: host names, times, reply text,
ATR bytes and error codes are what a support line asks for verbatim, and so are reason codes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from posguide.i18n import CONTEXT, QT_TR_NOOP, Text, Translate
from posguide.probes.base import ProbeResult

LINE_LIMIT = 160  # characters per line: the detail is a glance, the JSON export has the rest

MEASUREMENTS = {
    "rtt_ms": QT_TR_NOOP("Round trip"),
    "loss_pct": QT_TR_NOOP("Lost"),
    "http_ms": QT_TR_NOOP("Answer time"),
    "speed_mbps": QT_TR_NOOP("Link speed"),
    "latency_ms_median": QT_TR_NOOP("Typical connect time"),
    "latency_ms_max": QT_TR_NOOP("Longest connect time"),
    "handshake_ms_max": QT_TR_NOOP("Slowest secure handshake"),
    "days_left_min": QT_TR_NOOP("Certificate valid for at least"),
    "resolve_ms_max": QT_TR_NOOP("Slowest lookup"),
    "ack_latency_ms": QT_TR_NOOP("Answer time (ENQ/ACK)"),
    "status_rtt_ms": QT_TR_NOOP("Status reply time"),
    "offline_s": QT_TR_NOOP("Offline for"),
    "back_after_s": QT_TR_NOOP("Back after"),
    "atr_ms": QT_TR_NOOP("Chip answer time (ATR)"),
    "select_ms": QT_TR_NOOP("Application select time"),
    "wait_ms": QT_TR_NOOP("Waited for the card"),
    "feeds_read": QT_TR_NOOP("Feeds read"),
    "feeds_failed": QT_TR_NOOP("Feeds not read"),
    "notices": QT_TR_NOOP("Notices"),
    "remaining_s": QT_TR_NOOP("Maintenance ends in"),
    "starts_in_s": QT_TR_NOOP("Maintenance starts in"),
}
# Measurements named after a value: "resolve_ms.pay.example.cn".
MEASUREMENT_PREFIXES = {"resolve_ms.": QT_TR_NOOP("Lookup of {name}")}
UNITS = {
    "ms": QT_TR_NOOP("{value} ms"),
    "s": QT_TR_NOOP("{value} s"),
    "days": QT_TR_NOOP("{value} days"),
    "day": QT_TR_NOOP("{value} day"),  # one: "1 day", not "1 days"
    "%": "{value}%",
    "Mbit/s": "{value} Mbit/s",
    "count": "{value}",
}

DETAILS = {
    # any probe
    "reason": QT_TR_NOOP("Reason"),
    "stage": QT_TR_NOOP("Step"),
    "error": QT_TR_NOOP("Error"),
    "exception": QT_TR_NOOP("Exception"),
    "message": QT_TR_NOOP("Message"),
    "timeout_s": QT_TR_NOOP("Time limit (s)"),
    "status": QT_TR_NOOP("Status"),
    "note": QT_TR_NOOP("Note"),
    # terminal
    "terminal_id": QT_TR_NOOP("Terminal"),
    "connection": QT_TR_NOOP("Connection"),
    "protocol": QT_TR_NOOP("Protocol"),
    "passed": QT_TR_NOOP("Steps passed"),
    "meaning": QT_TR_NOOP("Meaning"),
    "reply": QT_TR_NOOP("Reply"),
    "reply_encoding": QT_TR_NOOP("Reply encoding"),
    "attempts": QT_TR_NOOP("Replies received"),
    "received": QT_TR_NOOP("Bytes received"),
    "close_hung": QT_TR_NOOP("Closing the port hung"),
    "found_ports": QT_TR_NOOP("Ports with the terminal's USB ID"),
    "found_port": QT_TR_NOOP("Terminal found on"),
    "went_offline": QT_TR_NOOP("Went offline"),
    "came_back": QT_TR_NOOP("Came back"),
    "last_reason": QT_TR_NOOP("Last failure"),
    # network
    "interface": QT_TR_NOOP("Network adapter"),
    "isup": QT_TR_NOOP("Connected"),
    "admin_up": QT_TR_NOOP("Switched on"),
    "ipv4": QT_TR_NOOP("IPv4 address"),
    "carrier": QT_TR_NOOP("Carrier"),
    "operstate": QT_TR_NOOP("Link state"),
    "available": QT_TR_NOOP("Other adapters"),
    "candidates": QT_TR_NOOP("Adapters"),
    "connected": QT_TR_NOOP("Connected adapters"),
    "gateway": QT_TR_NOOP("Router"),
    "method": QT_TR_NOOP("Method"),
    "port": QT_TR_NOOP("Port"),
    "answer": QT_TR_NOOP("Answer"),
    "icmp": QT_TR_NOOP("Ping"),
    "ports": QT_TR_NOOP("Ports"),
    "resolver": QT_TR_NOOP("Resolver"),
    "nameservers": QT_TR_NOOP("DNS servers"),
    "addresses": QT_TR_NOOP("Addresses"),
    "failed": QT_TR_NOOP("Failed"),
    "slow": QT_TR_NOOP("Slow"),
    "url": QT_TR_NOOP("Web address"),
    "http_status": QT_TR_NOOP("HTTP status"),
    "os_error": QT_TR_NOOP("System error"),
    "redirect_host": QT_TR_NOOP("Redirected to"),
    "hosts": QT_TR_NOOP("Hosts"),
    "host": QT_TR_NOOP("Host"),
    "invalid": QT_TR_NOOP("Invalid settings"),
    "loss_pct": QT_TR_NOOP("Lost (%)"),
    "address": QT_TR_NOOP("Address"),
    "ok": QT_TR_NOOP("Connections made"),
    "errors": QT_TR_NOOP("Errors"),
    "median_ms": QT_TR_NOOP("Typical time (ms)"),
    "max_ms": QT_TR_NOOP("Longest time (ms)"),
    "handshake_ms": QT_TR_NOOP("Handshake (ms)"),
    "tls_version": QT_TR_NOOP("TLS version"),
    "certificate": QT_TR_NOOP("Certificate"),
    "days_left": QT_TR_NOOP("Days left"),
    "not_after": QT_TR_NOOP("Valid until"),
    "subject": QT_TR_NOOP("Issued to"),
    "issuer": QT_TR_NOOP("Issued by"),
    "names": QT_TR_NOOP("Names"),
    "verify_code": QT_TR_NOOP("Check code"),
    "verify_message": QT_TR_NOOP("Check message"),
    # card
    "reader": QT_TR_NOOP("Card reader"),
    "readers": QT_TR_NOOP("Card readers"),
    "card_present": QT_TR_NOOP("Card inserted"),
    "service": QT_TR_NOOP("Service"),
    "hint": QT_TR_NOOP("Reader setting"),
    "atr": QT_TR_NOOP("Chip answer (ATR)"),
    "atr_info": QT_TR_NOOP("ATR decoded"),
    "atr_known": QT_TR_NOOP("Known chip"),
    "selects": QT_TR_NOOP("Select commands"),
    "applications": QT_TR_NOOP("Payment applications"),
    "unionpay": QT_TR_NOOP("UnionPay"),
    "payment": QT_TR_NOOP("Payment card"),
    "answer_timeout_s": QT_TR_NOOP("Answer time limit (s)"),
    "problem": QT_TR_NOOP("Problem"),
    # notices
    "active": QT_TR_NOOP("Active notices"),
    "upcoming": QT_TR_NOOP("Upcoming notices"),
    "unclear": QT_TR_NOOP("Notices without a clear time"),
    "later": QT_TR_NOOP("Later notices"),
    "feed_errors": QT_TR_NOOP("Feeds not read"),
    "stale": QT_TR_NOOP("Saved copies used"),
    "feeds": QT_TR_NOOP("Feeds"),
    "checked_at": QT_TR_NOOP("Checked at"),
    "provider_id": QT_TR_NOOP("Provider"),
    "feed": QT_TR_NOOP("Feed"),
    "source": QT_TR_NOOP("Source"),
    "notices": QT_TR_NOOP("Notices"),
    "ms": QT_TR_NOOP("Time (ms)"),
    "age_s": QT_TR_NOOP("Age (s)"),
    "title": QT_TR_NOOP("Title"),
    "starts": QT_TR_NOOP("Starts"),
    "ends": QT_TR_NOOP("Ends"),
    "body": QT_TR_NOOP("Text"),
    "kind": QT_TR_NOOP("Kind"),
    "impact": QT_TR_NOOP("Impact"),
    "components": QT_TR_NOOP("Services affected"),
    "window_known": QT_TR_NOOP("Time known"),
    "sentence": QT_TR_NOOP("Read from"),
    "published": QT_TR_NOOP("Published"),
    "affected": QT_TR_NOOP("What is affected"),
}
KEYED_BY_VALUE = frozenset({"hosts", "failed", "addresses", "ports", "errors"})  # host → …
VERBATIM = frozenset({"atr_info", "atr_known", "selects", "applications"})  # card data, as JSON
TRANSLATED_VALUES = frozenset({"note"})  # values that are our own fixed (marked) wording
LINE = QT_TR_NOOP("{label}: {value}")
YES, NO = QT_TR_NOOP("yes"), QT_TR_NOOP("no")
NONE = "—"


def detail_lines(result: ProbeResult, translate: Translate | None = None) -> list[str]:
    """Measurements, then facts, one line each, in the language ``translate`` gives."""
    tr = translate or _english
    lines = []
    for name, m in result.measurements.items():
        value = f"{m.value:g}"
        unit = UNITS.get("day" if m.unit == "days" and m.value == 1 else m.unit)
        shown = _tr(tr, unit, value=value) if unit else f"{value} {m.unit}"
        lines.append(_line(tr, _measurement_label(name).translated(tr), shown))
    for key, value in result.detail.items():
        lines.append(_line(tr, _label(tr, key), _value(tr, key, value)))
    return lines


def unlabelled(result: ProbeResult) -> set[str]:
    """Names and keys of ``result`` that would show untranslated (for tests)."""
    missing = {n for n in result.measurements if _measurement_label(n).source == n}
    missing |= {m.unit for m in result.measurements.values() if m.unit not in UNITS}
    return missing | set(_unlabelled_keys(result.detail))


def _unlabelled_keys(detail: Mapping[str, Any]) -> Iterator[str]:
    for key, value in detail.items():
        if key not in DETAILS:
            yield key
        if key in VERBATIM:
            continue
        keyed = key in KEYED_BY_VALUE and isinstance(value, dict)
        for item in value.values() if keyed else [value]:
            for inner in item if isinstance(item, list) else [item]:
                if isinstance(inner, dict):
                    yield from _unlabelled_keys(inner)


def _english(_context: str, source: str) -> str:
    return source


def _tr(tr: Translate, source: str, **args: Any) -> str:
    return Text(source, **args).translated(tr)


def _line(tr: Translate, label: str, value: str) -> str:
    line = _tr(tr, LINE, label=label, value=value)
    return line if len(line) <= LINE_LIMIT else line[: LINE_LIMIT - 1] + "…"


def _measurement_label(name: str) -> Text:
    if name in MEASUREMENTS:
        return Text(MEASUREMENTS[name])
    for prefix, template in MEASUREMENT_PREFIXES.items():
        if name.startswith(prefix):
            return Text(template, name=name[len(prefix) :])
    return Text(name)


def _label(tr: Translate, key: str) -> str:
    return (tr(CONTEXT, DETAILS[key]) or DETAILS[key]) if key in DETAILS else key


def _value(tr: Translate, key: str, value: Any) -> str:
    if key in VERBATIM:
        return json.dumps(value, ensure_ascii=False)
    if key in TRANSLATED_VALUES and isinstance(value, str):
        return tr(CONTEXT, value) or value
    if value is None or (isinstance(value, list | dict | str) and not value):
        return NONE
    if isinstance(value, bool):
        return tr(CONTEXT, YES if value else NO)
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list):  # "; " between notices or hosts, ", " between names
        joint = "; " if any(isinstance(item, dict) for item in value) else ", "
        return joint.join(_value(tr, "", item) for item in value)
    if isinstance(value, dict):
        if key in KEYED_BY_VALUE:  # keys are hosts, ports, error names: values, not labels
            return "; ".join(f"{k}: {_value(tr, '', v)}" for k, v in value.items())
        pairs = (
            _tr(tr, LINE, label=_label(tr, k), value=_value(tr, k, v)) for k, v in value.items()
        )
        return "(" + ", ".join(pairs) + ")"
    return str(value)
