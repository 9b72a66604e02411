"""Recording an incident as it happens: each call is its own committed transaction.

Free text is masked for card numbers here, at the only door into the database, so no caller can
forget to. A closed incident is frozen by triggers; corrections go through ``amend``.
"""

from __future__ import annotations

import json
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
from posguide.privacy import mask_card_numbers
from posguide.store import queries
from posguide.store.db import BUSY_TIMEOUT_MS, IntegrityMode, connect, write_transaction
from posguide.store.errors import IncidentClosedError, NotFoundError, StoreError
from posguide.store.failures import translate_error, translated
from posguide.store.models import (
    AMENDABLE,
    OUTCOMES,
    STEP_STATUSES,
    Incident,
    IncidentDetail,
    ProbeRecord,
)
from posguide.store.photos import DEFAULT_MAX_BYTES, NormalisedPhoto, normalise_photo
from posguide.timeutil import iso, now

log = logging.getLogger("posguide.store")


def mask_deep(value: Any) -> Any:
    """Mask card numbers in every string inside JSON-like data (answers, probe detail)."""
    if isinstance(value, str):
        return mask_card_numbers(value)
    if isinstance(value, dict):
        return {mask_deep(k): mask_deep(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [mask_deep(v) for v in value]
    return value


def _json(value: Any) -> str:
    return json.dumps(mask_deep(value), ensure_ascii=False, sort_keys=True, default=str)


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
    def writing(self) -> Iterator[sqlite3.Connection]:
        """One committed transaction, with database errors turned into StoreErrors."""
        try:
            with write_transaction(self.db, self.path) as conn:
                yield conn
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
    ) -> int:
        started = now()
        with self.writing() as conn:
            cursor = conn.execute(
                "INSERT INTO incidents (uid, started_at, started_ts, terminal, reported_by,"
                " symptom, error_code, training, notes, app_version)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    str(uuid.uuid4()),
                    iso(started),
                    started.timestamp(),
                    terminal,
                    mask_card_numbers(reported_by),
                    mask_card_numbers(symptom),
                    mask_card_numbers(error_code),
                    int(training),
                    mask_card_numbers(notes),
                    __version__,
                ),
            )
        incident_id = int(cursor.lastrowid or 0)
        log.info("incident %d started (terminal=%s, training=%s)", incident_id, terminal, training)
        return incident_id

    def update_incident(self, incident_id: int, **fields: str) -> None:
        """Change details of an open incident (symptom, error code, notes, ...)."""
        unknown = set(fields) - set(AMENDABLE) - {"outcome", "cause"}
        if unknown:
            raise ValueError(f"not an incident field: {', '.join(sorted(unknown))}")
        if not fields:
            return
        assignments = ", ".join(f"{name} = ?" for name in fields)
        values = [mask_card_numbers(str(v)) for v in fields.values()]
        with self.writing() as conn:
            self._require_open(conn, incident_id)
            conn.execute(f"UPDATE incidents SET {assignments} WHERE id = ?", [*values, incident_id])

    def close_incident(
        self, incident_id: int, *, outcome: str, cause: str | None = None, notes: str | None = None
    ) -> None:
        if outcome not in OUTCOMES:
            raise ValueError(f"outcome must be one of {', '.join(OUTCOMES)}")
        ended = now()
        with self.writing() as conn:
            self._require_open(conn, incident_id)
            # Steps still running when the incident ends were cut short, not completed.
            conn.execute(
                "UPDATE steps SET status = 'interrupted', ended_at = ?"
                " WHERE incident_id = ? AND status = 'running'",
                (iso(ended), incident_id),
            )
            if notes is not None:
                conn.execute(
                    "UPDATE incidents SET notes = ? WHERE id = ?",
                    (mask_card_numbers(notes), incident_id),
                )
            conn.execute(
                "UPDATE incidents SET ended_at = ?, ended_ts = ?, outcome = ?, cause = ?"
                " WHERE id = ?",
                (iso(ended), ended.timestamp(), outcome, cause, incident_id),
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
        with self.writing() as conn:
            conn.execute(
                "INSERT INTO amendments (incident_id, at, author, field, old_value, new_value,"
                " reason) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    incident_id,
                    iso(now()),
                    mask_card_numbers(author),
                    field,
                    getattr(current, field),
                    mask_card_numbers(new_value),
                    mask_card_numbers(reason),
                ),
            )

    # --- steps and probes ------------------------------------------------------------------

    def begin_step(self, incident_id: int, step_key: str) -> int:
        with self.writing() as conn:
            self._require_open(conn, incident_id)
            seq = conn.execute(
                "SELECT coalesce(max(seq), 0) + 1 FROM steps WHERE incident_id = ?",
                (incident_id,),
            ).fetchone()[0]
            cursor = conn.execute(
                "INSERT INTO steps (incident_id, seq, step_key, started_at) VALUES (?, ?, ?, ?)",
                (incident_id, seq, step_key, iso(now())),
            )
        return int(cursor.lastrowid or 0)

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
        assignments: list[str] = []
        values: list[Any] = []
        if answers is not None:
            assignments.append("answers = ?")
            values.append(_json(answers))
        if notes is not None:
            assignments.append("notes = ?")
            values.append(mask_card_numbers(notes))
        if status is not None:
            assignments += ["status = ?", "ended_at = ?"]
            values += [status, None if status == "running" else iso(now())]
        if not assignments:
            return
        with self.writing() as conn:
            self._require_step(conn, step_id)
            conn.execute(
                f"UPDATE steps SET {', '.join(assignments)} WHERE id = ?", [*values, step_id]
            )

    def record_probe(self, step_id: int, result: ProbeRecord) -> int:
        with self.writing() as conn:
            incident_id = self._require_step(conn, step_id)
            cursor = conn.execute(
                "INSERT INTO probe_results (step_id, incident_id, probe_id, status, summary,"
                " started_at, duration_ms, measurements, detail, summary_source, summary_args)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    step_id,
                    incident_id,
                    result.probe_id,
                    result.status,
                    mask_card_numbers(result.summary),
                    result.started_at,
                    float(result.duration_ms),
                    _json(result.measurements),
                    _json(result.detail),
                    None
                    if result.summary_source is None
                    else mask_card_numbers(result.summary_source),
                    None if result.summary_args is None else _json(result.summary_args),
                ),
            )
        return int(cursor.lastrowid or 0)

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
        with self.writing() as conn:
            self._require_open(conn, incident_id)
            cursor = conn.execute(
                "INSERT INTO photos (incident_id, step_id, caption, sha256, original_format,"
                " original_size, width, height, taken_at, attached_at, jpeg, thumbnail)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    incident_id,
                    step_id,
                    mask_card_numbers(caption),
                    photo.sha256,
                    photo.original_format,
                    photo.original_size,
                    photo.width,
                    photo.height,
                    photo.taken_at,
                    iso(now()),
                    photo.jpeg,
                    photo.thumbnail,
                ),
            )
        return int(cursor.lastrowid or 0)

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
        with self.writing() as conn:
            conn.execute(
                "INSERT INTO escalations (incident_id, at, kind, channel, attempt, ok, detail)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    incident_id,
                    iso(now()),
                    kind,
                    channel,
                    attempt,
                    int(ok),
                    mask_card_numbers(detail),
                ),
            )

    # --- reading ---------------------------------------------------------------------------

    def get_incident(self, incident_id: int) -> IncidentDetail:
        with translated(self.path):
            return queries.incident_detail(self.db, incident_id)

    def open_incidents(self) -> list[Incident]:
        with translated(self.path):
            return queries.open_incidents(self.db)

    def photo_bytes(self, photo_id: int, *, thumbnail: bool = False) -> bytes:
        with translated(self.path):
            return queries.photo_bytes(self.db, photo_id, thumbnail=thumbnail)

    # --- guards ----------------------------------------------------------------------------

    @staticmethod
    def _require_open(conn: sqlite3.Connection, incident_id: int) -> None:
        row = conn.execute("SELECT ended_ts FROM incidents WHERE id = ?", (incident_id,)).fetchone()
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
    def _require_step(cls, conn: sqlite3.Connection, step_id: int) -> int:
        row = conn.execute("SELECT incident_id FROM steps WHERE id = ?", (step_id,)).fetchone()
        if row is None:
            raise NotFoundError(Text(QT_TR_NOOP("There is no step {step_id}."), step_id=step_id))
        cls._require_open(conn, int(row[0]))
        return int(row[0])
