"""Turning an incident record into translated lines: shared by the fault report and the alerts."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from posguide.config import Provider, Terminal
from posguide.flow.model import Playbook, Question
from posguide.i18n import Translate
from posguide.privacy import mask_card_numbers
from posguide.probe_records import record_text
from posguide.probes import registry
from posguide.reports.codes import lookup_code
from posguide.reports.strings import Strings, format_fields
from posguide.store.models import Incident, ProbeRecord, Step
from posguide.timeutil import parse_iso

# Measurements worth reading out, most telling first; the rest stay in the printed detail.
KEY_MEASUREMENTS = (
    "rtt_ms", "latency_ms_median", "status_rtt_ms", "handshake_ms_max", "resolve_ms_max",
    "loss_pct", "offline_s", "speed_mbps", "days_left_min", "notices",
)  # fmt: skip
# Counts read out in words ("1 条维护公告"), and only when there is something to count.
COUNTED = ("notices",)
MAX_MEASUREMENTS = 2
MAX_VALUE_CHARS = 60
# WeCom refuses text over 2048 bytes; the other robots take more, so one limit fits all.
MAX_BYTES = 2048
ELLIPSIS = "…"


def truncate_utf8(text: str, max_bytes: int, ellipsis: str = ELLIPSIS) -> str:
    """``text`` cut to ``max_bytes`` of UTF-8 on a character boundary, marked with ``ellipsis``."""
    data = text.encode("utf-8")
    if len(data) <= max_bytes:
        return text
    room = max(0, max_bytes - len(ellipsis.encode("utf-8")))
    # errors="ignore" drops only the partial character left at the cut; the rest is valid UTF-8.
    return data[:room].decode("utf-8", errors="ignore") + ellipsis


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


def paren(text: str, s: Strings) -> str:
    """``text`` in brackets: "（…）" in Chinese, " (…)" in English."""
    return s.text("report", "paren", text=text)


def describe_code(error_code: str, s: Strings) -> str:
    """ "96 — 系统故障/交换中心维护" for a known code, the code as recorded otherwise."""
    code = clean(error_code)
    known = lookup_code(code)
    if known is None:
        return code
    meaning = known.describe(s.language)
    return f"{code} — {meaning}" if code.upper() == known.code else f"{code}{paren(meaning, s)}"


def cause_text(cause: str, s: Strings) -> str:
    """A cause id (``gateway_timeout``) in words; free text (an amendment) as written."""
    return clean(s.label("cause", cause.strip()))


def step_title(step: Step, s: Strings, playbook: Playbook | None = None) -> str:
    """The step's title from the playbook (as the cashier saw it), else from the strings file."""
    if playbook is not None and playbook.has_step(step.step_key):
        label = clean(playbook.step(step.step_key).title.get(s.language))
    else:
        label = s.label("step", step.step_key)
    return f"{label} — {s.label('step_status', step.status)}"


def ordered_probes(step: Step, playbook: Playbook | None = None) -> list[ProbeRecord]:
    """The step's probe results in the playbook's order (the restart watch first), else in the
    order they started; repeats (Retry) stay in the order they ran."""
    rank: dict[str, int] = {}
    if playbook is not None and playbook.has_step(step.step_key):
        book_step = playbook.step(step.step_key)
        ids = (["terminal.reboot"] if book_step.reboot_watch else []) + [
            p.id for p in book_step.probes
        ]
        rank = {probe_id: n for n, probe_id in enumerate(dict.fromkeys(ids))}
    if rank:
        unknown = len(rank)
        indexed = sorted(
            enumerate(step.probes), key=lambda item: (rank.get(item[1].probe_id, unknown), item[0])
        )
        return [p for _, p in indexed]
    return [p for _, p in sorted(enumerate(step.probes), key=_start_key)]


def telling_results(probes: list[ProbeRecord]) -> list[ProbeRecord]:
    """Each finding once: a check run again (Retry, Run checks again, Back) with the same result
    says nothing new, so of such repeats only the last is kept; a changed result ("not
    answering", then "answers") is kept with what came before. ``probes`` as ordered_probes
    gives them, repeats side by side."""
    kept: list[ProbeRecord] = []
    for probe in probes:
        if kept and (kept[-1].probe_id, kept[-1].status) == (probe.probe_id, probe.status):
            kept[-1] = probe
        else:
            kept.append(probe)
    return kept


def _start_key(item: tuple[int, ProbeRecord]) -> tuple[float, int]:
    index, probe = item
    try:
        return (parse_iso(probe.started_at).timestamp(), index)
    except (ValueError, TypeError):
        return (float("inf"), index)  # an unreadable time: after the rest, as recorded


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
    if key in COUNTED:
        count = int(value)
        if count <= 0:
            return None  # "0 notices" tells the hotline nothing
        return s.text("count", f"{key}_{'one' if count == 1 else 'other'}", count=count)
    label = s.label("measure", key)
    suffix = s.get("unit", "day" if unit == "days" and value == 1 else unit)  # not "1 days"
    shown = _number(float(value)) + (suffix if suffix is not None else f" {unit}" if unit else "")
    return f"{label} {shown}" if label else shown


def measurements_text(probe: ProbeRecord, s: Strings, said: str = "") -> str:
    """The telling measurements, leaving out those in a unit ``said`` already gives a value in
    (a summary "(14 ms)" needs no "lookup 14.4 ms" after it)."""
    keys = [k for k in KEY_MEASUREMENTS if k in probe.measurements]
    shown = [m for k in keys if (m := _measurement(k, probe.measurements[k], s))]
    shown = [m for m in shown if not _same_unit(m, said, s)]
    return s.text("report", "comma").join(shown[:MAX_MEASUREMENTS])


def _same_unit(measurement: str, said: str, s: Strings) -> bool:
    """Whether ``said`` has a number in the unit ``measurement`` ends with (ms, s, days)."""
    for unit in ("ms", "s", "days"):
        suffix = s.get("unit", unit) or ""
        if suffix.strip() and measurement.endswith(suffix):  # " ms", " 毫秒": not "Mbit/s"
            return re.search(rf"\d\s?{re.escape(suffix.strip())}", said) is not None
    return False


def probe_name(probe_id: str, s: Strings, translate: Translate | None = None) -> str:
    """The name staff see in the window (posguide.probes.registry), in the report's language
    when ``translate`` is given; in English otherwise, like the summaries."""
    name = registry.label(probe_id)
    return name.translated(translate) if translate is not None and s.language != "en" else str(name)


def probe_summary(probe: ProbeRecord, s: Strings, translate: Translate | None = None) -> str:
    """The probe's one-line summary in the report's language when it was stored in translatable
    form and ``translate`` is given; the English recorded at the time otherwise (the source text
    is English, so an English report never asks ``translate``)."""
    text = record_text(probe)
    if text is not None and translate is not None and s.language != "en":
        return clean(text.translated(translate))
    return clean(probe.summary)


def _summary_in_language(probe: ProbeRecord, s: Strings, translate: Translate | None) -> str | None:
    """The summary as the window showed it, when it was stored translatable and can be had in
    the report's language (English is the source; Chinese needs ``translate``)."""
    if record_text(probe) is not None and (s.language == "en" or translate is not None):
        return probe_summary(probe, s, translate) or None
    return None


def probe_line(probe: ProbeRecord, s: Strings, translate: Translate | None = None) -> str:
    """What the check found, said once: the summary the window showed ("路由器 192.168.1.1 有回应"),
    its name first unless the summary names it, and a measurement the summary does not give
    ("（0.9 毫秒，丢包 0%）"). Without a summary in the report's language: a well-known probe's
    template, else the name and its status."""
    name = probe_name(probe.probe_id, s, translate)
    colon = s.text("report", "colon")
    summary = _summary_in_language(probe, s, translate)
    section = {"ok": "probe_ok", "fail": "probe_fail"}.get(probe.status)
    template = s.get(section, probe.probe_id) if section else None
    fields = {k: clean(v) for k, v in probe.detail.items() if isinstance(v, str | int | float)}
    if summary is not None:
        text = summary if name.casefold() in summary.casefold() else f"{name}{colon}{summary}"
    elif template is not None and format_fields(template) <= fields.keys():
        text = template.format_map(fields)
    else:
        status = s.label("probe_status", probe.status)
        other = probe_summary(probe, s, translate)
        text = f"{name}{colon}{status}" + (f" — {other}" if other else "")
    extra = measurements_text(probe, s, said=text)
    return f"{text}{paren(extra, s)}" if extra else text


def _shorten(text: str) -> str:
    return text if len(text) <= MAX_VALUE_CHARS else text[: MAX_VALUE_CHARS - 1] + "…"


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str | list | tuple | dict) and not value)


def _plain_value(value: Any, s: Strings) -> str | None:
    if isinstance(value, bool):
        return s.text("words", "yes" if value else "no")
    if isinstance(value, list | tuple):
        return s.text("report", "enum_sep").join(clean(v) for v in value if not _is_empty(v))
    if isinstance(value, dict):
        return None  # nested structures are wizard internals, not answers to read out
    return clean(value)


def _choice_label(question: Question, value: Any, s: Strings) -> str:
    for choice in question.choices:
        if choice.id == value:
            return clean(choice.label.get(s.language))
    return clean(value)


def _question_value(question: Question, value: Any, s: Strings) -> str | None:
    if question.kind == "yesno" and isinstance(value, bool):
        return s.text("words", "yes" if value else "no")
    if question.kind == "choice" and not isinstance(value, list | tuple | dict):
        return _choice_label(question, value, s)
    if question.kind == "multichoice" and isinstance(value, list | tuple):
        sep = s.text("report", "enum_sep")
        return sep.join(_choice_label(question, v, s) for v in value if not _is_empty(v))
    return _plain_value(value, s)


def _question_head(question: Question, s: Strings) -> str:
    """ "屏幕上显示什么？" stays a question; "您的名字" gets the colon."""
    text = clean(question.text.get(s.language))
    if text.endswith(("？", "?", "：", ":")):
        return text + s.text("report", "question_sep")
    return text + s.text("report", "answer_sep")


def answer_lines(
    answers: Mapping[str, Any],
    s: Strings,
    playbook: Playbook | None = None,
    *,
    stated: Mapping[str, str] | None = None,
) -> list[str]:
    """The answers, one readable line each: "屏幕上显示什么？“在维护中”" with the playbook's
    question texts and choice labels. Answers to questions the playbook does not have come out
    as one line "回答：id：value" (as without a playbook); empty answers are left out, and so are
    answers of the kinds in ``stated`` (e.g. ``staff``) equal to what the report already says."""
    lines: list[str] = []
    unknown: dict[str, Any] = {}
    known: list[tuple[int, Question, Any]] = []
    order = {qid: n for n, qid in enumerate(playbook.questions)} if playbook is not None else {}
    for key, value in answers.items():
        if _is_empty(value):
            continue
        found = playbook.questions.get(key) if playbook is not None else None
        if found is None:
            unknown[key] = value
        else:
            known.append((order[key], found[1], value))
    for _, question, value in sorted(known, key=lambda item: item[0]):  # as the step asked them
        shown = _question_value(question, value, s)
        if not shown:
            continue
        if stated and question.kind in stated and clean(stated[question.kind]) == clean(shown):
            continue
        lines.append(_question_head(question, s) + _shorten(shown))
    if rest := answer_text(unknown, s):
        lines.append(f"{s.text('report', 'answers')}{s.text('report', 'colon')}{rest}")
    return lines


def answer_text(answers: Mapping[str, Any], s: Strings) -> str:
    """Answers without their questions: "已重启：是；…" (labels from the strings file)."""
    parts = []
    for key, value in answers.items():
        if _is_empty(value):
            continue
        shown = _plain_value(value, s)
        if not shown:
            continue
        parts.append(f"{s.label('answer', clean(key))}{s.text('report', 'colon')}{_shorten(shown)}")
    return s.text("report", "list_sep").join(parts)
