"""Configuration errors: one readable line each, never a traceback for the shop staff.

Every problem names the file, the key path (``terminals[1].baud_rate``, indexes count from 0) and
says what was expected and what was found. TOML syntax errors name ``file:line:column`` instead.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from posguide.i18n import QT_TR_NOOP, Text, Translate

MAX_SHOWN = 60


@dataclass(frozen=True)
class Problem:
    """One mistake in the configuration. ``key`` is "" for problems with the file as a whole.
    ``text`` is translatable where a form shows it beside its field (the setup assistant, the
    console's settings); files, logs and the CLI get the English ``message``."""

    key: str
    text: Text | str
    line: int | None = None
    column: int | None = None

    @property
    def message(self) -> str:
        return str(self.text)

    def translated(self, translate: Translate) -> str:
        return self.text.translated(translate) if isinstance(self.text, Text) else self.text

    def render(self, source: str) -> str:
        where = source if self.line is None else f"{source}:{self.line}:{self.column or 1}"
        parts = [where, self.key, self.message] if self.key else [where, self.message]
        return ": ".join(parts)


class ConfigError(Exception):
    """The configuration file cannot be used. ``str()`` is a single line fit for the shop staff."""

    def __init__(self, source: str, problems: Sequence[Problem]) -> None:
        if not problems:
            raise ValueError("ConfigError needs at least one problem")
        self.source = source
        self.problems = tuple(problems)
        super().__init__(self._line())

    @classmethod
    def single(
        cls,
        source: str,
        key: str,
        message: Text | str,
        line: int | None = None,
        column: int | None = None,
    ) -> ConfigError:
        return cls(source, [Problem(key, message, line, column)])

    @property
    def key(self) -> str:
        return self.problems[0].key

    @property
    def lines(self) -> list[str]:
        """Every problem, one line each (the GUI lists them all)."""
        return [p.render(self.source) for p in self.problems]

    def _line(self) -> str:
        first = one_line(self.problems[0].render(self.source))
        more = len(self.problems) - 1
        if more:
            first += f" (and {more} more problem{'s' if more > 1 else ''})"
        return first

    def __str__(self) -> str:
        return self._line()


class ConfigWriteError(ConfigError):
    """The configuration was valid but could not be written; the old file is untouched."""


def one_line(text: str) -> str:
    return " ".join(text.split())


def describe(value: object) -> str:
    """A short TOML-like rendering of a found value for error messages."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = json.dumps(value, ensure_ascii=False)
        if len(shown) > MAX_SHOWN:
            shown = shown[: MAX_SHOWN - 4] + '..."'
        return shown
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        if value and all(isinstance(v, dict) for v in value):
            return "a list of tables"
        inner = ", ".join(describe(v) for v in value[:5])
        shown = f"[{inner}{', ...' if len(value) > 5 else ''}]"
        return shown if len(shown) <= MAX_SHOWN else f"a list of {len(value)} items"
    return f"a {type(value).__name__.replace('_', ' ')} {value}"[:MAX_SHOWN]


def describe_hidden(value: object) -> str:
    """Like describe() but never shows a secret's text, only its shape."""
    if isinstance(value, str):
        return f"a text of {len(value)} characters (not shown)"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    return describe(value) if isinstance(value, dict) else "a list"


def suggest(found: str, choices: Iterable[str]) -> str | None:
    """The closest choice, or None. Case-only differences always match."""
    options = list(choices)
    for option in options:
        if option.lower() == found.lower():
            return option
    lowered = {o.lower(): o for o in options}
    close = difflib.get_close_matches(found.lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[close[0]] if close else None


def did_you_mean(found: object, choices: Iterable[str]) -> Text | str:
    """' (did you mean "x"?)' for a close choice, translatable (the settings forms show it);
    "" when none is close."""
    if not isinstance(found, str) or not found:
        return ""
    guess = suggest(found[:100], choices)
    return Text(QT_TR_NOOP(' (did you mean "{guess}"?)'), guess=guess) if guess else ""
