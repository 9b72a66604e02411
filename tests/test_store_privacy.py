"""No card number reaches the database, its backups, exports or the log, whichever parameter of
the recording API it is typed into; an id that looks like a card number is refused outright."""

from __future__ import annotations

import io
import logging
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import card_texts
import pytest
from histories import migrate_to
from hypothesis import HealthCheck, given, settings
from images import jpeg_bytes

from posguide.logs import setup_logging
from posguide.privacy import mask_card_numbers
from posguide.store import CardNumberError, IncidentStore, ProbeRecord, backup_database
from posguide.store.export import iter_incidents, write_csv, write_jsonl
from posguide.store.notices import add_manual_notice
from posguide.timeutil import now

PAN = "6222 0202 0011 2233 446"
PAN_DIGITS = "6222020200112233446"
# A small JPEG, made once: every example attaches it.
PHOTO = jpeg_bytes((32, 24))


# Cards as people write them (tests/card_texts.py: real networks' prefixes and lengths, every
# layout and separator style posguide.privacy masks), as (the card as typed, its digits).
written_cards = card_texts.written_cards.map(lambda pair: (pair[1], pair[0]))


def _leaks(blob: bytes, card: str, digits: str) -> bool:
    return card.encode() in blob or digits.encode() in blob


def record_everything(store: IncidentStore, text: str, number: int) -> None:
    """Every recording call, with ``text`` in each free-text parameter."""
    incident = store.start_incident(
        terminal="till-1", reported_by=text, symptom=text, error_code=text, notes=text
    )
    store.update_incident(incident, reported_by=text, symptom=text, error_code=text, notes=text)
    step = store.begin_step(incident, "reader")
    store.save_step(step, answers={"card": text, text: [text, {"n": number}]}, notes=text)
    store.record_probe(
        step,
        ProbeRecord(
            "card.reader", "fail", text, text, 1.0, measurements={text: {"value": number}},
            detail={"text": text, "n": number}, summary_source=text, summary_args={"pan": text},
        ),
    )  # fmt: skip
    store.attach_photo(incident, PHOTO, step_id=step, caption=text)
    store.record_escalation(incident, kind="alert", channel=text, detail=text)
    add_manual_notice(
        store, provider_id="unionpay", title=text, starts=now(), ends=now() + timedelta(hours=1),
        body=text, source="sms", created_by=text,
    )  # fmt: skip
    store.close_incident(incident, outcome="escalated", cause="unknown", notes=text)
    store.amend(incident, author=text, field="notes", new_value=text, reason=text)


@pytest.fixture
def log_folder(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "logs"
    setup_logging(folder)
    yield folder
    root = logging.getLogger("posguide")
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()


@settings(
    database=None,
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(written_cards)
def test_a_card_number_in_any_text_reaches_no_file(
    log_folder: Path, written: tuple[str, str]
) -> None:
    card, digits = written
    text = f"顾客卡{card}刷不了"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with IncidentStore.open(folder / "posguide.db") as store:
            record_everything(store, text, int(digits))
            copy = backup_database(store.db.conn, folder / "backups")
            csv_out, jsonl_out = io.StringIO(), io.StringIO()
            write_csv(iter_incidents(store.db, training=None), csv_out)
            write_jsonl(iter_incidents(store.db, training=None), jsonl_out)
            # The WAL is read while it still holds the changes, before close checkpoints it.
            live = b"".join(p.read_bytes() for p in folder.glob("posguide.db*"))
        for handler in logging.getLogger("posguide").handlers:
            handler.flush()
        files = {
            "database": live + (folder / "posguide.db").read_bytes(),
            "backup": copy.read_bytes(),
            "csv": csv_out.getvalue().encode(),
            "jsonl": jsonl_out.getvalue().encode(),
            "log": b"".join(p.read_bytes() for p in log_folder.glob("*")),
        }
    assert [name for name, blob in files.items() if _leaks(blob, card, digits)] == []
    # What staff typed is kept, with the card masked to its last four digits.
    assert mask_card_numbers(text).encode() in files["database"]


def _incident(store: IncidentStore) -> int:
    return store.start_incident(terminal="till-1")


def _step(store: IncidentStore) -> int:
    return store.begin_step(_incident(store), "reader")


# Each call that takes an id, given a card number instead.
ID_CALLS: dict[str, Callable[[IncidentStore], object]] = {
    "incidents.terminal (start)": lambda s: s.start_incident(terminal=PAN),
    "incidents.terminal (update)": lambda s: s.update_incident(_incident(s), terminal=PAN),
    "incidents.cause (update)": lambda s: s.update_incident(_incident(s), cause=PAN),
    "incidents.cause (close)": lambda s: s.close_incident(
        _incident(s), outcome="resolved", cause=PAN
    ),
    "steps.step_key": lambda s: s.begin_step(_incident(s), PAN),
    "probe_results.probe_id": lambda s: s.record_probe(
        _step(s), ProbeRecord(PAN_DIGITS, "ok", "", "t", 1.0)
    ),
    "probe_results.status": lambda s: s.record_probe(
        _step(s), ProbeRecord("network.gateway", PAN, "", "t", 1.0)
    ),
    "escalations.kind": lambda s: s.record_escalation(_incident(s), kind=PAN),
    "manual_notices.provider_id": lambda s: add_manual_notice(
        s, provider_id=PAN, title="x", starts=now(), ends=None
    ),
}


@pytest.mark.parametrize("call", ID_CALLS.values(), ids=ID_CALLS.keys())
def test_a_card_number_given_as_an_id_is_refused_and_nothing_is_saved(
    store: IncidentStore, db_path: Path, call: Callable[[IncidentStore], object]
) -> None:
    with pytest.raises(CardNumberError) as caught:
        call(store)
    message = str(caught.value)
    assert "card number" in message and "nothing was saved" in message
    assert PAN not in message and PAN_DIGITS not in message
    store.close()
    raw = b"".join(p.read_bytes() for p in db_path.parent.glob(db_path.name + "*"))
    assert PAN.encode() not in raw and PAN_DIGITS.encode() not in raw


def test_an_amendment_masks_a_card_number_an_older_posguide_stored(db_path: Path) -> None:
    conn = sqlite3.connect(db_path, isolation_level=None)
    migrate_to(conn, 3)
    conn.execute(
        "INSERT INTO incidents (id, uid, started_at, started_ts, ended_at, ended_ts, cause)"
        " VALUES (1, 'u1', '2026-11-01T10:00:00+08:00', 1793502000,"
        " '2026-11-01T10:10:00+08:00', 1793502600, ?)",
        (f"card {PAN}",),
    )
    conn.close()
    with IncidentStore.open(db_path) as store:
        store.amend(1, author="店长", field="cause", new_value="reader", reason="typo")
        [amendment] = store.get_incident(1).amendments
    assert amendment.old_value == mask_card_numbers(f"card {PAN}") != f"card {PAN}"
