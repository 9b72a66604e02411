"""From the YAML node tree to a Playbook: shapes, types and enums, one step at a time.
References between parts (goto, answer, probe ids, pictures) are checked after, in checks.py."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, cast

from yaml.nodes import Node, ScalarNode, SequenceNode

from posguide.flow import conditions
from posguide.flow.answers import answer_problem, normalise
from posguide.flow.model import (
    CONTEXT_FLAGS,
    QUESTION_KINDS,
    STEP_PLACEHOLDERS,
    Choice,
    EvidenceRule,
    PhotoPrompt,
    Picture,
    Playbook,
    ProbeRef,
    Question,
    QuestionKind,
    Step,
)
from posguide.flow.nodes import PROBE_ID, Reader, describe
from posguide.flow.schema import CHOICE, PHOTO_PROMPT, PICTURE, PLAYBOOK, PROBE_REF, QUESTION, STEP

VERSION = 1
WITH_CHOICES = ("choice", "multichoice")


def playbook(r: Reader, root: Node | None) -> Playbook | None:
    if root is None:
        r.error(None, "", "the file is empty; expected a playbook (version, steps)")
        return None
    fields = r.mapping(root, "", PLAYBOOK)
    if fields is None:
        return None
    if "version" in fields:
        version = r.scalar(fields["version"])
        if version != VERSION or isinstance(version, bool):
            r.error(
                fields["version"],
                "version",
                f"expected {VERSION}, got {describe(fields['version'], version)}",
            )
    title = r.text(fields["title"], "title") if "title" in fields else None
    evidence: list[EvidenceRule | None] = []
    if "evidence" in fields:
        nodes = r.sequence(fields["evidence"], "evidence", "evidence rules")
        evidence = [conditions.evidence(r, n, f"evidence[{i}]") for i, n in enumerate(nodes)]
        conditions.ordered(r, evidence, nodes, "evidence", "evidence rule")
    steps: list[Step | None] = []
    if "steps" in fields:
        nodes = r.sequence(fields["steps"], "steps", "steps")
        if not nodes and isinstance(fields["steps"], SequenceNode):
            r.error(fields["steps"], "steps", "expected at least one step")
        steps = [step(r, n, f"steps[{i}]") for i, n in enumerate(nodes)]
    if not any(steps):
        return None  # with some steps, the loader still checks their probe ids and pictures
    return Playbook(
        steps=tuple(s for s in steps if s is not None),
        evidence=tuple(e for e in evidence if e is not None),
        title=title,
        source=r.source,
    )


def step(r: Reader, node: Node, path: str) -> Step | None:
    fields = r.mapping(node, path, STEP)
    if fields is None:
        return None
    step_id = r.ident(fields["id"], f"{path}.id", "a step id") if "id" in fields else None
    title = r.text(fields["title"], f"{path}.title") if "title" in fields else None
    note = r.text(fields["checks_note"], f"{path}.checks_note") if "checks_note" in fields else None
    instructions = (
        conditions.template(r, fields["instructions"], f"{path}.instructions", STEP_PLACEHOLDERS)
        if "instructions" in fields
        else None
    )

    def items(key: str, what: str) -> list[tuple[Node, str]]:
        if key not in fields:
            return []
        nodes = r.sequence(fields[key], f"{path}.{key}", what)
        return [(n, f"{path}.{key}[{i}]") for i, n in enumerate(nodes)]

    pictures = [picture(r, n, p) for n, p in items("pictures", "pictures")]
    probes = [probe_ref(r, n, p) for n, p in items("probes", "probe ids")]
    questions = [question(r, n, p) for n, p in items("questions", "questions")]
    prompt_items = items("photo_prompts", "photo prompts")
    prompts = [photo_prompt(r, n, p) for n, p in prompt_items]
    rule_items = items("next", "rules")
    rules = [conditions.rule(r, n, p) for n, p in rule_items]
    conditions.ordered(r, rules, [n for n, _ in rule_items], f"{path}.next", "rule")
    if "next" in fields and not rule_items and isinstance(fields["next"], SequenceNode):
        r.error(fields["next"], f"{path}.next", "expected at least one rule")
    flags = {
        k: r.boolean(fields[k], f"{path}.{k}")
        for k in ("reboot_watch", "skippable", "fault_report")
        if k in fields
    }
    prompt_ids = [(p.id, n) for p, (n, _) in zip(prompts, prompt_items, strict=True) if p]
    _unique(r, prompt_ids, f"{path}.photo_prompts", "photo prompt")
    parts: list[Any] = [
        step_id,
        title,
        instructions,
        *pictures,
        *probes,
        *questions,
        *prompts,
        *rules,
    ]
    if None in parts or not rules or None in flags.values():
        return None
    if "checks_note" in fields and note is None:
        return None
    assert step_id and title and instructions  # for mypy: checked just above
    return Step(
        id=step_id,
        title=title,
        instructions=instructions,
        next=tuple(x for x in rules if x is not None),
        pictures=tuple(x for x in pictures if x is not None),
        probes=tuple(x for x in probes if x is not None),
        checks_note=note,
        reboot_watch=bool(flags.get("reboot_watch", False)),
        fault_report=bool(flags.get("fault_report", False)),
        skippable=bool(flags.get("skippable", True)),
        questions=tuple(x for x in questions if x is not None),
        photo_prompts=tuple(x for x in prompts if x is not None),
        at=r.where(fields.get("id", node), f"{path}.id"),
    )


def picture(r: Reader, node: Node, path: str) -> Picture | None:
    fields = r.mapping(node, path, PICTURE)
    if fields is None or "file" not in fields or "caption" not in fields:
        return None
    file = r.string(fields["file"], f"{path}.file", "a file name")
    if file is not None and ("/" in file or "\\" in file or file.startswith(".")):
        r.error(
            fields["file"],
            f"{path}.file",
            f"expected a file name without folders, got {describe(fields['file'], file)}",
        )
        return None
    caption = r.text(fields["caption"], f"{path}.caption")
    if file is None or caption is None:
        return None
    return Picture(file, caption, r.where(fields["file"], f"{path}.file"))


def probe_ref(r: Reader, node: Node, path: str) -> ProbeRef | None:
    if isinstance(node, ScalarNode):
        probe = r.ident(node, path, "a probe id", PROBE_ID)
        return ProbeRef(probe, None, r.where(node, path)) if probe else None
    fields = r.mapping(node, path, PROBE_REF)
    if fields is None or "id" not in fields:
        return None
    probe = r.ident(fields["id"], f"{path}.id", "a probe id", PROBE_ID)
    requires = None
    if "requires" in fields:
        requires = r.enum(fields["requires"], f"{path}.requires", CONTEXT_FLAGS, "a context flag")
        if requires is None:
            return None
    return ProbeRef(probe, requires, r.where(fields["id"], f"{path}.id")) if probe else None


def question(r: Reader, node: Node, path: str) -> Question | None:
    fields = r.mapping(node, path, QUESTION)
    if fields is None or not {"id", "kind", "text"} <= fields.keys():
        return None
    qid = r.ident(fields["id"], f"{path}.id", "a question id")
    kind = r.enum(fields["kind"], f"{path}.kind", QUESTION_KINDS, "a question kind")
    text = r.text(fields["text"], f"{path}.text")
    choices: list[Choice | None] = []
    if kind in WITH_CHOICES:
        if "choices" not in fields:
            r.error(node, path, f'a {kind} question needs "choices"')
            return None
        nodes = r.sequence(fields["choices"], f"{path}.choices", "choices")
        choices = [choice(r, n, f"{path}.choices[{i}]") for i, n in enumerate(nodes)]
        if len(nodes) < 2 and isinstance(fields["choices"], SequenceNode):
            r.error(fields["choices"], f"{path}.choices", "expected at least two choices")
        choice_ids = [(c.id, n) for c, n in zip(choices, nodes, strict=True) if c]
        _unique(r, choice_ids, f"{path}.choices", "choice")
    elif kind is not None and "choices" in fields:
        r.error(
            fields["choices"],
            f"{path}.choices",
            f"only choice and multichoice questions have choices, not {kind}",
        )
    required = r.boolean(fields["required"], f"{path}.required") if "required" in fields else False
    show_when = (
        conditions.condition(r, fields["show_when"], f"{path}.show_when")
        if "show_when" in fields
        else None
    )
    if None in (qid, kind, text, required, *choices) or (
        "show_when" in fields and show_when is None
    ):
        return None
    assert qid and kind and text  # for mypy: checked just above
    made = Question(
        id=qid,
        kind=cast(QuestionKind, kind),
        text=text,
        choices=tuple(c for c in choices if c),
        required=bool(required),
        show_when=show_when,
        at=r.where(fields["id"], f"{path}.id"),
    )
    if "preset" not in fields:
        return made
    preset = r.scalar(fields["preset"]) if isinstance(fields["preset"], ScalarNode) else None
    if kind == "multichoice":
        nodes = r.sequence(fields["preset"], f"{path}.preset", "choices")
        preset = [r.scalar(n) for n in nodes]
    problem = answer_problem(made, preset)
    if problem:
        r.error(
            fields["preset"],
            f"{path}.preset",
            f"{problem}, got {describe(fields['preset'], preset)}",
        )
        return None
    return replace(made, preset=normalise(made, preset))


def choice(r: Reader, node: Node, path: str) -> Choice | None:
    fields = r.mapping(node, path, CHOICE)
    if fields is None or "id" not in fields or "label" not in fields:
        return None
    cid = r.ident(fields["id"], f"{path}.id", "a choice id")
    label = r.text(fields["label"], f"{path}.label")
    return Choice(cid, label) if cid and label else None


def photo_prompt(r: Reader, node: Node, path: str) -> PhotoPrompt | None:
    fields = r.mapping(node, path, PHOTO_PROMPT)
    if fields is None or "id" not in fields or "text" not in fields:
        return None
    pid = r.ident(fields["id"], f"{path}.id", "a photo prompt id")
    text = r.text(fields["text"], f"{path}.text")
    return PhotoPrompt(pid, text) if pid and text else None


def _unique(r: Reader, ids: list[tuple[str, Node]], path: str, what: str) -> None:
    seen: set[str] = set()
    for item_id, node in ids:
        if item_id in seen:
            r.error(node, path, f'{what} id "{item_id}" is used twice')
        seen.add(item_id)
