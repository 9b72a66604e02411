"""Which scenario each training incident is played against, so a resumed incident (after a
crash or a closed window) is played against the same one, still a surprise if it was one.

The incident store has no field for it, so it is kept beside the database, keyed by the
incident's uid: ``training-incidents.json`` in the data folder, replaced atomically. A lost or
damaged file only means a resumed incident's scenario is unknown (None).
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

from posguide.training.model import Pick, ScenarioCatalog

log = logging.getLogger("posguide.training")
FILE_NAME = "training-incidents.json"


class IncidentScenarios:
    """``remember(uid, pick)`` when a training incident starts; ``scenario_for(uid, catalog)``
    when one is resumed."""

    def __init__(self, data_root: Path) -> None:
        self.path = Path(data_root) / FILE_NAME

    def remember(self, incident_uid: str, pick: Pick) -> None:
        entries = self._read()
        entries[incident_uid] = {"scenario": pick.scenario.id, "surprise": pick.surprise}
        self._write(entries)

    def scenario_for(self, incident_uid: str, catalog: ScenarioCatalog) -> Pick | None:
        """The incident's scenario as it was picked; None when it was never recorded or the
        scenarios file no longer has it."""
        entry = self._read().get(incident_uid)
        if not isinstance(entry, dict):
            return None
        scenario = catalog.get(str(entry.get("scenario")))
        if scenario is None:
            log.warning("training incident %s: scenario %r is gone", incident_uid, entry)
            return None
        return Pick(scenario, catalog.random_entry if entry.get("surprise") else None)

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as err:
            log.warning("cannot read %s: %s", self.path, err)
            return {}
        return data.get("incidents", {}) if isinstance(data, dict) else {}

    def _write(self, entries: dict[str, Any]) -> None:
        text = json.dumps({"version": 1, "incidents": entries}, ensure_ascii=False, indent=1)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # A crash mid-write must leave the old file, not half a new one.
        fd, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".training-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(text)
                out.flush()
                os.fsync(out.fileno())
            Path(temporary).replace(self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
