"""Rows to records: each column checked against the record's type hints, JSON text parsed.

A damaged file can hand back a number where text belongs, bytes that are not UTF-8 or JSON that
does not parse. Reading goes through here, so such a row is a ``DamagedRow`` naming its column,
never a crash later in an export or on screen.
"""

from __future__ import annotations

import json
import types
from collections.abc import Mapping
from dataclasses import fields
from functools import cache
from typing import Any, TypeVar, Union, get_args, get_origin, get_type_hints

T = TypeVar("T")


class DamagedRow(ValueError):
    """A stored value that cannot be what its column holds."""

    def __init__(self, table: str, column: str, why: str) -> None:
        super().__init__(f"{table}.{column} {why}")


@cache
def _hints(cls: Any) -> dict[str, Any]:
    return get_type_hints(cls)


def _fits(value: Any, hint: Any) -> bool:
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        return any(_fits(value, arg) for arg in get_args(hint))
    if hint is type(None):
        return value is None
    if hint is Any:
        return True
    if hint in (int, bool):  # SQLite stores a flag as 0 or 1
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    return isinstance(value, origin or hint)


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
    hints = _hints(cls)  # type: ignore[arg-type]
    values = dict(extra)
    for field in fields(cls):  # type: ignore[arg-type]
        if field.name in values or field.name not in row:
            continue
        value = row[field.name]
        if field.name in json_columns:
            value = _parsed(table, field.name, value)
        hint = hints[field.name]
        if not _fits(value, hint):
            raise DamagedRow(table, field.name, f"holds {type(value).__name__}, not {hint}")
        values[field.name] = bool(value) if hint is bool else value
    return cls(**values)
