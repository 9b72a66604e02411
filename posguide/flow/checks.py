"""Checks across the whole playbook: ids unique, every reference resolves (steps, questions, probe
ids, picture files), every step reachable from the first and every step able to reach a finish."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path

from posguide.flow.answers import single_problem
from posguide.flow.errors import did_you_mean
from posguide.flow.model import (
    CAUSES,
    AnswerIs,
    CauseFrom,
    Condition,
    Picture,
    Playbook,
    ProbeIs,
    Question,
    Step,
    Where,
    walk,
)
from posguide.flow.nodes import Reader


def check(
    r: Reader,
    book: Playbook,
    known_probes: Collection[str],
    pictures: Sequence[Path],
    *,
    complete: bool = True,
) -> None:
    """Add a problem to ``r`` for every broken reference in ``book``. ``complete`` False: some
    parts had mistakes and are missing from ``book``, so only references that do not depend on
    other parts are checked (probe ids, picture files); the rest once those are fixed."""
    for step in book.steps:
        for picture in step.pictures:
            _picture(r, picture, pictures)
        for ref in step.probes:
            _probe(r, ref.id, ref.at, known_probes)
    conditions = [
        *(q.show_when for s in book.steps for q in s.questions),
        *(rule.when for s in book.steps for rule in s.next),
        *(e.when for e in book.evidence),
    ]
    for part in (c for condition in conditions for c in walk(condition)):
        if isinstance(part, ProbeIs):
            _probe(r, part.probe_id, part.at, known_probes)
    if not complete:
        return
    _unique_ids(r, book)
    order = {qid: index for index, qid in enumerate(book.questions)}
    for step in book.steps:
        for question in step.questions:
            # Earlier questions only: visibility can then never depend on itself.
            _answers(r, book, question.show_when, order, before=order[question.id])
        for rule in step.next:
            _answers(r, book, rule.when, order)
            if rule.goto is not None and not book.has_step(rule.goto):
                hint = did_you_mean(rule.goto, [s.id for s in book.steps])
                r.fail_at(rule.at, f'expected the id of a step, got "{rule.goto}"{hint}')
            if isinstance(rule.cause, CauseFrom):
                _cause_question(r, book, rule.cause)
    for item in book.evidence:
        _answers(r, book, item.when, order)
    if not r.problems:  # the graph is only meaningful once every goto resolves
        _graph(r, book)


def _picture(r: Reader, picture: Picture, folders: Sequence[Path]) -> None:
    if any((folder / picture.file).is_file() for folder in folders):
        return
    names = sorted({p.name for f in folders if f.is_dir() for p in f.iterdir()})
    # A strict match: "cables_check" must not suggest "notice_check".
    hint = did_you_mean(picture.file, names, cutoff=0.8)
    shown = ", ".join(str(f) for f in folders)
    r.fail_at(picture.at, f'picture "{picture.file}" not found in {shown}{hint}')


def _unique_ids(r: Reader, book: Playbook) -> None:
    steps: set[str] = set()
    for step in book.steps:
        if step.id in steps:
            r.fail_at(step.at, f'step id "{step.id}" is used twice')
        steps.add(step.id)
    questions: dict[str, str] = {}
    for step in book.steps:
        for question in step.questions:
            if question.id in questions:
                first = questions[question.id]
                r.fail_at(
                    question.at, f'question id "{question.id}" is already used in step "{first}"'
                )
            questions.setdefault(question.id, step.id)


def _probe(r: Reader, probe_id: str, at: Where, known: Collection[str]) -> None:
    if probe_id not in known:
        hint = did_you_mean(probe_id, sorted(known)) or f" (known: {', '.join(sorted(known))})"
        r.fail_at(at, f'unknown probe "{probe_id}"{hint}')


def _question(r: Reader, book: Playbook, question_id: str, at: Where) -> Question | None:
    found = book.questions.get(question_id)
    if found is None:
        hint = did_you_mean(question_id, list(book.questions))
        r.fail_at(at, f'expected the id of a question, got "{question_id}"{hint}')
        return None
    return found[1]


def _answers(
    r: Reader,
    book: Playbook,
    condition: Condition | None,
    order: dict[str, int],
    *,
    before: int | None = None,
) -> None:
    """Each ``answer:`` names a question (asked earlier, for show_when) and fitting values."""
    for part in walk(condition):
        if not isinstance(part, AnswerIs):
            continue
        question = _question(r, book, part.question, part.at)
        if question is None:
            continue
        if before is not None and order[question.id] >= before:
            r.fail_at(
                part.at,
                f'show_when may only use questions asked before this one, not "{question.id}"',
            )
        for value in part.values or ():
            problem = single_problem(question, value)
            if problem:
                r.fail_at(
                    part.at,
                    f'"{question.id}" is a {question.kind} question: {problem}, got {value!r}',
                )


def _cause_question(r: Reader, book: Playbook, cause: CauseFrom) -> None:
    question = _question(r, book, cause.question, cause.at)
    if question is None:
        return
    wrong = [c for c in question.choice_ids if c not in CAUSES]
    if question.kind != "choice" or wrong:
        why = (
            f"its choices {', '.join(wrong)} are not causes"
            if wrong
            else f"it is a {question.kind} question"
        )
        r.fail_at(
            cause.at,
            f'a cause needs a choice question whose choice ids are causes; "{question.id}": {why}',
        )


def _graph(r: Reader, book: Playbook) -> None:
    targets = {s.id: {rule.goto for rule in s.next if rule.goto} for s in book.steps}
    reached, todo = {book.first.id}, [book.first.id]
    while todo:
        for target in targets[todo.pop()] - reached:
            reached.add(target)
            todo.append(target)
    for step in book.steps:
        if step.id not in reached:
            r.fail_at(
                step.at,
                f'step "{step.id}" can never be reached from the first step "{book.first.id}"',
            )
    finishing = {s.id for s in book.steps if any(rule.finish for rule in s.next)}
    grown = True
    while grown:  # a step can finish if it finishes itself or leads to a step that can
        more = {s for s, ts in targets.items() if s not in finishing and ts & finishing}
        finishing |= more
        grown = bool(more)
    for step in book.steps:
        if step.id not in finishing:
            r.fail_at(step.at, f'no finish can be reached from step "{step.id}" ({_leads(step)})')


def _leads(step: Step) -> str:
    gotos = sorted({rule.goto for rule in step.next if rule.goto})
    return f"its rules only lead to {', '.join(gotos)}; the sessions would go round for ever"
