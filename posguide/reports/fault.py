"""The fault report staff read out to the provider's hotline, copy or print (zh_CN and en).

One language-specific model feeds both renderings, so the text and the printout never disagree.
The text is capped at ``MAX_TEXT_LINES`` (read aloud on the phone); the HTML has everything.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime, timedelta

from posguide.config import Provider, Terminal
from posguide.flow.model import Playbook
from posguide.i18n import Translate
from posguide.privacy import mask_card_numbers
from posguide.reports import facts
from posguide.reports.strings import Language, Strings, load_strings
from posguide.store import IncidentFilter, IncidentStore
from posguide.store.models import IncidentDetail
from posguide.store.queries import count_incidents

MAX_TEXT_LINES = 40
RECENT_DAYS = 30
INDENT = "   "
_STYLE = (
    "body{font-family:'Microsoft YaHei','WenQuanYi Micro Hei',sans-serif;font-size:11pt}"
    "h1{font-size:15pt}h2{font-size:12pt;margin-top:1em}th{text-align:left;padding-right:1em;"
    "vertical-align:top}td,th{padding:2px 0}.training{color:#a00;font-weight:bold}"
    "figure{display:inline-block;margin:4px}figcaption{font-size:9pt}"
)


Ending = tuple[str, str | None]  # (outcome, cause) the wizard has reached but not yet saved


@dataclass(frozen=True)
class FaultReport:
    title: str
    text: str  # plain, readable aloud, at most MAX_TEXT_LINES lines
    html: str  # self-contained document; photos as <img src="photo:ID"> for the GUI to fill
    language: Language


@dataclass(frozen=True)
class _Step:
    title: str
    when: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class _Model:
    title: str
    training: str
    facts: tuple[tuple[str, str], ...]
    steps: tuple[_Step, ...]
    photos: tuple[tuple[int, str], ...]  # (photo id, caption)
    closing: tuple[tuple[str, str], ...]  # outcome, cause, end time; empty while open


def recent_incident_count(
    store: IncidentStore, detail: IncidentDetail, now: datetime, days: int = RECENT_DAYS
) -> int:
    """Incidents on this incident's terminal in the last ``days`` (this one included)."""
    incident = detail.incident
    flt = IncidentFilter(
        training=incident.training,
        terminal=incident.terminal,
        since_ts=(now - timedelta(days=days)).timestamp(),
    )
    return count_incidents(store.db, flt)


def _model(
    detail: IncidentDetail,
    *,
    provider: Provider | None,
    terminal: Terminal | None,
    recent_count: int,
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
    rows = [(s.text(r, "terminal"), facts.terminal_value(inc, terminal, s))]
    rows.append((s.text(r, "provider"), facts.provider_name(provider, s)))
    if provider is not None and provider.hotline:
        rows.append((s.text(r, "hotline"), facts.clean(provider.hotline)))
    if inc.symptom:
        rows.append((s.text(r, "symptom"), facts.clean(inc.symptom)))
    if inc.error_code:
        rows.append((s.text(r, "response_code"), facts.describe_code(inc.error_code, s)))
    if inc.reported_by:
        rows.append((s.text(r, "reported_by"), facts.clean(inc.reported_by)))
    key = "started_open" if inc.is_open else "started_closed"
    rows.append((s.text(r, "started"), s.text(r, key, time=started, minutes=minutes)))
    rows.append((s.text(r, "recent"), s.text(r, "recent_value", count=recent_count)))
    if inc.notes:
        rows.append((s.text(r, "notes"), facts.clean(inc.notes)))
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


def _text(model: _Model, s: Strings) -> str:
    colon = s.text("report", "colon")
    training = s.text("report", "paren", text=model.training).strip()
    head = [model.title, *([training] if model.training else [])]
    head += [f"{label}{colon}{value}" for label, value in model.facts]
    tail = []
    if model.photos:
        captions = s.text("report", "list_sep").join(c for _, c in model.photos if c)
        key = "photos_captions" if captions else "photos_value"
        value = s.text("report", key, count=len(model.photos), captions=captions)
        tail.append(f"{s.text('report', 'photos')}{colon}{value}")
    if model.closing:
        tail.append(s.text("report", "list_sep").join(f"{k}{colon}{v}" for k, v in model.closing))
    steps_head = f"{s.text('report', 'steps')}{colon}".rstrip()
    budget = MAX_TEXT_LINES - len(head) - len(tail) - 1
    body = _step_lines(model.steps, budget, s) if model.steps else [s.text("report", "no_steps")]
    return mask_card_numbers("\n".join([*head, steps_head, *body, *tail]))


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
    out += [f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in model.facts]
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
        out.append(f"<h2>{_e(s.text('report', 'photos'))}</h2><p>{_e(count)}</p><div>")
        for photo_id, caption in model.photos:
            alt = caption or s.text("report", "photo_alt", id=photo_id)
            out.append(
                f'<figure data-photo-id="{photo_id}"><img src="photo:{photo_id}" alt="{_e(alt)}"'
                f' width="240"><figcaption>{_e(caption)}</figcaption></figure>'
            )
        out.append("</div>")
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
    recent_count: int,
    now: datetime,
    language: Language,
    playbook: Playbook | None = None,
    translate: Translate | None = None,
    ending: Ending | None = None,
) -> FaultReport:
    """The report in ``language``. With the ``playbook`` the incident followed, steps and answers
    read as the cashier saw them (titles, questions, choice labels) and probes come in the step's
    order; with ``translate`` (the GUI's) probe summaries are in the report's language too —
    without it they stay in the English recorded at the time. ``ending``: the outcome and cause
    of an incident still open (the wizard's last page, before Finish saves them)."""
    s = load_strings(language)
    model = _model(
        detail,
        provider=provider,
        terminal=terminal,
        recent_count=recent_count,
        now=now,
        s=s,
        playbook=playbook,
        translate=translate,
        ending=ending,
    )
    return FaultReport(model.title, _text(model, s), _html(model, s), language)
