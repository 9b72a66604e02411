"""What counts as an answer to each kind of question. Shared by the loader (presets, ``is``/``in``
values) and the session (answers typed by the cashier, answers restored from the store)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from posguide.flow.model import Question

MAX_TEXT = 2000


def single_problem(question: Question, value: Any, terminals: Sequence[str] = ()) -> str | None:
    """Why ``value`` is not one possible answer (for a multichoice: one ticked choice), or None."""
    kind = question.kind
    if kind == "yesno":
        return None if isinstance(value, bool) else "expected true or false"
    if kind in ("choice", "multichoice"):
        if isinstance(value, str) and value in question.choice_ids:
            return None
        return f"expected one of the choices {', '.join(question.choice_ids)}"
    if not isinstance(value, str) or not value.strip():
        return "expected a text"
    if len(value) > MAX_TEXT:
        return f"expected at most {MAX_TEXT} characters"
    if kind == "terminal" and terminals and value not in terminals:
        return f"expected a configured terminal ({', '.join(terminals)})"
    return None


def answer_problem(question: Question, value: Any, terminals: Sequence[str] = ()) -> str | None:
    """Why ``value`` cannot be stored as the answer, or None. A multichoice takes a list."""
    if question.kind != "multichoice":
        return single_problem(question, value, terminals)
    if not isinstance(value, list | tuple):
        return "expected a list of choices"
    if len(set(value)) != len(value):
        return "a choice is ticked twice"
    return next((p for v in value if (p := single_problem(question, v)) is not None), None)


def normalise(question: Question, value: Any) -> Any:
    """The stored (JSON-ready) form: multichoice answers as a list in the order of the choices."""
    if question.kind == "multichoice":
        ticked = set(value)
        return [c for c in question.choice_ids if c in ticked]
    return value


def is_empty(value: Any) -> bool:
    return value is None or value == [] or (isinstance(value, str) and not value.strip())


def matches(value: Any, expected: tuple[Any, ...] | None) -> bool:
    """The rule ``answer: Q`` (expected None), ``is: V`` or ``in: [...]`` for a given answer."""
    if is_empty(value):
        return False
    if expected is None:
        return True
    if isinstance(value, list):  # multichoice: any ticked choice is one of the expected
        return any(_same(v, e) for v in value for e in expected)
    return any(_same(value, e) for e in expected)


def _same(a: Any, b: Any) -> bool:
    # True == 1 in Python; a yes/no answer must not match a number.
    return type(a) is type(b) and bool(a == b)
