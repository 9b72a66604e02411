"""The history's filtered rows as a file: CSV for Excel (UTF-8 with BOM, the columns as on
screen, in the manager's language) and JSONL for programs (the raw values, English keys).

Rows are written as they are read, a batch at a time: exporting 100,000 incidents never holds
them all. Every text is masked again (the store masked it on the way in; this is the second
lock, as for the fault report)."""

from __future__ import annotations

import csv
import json
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
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


# Text Excel would run as a formula ("=HYPERLINK(...)" typed as a symptom) starts with these.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell_text(value: str) -> str:
    """A cell for a spreadsheet: card numbers masked, never read as a formula."""
    text = mask_card_numbers(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def write_csv(rows: Iterable[HistoryRow], out: TextIO, headers: Sequence[str], s: Strings) -> int:
    """``headers``: the column titles in the manager's language, in ``COLUMNS`` order, then the
    error code, the incident number and the training flag."""
    writer = csv.writer(out)
    writer.writerow(headers)
    count = 0
    for row in rows:
        values = [cell(row, column, s) for column in COLUMNS]
        values += [row.error_code, str(row.id), s.label("words", "yes") if row.training else ""]
        writer.writerow([cell_text(v) for v in values])
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


@contextmanager
def written_whole(path: Path, encoding: str) -> Iterator[TextIO]:
    """A text file that appears whole or not at all: written beside its name, then renamed (a
    failed export never leaves half a file, nor replaces a good one with it). An error names
    ``path``, the file the manager chose."""
    temp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.part")
    try:
        # "x" creates it with this account's usual permissions (a temp file's would be 0600).
        with temp.open("x", encoding=encoding, newline="") as out:
            yield out
        temp.replace(path)
    except BaseException as err:
        temp.unlink(missing_ok=True)
        if isinstance(err, OSError):
            raise OSError(f"{path}: {err.strerror or err}") from err
        raise


def write_table(path: Path, headers: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    """A CSV file Excel opens with the Chinese intact (UTF-8 with its byte-order mark)."""
    with written_whole(path, "utf-8-sig") as out:
        writer = csv.writer(out)
        writer.writerow([cell_text(h) for h in headers])
        writer.writerows([cell_text(str(v)) for v in row] for row in rows)


def export_rows(
    path: Path,
    kind: ExportFormat,
    rows: Iterable[HistoryRow],
    *,
    headers: Sequence[str],
    s: Strings,
) -> int:
    """The history's rows to ``path``; returns the number of incidents written."""
    # utf-8-sig: Excel opens a CSV as UTF-8 only with the byte-order mark.
    with written_whole(Path(path), "utf-8-sig" if kind == "csv" else "utf-8") as out:
        return write_csv(rows, out, headers, s) if kind == "csv" else write_jsonl(rows, out)
