"""The playbook as frozen dataclasses: steps, questions, conditions and rules. Built only by the
loader (posguide.flow.parse), which has checked every reference; docs/playbook.md is the format."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal, get_args

from posguide.probes import registry

LANGUAGES = ("zh_CN", "en")
OUTCOMES = ("resolved", "backup", "escalated", "abandoned")
CAUSES = (
    "provider_maintenance",
    "terminal_restart",
    "network",
    "router",
    "reader",
    "customer_card",
    "power",
    "operator",
    "gateway_timeout",
    "mobile_signal",  # a terminal on its own SIM card: no or weak signal where it stands
    "sim_card",  # its SIM card loose, or its data plan expired
    "wifi",  # a terminal on the shop's Wi-Fi lost it (password changed, 5 GHz only, ...)
    "phone_line",  # a dial-up terminal's telephone line (wrong jack, no dial tone, prefix)
    "unknown",
)
FROM_EVIDENCE = "from_evidence"  # cause: decided by the playbook's evidence rules
QuestionKind = Literal["yesno", "choice", "multichoice", "text", "terminal", "staff"]
QUESTION_KINDS: tuple[QuestionKind, ...] = get_args(QuestionKind)
# Facts about the shop's set-up the session gets from its context (probe `requires`, `context:`).
CONTEXT_FLAGS = ("pc_reader", "backup_terminal")
PLACEHOLDERS = ("notice_end", "notice_title")  # usable in a rule's banner
# Usable in a step's instructions: the shop's settings, filled in where the step is shown.
STEP_PLACEHOLDERS = ("escalation_minutes", "hotline")
# The probe ids a playbook may name; the loader takes the set as a parameter so tests vary it.
KNOWN_PROBES = frozenset(registry.ALL)


@dataclass(frozen=True)
class Where:
    """Where something was written: for error messages about cross-references."""

    line: int
    path: str


NOWHERE = Where(0, "")


@dataclass(frozen=True)
class LocalText:
    """A text in every interface language. Chinese is the first language and the fallback."""

    zh_CN: str
    en: str

    def get(self, language: str) -> str:
        return self.en if language == "en" else self.zh_CN

    def to_dict(self) -> dict[str, str]:
        return {"zh_CN": self.zh_CN, "en": self.en}


# --- conditions -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProbeIs:
    """``probe: ID, status: [...]``: the probe's latest result on the path has one of these;
    with ``ever: true``, any of its results on the path did (the router that did not answer
    before the cashier restarted it)."""

    probe_id: str
    statuses: tuple[str, ...]
    at: Where = field(default=NOWHERE, compare=False, repr=False)
    ever: bool = False


@dataclass(frozen=True)
class VerdictIs:
    """``verdict: NAME`` (or a list): the verdict of all probe results on the path."""

    verdicts: tuple[str, ...]
    at: Where = field(default=NOWHERE, compare=False, repr=False)


@dataclass(frozen=True)
class AnswerIs:
    """``answer: QID`` alone: answered; with ``is: V`` / ``in: [...]``: the answer is one of the
    values (for a multichoice: one of the ticked choices is). ``is: V`` equals ``in: [V]``."""

    question: str
    values: tuple[Any, ...] | None
    at: Where = field(default=NOWHERE, compare=False, repr=False)


@dataclass(frozen=True)
class ContextIs:
    """``context: FLAG``: the shop's set-up has it (e.g. a PC card reader)."""

    flag: str
    at: Where = field(default=NOWHERE, compare=False, repr=False)


@dataclass(frozen=True)
class UplinkIs:
    """``uplink: KIND`` (or a list): the terminal the incident is about goes online this way
    (``[[terminals]] uplink``: ethernet, wifi, cellular, dialup)."""

    uplinks: tuple[str, ...]
    at: Where = field(default=NOWHERE, compare=False, repr=False)


@dataclass(frozen=True)
class AllOf:
    items: tuple[Condition, ...]


@dataclass(frozen=True)
class AnyOf:
    items: tuple[Condition, ...]


@dataclass(frozen=True)
class Not:
    item: Condition


Condition = ProbeIs | VerdictIs | AnswerIs | ContextIs | UplinkIs | AllOf | AnyOf | Not


def walk(condition: Condition | None) -> list[Condition]:
    """The condition and every condition inside it."""
    if condition is None:
        return []
    if isinstance(condition, AllOf | AnyOf):
        return [condition, *(c for item in condition.items for c in walk(item))]
    if isinstance(condition, Not):
        return [condition, *walk(condition.item)]
    return [condition]


# --- steps ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CauseFrom:
    """``cause: {answer: QID}``: the ticked choice (its ids are causes); unanswered: evidence."""

    question: str
    at: Where = field(default=NOWHERE, compare=False, repr=False)


Cause = str | CauseFrom  # a name from CAUSES, FROM_EVIDENCE, or from an answer


@dataclass(frozen=True)
class Rule:
    """One entry of a step's ``next``: when ``when`` holds (None: always), go or finish."""

    when: Condition | None
    goto: str | None = None
    finish: str | None = None
    cause: Cause | None = None
    banner: LocalText | None = None
    at: Where = field(default=NOWHERE, compare=False, repr=False)


@dataclass(frozen=True)
class EvidenceRule:
    """One entry of the playbook's ``evidence``: what ``cause: from_evidence`` becomes."""

    when: Condition | None
    cause: str
    at: Where = field(default=NOWHERE, compare=False, repr=False)


@dataclass(frozen=True)
class Picture:
    file: str
    caption: LocalText
    at: Where = field(default=NOWHERE, compare=False, repr=False)


@dataclass(frozen=True)
class ProbeRef:
    """A probe run on entering the step; skipped unless the context has ``requires``."""

    id: str
    requires: str | None = None
    at: Where = field(default=NOWHERE, compare=False, repr=False)


@dataclass(frozen=True)
class Choice:
    id: str
    label: LocalText


@dataclass(frozen=True)
class Question:
    id: str
    kind: QuestionKind
    text: LocalText
    choices: tuple[Choice, ...] = ()
    required: bool = False
    preset: Any = None
    show_when: Condition | None = None
    at: Where = field(default=NOWHERE, compare=False, repr=False)

    @property
    def choice_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.choices)


@dataclass(frozen=True)
class PhotoPrompt:
    id: str
    text: LocalText


@dataclass(frozen=True)
class Step:
    id: str
    title: LocalText
    instructions: LocalText
    next: tuple[Rule, ...]
    pictures: tuple[Picture, ...] = ()
    probes: tuple[ProbeRef, ...] = ()
    checks_note: LocalText | None = None  # shown above the checks: what they tell on this step
    reboot_watch: bool = False
    fault_report: bool = False
    skippable: bool = True
    questions: tuple[Question, ...] = ()
    photo_prompts: tuple[PhotoPrompt, ...] = ()
    at: Where = field(default=NOWHERE, compare=False, repr=False)

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)


@dataclass(frozen=True)
class Playbook:
    steps: tuple[Step, ...]
    evidence: tuple[EvidenceRule, ...] = ()
    title: LocalText | None = None
    source: str = "<playbook>"

    @property
    def first(self) -> Step:
        return self.steps[0]

    @cached_property
    def _steps(self) -> dict[str, Step]:
        return {s.id: s for s in self.steps}

    @cached_property
    def questions(self) -> dict[str, tuple[Step, Question]]:
        """Every question by id (ids are unique across the playbook), with its step."""
        return {q.id: (s, q) for s in self.steps for q in s.questions}

    def step(self, step_id: str) -> Step:
        """The step with that id; KeyError if there is none."""
        return self._steps[step_id]

    def has_step(self, step_id: str) -> bool:
        return step_id in self._steps
