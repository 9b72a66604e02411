"""The history's filter, kept between runs in the data folder (``console.json``).

Per PC, not in the database: a chain's central database later serves many consoles, each with
its own filter. The period is kept by name ("the last 30 days" stays the last 30 days
tomorrow); its dates only when the manager chose them. An unreadable file is ignored (the
console opens with the default filter)."""

from __future__ import annotations

import json
import logging
import os
import tempfile
from pathlib import Path

from posguide.console.source import HistoryQuery

log = logging.getLogger("posguide.console")
FILE_NAME = "console.json"


def load_query(folder: Path) -> tuple[HistoryQuery, str]:
    """The saved query and its period's name ("" when none was saved)."""
    try:
        data = json.loads((folder / FILE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        if not isinstance(err, FileNotFoundError):
            log.warning("the saved history filter is not readable (%s); using the default", err)
        return HistoryQuery(), ""
    if not isinstance(data, dict):
        return HistoryQuery(), ""
    period = data.get("period")
    return HistoryQuery.from_json(data.get("history")), period if isinstance(period, str) else ""


def save_query(folder: Path, query: HistoryQuery, period: str) -> None:
    """Atomically; a failure is logged, never raised (the filter is a convenience)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=".console.", suffix=".json", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump({"history": query.to_json(), "period": period}, out, ensure_ascii=False,
                      indent=1)  # fmt: skip
        Path(temp).replace(folder / FILE_NAME)
    except OSError as err:
        log.warning("cannot save the history filter: %s", err)
