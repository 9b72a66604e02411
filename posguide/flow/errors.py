"""Playbook and session errors. A playbook error lists every problem, each ``file:line: path: what``
so a shop editing its own playbook can fix them all in one pass."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One mistake in a playbook file. ``path`` is "" for the file as a whole."""

    line: int | None
    path: str
    message: str

    def render(self, source: str) -> str:
        where = source if self.line is None else f"{source}:{self.line}"
        return ": ".join(p for p in (where, self.path, self.message) if p)


class PlaybookError(Exception):
    """The playbook cannot be used. ``str()`` is the first problem (and how many more)."""

    def __init__(self, source: str, problems: Sequence[Problem]) -> None:
        if not problems:
            raise ValueError("PlaybookError needs at least one problem")
        self.source = source
        self.problems = tuple(sorted(problems, key=lambda p: (p.line or 0, p.path)))
        more = len(self.problems) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        super().__init__(self.lines[0] + suffix)

    @property
    def lines(self) -> list[str]:
        """Every problem, one line each."""
        return [p.render(self.source) for p in self.problems]


class FlowError(Exception):
    """The wizard asked the session for something the playbook does not allow."""


class IncompleteStepError(FlowError):
    def __init__(self, step_id: str, missing: Sequence[str]) -> None:
        self.step_id, self.missing = step_id, tuple(missing)
        super().__init__(f"step {step_id!r} needs an answer to: {', '.join(self.missing)}")


class AnswerError(FlowError, ValueError):
    """An answer of the wrong kind (not a choice of the question, not a configured terminal)."""


def did_you_mean(found: object, choices: Iterable[str], cutoff: float = 0.6) -> str:
    """' (did you mean "x"?)' for the closest choice, or ""."""
    if not isinstance(found, str) or not found:
        return ""
    options = list(choices)
    exact = [o for o in options if o.lower() == found.lower()]
    close = exact or difflib.get_close_matches(found, options, n=1, cutoff=cutoff)
    return f' (did you mean "{close[0]}"?)' if close else ""
