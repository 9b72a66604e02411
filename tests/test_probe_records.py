"""Probe results go into the incident store and come back whole: status, English summary,
translatable text with its values, measurements, detail and times."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from posguide.i18n import QT_TR_NOOP, Text
from posguide.probe_records import from_record, to_record
from posguide.probes.base import Measurement, ProbeResult, Status
from posguide.store import IncidentStore

SHANGHAI = timezone(timedelta(hours=8))
SUMMARY = Text(
    QT_TR_NOOP("No secure connection to {host}: {reason}"),
    host="pay.example-acquirer.cn",
    reason=Text(QT_TR_NOOP("the certificate expired {days} days ago"), days=3),
)
RESULT = ProbeResult(
    probe_id="network.tls",
    status=Status.FAIL,
    summary=str(SUMMARY),
    text=SUMMARY,
    measurements={
        "handshake_ms_max": Measurement(41.5, "ms"),
        "days_left_min": Measurement(-3, "days"),
    },
    detail={"reason": "expired", "hosts": {"pay.example-acquirer.cn:443": {"ok": False}}},
    started_at=datetime(2026, 11, 26, 9, 41, 7, tzinfo=SHANGHAI),
    duration_ms=612.25,
)


def stored(store: IncidentStore, result: ProbeResult) -> ProbeResult:
    incident = store.start_incident(terminal="till1")
    store.record_probe(store.begin_step(incident, "cables"), to_record(result))
    (record,) = store.get_incident(incident).steps[0].probes
    return from_record(record)


def test_a_result_comes_back_from_the_store_as_it_went_in(store: IncidentStore) -> None:
    back = stored(store, RESULT)
    assert back == RESULT
    zh = {
        SUMMARY.source: "无法与 {host} 建立安全连接：{reason}",
        "the certificate expired {days} days ago": "证书已过期 {days} 天",
    }
    assert back.summary_in(lambda _ctx, source: zh.get(source, source)) == (
        "无法与 pay.example-acquirer.cn 建立安全连接：证书已过期 3 天"
    )


def test_plain_text_stays_plain(store: IncidentStore) -> None:
    plain = replace(RESULT, summary="Checked", text=None, measurements={}, detail={})
    assert stored(store, plain) == plain


def test_a_record_posguide_cannot_read_is_refused_or_kept_as_far_as_it_goes() -> None:
    record = to_record(RESULT)
    with pytest.raises(ValueError):
        from_record(replace(record, status="broken"))
    undated = from_record(replace(record, started_at="yesterday"))
    assert undated.status is Status.FAIL and undated.started_at.tzinfo is not None
