"""Turning an incident record into translated lines: shared by the fault report and the alerts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from posguide.config import Provider, Terminal
from posguide.privacy import mask_card_numbers
from posguide.reports.codes import lookup_code
from posguide.reports.strings import Strings, format_fields
from posguide.store.models import Incident, ProbeRecord, Step
from posguide.timeutil import parse_iso

# Measurements worth reading out, most telling first; the rest stay in the printed detail.
KEY_MEASUREMENTS = (
    "rtt_ms", "latency_ms_median", "status_rtt_ms", "handshake_ms_max", "resolve_ms_max",
    "loss_pct", "offline_s", "speed_mbps", "days_left_min", "notices",
)  # fmt: skip
UNITS = {"ms": " ms", "%": "%", "s": " s", "days": " d", "Mbit/s": " Mbit/s", "count": ""}
MAX_MEASUREMENTS = 2
MAX_VALUE_CHARS = 60


def clean(text: object) -> str:
    """One line of free text, card numbers masked again (the store did; this is the second lock)."""
    return mask_card_numbers(" ".join(str(text).split()))


def local_time(stamp: str, now: datetime) -> str:
    """A stored timestamp in the shop's zone (that of ``now``), with the date."""
    moment = parse_iso(stamp)
    moment = moment.astimezone(now.tzinfo) if now.tzinfo else moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")


def elapsed_minutes(incident: Incident, now: datetime) -> int:
    """Minutes from the start to the end (closed) or to ``now`` (still open); never negative."""
    end = parse_iso(incident.ended_at) if incident.ended_at else now
    return max(0, int((end - parse_iso(incident.started_at)).total_seconds() // 60))


def terminal_name(incident: Incident, terminal: Terminal | None, s: Strings) -> str:
    if terminal is not None:
        return clean(terminal.display_name)
    return clean(incident.terminal) or s.text("report", "unknown")


def terminal_value(incident: Incident, terminal: Terminal | None, s: Strings) -> str:
    name = terminal_name(incident, terminal, s)
    ident = clean(terminal.id if terminal else incident.terminal)
    if ident and ident != name:
        return s.text("report", "terminal_value", name=name, id=ident)
    return name


def provider_name(provider: Provider | None, s: Strings) -> str:
    return clean(provider.display_name) if provider else s.text("report", "unknown")


def describe_code(error_code: str, s: Strings) -> str:
    """ "96 — 系统故障/交换中心维护" for a known code, the code as recorded otherwise."""
    code = clean(error_code)
    known = lookup_code(code)
    if known is None:
        return code
    meaning = known.describe(s.language)
    return f"{code} — {meaning}" if code.upper() == known.code else f"{code} ({meaning})"


def code_advice(error_code: str, s: Strings) -> str:
    known = lookup_code(error_code)
    return known.advice.get(s.language, "") if known else ""


def step_title(step: Step, s: Strings) -> str:
    label = s.label("step", step.step_key)
    return f"{label} — {s.label('step_status', step.status)}"


def _number(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def _measurement(key: str, raw: Any, s: Strings) -> str | None:
    # Stored as ProbeResult.to_json() writes them ({"value", "unit"}) or as bare numbers.
    if isinstance(raw, dict):
        value, unit = raw.get("value"), str(raw.get("unit", ""))
    else:
        value, unit = raw, ("ms" if key.endswith("_ms") else "%" if key.endswith("_pct") else "")
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    label = s.label("measure", key)
    shown = _number(float(value)) + UNITS.get(unit, f" {unit}" if unit else "")
    return f"{label} {shown}" if label else shown


def measurements_text(probe: ProbeRecord, s: Strings) -> str:
    keys = [k for k in KEY_MEASUREMENTS if k in probe.measurements]
    shown = [m for k in keys if (m := _measurement(k, probe.measurements[k], s))]
    return ", ".join(shown[:MAX_MEASUREMENTS])


def probe_line(probe: ProbeRecord, s: Strings) -> str:
    """E.g. "网关 192.168.1.1 可达 (1.8 ms)": a template for well-known probes, else the summary."""
    section = {"ok": "probe_ok", "fail": "probe_fail"}.get(probe.status)
    template = s.get(section, probe.probe_id) if section else None
    fields = {k: clean(v) for k, v in probe.detail.items() if isinstance(v, str | int | float)}
    if template is not None and format_fields(template) <= fields.keys():
        text = template.format_map(fields)
    else:
        label = s.label("probe", probe.probe_id)
        status = s.label("probe_status", probe.status)
        summary = clean(probe.summary)
        text = f"{label}{s.text('report', 'colon')}{status}" + (f" — {summary}" if summary else "")
    extra = measurements_text(probe, s)
    return f"{text} ({extra})" if extra else text


def answer_text(answers: dict[str, Any], s: Strings) -> str:
    parts = []
    for key, value in answers.items():
        if isinstance(value, bool):
            shown = s.text("words", "yes" if value else "no")
        elif isinstance(value, list | tuple):
            shown = ", ".join(clean(v) for v in value)
        elif isinstance(value, dict):
            continue  # nested structures are wizard internals, not answers to read out
        else:
            shown = clean(value)
        if len(shown) > MAX_VALUE_CHARS:
            shown = shown[: MAX_VALUE_CHARS - 1] + "…"
        parts.append(f"{s.label('answer', clean(key))}{s.text('report', 'colon')}{shown}")
    return s.text("report", "list_sep").join(parts)
