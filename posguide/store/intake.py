"""The one door into the database: every value passes here on its way into a table.

Text is masked for card numbers (``posguide.privacy``), JSON data too, string by string. An id
(terminal, step, check, alert kind, ...) that looks like a card number is refused outright:
masking it would turn different ids into one, and no id is ever a card number. Values the store
makes itself (uuids, hashes, its version) pass unchanged, since a hex digest can hold a Luhn-valid
run of digits by chance.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from typing import Any

from posguide.i18n import QT_TR_NOOP, Text
from posguide.privacy import mask_card_numbers
from posguide.store.errors import CardNumberError

# Per table, the columns that hold an id, with what a manager would call it.
IDS: dict[str, dict[str, str]] = {
    "incidents": {
        "terminal": QT_TR_NOOP("the terminal"),
        "outcome": QT_TR_NOOP("the outcome"),
        "cause": QT_TR_NOOP("the cause"),
        "training_scenario": QT_TR_NOOP("the training situation"),
        "uplink": QT_TR_NOOP("how the terminal goes online"),
    },
    "steps": {"step_key": QT_TR_NOOP("the step"), "status": QT_TR_NOOP("the step status")},
    "probe_results": {
        "probe_id": QT_TR_NOOP("the check"),
        "status": QT_TR_NOOP("the check result"),
    },
    "escalations": {"kind": QT_TR_NOOP("the alert kind")},
    "amendments": {"field": QT_TR_NOOP("the corrected field")},
    "manual_notices": {
        "provider_id": QT_TR_NOOP("the provider"),
        "source": QT_TR_NOOP("the notice source"),
    },
    "photos": {"original_format": QT_TR_NOOP("the photo format")},
    "inspections": {"trigger": QT_TR_NOOP("what started the inspection")},
    "inspection_results": {
        "terminal": QT_TR_NOOP("the terminal"),
        "probe_id": QT_TR_NOOP("the check"),
        "status": QT_TR_NOOP("the check result"),
    },
}
MADE_HERE: dict[str, frozenset[str]] = {
    "incidents": frozenset({"uid", "app_version"}),
    "inspections": frozenset({"app_version"}),
    "photos": frozenset({"sha256"}),
}
JSON_COLUMNS: dict[str, frozenset[str]] = {
    "steps": frozenset({"answers"}),
    "probe_results": frozenset({"measurements", "detail", "summary_args"}),
    "inspection_results": frozenset({"measurements", "detail", "summary_args"}),
}


def mask_deep(value: Any) -> Any:
    """Mask card numbers in every string inside JSON-like data, and in integers that are one."""
    if isinstance(value, str):
        return mask_card_numbers(value)
    if isinstance(value, int) and not isinstance(value, bool):
        masked = mask_card_numbers(str(value))
        return value if masked == str(value) else masked
    if isinstance(value, dict):
        return {mask_deep(str(k)): mask_deep(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [mask_deep(v) for v in value]
    return value


def to_json(value: Any) -> str:
    return json.dumps(
        mask_deep(value),
        ensure_ascii=False,
        sort_keys=True,
        default=lambda other: mask_card_numbers(str(other)),
    )


def refuse_card_number(table: str, column: str, value: str) -> None:
    masked = mask_card_numbers(value)
    if masked != value:
        raise CardNumberError(
            Text(
                QT_TR_NOOP(
                    "A card number cannot be used as {what} ({masked}); nothing was saved. "
                    "Card numbers belong in notes, where they are masked."
                ),
                what=Text(IDS[table][column]),
                masked=masked,
            )
        )


def admit(table: str, row: Mapping[str, Any]) -> dict[str, Any]:
    """``row`` as it may be stored: text masked, JSON encoded, card-number ids refused."""
    ids = IDS.get(table, {})
    made_here = MADE_HERE.get(table, frozenset())
    json_columns = JSON_COLUMNS.get(table, frozenset())
    clean: dict[str, Any] = {}
    for column, value in row.items():
        if column in json_columns and not isinstance(value, str | None):
            clean[column] = to_json(value)
        elif not isinstance(value, str) or column in made_here:
            clean[column] = value
        elif column in ids:
            refuse_card_number(table, column, value)
            clean[column] = value
        else:
            clean[column] = mask_card_numbers(value)
    return clean


class Writer:
    """An open write transaction. Rows reach the tables only through ``insert`` and ``update``,
    so nothing written can skip ``admit``; ``delete`` writes no text; ``read`` is for the
    checks done under the lock."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def insert(self, table: str, row: Mapping[str, Any]) -> int:
        clean = admit(table, row)
        columns = ", ".join(clean)
        marks = ", ".join("?" * len(clean))
        cursor = self._conn.execute(
            f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(clean.values())
        )
        return int(cursor.lastrowid or 0)

    def update(self, table: str, changes: Mapping[str, Any], where: str, *args: Any) -> int:
        """Set ``changes`` on the rows matching ``where``; returns how many there were."""
        clean = admit(table, changes)
        if not clean:
            return 0
        assignments = ", ".join(f"{column} = ?" for column in clean)
        cursor = self._conn.execute(
            f"UPDATE {table} SET {assignments} WHERE {where}", [*clean.values(), *args]
        )
        return int(cursor.rowcount)

    def delete(self, table: str, where: str, *args: Any) -> int:
        """Remove the rows matching ``where``; returns how many there were."""
        return int(self._conn.execute(f"DELETE FROM {table} WHERE {where}", args).rowcount)

    def read(self, sql: str, *args: Any) -> tuple[Any, ...] | None:
        row = self._conn.execute(sql, args).fetchone()
        return None if row is None else tuple(row)
