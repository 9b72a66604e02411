"""The playbook schema, declared once: which keys each kind of mapping has, which are required,
and what each means. The loader checks files against it; tests check docs/playbook.md names every
key. Types, enums and cross-references are checked by the loader (parse.py, checks.py)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Key:
    name: str
    required: bool
    doc: str


@dataclass(frozen=True)
class Shape:
    name: str  # how an error message names it: "a step", "a question"
    keys: tuple[Key, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(k.name for k in self.keys)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(k.name for k in self.keys if k.required)


def _shape(name: str, *keys: tuple[str, bool, str]) -> Shape:
    return Shape(name, tuple(Key(*k) for k in keys))


TEXT = _shape(
    "a text in both languages",
    ("zh_CN", True, "Simplified Chinese (the first language)."),
    ("en", True, "English."),
)

PLAYBOOK = _shape(
    "a playbook",
    ("version", True, "Format version; 1."),
    ("title", False, "Name of this playbook (text), shown in settings."),
    ("evidence", False, "Ordered rules {when, cause} deciding `cause: from_evidence`."),
    ("steps", True, "The steps; the first is where every session starts."),
)

STEP = _shape(
    "a step",
    ("id", True, "Unique id (lower-case letters, digits, _)."),
    ("title", True, "Heading (text)."),
    (
        "instructions",
        True,
        "What to do: paragraphs or numbered actions; may use {escalation_minutes}, {hotline}.",
    ),
    ("pictures", False, "Illustrations: list of {file, caption}."),
    ("probes", False, "Probe ids run on entering the step, or {id, requires}."),
    ("checks_note", False, "A line shown above the step's checks: what they tell here (text)."),
    ("reboot_watch", False, "true: watch the terminal restart first; `probes` run after it."),
    ("fault_report", False, "true: show the fault description for the provider on this step."),
    ("skippable", False, "false: the wizard offers no Skip (default true)."),
    ("questions", False, "Questions to the cashier."),
    ("photo_prompts", False, "Photos the cashier is invited to take: list of {id, text}."),
    ("next", True, "Ordered rules; the first whose `when` holds applies; the last has no `when`."),
)

PICTURE = _shape(
    "a picture",
    ("file", True, "File name in the pictures folder (no folders)."),
    ("caption", True, "Caption (text)."),
)

PROBE_REF = _shape(
    "a probe",
    ("id", True, "Probe id."),
    ("requires", False, "Run only when the context has this flag (pc_reader, backup_terminal)."),
)

QUESTION = _shape(
    "a question",
    ("id", True, "Unique id across the playbook; conditions refer to it."),
    ("kind", True, "yesno, choice, multichoice, text, terminal or staff."),
    ("text", True, "The question (text)."),
    ("choices", False, "For choice and multichoice: list of {id, label}."),
    ("required", False, "true: Next needs an answer while the question is shown (default false)."),
    ("preset", False, "Answer given until the cashier changes it."),
    ("show_when", False, "Condition; the question is hidden (and unanswered) while it is false."),
)

CHOICE = _shape(
    "a choice",
    ("id", True, "Id stored as the answer."),
    ("label", True, "What the cashier reads (text)."),
)

PHOTO_PROMPT = _shape(
    "a photo prompt",
    ("id", True, "Id (stored with the photo)."),
    ("text", True, "What to photograph (text)."),
)

RULE = _shape(
    "a rule",
    ("when", False, "Condition; none: always (only the last rule)."),
    ("goto", False, "Id of the next step."),
    ("finish", False, "End the session: resolved, backup, escalated or abandoned."),
    ("cause", False, "With finish: a cause, from_evidence, or {answer: QID}."),
    ("banner", False, "Text shown prominently on the next screen; may use {notice_end}."),
)

EVIDENCE = _shape(
    "an evidence rule",
    ("when", False, "Condition; none: always (only the last evidence rule)."),
    ("cause", True, "The cause when the condition holds."),
)

CAUSE_FROM = _shape("a cause taken from an answer", ("answer", True, "A choice question's id."))

# Conditions: exactly one head key, plus that head's companions.
CONDITIONS: dict[str, Shape] = {
    "probe": _shape(
        "a probe condition",
        ("probe", True, "Probe id."),
        ("status", True, "Status or list: ok, warn, fail, error, skipped."),
        ("ever", False, "true: any result of it on the path had that status, not only the latest."),
    ),
    "verdict": _shape("a verdict condition", ("verdict", True, "Verdict name or list.")),
    "answer": _shape(
        "an answer condition",
        ("answer", True, "Question id; alone: the question is answered."),
        ("is", False, "The answer is this value (multichoice: this choice is ticked)."),
        ("in", False, "The answer is one of these (multichoice: any of them is ticked)."),
    ),
    "context": _shape("a context condition", ("context", True, "pc_reader or backup_terminal.")),
    "uplink": _shape(
        "an uplink condition",
        (
            "uplink",
            True,
            "How the incident's terminal goes online: ethernet, wifi, cellular, dialup, or a list.",
        ),
    ),
    "all": _shape("an all condition", ("all", True, "List: every condition holds.")),
    "any": _shape("an any condition", ("any", True, "List: at least one holds.")),
    "not": _shape("a not condition", ("not", True, "A condition that must not hold.")),
}

SHAPES: tuple[Shape, ...] = (
    PLAYBOOK,
    TEXT,
    STEP,
    PICTURE,
    PROBE_REF,
    QUESTION,
    CHOICE,
    PHOTO_PROMPT,
    RULE,
    EVIDENCE,
    CAUSE_FROM,
    *CONDITIONS.values(),
)
