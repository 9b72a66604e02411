"""Value kinds: what a setting accepts, how it is described, and what Python value it becomes.

A kind turns the raw TOML value into the typed value the dataclasses hold, or raises ``Invalid``
with the "expected ..., got ..." text. ``expected`` is also the "Accepts" column of the reference.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Generic, NoReturn, TypeVar

from posguide import i18n
from posguide.config.errors import describe, describe_hidden, did_you_mean
from posguide.i18n import QT_TR_NOOP

T = TypeVar("T")

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class Invalid(Exception):
    """A value does not fit its kind. ``subkey`` points inside it (``[2]`` for a list item)."""

    def __init__(self, message: i18n.Text | str, subkey: str = "") -> None:
        super().__init__(str(message))
        self.message = message
        self.subkey = subkey


class Kind(Generic[T]):
    """``expected`` says what the setting accepts, translatable: the settings forms show it
    beside a refused value in the manager's language (mark a literal with QT_TR_NOOP)."""

    expected: i18n.Text = i18n.Text(QT_TR_NOOP("a value"))
    secret: bool = False

    def convert(self, raw: object) -> T:
        raise NotImplementedError

    def to_toml(self, value: T) -> object:
        """The TOML value that stands for ``value`` (used for defaults in docs and examples)."""
        return value

    def fail(self, raw: object, hint: i18n.Text | str = "") -> NoReturn:
        found = describe_hidden(raw) if self.secret else describe(raw)
        raise Invalid(
            i18n.Text(
                QT_TR_NOOP("expected {expected}, got {found}{hint}"),
                expected=self.expected,
                found=found,
                hint=hint,
            )
        )


class Text(Kind[str]):
    """A single line of text."""

    def __init__(
        self,
        expected: str = QT_TR_NOOP("a single line of text"),
        max_len: int = 200,
        pattern: str | None = None,
        allow_empty: bool = True,
    ) -> None:
        self.expected = i18n.Text(expected)
        self.max_len = max_len
        self.pattern = re.compile(pattern) if pattern else None
        self.allow_empty = allow_empty

    def convert(self, raw: object) -> str:
        if not isinstance(raw, str) or _CONTROL.search(raw) or len(raw) > self.max_len:
            self.fail(raw)
        if raw == "":
            if not self.allow_empty:
                self.fail(raw)
            return raw
        if self.pattern and not self.pattern.fullmatch(raw):
            self.fail(raw)
        self.check(raw)
        return raw

    def check(self, value: str) -> None:
        """Extra checks for subclasses; call self.fail() on a bad value."""


class WholeNumber(Kind[int]):
    def __init__(self, low: int, high: int) -> None:
        self.low, self.high = low, high
        self.expected = i18n.Text(
            QT_TR_NOOP("a whole number from {low} to {high}"), low=low, high=high
        )

    def convert(self, raw: object) -> int:
        if isinstance(raw, bool) or not isinstance(raw, int) or not self.low <= raw <= self.high:
            self.fail(raw)
        return raw


class Number(Kind[float]):
    def __init__(self, low: float, high: float, *, seconds: bool = False) -> None:
        self.low, self.high = low, high
        self.expected = i18n.Text(
            QT_TR_NOOP("a number from {low:g} to {high:g} seconds")
            if seconds
            else QT_TR_NOOP("a number from {low:g} to {high:g}"),
            low=low,
            high=high,
        )

    def convert(self, raw: object) -> float:
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            self.fail(raw)
        if isinstance(raw, int) and not -(2**53) <= raw <= 2**53:
            self.fail(raw)
        value = float(raw)
        if not self.low <= value <= self.high:  # also rejects nan
            self.fail(raw)
        return value


class Flag(Kind[bool]):
    expected = i18n.Text(QT_TR_NOOP("true or false"))

    def convert(self, raw: object) -> bool:
        if not isinstance(raw, bool):
            quoted = i18n.Text(QT_TR_NOOP(" (write true or false without quotes)"))
            self.fail(raw, quoted if raw in ("true", "false") else "")
        return raw


class Choice(Kind[str]):
    def __init__(self, *options: str) -> None:
        self.options = options
        listed = ", ".join(f'"{o}"' for o in options)
        self.expected = i18n.Text(QT_TR_NOOP("one of {options}"), options=listed)

    def convert(self, raw: object) -> str:
        if not isinstance(raw, str) or raw not in self.options:
            self.fail(raw, did_you_mean(raw, self.options))
        return raw


class NumberChoice(Kind[int]):
    """One of a fixed set of whole numbers (baud rates)."""

    def __init__(self, options: Sequence[int], range_text: str) -> None:
        self.options = tuple(options)
        self.expected = i18n.Text(range_text)

    def convert(self, raw: object) -> int:
        if isinstance(raw, bool) or not isinstance(raw, int):
            self.fail(raw)
        if raw not in self.options:
            listed = ", ".join(str(o) for o in self.options)
            raise Invalid(i18n.Text(QT_TR_NOOP("expected one of {options}, got {found}"),
                                    options=listed, found=raw))  # fmt: skip
        return raw


class ListOf(Kind[tuple[T, ...]]):
    """A TOML array; errors point at the item (``staff[2]``)."""

    def __init__(
        self,
        item: Kind[T],
        expected: str | None = None,
        max_items: int = 100,
        unique: bool = False,
        single_ok: bool = False,
    ) -> None:
        self.item = item
        self.max_items = max_items
        self.unique = unique
        self.single_ok = single_ok
        self.secret = item.secret
        self.expected = (
            i18n.Text(expected)
            if expected
            else i18n.Text(QT_TR_NOOP("a list, each item {item}"), item=item.expected)
        )

    def convert(self, raw: object) -> tuple[T, ...]:
        single = self.single_ok and not isinstance(raw, list | dict)
        if single:
            raw = [raw]
        if not isinstance(raw, list) or len(raw) > self.max_items:
            self.fail(raw)
        out: list[T] = []
        for index, item in enumerate(raw):
            try:
                value = self.item.convert(item)
            except Invalid as exc:
                where = "" if single else f"[{index}]"
                raise Invalid(exc.message, where + exc.subkey) from None
            if self.unique and value in out:
                twice = i18n.Text(QT_TR_NOOP("expected no repeats, got {found} twice"),
                                  found=describe(item))  # fmt: skip
                raise Invalid(twice, f"[{index}]")
            out.append(value)
        return tuple(out)

    def to_toml(self, value: tuple[T, ...]) -> object:
        return [self.item.to_toml(v) for v in value]
