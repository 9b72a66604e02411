"""The fault report staff read out to the provider's hotline, copy, print or send (zh_CN and en).

One language-specific model feeds every rendering, so the text, the printout (HTML, and the
manager console's PDF made from it) and the chat message never disagree. The text is capped at
``MAX_TEXT_LINES`` (read aloud on the phone); the message at ``MAX_BYTES`` of UTF-8 (a WeCom
text message), key facts first; the HTML has everything.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from posguide.config import Provider, Terminal
from posguide.flow.model import Playbook
from posguide.i18n import Translate
from posguide.privacy import mask_card_numbers
from posguide.reports import facts
from posguide.reports.facts import MAX_BYTES, truncate_utf8
from posguide.reports.strings import Language, Strings, load_strings
from posguide.store import IncidentFilter, IncidentStore
from posguide.store.models import IncidentDetail
from posguide.store.queries import count_incidents
from posguide.uplinks import ON_SHOP_NETWORK

MAX_TEXT_LINES = 40
RECENT_DAYS = (30, 90)  # the windows the report counts this terminal's incidents over
INDENT = "   "
PHOTO_COLUMNS = 2  # a row of photos 240 CSS px wide fits an A4 page's width
_STYLE = (
    "body{font-family:'Microsoft YaHei','WenQuanYi Micro Hei',sans-serif;font-size:11pt}"
    "h1{font-size:15pt}h2{font-size:12pt;margin-top:1em}th{text-align:left;padding-right:1em;"
    "vertical-align:top}td,th{padding:2px 0}.training{color:#a00;font-weight:bold}"
    "table.photos td{padding:0 12px 10px 0;vertical-align:top;font-size:9pt}"
)


Ending = tuple[str, str | None]  # (outcome, cause) the wizard has reached but not yet saved


@dataclass(frozen=True)
class FaultReport:
    title: str
    text: str  # plain, readable aloud, at most MAX_TEXT_LINES lines
    html: str  # self-contained document; photos as <img src="photo:ID"> for the GUI to fill
    language: Language
    message: str = ""  # plain, for a WeCom/DingTalk group: at most MAX_BYTES of UTF-8


@dataclass(frozen=True)
class _Step:
    title: str
    when: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class _Model:
    title: str
    training: str
    facts: tuple[tuple[str, str, str], ...]  # (key, label, value)
    steps: tuple[_Step, ...]
    photos: tuple[tuple[int, str], ...]  # (photo id, caption)
    closing: tuple[tuple[str, str], ...]  # outcome, cause, end time; empty while open


def recent_incident_count(
    store: IncidentStore, detail: IncidentDetail, now: datetime, days: int = RECENT_DAYS[0]
) -> int:
    """Incidents on this incident's terminal in the last ``days`` (this one included)."""
    incident = detail.incident
    flt = IncidentFilter(
        training=incident.training,
        terminal=incident.terminal,
        since_ts=(now - timedelta(days=days)).timestamp(),
    )
    return count_incidents(store.db, flt)


def recent_incident_counts(
    store: IncidentStore,
    detail: IncidentDetail,
    now: datetime,
    days: Iterable[int] = RECENT_DAYS,
) -> dict[int, int]:
    """``{days: count}`` for each window, as ``build_fault_report(recent=...)`` takes them."""
    return {d: recent_incident_count(store, detail, now, d) for d in days}


def _recent_text(recent: Mapping[int, int], s: Strings) -> str:
    """ "近 30 天 3 次，近 90 天 5 次（含本次）", shortest window first."""
    counts = s.text("report", "comma").join(
        s.text("report", "recent_value", days=days, count=recent[days]) for days in sorted(recent)
    )
    return s.text("report", "recent_all", counts=counts)


def _model(
    detail: IncidentDetail,
    *,
    provider: Provider | None,
    terminal: Terminal | None,
    shop: str,
    recent: Mapping[int, int],
    now: datetime,
    s: Strings,
    playbook: Playbook | None,
    translate: Translate | None,
    ending: Ending | None,
) -> _Model:
    inc = detail.incident
    minutes = facts.elapsed_minutes(inc, now)
    started = facts.local_time(inc.started_at, now)
    r = "report"
    rows: list[tuple[str, str, str]] = []

    def row(key: str, value: str) -> None:
        rows.append((key, s.text(r, key), value))

    if shop.strip():
        row("shop", facts.clean(shop))
    row("terminal", facts.terminal_value(inc, terminal, s))
    # As recorded with the incident (schema v8); older ones: as the terminal is set up now.
    uplink = inc.uplink or (terminal.uplink if terminal is not None else "")
    if uplink:
        words = s.label("uplink", uplink)
        if uplink not in ON_SHOP_NETWORK:  # what the PC's checks mean for this terminal
            words += s.text(r, "comma") + s.text(r, "off_shop_network")
        row("uplink", words)
    row("provider", facts.provider_name(provider, s))
    if provider is not None and provider.hotline:
        row("hotline", facts.clean(provider.hotline))
    if inc.symptom:
        row("symptom", facts.clean(inc.symptom))
    if inc.error_code:
        row("response_code", facts.describe_code(inc.error_code, s))
    if inc.reported_by:
        row("reported_by", facts.clean(inc.reported_by))
    key = "started_open" if inc.is_open else "started_closed"
    row("started", s.text(r, key, time=started, minutes=minutes))
    if recent:
        row("recent", _recent_text(recent, s))
    if inc.notes:
        row("notes", facts.clean(inc.notes))
    # Answers the facts above already give (who reported it, which terminal) are not repeated.
    stated = {"staff": inc.reported_by, "terminal": inc.terminal}
    steps = []
    for step in detail.steps:
        found = facts.telling_results(facts.ordered_probes(step, playbook))
        lines = [facts.probe_line(p, s, translate) for p in found]
        lines += facts.answer_lines(step.answers, s, playbook, stated=stated)
        if step.notes:
            lines.append(f"{s.text(r, 'notes')}{s.text(r, 'colon')}{facts.clean(step.notes)}")
        when = facts.local_time(step.started_at, now)[-5:]
        steps.append(_Step(facts.step_title(step, s, playbook), when, tuple(lines)))
    closing: list[tuple[str, str]] = []
    outcome, cause = (inc.outcome, inc.cause) if not inc.is_open else ending or (None, None)
    if outcome:
        closing.append((s.text(r, "outcome"), s.label("outcome", outcome)))
        if cause:
            closing.append((s.text(r, "cause"), facts.cause_text(cause, s)))
    if not inc.is_open:
        closing.append((s.text(r, "ended"), facts.local_time(inc.ended_at or "", now)))
    return _Model(
        title=s.text(r, "title", terminal=facts.terminal_name(inc, terminal, s)),
        training=s.text(r, "training") if inc.training else "",
        facts=tuple(rows),
        steps=tuple(steps),
        photos=tuple((p.id, facts.clean(p.caption)) for p in detail.photos),
        closing=tuple(closing),
    )


def _step_lines(steps: tuple[_Step, ...], budget: int, s: Strings) -> list[str]:
    """Numbered steps within ``budget`` lines: every title first, then details in order."""
    blocks = [
        [f"{n}. {st.title}", *(f"{INDENT}- {line}" for line in st.lines)]
        for n, st in enumerate(steps, 1)
    ]
    total = sum(len(b) for b in blocks)
    if total <= budget:
        return [line for block in blocks for line in block]
    room = max(0, budget - 1 - len(blocks))  # detail lines that fit beside the titles
    shown: list[str] = []
    for block in blocks:
        shown.append(block[0])
        take = min(room, len(block) - 1)
        shown += block[1 : 1 + take]
        room -= take
    shown = shown[: budget - 1]
    return [*shown, s.text("report", "more", count=total - len(shown))]


def _title_lines(model: _Model, s: Strings) -> list[str]:
    training = s.text("report", "paren", text=model.training).strip()
    return [model.title, *([training] if model.training else [])]


def _fact_line(label: str, value: str, s: Strings) -> str:
    return f"{label}{s.text('report', 'colon')}{value}"


def _photos_lines(model: _Model, s: Strings) -> list[str]:
    if not model.photos:
        return []
    captions = s.text("report", "list_sep").join(c for _, c in model.photos if c)
    key = "photos_captions" if captions else "photos_value"
    value = s.text("report", key, count=len(model.photos), captions=captions)
    return [_fact_line(s.text("report", "photos"), value, s)]


def _closing_lines(model: _Model, s: Strings) -> list[str]:
    if not model.closing:
        return []
    return [s.text("report", "list_sep").join(_fact_line(k, v, s) for k, v in model.closing)]


def _steps_head(s: Strings) -> str:
    return f"{s.text('report', 'steps')}{s.text('report', 'colon')}".rstrip()


def _text(model: _Model, s: Strings) -> str:
    head = _title_lines(model, s)
    head += [_fact_line(label, value, s) for _, label, value in model.facts]
    tail = _photos_lines(model, s) + _closing_lines(model, s)
    budget = MAX_TEXT_LINES - len(head) - len(tail) - 1
    body = _step_lines(model.steps, budget, s) if model.steps else [s.text("report", "no_steps")]
    return mask_card_numbers("\n".join([*head, _steps_head(s), *body, *tail]))


# The chat message leads with what the group needs at a glance; the rest follows as it fits.
_KEY_FACTS = ("terminal", "shop", "symptom", "response_code", "started")
_MIN_CUT_BYTES = 48  # a line cut shorter than this says nothing: leave it out instead


def _message(model: _Model, s: Strings, max_bytes: int = MAX_BYTES) -> str:
    """Key facts (terminal, shop, symptom and code, times, outcome and cause, recent counts),
    then the other facts and what was tried, whole lines in order as far as they fit in
    ``max_bytes`` of UTF-8; when something is left out, a last line says the PDF has it."""
    by_key = {key: _fact_line(label, value, s) for key, label, value in model.facts}
    key_lines = _title_lines(model, s) + [by_key.pop(k) for k in _KEY_FACTS if k in by_key]
    key_lines += _closing_lines(model, s)
    key_lines += [by_key.pop("recent")] if "recent" in by_key else []
    steps = _step_lines(model.steps, 10**9, s) if model.steps else [s.text("report", "no_steps")]
    rest = [*by_key.values(), *_photos_lines(model, s), _steps_head(s), *steps]
    # Masked line by line before any cut, so a cut never leaves digits the mask would miss.
    key_lines = [mask_card_numbers(line) for line in key_lines]
    rest = [mask_card_numbers(line) for line in rest]
    whole = "\n".join([*key_lines, *rest])
    if len(whole.encode()) <= max_bytes:
        return whole
    more = s.text("report", "message_more")
    room = max_bytes - len(more.encode())  # each line below pays for its own "\n"
    shown: list[str] = []
    for line in key_lines:  # always there, cut if they must be
        cut = truncate_utf8(line, room - 1)
        if cut:
            shown.append(cut)
            room -= len(cut.encode()) + 1
    for line in rest:
        size = len(line.encode()) + 1
        if size <= room:
            shown.append(line)
            room -= size
            continue
        if room - 1 >= _MIN_CUT_BYTES:
            shown.append(truncate_utf8(line, room - 1))
        break
    return truncate_utf8(mask_card_numbers("\n".join([*shown, more])), max_bytes)


def _e(value: object) -> str:
    return html.escape(mask_card_numbers(str(value)), quote=True)


def _html(model: _Model, s: Strings) -> str:
    lang = "zh-CN" if s.language == "zh_CN" else "en"
    out = [
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">',
        f"<title>{_e(model.title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{_e(model.title)}</h1>",
    ]
    if model.training:
        out.append(f'<p class="training">{_e(model.training)}</p>')
    out.append('<table class="facts">')
    out += [f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for _, k, v in model.facts]
    out.append(f"</table><h2>{_e(s.text('report', 'steps'))}</h2>")
    if not model.steps:
        out.append(f"<p>{_e(s.text('report', 'no_steps'))}</p>")
    else:
        out.append("<ol>")
        for st in model.steps:
            items = "".join(f"<li>{_e(line)}</li>" for line in st.lines)
            out.append(f"<li><b>{_e(st.title)}</b> <small>{_e(st.when)}</small>")
            out.append(f"<ul>{items}</ul></li>" if items else "</li>")
        out.append("</ol>")
    if model.photos:
        count = s.text("report", "photos_value", count=len(model.photos))
        out.append(f"<h2>{_e(s.text('report', 'photos'))}</h2><p>{_e(count)}</p>")
        # A table, not inline figures: a printed page breaks between rows, never inside one,
        # and each caption stays under its photo.
        out.append('<table class="photos">')
        for row in range(0, len(model.photos), PHOTO_COLUMNS):
            cells = []
            for photo_id, caption in model.photos[row : row + PHOTO_COLUMNS]:
                alt = caption or s.text("report", "photo_alt", id=photo_id)
                cells.append(
                    f'<td data-photo-id="{photo_id}"><img src="photo:{photo_id}" alt="{_e(alt)}"'
                    f' width="240"><br>{_e(caption)}</td>'
                )
            out.append(f"<tr>{''.join(cells)}</tr>")
        out.append("</table>")
    if model.closing:  # its rows are labelled: no heading saying "outcome" above "outcome"
        out.append('<table class="outcome">')
        out += [f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in model.closing]
        out.append("</table>")
    else:
        out.append(f"<h2>{_e(s.text('report', 'outcome'))}</h2>")
        out.append(f"<p>{_e(s.text('report', 'open'))}</p>")
    out.append("</body></html>")
    return "\n".join(out)


def build_fault_report(
    detail: IncidentDetail,
    *,
    provider: Provider | None,
    terminal: Terminal | None,
    recent: Mapping[int, int],
    now: datetime,
    language: Language,
    shop: str = "",
    playbook: Playbook | None = None,
    translate: Translate | None = None,
    ending: Ending | None = None,
) -> FaultReport:
    """The report in ``language``. ``recent``: ``{days: count}`` of incidents on this terminal,
    this one included (``recent_incident_counts``: ``{30: 3, 90: 5}``). ``shop``: the shop's
    name (``config.shop.name``), left out when empty. With the ``playbook`` the incident
    followed, steps and answers read as the cashier saw them (titles, questions, choice labels)
    and probes come in the step's order; with ``translate`` (the GUI's) probe summaries are in
    the report's language too — without it they stay in the English recorded at the time.
    ``ending``: the outcome and cause of an incident still open (the wizard's last page, before
    Finish saves them)."""
    s = load_strings(language)
    model = _model(
        detail,
        provider=provider,
        terminal=terminal,
        shop=shop,
        recent=recent,
        now=now,
        s=s,
        playbook=playbook,
        translate=translate,
        ending=ending,
    )
    return FaultReport(model.title, _text(model, s), _html(model, s), language, _message(model, s))
