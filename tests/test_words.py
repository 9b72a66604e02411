"""English that reads right for every count ("1 day", never "1 days") and errors said by their
kind in translatable words, never in the operating system's own text."""

from __future__ import annotations

import errno
import socket
import ssl
from datetime import datetime
from typing import Any

import pytest

from posguide.probes import Measurement, ProbeResult, Status
from posguide.probes.errors import KINDS, error_kind, error_text
from posguide.probes.labels import detail_lines
from posguide.probes.network.tls import _summary
from posguide.reports.facts import measurements_text
from posguide.reports.strings import load_strings
from posguide.store import ProbeRecord


@pytest.mark.parametrize(("days", "shown"), [(1, "1 day"), (2, "2 days"), (364, "364 days")])
def test_days_in_a_probe_detail(days: int, shown: str) -> None:
    result = ProbeResult(
        "network.tls", Status.OK, "", measurements={"days_left_min": Measurement(days, "days")}
    )
    assert detail_lines(result)[0].endswith(f": {shown}")


@pytest.mark.parametrize(
    ("days", "summary"),
    [
        (0, "The security certificate of pay.example.cn:443 expires within a day"),
        (1, "The security certificate of pay.example.cn:443 expires in 1 day"),
        (9, "The security certificate of pay.example.cn:443 expires in 9 days"),
    ],
)
def test_days_in_the_certificate_warning(days: int, summary: str) -> None:
    facts: dict[str, Any] = {"reason": "expires_soon", "days_left": days}
    assert str(_summary("pay.example.cn:443", facts)) == summary


@pytest.mark.parametrize(("days", "said"), [(1, "certificate 1 day"), (30, "certificate 30 days")])
def test_days_in_the_fault_report(days: int, said: str) -> None:
    record = ProbeRecord(
        "network.tls", "ok", "", datetime.now().isoformat(), 1.0,
        {"days_left_min": {"value": days, "unit": "days"}}, {},
    )  # fmt: skip
    assert measurements_text(record, load_strings("en")) == said


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (OSError(errno.ECONNREFUSED, "Connect call failed ('127.0.0.1', 39992)"), "refused"),
        (ConnectionRefusedError(errno.ECONNREFUSED, "[Errno 111] Connection refused"), "refused"),
        (TimeoutError("timed out"), "timeout"),
        (socket.gaierror(socket.EAI_NONAME, "Name or service not known"), "dns"),
        (ConnectionResetError(errno.ECONNRESET, "Connection reset by peer"), "reset"),
        (OSError(errno.EHOSTUNREACH, "No route to host"), "unreachable"),
        (ssl.SSLError(1, "[SSL: WRONG_VERSION_NUMBER] wrong version number"), "handshake"),
        (PermissionError(errno.EACCES, "Permission denied"), "denied"),
        (FileNotFoundError(errno.ENOENT, "No such file or directory"), "missing"),
        (OSError(errno.ENOSPC, "No space left on device"), "full"),
        (RuntimeError("something else"), "error"),
    ],
)
def test_an_error_is_said_by_its_kind(error: BaseException, kind: str) -> None:
    assert error_kind(error) == kind
    said = str(error_text(error))
    assert said == KINDS[kind] and str(error) not in said
