"""End to end: a card number typed anywhere staff type never reaches a file on disk.

Generated card numbers go in through the store's public API (the free-text fields) and the
logger; then the database file, an online backup, the CSV and JSONL exports and the log file are
read back as bytes.
"""

from __future__ import annotations

import io
import logging
import tempfile
from pathlib import Path

from card_texts import INVISIBLE, written_cards
from hypothesis import given, settings

from posguide.logs import setup_logging
from posguide.privacy import mask_card_numbers
from posguide.store import IncidentStore, ProbeRecord, backup_database
from posguide.store.export import iter_incidents, write_csv, write_jsonl

# A database, a backup and two exports per example: fewer examples than the pure tests.
STORE_PROPERTY = settings(database=None, max_examples=40, deadline=None)


def _forms(text: str, digits: str) -> list[bytes]:
    """The ways a card number could show up in a file: as typed, and as bare digits."""
    visible = "".join(c for c in text if c not in INVISIBLE)
    own_script = "".join(c for c in visible if c.isdecimal())
    return [f.encode() for f in {text, visible, own_script, digits}]


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@STORE_PROPERTY
@given(written_cards)
def test_a_typed_card_number_reaches_no_file(card: tuple[str, str]) -> None:
    digits, text = card
    note = f"顾客卡号 {text} 刷卡失败"
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        log_path = setup_logging(home / "logs")
        root = logging.getLogger("posguide")
        try:
            with IncidentStore.open(home / "posguide.db") as store:
                incident = store.start_incident(
                    terminal="till1", reported_by=note, symptom=note, notes=note, error_code="96"
                )
                step = store.begin_step(incident, "card")
                store.record_probe(step, ProbeRecord("card.reader", "fail", note, "t", 1.0, {}, {}))
                store.save_step(step, status="done", notes=note)
                store.record_escalation(
                    incident, kind="alert", channel="wecom", attempt=1, ok=False, detail=note
                )
                store.update_incident(incident, symptom=note)
                store.amend(incident, author=note, field="notes", new_value=note, reason=note)
                logging.getLogger("posguide.tests").warning("staff typed %s", note)
                backup_database(store.db.conn, home / "backups")
                for name, write in (("export.csv", write_csv), ("export.jsonl", write_jsonl)):
                    out = io.StringIO()
                    write(iter_incidents(store.db), out)
                    (home / name).write_text(out.getvalue(), encoding="utf-8")
        finally:
            for handler in list(root.handlers):
                root.removeHandler(handler)
                handler.close()
        files = _files(home)
    assert {"posguide.db", "export.csv", "export.jsonl", log_path.name} <= set(files)
    assert any(n.endswith(".db") and n != "posguide.db" for n in files)  # the backup
    masked = mask_card_numbers(note).encode()
    assert masked != note.encode() and any(masked in data for data in files.values())  # went in
    for name, data in files.items():
        for form in _forms(text, digits):
            assert form not in data, (name, form)
