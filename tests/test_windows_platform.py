"""The Windows code paths on a real Windows machine (the Windows CI runner): the default route
and ICMP echo through iphlpapi (ctypes), the card-reader check against the real Smart Card
service of a PC with no reader, and the shared data folder under ProgramData. On Linux these
paths are only type-checked (mypy --platform win32); the Linux paths are tested elsewhere."""

from __future__ import annotations

import asyncio
import ipaddress
import os
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform != "win32", reason="Windows code paths")


def test_the_default_route_names_a_gateway_and_an_interface_psutil_knows() -> None:
    import psutil

    from posguide.probes.network.system import find_default_route

    route = asyncio.run(find_default_route())
    assert route is not None, "a CI runner reaches the internet through a default route"
    assert route.gateway is not None and ipaddress.IPv4Address(route.gateway)
    assert route.interface in psutil.net_if_addrs()


def test_icmp_echo_answers_from_loopback_and_times_out_where_nobody_is() -> None:
    from posguide.probes.network.system import icmp_echo

    rtt_ms = asyncio.run(icmp_echo("127.0.0.1", 2.0))
    assert 0 <= rtt_ms < 100
    with pytest.raises((TimeoutError, OSError)):
        asyncio.run(icmp_echo("192.0.2.1", 0.5))  # TEST-NET-1: never answers


def test_a_pc_without_a_card_reader_is_told_so() -> None:
    from posguide.probes import Status
    from posguide.probes.card.reader import ReaderProbe
    from posguide.probes.verdict import decide

    result = asyncio.run(ReaderProbe("ACS").check(lambda *_: None))
    assert result.status is Status.FAIL
    rule = decide([result])
    # The Smart Card service stops when no reader is plugged in: "no service" means no reader.
    assert rule is not None and rule.verdict == "reader_missing"


def test_the_data_folder_is_shared_under_programdata() -> None:
    from posguide.paths import default_data_dir

    assert default_data_dir() == Path(os.environ["PROGRAMDATA"]) / "posguide"
