"""Evaluating conditions, causes and banners against what the session knows (its Facts)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, Protocol

from posguide.flow.answers import matches
from posguide.flow.model import (
    FROM_EVIDENCE,
    AllOf,
    AnswerIs,
    AnyOf,
    Cause,
    CauseFrom,
    Condition,
    ContextIs,
    EvidenceRule,
    LocalText,
    Not,
    ProbeIs,
    Rule,
    UplinkIs,
    VerdictIs,
)
from posguide.probes.base import ProbeResult

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
NOT_ANNOUNCED = LocalText("未公布", "not announced")


class Facts(Protocol):
    """What conditions read. Only steps on the session's current path contribute."""

    def value(self, question_id: str) -> Any:
        """The answer (or preset) of a shown question of a step on the path; None otherwise."""

    def result(self, probe_id: str) -> ProbeResult | None:
        """The latest result of that probe on the path."""

    def ever(self, probe_id: str, statuses: Iterable[str]) -> bool:
        """Whether any result of that probe on the path had one of ``statuses``."""

    @property
    def verdict(self) -> str: ...

    @property
    def flags(self) -> frozenset[str]: ...

    @property
    def uplink(self) -> str:
        """How the terminal the incident is about goes online."""


def holds(condition: Condition | None, facts: Facts) -> bool:
    """Whether ``condition`` is true; None (no ``when``) always is."""
    match condition:
        case None:
            return True
        case ProbeIs(probe_id=probe_id, statuses=statuses, ever=True):
            return facts.ever(probe_id, statuses)
        case ProbeIs(probe_id=probe_id, statuses=statuses):
            result = facts.result(probe_id)
            return result is not None and result.status.value in statuses
        case VerdictIs(verdicts=verdicts):
            return facts.verdict in verdicts
        case AnswerIs(question=question, values=values):
            return matches(facts.value(question), values)
        case ContextIs(flag=flag):
            return flag in facts.flags
        case UplinkIs(uplinks=uplinks):
            return facts.uplink in uplinks
        case AllOf(items=items):
            return all(holds(c, facts) for c in items)
        case AnyOf(items=items):
            return any(holds(c, facts) for c in items)
        case Not(item=item):
            return not holds(item, facts)
    raise TypeError(f"not a condition: {condition!r}")  # pragma: no cover


def first_rule(rules: Iterable[Rule], facts: Facts) -> Rule:
    """The first rule whose condition holds (the last rule has none, so one always does)."""
    return next(rule for rule in rules if holds(rule.when, facts))


def cause_of(cause: Cause | None, evidence: Iterable[EvidenceRule], facts: Facts) -> str:
    """A fixed cause; the ticked choice of a question (unanswered: as from_evidence); or the
    first evidence rule that holds (none: unknown)."""
    if isinstance(cause, CauseFrom):
        answered = facts.value(cause.question)
        if isinstance(answered, str):
            return answered
    elif cause is not None and cause != FROM_EVIDENCE:
        return cause
    return next((e.cause for e in evidence if holds(e.when, facts)), "unknown")


def render_banner(banner: LocalText, facts: Facts) -> LocalText:
    """The banner with its placeholders filled in, in both languages."""
    notices = facts.result("notices")
    active = (notices.detail.get("active") if notices else None) or [{}]
    first: Mapping[str, Any] = active[0] if isinstance(active[0], Mapping) else {}
    checked = notices.detail.get("checked_at") if notices else None
    title = str(first.get("title") or "")
    out = {}
    for language in ("zh_CN", "en"):
        values = {
            "notice_end": _when(first.get("ends"), checked, language),
            "notice_title": title or NOT_ANNOUNCED.get(language),
        }
        out[language] = banner.get(language).format_map(values)
    return LocalText(out["zh_CN"], out["en"])


def _when(ends: object, checked_at: object, language: str) -> str:
    """``14:00`` today, else ``5月2日 14:00`` / ``2 May 14:00``; unknown: not announced."""
    try:
        moment = datetime.fromisoformat(str(ends))
    except ValueError:
        return NOT_ANNOUNCED.get(language)
    clock = moment.strftime("%H:%M")
    try:
        today = datetime.fromisoformat(str(checked_at)).date()
    except ValueError:
        today = None
    if moment.date() == today:
        return clock
    if language == "en":
        return f"{moment.day} {MONTHS[moment.month - 1]} {clock}"
    return f"{moment.month}月{moment.day}日 {clock}"
