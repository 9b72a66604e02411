"""Declaring settings once: each dataclass field carries its kind, default and description.

The dataclasses in ``model.py`` and ``entries.py`` *are* the schema. ``setting()`` / ``required()``
attach a ``Declaration`` to the field's metadata; the loader, the reference docs and the example
file all walk the same declarations, so nothing is declared twice. The helpers are typed so that
mypy checks the default against both the kind and the field annotation.

A dataclass may also define ``problems(self) -> Iterator[tuple[str, str]]`` for checks across keys:
it yields (key relative to the table, "expected ..., got ...") and the loader reports them.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from posguide import i18n
from posguide.config.kinds import Kind
from posguide.i18n import QT_TR_NOOP

T = TypeVar("T")
D = TypeVar("D")

META = "posguide.config"


@dataclass(frozen=True)
class Declaration:
    name: str
    kind: Kind[Any]
    doc: str
    required: bool
    default: Any


class Table(Kind[D]):
    """A ``[section]`` or nested table, built into dataclass ``cls`` by the loader."""

    expected = i18n.Text(QT_TR_NOOP("a table"))

    def __init__(self, cls: type[D]) -> None:
        self.cls = cls


class TableList(Kind[tuple[D, ...]]):
    """An array of tables (``[[terminals]]``), each built into dataclass ``cls``."""

    expected = i18n.Text(QT_TR_NOOP("a list of tables"))

    def __init__(self, cls: type[D]) -> None:
        self.cls = cls


def _meta(kind: Kind[Any], doc: str, required: bool, default: Any) -> dict[str, Declaration]:
    # The name is filled in by declarations(); metadata is read-only once the field exists.
    return {META: Declaration("", kind, " ".join(doc.split()), required, default)}


def setting(kind: Kind[T], default: T, doc: str) -> T:
    return field(default=default, metadata=_meta(kind, doc, False, default))


def required(kind: Kind[T], doc: str) -> T:
    return cast(T, field(metadata=_meta(kind, doc, True, dataclasses.MISSING)))


def section(cls: type[D], doc: str) -> D:
    return field(default_factory=cls, metadata=_meta(Table(cls), doc, False, None))


def table_list(cls: type[D], doc: str) -> tuple[D, ...]:
    return cast(tuple[D, ...], field(default=(), metadata=_meta(TableList(cls), doc, False, ())))


def declarations(cls: type[Any]) -> dict[str, Declaration]:
    """The declared settings of a config dataclass, in file order."""
    found: dict[str, Declaration] = {}
    for f in dataclasses.fields(cls):
        decl = f.metadata.get(META)
        if isinstance(decl, Declaration):
            found[f.name] = dataclasses.replace(decl, name=f.name)
    return found


def table_doc(cls: type[Any]) -> str:
    return " ".join((cls.__doc__ or "").split())
