"""The short alert text sent to the shop's group chats when a terminal stays in maintenance."""

from __future__ import annotations

from datetime import datetime

from posguide.config import Provider, Terminal
from posguide.flow.model import Playbook
from posguide.i18n import Translate
from posguide.privacy import mask_card_numbers
from posguide.reports import facts
from posguide.reports.facts import ELLIPSIS, MAX_BYTES, truncate_utf8
from posguide.reports.strings import Language, load_strings
from posguide.store.models import IncidentDetail, ProbeRecord
from posguide.timeutil import now as local_now

# The byte cap and its cutter live with the report facts: the fault report's chat message uses
# them too, and the reports may not import the alerts (the layers contract).
__all__ = ["ELLIPSIS", "MAX_BYTES", "compose_alert", "compose_test", "truncate_utf8"]
_WORST = {"fail": 0, "error": 1, "warn": 2}


def _evidence(probes: tuple[ProbeRecord, ...]) -> ProbeRecord | None:
    """The most alarming probe of a step (fail before error before warn), if any."""
    bad = [p for p in probes if p.status in _WORST]
    return min(bad, key=lambda p: _WORST[p.status]) if bad else None


def compose_alert(
    detail: IncidentDetail,
    terminal: Terminal | None,
    provider: Provider | None,
    elapsed_min: int,
    language: Language,
    *,
    max_bytes: int = MAX_BYTES,
    now: datetime | None = None,
    playbook: Playbook | None = None,
    translate: Translate | None = None,
) -> str:
    """Terminal, symptom, time elapsed and what was tried, within ``max_bytes`` of UTF-8.

    ``playbook`` and ``translate`` as for the fault report: step titles from the playbook, probe
    summaries in ``language``."""
    s = load_strings(language)
    inc = detail.incident
    now = now or local_now()
    symptom = facts.clean(inc.symptom)
    maintenance = "维护" in symptom or "mainten" in symptom.lower() or inc.error_code == "96"
    state = s.text("alert", "state_maintenance" if maintenance else "state_fault")
    name = facts.terminal_value(inc, terminal, s)
    lines = [s.text("alert", "head", terminal=name, state=state, minutes=elapsed_min)]
    if inc.training:
        lines[0] += s.text("alert", "training")
    if symptom:
        lines.append(s.text("alert", "symptom", symptom=symptom))
    if inc.error_code:
        lines.append(s.text("alert", "code", code=facts.describe_code(inc.error_code, s)))
    if provider is not None:
        hotline = facts.clean(provider.hotline) or "-"
        who = facts.provider_name(provider, s)
        lines.append(s.text("alert", "provider", provider=who, hotline=hotline))
    lines.append(s.text("alert", "started", time=facts.local_time(inc.started_at, now)))
    steps = []
    for n, step in enumerate(detail.steps, 1):
        item = f"{n}. {facts.step_title(step, s, playbook)}"
        if (worst := _evidence(tuple(facts.ordered_probes(step, playbook)))) is not None:
            item += s.text("report", "colon") + facts.probe_line(worst, s, translate)
        steps.append(item)
    ask = s.text("alert", "ask")
    head = mask_card_numbers("\n".join(lines))
    if steps:
        # What was tried is the longest part, so it is what gets shortened.
        room = max_bytes - len(f"{head}\n\n{ask}".encode())
        sep = s.text("report", "list_sep")
        tried = truncate_utf8(s.text("alert", "tried", steps=sep.join(steps)), max(room, 0))
    else:
        tried = s.text("alert", "tried_none")
    text = "\n".join(part for part in (head, tried, ask) if part)
    return truncate_utf8(mask_card_numbers(text), max_bytes)


def compose_test(channel_label: str, language: Language) -> str:
    """The "send test alert" text."""
    return load_strings(language).text("alert", "head_test", channel=facts.clean(channel_label))
