"""The incident store on real SQLite files: recording, read-only history, search, backups."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from images import jpeg_bytes

from posguide.i18n import QT_TR_NOOP, Text, stored_text
from posguide.store import (
    IncidentClosedError,
    IncidentFilter,
    IncidentStore,
    NotFoundError,
    PhotoError,
    ProbeRecord,
    backup_database,
    list_backups,
)
from posguide.store.export import iter_incidents
from posguide.store.queries import count_incidents, list_incidents, weekly_counts

PAN = "6222 0202 0011 2233 446"  # never on disk: masked on the way in
PAN_DIGITS = "6222020200112233446"


def _probe(status: str = "ok") -> ProbeRecord:
    return ProbeRecord(
        probe_id="network.gateway",
        status=status,
        summary="网关 192.168.1.1 可达",
        started_at="2026-11-26T09:41:07+08:00",
        duration_ms=12.5,
        measurements={"rtt_ms": 1.8},
        detail={"address": "192.168.1.1"},
    )


def test_an_incident_is_recorded_step_by_step_and_read_back(store: IncidentStore) -> None:
    incident = store.start_incident(
        terminal="till-1", reported_by="王芳", symptom="在维护中", error_code="96"
    )
    step = store.begin_step(incident, "notice")
    store.record_probe(step, _probe())
    store.save_step(step, answers={"terminal_shows": "在维护中"})
    store.save_step(step, status="done")
    second = store.begin_step(incident, "reboot")
    photo = store.attach_photo(incident, jpeg_bytes(), step_id=second, caption="屏幕")
    store.close_incident(incident, outcome="resolved", cause="terminal_restart")

    detail = store.get_incident(incident)
    assert detail.incident.outcome == "resolved"
    assert detail.incident.ended_at is not None
    assert [s.step_key for s in detail.steps] == ["notice", "reboot"]
    assert detail.steps[0].status == "done"
    assert detail.steps[0].answers == {"terminal_shows": "在维护中"}
    assert detail.steps[0].probes[0].measurements == {"rtt_ms": 1.8}
    # A step still running when the incident closed was cut short, and says so.
    assert detail.steps[1].status == "interrupted"
    assert detail.photos[0].caption == "屏幕"
    assert store.photo_bytes(photo)[:2] == b"\xff\xd8"
    assert store.photo_bytes(photo, thumbnail=True)[:2] == b"\xff\xd8"
    assert detail.incident.started_at.endswith(detail.incident.started_at[-6:])
    assert detail.incident.started_at[-6] in "+-"  # stored with its UTC offset


def test_a_closed_incident_cannot_be_changed_only_amended(store: IncidentStore) -> None:
    incident = store.start_incident(terminal="till-1", symptom="在维护中")
    step = store.begin_step(incident, "notice")
    store.close_incident(incident, outcome="escalated", cause="unknown")

    with pytest.raises(IncidentClosedError):
        store.update_incident(incident, symptom="changed")
    with pytest.raises(IncidentClosedError):
        store.begin_step(incident, "reboot")
    with pytest.raises(IncidentClosedError):
        store.record_probe(step, _probe())
    with pytest.raises(IncidentClosedError):
        store.attach_photo(incident, jpeg_bytes())
    # Not even raw SQL gets past the database's own guard.
    with pytest.raises(sqlite3.IntegrityError, match="closed"):
        store.db.execute("UPDATE incidents SET cause = 'x' WHERE id = ?", [incident])
    with pytest.raises(sqlite3.IntegrityError, match="closed"):
        store.db.execute("UPDATE steps SET notes = 'x' WHERE id = ?", [step])

    store.amend(
        incident,
        author="店长 李",
        field="cause",
        new_value="provider_maintenance",
        reason="银联通知迟到",
    )
    detail = store.get_incident(incident)
    assert detail.incident.cause == "provider_maintenance"
    assert detail.recorded.cause == "unknown"
    assert detail.amendments[0].old_value == "unknown"
    assert detail.amendments[0].author == "店长 李"
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.db.execute("DELETE FROM amendments")
    with pytest.raises(ValueError, match="cannot be amended"):
        store.amend(incident, author="x", field="started_at", new_value="y")


def test_card_numbers_never_reach_the_database_file(store: IncidentStore, db_path: Path) -> None:
    incident = store.start_incident(symptom=f"顾客卡 {PAN} 刷不了", notes=f"card {PAN}")
    step = store.begin_step(incident, "reader")
    store.save_step(step, answers={"card": PAN, "nested": [f"x {PAN}"]}, notes=f"卡号{PAN}")
    store.record_probe(
        step, ProbeRecord("card.reader", "fail", f"bad {PAN}", "t", 1.0, detail={"text": PAN})
    )
    store.record_probe(
        step,
        ProbeRecord(
            "card.card", "fail", f"bad {PAN}", "t", 1.0,
            summary_source="Card {pan} cannot be read", summary_args={"pan": PAN},
        ),
    )  # fmt: skip
    store.close_incident(incident, outcome="escalated", notes=f"again {PAN}")
    store.close()

    raw = b"".join(p.read_bytes() for p in db_path.parent.glob(db_path.name + "*"))
    assert PAN.encode() not in raw
    assert PAN_DIGITS.encode() not in raw
    assert b"3 446" in raw  # the last four stay, so staff can still tell cards apart


def test_an_incident_left_open_by_a_crash_is_found_and_can_be_closed(db_path: Path) -> None:
    with IncidentStore.open(db_path) as first:
        incident = first.start_incident(terminal="till-2")
        first.begin_step(incident, "reboot")
    with IncidentStore.open(db_path) as after_restart:
        assert [i.id for i in after_restart.open_incidents()] == [incident]
        after_restart.close_abandoned(incident)
        assert after_restart.open_incidents() == []
        detail = after_restart.get_incident(incident)
        assert detail.incident.outcome == "abandoned"
        assert detail.steps[0].status == "interrupted"


def test_bad_photos_are_refused_and_nothing_is_stored(store: IncidentStore) -> None:
    incident = store.start_incident()
    with pytest.raises(PhotoError):
        store.attach_photo(incident, b"")
    with pytest.raises(PhotoError):
        store.attach_photo(incident, b"not an image at all")
    assert store.get_incident(incident).photos == ()


def test_unknown_ids_give_a_clear_error(store: IncidentStore) -> None:
    with pytest.raises(NotFoundError, match="no incident 42"):
        store.get_incident(42)
    with pytest.raises(NotFoundError, match="no step 7"):
        store.save_step(7, notes="x")


def test_full_text_search_finds_chinese_and_english_in_symptoms_and_step_notes(
    store: IncidentStore,
) -> None:
    a = store.start_incident(symptom="终端显示在维护中", error_code="96")
    b = store.start_incident(symptom="打印机卡纸")
    c = store.start_incident(symptom="other")
    step = store.begin_step(c, "cables")
    store.save_step(step, notes="Router WAN light was off")
    store.start_incident(symptom="培训", training=True, notes="在维护中")

    def found(text: str) -> set[int]:
        return {i.id for i in list_incidents(store.db, IncidentFilter(text=text))}

    assert found("在维护中") == {a}
    assert found("维护") == {a}  # two characters: below a trigram, still found
    assert found("打印机") == {b}
    assert found("wan light") == {c}
    assert found("96") == {a}
    assert found('"quoted') == set()


def test_history_pages_newest_first_and_filters(store: IncidentStore) -> None:
    ids = [store.start_incident(terminal=f"till-{n % 2}") for n in range(5)]
    store.start_incident(terminal="till-0", training=True)
    page = list_incidents(store.db, limit=3)
    assert [i.id for i in page] == ids[::-1][:3]
    rest = list_incidents(
        store.db,
        limit=3,
        before_ts=store.db.execute(
            "SELECT started_ts FROM incidents WHERE id = ?", [page[-1].id]
        ).fetchone()[0],
    )
    assert {i.id for i in rest} <= set(ids[:2]) | set(ids)
    assert count_incidents(store.db, IncidentFilter(terminal="till-0")) == 3
    assert count_incidents(store.db, IncidentFilter(training=True)) == 1
    assert count_incidents(store.db, IncidentFilter(training=None)) == 6
    weeks = weekly_counts(store.db, 0)
    assert sum(w["incidents"] for w in weeks) == 5


def test_backups_are_consistent_copies_and_rotate(store: IncidentStore, tmp_path: Path) -> None:
    incident = store.start_incident(symptom="在维护中")
    folder = tmp_path / "backups"
    made = [backup_database(store.db.conn, folder, keep=3) for _ in range(5)]
    kept = list_backups(folder)
    assert kept == made[-3:]
    copy = sqlite3.connect(kept[-1])
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert copy.execute("SELECT symptom FROM incidents WHERE id = ?", (incident,)).fetchone() == (
        "在维护中",
    )
    copy.close()
    assert not list(folder.glob("*.partial"))


def test_probe_summaries_keep_their_translatable_form(store: IncidentStore) -> None:
    incident = store.start_incident(terminal="till-1")
    step = store.begin_step(incident, "cables")
    reason = Text(QT_TR_NOOP("the certificate expired"))
    text = Text(
        QT_TR_NOOP("No secure connection to {host}: {reason}"), host="pay.example", reason=reason
    )
    store.record_probe(
        step,
        ProbeRecord(
            "network.tls", "fail", str(text), "2026-11-26T09:41:07+08:00", 3.0,
            summary_source=text.source, summary_args=text.json_args(),
        ),
    )  # fmt: skip
    store.record_probe(step, _probe())  # plain text only
    [tls, gateway] = store.get_incident(incident).steps[0].probes
    assert tls.summary == "No secure connection to pay.example: the certificate expired"
    assert tls.summary_source == text.source
    assert stored_text(tls.summary_source, tls.summary_args) == text  # nested Text included
    assert gateway.summary_source is None and gateway.summary_args is None
    [record] = iter_incidents(store.db)
    exported = record["steps"][0]["probes"][0]
    assert exported["summary_source"] == text.source
    assert exported["summary_args"]["reason"] == {"$text": "the certificate expired", "args": {}}


def test_a_photo_attached_by_mistake_is_taken_back_only_while_open(store: IncidentStore) -> None:
    incident = store.start_incident(terminal="till1")
    keep = store.attach_photo(incident, jpeg_bytes((64, 48), "green"), caption="路由器")
    wrong = store.attach_photo(incident, jpeg_bytes((64, 48), "red"), caption="自拍")
    store.remove_photo(wrong)
    assert [p.caption for p in store.get_incident(incident).photos] == ["路由器"]
    with pytest.raises(NotFoundError):
        store.remove_photo(wrong)
    store.close_incident(incident, outcome="resolved", cause="router")
    with pytest.raises(IncidentClosedError):
        store.remove_photo(keep)
    with pytest.raises(sqlite3.IntegrityError):  # the database itself refuses, too
        store.db.execute("DELETE FROM photos WHERE id = ?", [keep])
    assert len(store.get_incident(incident).photos) == 1
