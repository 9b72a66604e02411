"""Rows to records: each column checked against the record's type hints, JSON text parsed.

A damaged file can hand back a number where text belongs, bytes that are not UTF-8 or JSON that
does not parse. Reading goes through here, so such a row is a ``DamagedRow`` naming its column,
never a crash later in an export or on screen.
"""

from __future__ import annotations

import json
import types
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import fields
from functools import cache
from typing import Any, NamedTuple, TypeVar, Union, get_args, get_origin, get_type_hints

T = TypeVar("T")


class DamagedRow(ValueError):
    """A stored value that cannot be what its column holds."""

    def __init__(self, table: str, column: str, why: str) -> None:
        super().__init__(f"{table}.{column} {why}")


class _Column(NamedTuple):
    """What one field accepts, worked out once per record type from its type hint."""

    name: str
    accepted: frozenset[type] | None  # None: anything
    hint: str
    flag: bool  # stored as 0/1, handed out as bool


def _accepted(hint: Any) -> frozenset[type] | None:
    """The exact classes a value may have. SQLite hands out exactly str, int, float, bytes or
    None (and JSON exactly dict, list, ...), never a subclass, so no isinstance is needed: a
    stored flag is the int 1, not True."""
    if get_origin(hint) in (Union, types.UnionType):
        parts = [_accepted(arg) for arg in get_args(hint)]
        return None if None in parts else frozenset().union(*parts)  # type: ignore[arg-type]
    if hint is Any:
        return None
    if hint is float:
        return frozenset({int, float})
    if hint is bool:  # SQLite stores a flag as 0 or 1
        return frozenset({int})
    return frozenset({get_origin(hint) or hint})


def _named(hint: Any) -> str:
    return str(getattr(hint, "__name__", None) or hint)


@cache
def _columns(cls: Any) -> tuple[_Column, ...]:
    hints = get_type_hints(cls)
    return tuple(
        _Column(f.name, _accepted(hints[f.name]), _named(hints[f.name]), hints[f.name] is bool)
        for f in fields(cls)
    )


def _parsed(table: str, column: str, value: Any) -> Any:
    if value is None:
        return None
    if not isinstance(value, str):
        raise DamagedRow(table, column, "is not text")
    try:
        return json.loads(value)
    except ValueError:
        raise DamagedRow(table, column, "is not valid JSON") from None


def record(
    cls: type[T],
    table: str,
    row: Mapping[str, Any],
    *,
    json_columns: frozenset[str] = frozenset(),
    **extra: Any,
) -> T:
    """``cls`` built from the columns of ``row`` named like its fields (``extra`` fills in
    fields that are not columns)."""
    build = _builder(cls, table, tuple(row), json_columns, tuple(extra))  # type: ignore[arg-type]
    return build(row, extra)  # type: ignore[no-any-return]


def records(
    cls: type[T],
    table: str,
    rows: Iterable[Mapping[str, Any]],
    *,
    json_columns: frozenset[str] = frozenset(),
) -> Iterator[T]:
    """``record`` for each row of one query (their columns are the same)."""
    build = None
    for row in rows:
        if build is None:
            build = _builder(cls, table, tuple(row), json_columns, ())  # type: ignore[arg-type]
        yield build(row, {})


@cache
def _builder(
    cls: Any, table: str, present: tuple[str, ...], json_columns: frozenset[str], extra: Any
) -> Any:
    """A function building ``cls`` from rows with the columns ``present``, its checks written
    out field by field. A history page maps thousands of rows: a loop interpreting the hints
    for each value doubled the time of a page (bench/store.py); this costs about a tenth more
    than the hand-written mapping it replaced. Names come from the dataclass fields only."""
    namespace: dict[str, Any] = {"cls": cls, "parse": _parsed, "DamagedRow": DamagedRow}
    lines = ["def build(row, extra):"]
    arguments = []
    for i, column in enumerate(_columns(cls)):
        if column.name in extra or column.name not in present:
            continue
        fetch = f"row[{column.name!r}]"
        if column.name in json_columns:
            fetch = f"parse({table!r}, {column.name!r}, {fetch})"
        lines.append(f"    v{i} = {fetch}")
        if column.accepted is not None:
            namespace[f"A{i}"] = column.accepted
            lines += [
                f"    if v{i}.__class__ not in A{i}:",
                f"        raise DamagedRow({table!r}, {column.name!r},"
                f" 'holds ' + type(v{i}).__name__ + ', not ' + {column.hint!r})",
            ]
        arguments.append(f"{column.name}={f'bool(v{i})' if column.flag else f'v{i}'}")
    lines.append(f"    return cls({', '.join([*arguments, '**extra'] if extra else arguments)})")
    exec("\n".join(lines), namespace)
    return namespace["build"]
