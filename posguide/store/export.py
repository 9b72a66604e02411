"""Export incidents with their steps, probe results and photo metadata (never photo bytes)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import asdict
from typing import Any, TextIO

import sqlite_utils

from posguide.store.details import iter_details

CSV_COLUMNS = (
    "id",
    "uid",
    "started_at",
    "ended_at",
    "terminal",
    "uplink",
    "reported_by",
    "symptom",
    "error_code",
    "outcome",
    "cause",
    "training",
    "notes",
    "steps",
    "photos",
    "escalations",
    "amendments",
)


def iter_incidents(
    db: sqlite_utils.Database, *, since_ts: float | None = None, training: bool | None = None
) -> Iterator[dict[str, Any]]:
    """Each incident as one JSON-ready dict, oldest first, amendments applied."""
    clauses: list[str] = []
    args: list[Any] = []
    if since_ts is not None:
        clauses.append("started_ts >= ?")
        args.append(since_ts)
    if training is not None:
        clauses.append("training = ?")
        args.append(int(training))
    for detail in iter_details(db, " AND ".join(clauses), args):
        record = asdict(detail.incident)
        record["steps"] = [asdict(s) for s in detail.steps]
        record["photos"] = [asdict(p) for p in detail.photos]
        record["escalations"] = [asdict(e) for e in detail.escalations]
        record["amendments"] = [asdict(a) for a in detail.amendments]
        yield record


def write_jsonl(records: Iterator[dict[str, Any]], out: TextIO) -> int:
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
        count += 1
    return count


def write_csv(records: Iterator[dict[str, Any]], out: TextIO) -> int:
    """One row per incident; nested lists are JSON text so a spreadsheet keeps one row each."""
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    count = 0
    for record in records:
        row = dict(record)
        for nested in ("steps", "photos", "escalations", "amendments"):
            row[nested] = json.dumps(record[nested], ensure_ascii=False, sort_keys=True)
        writer.writerow(row)
        count += 1
    return count
