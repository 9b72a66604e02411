"""Recording an incident as it happens: each call is its own committed transaction.

Every row goes in through ``intake.Writer`` (card numbers masked, card-number ids refused), so no
caller can forget to. A closed incident is frozen by triggers; corrections go through ``amend``.
"""

from __future__ import annotations

import logging
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlite_utils

from posguide import __version__
from posguide.i18n import QT_TR_NOOP, Text
from posguide.store import details, queries
from posguide.store.db import BUSY_TIMEOUT_MS, IntegrityMode, connect, write_transaction
from posguide.store.errors import IncidentClosedError, NotFoundError, StoreError
from posguide.store.failures import corrupt_error, translate_error, translated
from posguide.store.intake import Writer
from posguide.store.models import (
    AMENDABLE,
    OUTCOMES,
    STEP_STATUSES,
    Incident,
    IncidentDetail,
    ProbeRecord,
)
from posguide.store.photos import DEFAULT_MAX_BYTES, NormalisedPhoto, normalise_photo
from posguide.store.rows import DamagedRow
from posguide.timeutil import iso, now

log = logging.getLogger("posguide.store")


class IncidentStore:
    """The incident database of one shop PC."""

    def __init__(self, db: sqlite_utils.Database, path: Path, *, max_photo_bytes: int) -> None:
        self.db = db
        self.path = path
        self.max_photo_bytes = max_photo_bytes

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        integrity: IntegrityMode = "quick",
        max_photo_bytes: int = DEFAULT_MAX_BYTES,
        busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    ) -> IncidentStore:
        path = Path(path)
        db = connect(path, integrity=integrity, busy_timeout_ms=busy_timeout_ms)
        return cls(db, path, max_photo_bytes=max_photo_bytes)

    def close(self) -> None:
        self.db.conn.close()

    def __enter__(self) -> IncidentStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def writing(self) -> Iterator[Writer]:
        """One committed transaction, with database errors turned into StoreErrors. What is
        written goes through the Writer, which masks card numbers on the way in."""
        try:
            with write_transaction(self.db, self.path) as conn:
                yield Writer(conn)
        except sqlite3.IntegrityError as err:
            if "incident is closed" in str(err):
                raise IncidentClosedError(
                    Text(
                        QT_TR_NOOP(
                            "This incident is closed and cannot be changed; add an amendment "
                            "instead."
                        )
                    )
                ) from err
            raise StoreError(
                Text(
                    QT_TR_NOOP("The incident database refused the change: {error}"),
                    error=str(err),
                )
            ) from err
        except sqlite3.Error as err:
            raise translate_error(err, self.path) from err

    # --- incidents -------------------------------------------------------------------------

    def start_incident(
        self,
        *,
        terminal: str = "",
        reported_by: str = "",
        symptom: str = "",
        error_code: str = "",
        training: bool = False,
        notes: str = "",
        training_scenario: str = "",
        uplink: str = "",
    ) -> int:
        started = now()
        with self.writing() as tx:
            incident_id = tx.insert(
                "incidents",
                {
                    "uid": str(uuid.uuid4()),
                    "started_at": iso(started),
                    "started_ts": started.timestamp(),
                    "terminal": terminal,
                    "reported_by": reported_by,
                    "symptom": symptom,
                    "error_code": error_code,
                    "training": int(training),
                    "training_scenario": training_scenario,
                    "uplink": uplink,
                    "notes": notes,
                    "app_version": __version__,
                },
            )
        log.info("incident %d started (terminal=%s, training=%s)", incident_id, terminal, training)
        return incident_id

    def update_incident(self, incident_id: int, **fields: str) -> None:
        """Change details of an open incident (symptom, error code, notes, ...)."""
        unknown = set(fields) - set(AMENDABLE) - {"outcome", "cause", "uplink"}
        if unknown:
            raise ValueError(f"not an incident field: {', '.join(sorted(unknown))}")
        if not fields:
            return
        with self.writing() as tx:
            self._require_open(tx, incident_id)
            tx.update("incidents", {k: str(v) for k, v in fields.items()}, "id = ?", incident_id)

    def close_incident(
        self, incident_id: int, *, outcome: str, cause: str | None = None, notes: str | None = None
    ) -> None:
        if outcome not in OUTCOMES:
            raise ValueError(f"outcome must be one of {', '.join(OUTCOMES)}")
        ended = now()
        with self.writing() as tx:
            self._require_open(tx, incident_id)
            # Steps still running when the incident ends were cut short, not completed.
            tx.update(
                "steps",
                {"status": "interrupted", "ended_at": iso(ended)},
                "incident_id = ? AND status = 'running'",
                incident_id,
            )
            if notes is not None:
                tx.update("incidents", {"notes": notes}, "id = ?", incident_id)
            tx.update(
                "incidents",
                {
                    "ended_at": iso(ended),
                    "ended_ts": ended.timestamp(),
                    "outcome": outcome,
                    "cause": cause,
                },
                "id = ?",
                incident_id,
            )
        log.info("incident %d closed: %s (%s)", incident_id, outcome, cause)

    def close_abandoned(self, incident_id: int) -> None:
        """Close an incident left open by a crash or power cut."""
        self.close_incident(incident_id, outcome="abandoned", cause="interrupted")

    def amend(
        self, incident_id: int, *, author: str, field: str, new_value: str, reason: str = ""
    ) -> None:
        """Append a correction to a closed (or open) incident; the record itself stays."""
        if field not in AMENDABLE:
            raise ValueError(f"{field!r} cannot be amended; choose one of {', '.join(AMENDABLE)}")
        if not author.strip():
            raise ValueError("an amendment needs the name of who made it")
        current = self.get_incident(incident_id).incident
        with self.writing() as tx:
            tx.insert(
                "amendments",
                {
                    "incident_id": incident_id,
                    "at": iso(now()),
                    "author": author,
                    "field": field,
                    "old_value": getattr(current, field),
                    "new_value": new_value,
                    "reason": reason,
                },
            )

    # --- steps and probes ------------------------------------------------------------------

    def begin_step(self, incident_id: int, step_key: str) -> int:
        with self.writing() as tx:
            self._require_open(tx, incident_id)
            last = tx.read("SELECT max(seq) FROM steps WHERE incident_id = ?", incident_id)
            return tx.insert(
                "steps",
                {
                    "incident_id": incident_id,
                    "seq": int((last or (0,))[0] or 0) + 1,
                    "step_key": step_key,
                    "started_at": iso(now()),
                },
            )

    def save_step(
        self,
        step_id: int,
        *,
        answers: dict[str, Any] | None = None,
        notes: str | None = None,
        status: str | None = None,
    ) -> None:
        """Save answers/notes as they are given; a final ``status`` also stamps the end time."""
        if status is not None and status not in STEP_STATUSES:
            raise ValueError(f"step status must be one of {', '.join(STEP_STATUSES)}")
        changes: dict[str, Any] = {}
        if answers is not None:
            changes["answers"] = answers
        if notes is not None:
            changes["notes"] = notes
        if status is not None:
            changes["status"] = status
            changes["ended_at"] = None if status == "running" else iso(now())
        if not changes:
            return
        with self.writing() as tx:
            self._require_step(tx, step_id)
            tx.update("steps", changes, "id = ?", step_id)

    def record_probe(self, step_id: int, result: ProbeRecord) -> int:
        with self.writing() as tx:
            incident_id = self._require_step(tx, step_id)
            return tx.insert(
                "probe_results",
                {
                    "step_id": step_id,
                    "incident_id": incident_id,
                    "probe_id": result.probe_id,
                    "status": result.status,
                    "summary": result.summary,
                    "started_at": result.started_at,
                    "duration_ms": float(result.duration_ms),
                    "measurements": result.measurements,
                    "detail": result.detail,
                    "summary_source": result.summary_source,
                    "summary_args": result.summary_args,
                },
            )

    # --- photos and escalation -------------------------------------------------------------

    def attach_photo(
        self,
        incident_id: int,
        data: bytes | NormalisedPhoto,
        *,
        step_id: int | None = None,
        caption: str = "",
    ) -> int:
        """Normalise and store a photo. Raises PhotoError (a clear message) for bad input.

        The window normalises in a worker thread first (a 12 MP photo takes ~0.3 s) and passes
        the result, so only the quick insert happens on the UI thread."""
        photo = (
            data
            if isinstance(data, NormalisedPhoto)
            else normalise_photo(data, max_bytes=self.max_photo_bytes)
        )
        with self.writing() as tx:
            self._require_open(tx, incident_id)
            return tx.insert(
                "photos",
                {
                    "incident_id": incident_id,
                    "step_id": step_id,
                    "caption": caption,
                    "sha256": photo.sha256,
                    "original_format": photo.original_format,
                    "original_size": photo.original_size,
                    "width": photo.width,
                    "height": photo.height,
                    "taken_at": photo.taken_at,
                    "attached_at": iso(now()),
                    "jpeg": photo.jpeg,
                    "thumbnail": photo.thumbnail,
                },
            )

    def remove_photo(self, photo_id: int) -> None:
        """Take back a photo attached by mistake, while its incident is open (a closed one's
        photos are evidence: the database refuses too)."""
        with self.writing() as tx:
            row = tx.read("SELECT incident_id FROM photos WHERE id = ?", photo_id)
            if row is None:
                raise NotFoundError(
                    Text(QT_TR_NOOP("There is no photo {photo_id}."), photo_id=photo_id)
                )
            self._require_open(tx, int(row[0]))
            tx.delete("photos", "id = ?", photo_id)

    def record_escalation(
        self,
        incident_id: int,
        *,
        kind: str,
        channel: str = "",
        attempt: int = 1,
        ok: bool = True,
        detail: str = "",
    ) -> None:
        """Log an alarm or an alert attempt. Allowed after close: a retry may land late."""
        with self.writing() as tx:
            tx.insert(
                "escalations",
                {
                    "incident_id": incident_id,
                    "at": iso(now()),
                    "kind": kind,
                    "channel": channel,
                    "attempt": attempt,
                    "ok": int(ok),
                    "detail": detail,
                },
            )

    # --- reading ---------------------------------------------------------------------------

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Database errors and damaged rows while reading, as StoreErrors."""
        with translated(self.path):
            try:
                yield
            except DamagedRow as err:
                raise corrupt_error(self.path, str(err)) from err

    def get_incident(self, incident_id: int) -> IncidentDetail:
        with self.reading():
            return details.incident_detail(self.db, incident_id)

    def open_incidents(self) -> list[Incident]:
        with self.reading():
            return queries.open_incidents(self.db)

    def photo_bytes(self, photo_id: int, *, thumbnail: bool = False) -> bytes:
        with self.reading():
            return queries.photo_bytes(self.db, photo_id, thumbnail=thumbnail)

    # --- guards ----------------------------------------------------------------------------

    @staticmethod
    def _require_open(tx: Writer, incident_id: int) -> None:
        row = tx.read("SELECT ended_ts FROM incidents WHERE id = ?", incident_id)
        if row is None:
            raise NotFoundError(
                Text(QT_TR_NOOP("There is no incident {incident_id}."), incident_id=incident_id)
            )
        if row[0] is not None:
            raise IncidentClosedError(
                Text(
                    QT_TR_NOOP(
                        "Incident {incident_id} is closed and cannot be changed; add an "
                        "amendment instead."
                    ),
                    incident_id=incident_id,
                )
            )

    @classmethod
    def _require_step(cls, tx: Writer, step_id: int) -> int:
        row = tx.read("SELECT incident_id FROM steps WHERE id = ?", step_id)
        if row is None:
            raise NotFoundError(Text(QT_TR_NOOP("There is no step {step_id}."), step_id=step_id))
        cls._require_open(tx, int(row[0]))
        return int(row[0])
