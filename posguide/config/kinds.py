"""Value kinds: what a setting accepts, how it is described, and what Python value it becomes.

A kind turns the raw TOML value into the typed value the dataclasses hold, or raises ``Invalid``
with the "expected ..., got ..." text. ``expected`` is also the "Accepts" column of the reference.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Generic, NoReturn, TypeVar

from posguide.config.errors import describe, describe_hidden, did_you_mean

T = TypeVar("T")

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class Invalid(Exception):
    """A value does not fit its kind. ``subkey`` points inside it (``[2]`` for a list item)."""

    def __init__(self, message: str, subkey: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.subkey = subkey


class Kind(Generic[T]):
    expected: str = "a value"
    secret: bool = False

    def convert(self, raw: object) -> T:
        raise NotImplementedError

    def to_toml(self, value: T) -> object:
        """The TOML value that stands for ``value`` (used for defaults in docs and examples)."""
        return value

    def fail(self, raw: object, hint: str = "") -> NoReturn:
        found = describe_hidden(raw) if self.secret else describe(raw)
        raise Invalid(f"expected {self.expected}, got {found}{hint}")


class Text(Kind[str]):
    """A single line of text."""

    def __init__(
        self,
        expected: str = "a single line of text",
        max_len: int = 200,
        pattern: str | None = None,
        allow_empty: bool = True,
    ) -> None:
        self.expected = expected
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
        self.expected = f"a whole number from {low} to {high}"

    def convert(self, raw: object) -> int:
        if isinstance(raw, bool) or not isinstance(raw, int) or not self.low <= raw <= self.high:
            self.fail(raw)
        return raw


class Number(Kind[float]):
    def __init__(self, low: float, high: float, unit: str = "") -> None:
        self.low, self.high = low, high
        self.expected = f"a number from {low:g} to {high:g}{unit}"

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
    expected = "true or false"

    def convert(self, raw: object) -> bool:
        if not isinstance(raw, bool):
            self.fail(
                raw, " (write true or false without quotes)" if raw in ("true", "false") else ""
            )
        return raw


class Choice(Kind[str]):
    def __init__(self, *options: str) -> None:
        self.options = options
        self.expected = "one of " + ", ".join(f'"{o}"' for o in options)

    def convert(self, raw: object) -> str:
        if not isinstance(raw, str) or raw not in self.options:
            self.fail(raw, did_you_mean(raw, self.options))
        return raw


class NumberChoice(Kind[int]):
    """One of a fixed set of whole numbers (baud rates)."""

    def __init__(self, options: Sequence[int], range_text: str) -> None:
        self.options = tuple(options)
        self.range_text = range_text
        self.expected = range_text

    def convert(self, raw: object) -> int:
        if isinstance(raw, bool) or not isinstance(raw, int):
            self.fail(raw)
        if raw not in self.options:
            listed = ", ".join(str(o) for o in self.options)
            raise Invalid(f"expected one of {listed}, got {raw}")
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
        self.expected = expected or f"a list, each item {item.expected}"

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
                raise Invalid(f"expected no repeats, got {describe(item)} twice", f"[{index}]")
            out.append(value)
        return tuple(out)

    def to_toml(self, value: tuple[T, ...]) -> object:
        return [self.item.to_toml(v) for v in value]
