"""The history's filtered rows as a file: CSV for Excel (UTF-8 with BOM, the columns as on
screen, in the manager's language) and JSONL for programs (the raw values, English keys).

Rows are written as they are read, a batch at a time: exporting 100,000 incidents never holds
them all. Every text is masked again (the store masked it on the way in; this is the second
lock, as for the fault report)."""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Literal, TextIO

from posguide.console.columns import COLUMNS, cell
from posguide.console.source import HistoryRow
from posguide.privacy import mask_card_numbers
from posguide.reports.strings import Strings

ExportFormat = Literal["csv", "jsonl"]
BATCH = 500


def batches(
    ids: Sequence[int], read: Callable[[Sequence[int]], list[HistoryRow]]
) -> Iterable[HistoryRow]:
    for start in range(0, len(ids), BATCH):
        yield from read(ids[start : start + BATCH])


def write_csv(rows: Iterable[HistoryRow], out: TextIO, headers: Sequence[str], s: Strings) -> int:
    """``headers``: the column titles in the manager's language, in ``COLUMNS`` order, then the
    error code, the incident number and the training flag."""
    writer = csv.writer(out)
    writer.writerow(headers)
    count = 0
    for row in rows:
        values = [cell(row, column, s) for column in COLUMNS]
        values += [row.error_code, str(row.id), s.label("words", "yes") if row.training else ""]
        writer.writerow([mask_card_numbers(v) for v in values])
        count += 1
    return count


def write_jsonl(rows: Iterable[HistoryRow], out: TextIO) -> int:
    count = 0
    for row in rows:
        record = {k: mask_card_numbers(v) if isinstance(v, str) else v
                  for k, v in asdict(row).items()}  # fmt: skip
        out.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
        count += 1
    return count


def export_rows(
    path: Path,
    kind: ExportFormat,
    rows: Iterable[HistoryRow],
    *,
    headers: Sequence[str],
    s: Strings,
) -> int:
    """Write the file next to its final name, then rename: a failed export leaves no half file
    (and never replaces a good one with it). Returns the number of incidents written."""
    path = Path(path)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        # utf-8-sig: Excel opens a CSV as UTF-8 only with the byte-order mark.
        encoding = "utf-8-sig" if kind == "csv" else "utf-8"
        with os.fdopen(fd, "w", encoding=encoding, newline="") as out:
            count = write_csv(rows, out, headers, s) if kind == "csv" else write_jsonl(rows, out)
        Path(temp).replace(path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return count
