"""TerminalProbe and RebootWatcher against the simulated terminal on a real pty, TCP and rfc2217."""

from __future__ import annotations

import asyncio
import errno
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import serial
from hypothesis import given, settings
from hypothesis import strategies as st
from loop_turns import LoopTurns
from serial.tools.list_ports_common import ListPortInfo
from terminal_transports import ALL, LOCAL_AND_LAN

from posguide.privacy import contains_card_number
from posguide.probes import ProbeResult, Status, run_probe, run_probes
from posguide.probes.terminal import RebootWatcher, TerminalProbe, TerminalTarget
from posguide.probes.terminal import session as terminal_session
from posguide.probes.terminal.exchange import framed_status, liveness
from posguide.probes.terminal.framing import ACK, NAK, STX, encode_frame
from posguide.probes.terminal.link import Line, LinkFailure, classify_open_error
from posguide.sim.terminal import SimulatedTerminal

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def make_sim() -> Iterator[Any]:
    sims: list[SimulatedTerminal] = []

    def make(transport: str = "pty", **options: Any) -> SimulatedTerminal:
        sim = SimulatedTerminal(transport, **options).start()  # type: ignore[arg-type]
        sims.append(sim)
        return sim

    yield make
    for sim in sims:
        sim.stop()


def target_for(sim: SimulatedTerminal, **options: Any) -> TerminalTarget:
    settings: dict[str, Any] = {
        "protocol": "framed",
        "status_request": b"STATUS?",
        "timeout_s": 0.3,
        **options,
    }
    return TerminalTarget("till1", sim.stable_port, **settings)


def eventually(condition: Any, within_s: float = 1.0) -> bool:
    deadline = time.monotonic() + within_s
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


def check(target: TerminalTarget, **options: Any) -> ProbeResult:
    return asyncio.run(run_probe(TerminalProbe(target, **options)))


# --- the healthy case and what the terminal says about itself -----------------------------


@pytest.mark.parametrize("transport", ALL)
def test_healthy_terminal_is_ok(make_sim: Any, transport: str) -> None:
    sim = make_sim(transport)
    result = check(target_for(sim))
    assert result.status is Status.OK, result
    assert result.probe_id == "terminal"
    assert result.detail["meaning"] == "ok"
    assert result.detail["reply"] == "STATUS OK"
    assert result.detail["passed"][-3:] == ["open", "liveness", "status"]
    assert 0 < result.measurements["ack_latency_ms"].value < 300
    assert 0 < result.measurements["status_rtt_ms"].value < 300
    # The probe acknowledged the reply, as the protocol wants (the sim counts it a moment later).
    assert eventually(lambda: sim.stats.acks == 1)


@pytest.mark.parametrize("transport", ALL)
def test_maintenance_reply_in_gbk_fails_at_status(make_sim: Any, transport: str) -> None:
    sim = make_sim(transport, behaviour="maintenance")
    result = check(target_for(sim))
    assert result.status is Status.FAIL
    assert (result.detail["stage"], result.detail["reason"]) == ("status", "maintenance")
    assert result.detail["meaning"] == "maintenance"
    assert result.detail["reply"] == "在维护中"
    assert result.detail["reply_encoding"] == "gb18030"
    assert "maintenance" in result.summary


@pytest.mark.parametrize(
    ("reply", "patterns", "status", "meaning"),
    [
        ("MAINT 96", {"ok": ["^00"], "maintenance": ["^M[0-9]", "MAINT"]}, "fail", "maintenance"),
        ("READY 00", {"ok": ["^00", "READY"], "maintenance": ["MAINT"]}, "ok", "ok"),
        ("E07 PRINTER", {"error": [r"^E\d{2}"]}, "fail", "error"),
        ("PLEASE SIGN IN", {"signed_out": ["SIGN ?IN"]}, "warn", "signed_out"),
        ("STATUS 42", {}, "warn", None),  # nothing matches: not recognised
    ],
)  # fmt: skip
def test_reply_patterns_decide_the_meaning(
    make_sim: Any, reply: str, patterns: dict[str, list[str]], status: str, meaning: str | None
) -> None:
    sim = make_sim(replies={"healthy": reply})
    result = check(target_for(sim, reply_patterns=patterns))
    assert (result.status.value, result.detail["meaning"]) == (status, meaning)
    if meaning != "ok":
        assert result.detail["reason"] == (meaning or "unknown_reply")


@pytest.mark.parametrize(
    ("behaviour", "status"),
    [("busy", Status.WARN), ("signed_out", Status.WARN), ("error", Status.FAIL)],
)
def test_default_patterns_recognise_busy_signed_out_error(
    make_sim: Any, behaviour: str, status: Status
) -> None:
    result = check(target_for(make_sim(behaviour=behaviour)))
    assert (result.status, result.detail["meaning"]) == (status, behaviour)


def test_card_numbers_in_a_reply_are_masked(make_sim: Any) -> None:
    sim = make_sim(replies={"healthy": "OK LAST 4111 1111 1111 1111"})  # a public test PAN
    result = check(target_for(sim))
    assert result.status is Status.OK
    assert not contains_card_number(json.dumps(result.to_json(), ensure_ascii=False))
    assert result.detail["reply"] == "OK LAST **** **** **** 1111"


# --- faults on the line ----------------------------------------------------------------------


@pytest.mark.parametrize("transport", LOCAL_AND_LAN)
def test_silent_terminal_fails_no_ack(make_sim: Any, transport: str) -> None:
    result = check(target_for(make_sim(transport, behaviour="silent")))
    assert result.status is Status.FAIL
    assert (result.detail["stage"], result.detail["reason"]) == ("liveness", "no_ack")
    assert 300 <= result.duration_ms < 2000


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("transport", LOCAL_AND_LAN)
def test_garbage_is_a_clear_fail(make_sim: Any, transport: str, seed: int) -> None:
    result = check(target_for(make_sim(transport, behaviour="garbage", seed=seed)))
    assert result.status is Status.FAIL
    assert (result.detail["stage"], result.detail["reason"]) == ("liveness", "garbage")
    assert result.detail["received"] >= 12


@pytest.mark.parametrize("transport", LOCAL_AND_LAN)
def test_bad_lrc_is_retried_once_then_fails(make_sim: Any, transport: str) -> None:
    sim = make_sim(transport, behaviour="bad_lrc")
    result = check(target_for(sim))
    assert result.status is Status.FAIL
    assert (result.detail["stage"], result.detail["reason"]) == ("status", "bad_lrc")
    assert result.detail["attempts"] == 2
    assert eventually(lambda: sim.stats.naks == 1)  # one NAK -> the terminal re-sent
    assert sim.stats.requests == 1


@pytest.mark.parametrize("transport", ALL)
def test_port_vanishing_mid_status_is_a_clear_fail(make_sim: Any, transport: str) -> None:
    sim = make_sim(transport, behaviour="vanish")
    result = check(target_for(sim))
    assert result.status is Status.FAIL
    assert (result.detail["stage"], result.detail["reason"]) == ("status", "vanished")
    # The simulator's thread marks itself gone a moment after the line drops; on a busy machine
    # the probe can notice first.
    deadline = time.monotonic() + 2
    while sim.online and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not sim.online
    again = check(target_for(sim))  # and while it is gone: missing (pty) or refused (LAN)
    expected = ("port", "missing") if transport == "pty" else ("open", "refused")
    assert (again.detail["stage"], again.detail["reason"]) == expected


def test_missing_device_path_fails_at_port(tmp_path: Path) -> None:
    result = check(TerminalTarget("till1", str(tmp_path / "ttyUSB0"), protocol="enq"))
    assert result.status is Status.FAIL
    assert (result.detail["stage"], result.detail["reason"]) == ("port", "missing")
    assert "found_port" not in result.detail  # no USB id configured: nothing to look for


def _usb_port(device: str, vid: int | None, pid: int | None) -> ListPortInfo:
    info = ListPortInfo(device, skip_link_detection=True)
    info.vid, info.pid = vid, pid
    return info


@pytest.mark.parametrize("vid_pid", ["1a86:7523", (0x1A86, 0x7523)])
def test_moved_usb_terminal_is_found_by_vid_pid(tmp_path: Path, vid_pid: Any) -> None:
    ports = [
        _usb_port("/dev/ttyS0", None, None),
        _usb_port("/dev/ttyUSB3", 0x0403, 0x6001),  # some other adapter (FTDI)
        _usb_port("/dev/ttyUSB1", 0x1A86, 0x7523),
    ]
    missing = str(tmp_path / "ttyUSB0")
    target = TerminalTarget("till1", missing, protocol="enq", usb_vid_pid=vid_pid)
    result = check(target, list_ports=lambda: ports)
    assert (result.detail["stage"], result.detail["reason"]) == ("port", "missing")
    assert result.detail["found_port"] == "/dev/ttyUSB1"
    assert result.detail["found_ports"] == ["/dev/ttyUSB1"]
    assert "/dev/ttyUSB1" in result.summary


def test_vid_pid_discovery_that_finds_nothing_or_crashes(tmp_path: Path) -> None:
    target = TerminalTarget("till1", str(tmp_path / "x"), protocol="enq", usb_vid_pid="1a86:7523")
    assert (
        check(target, list_ports=lambda: [_usb_port("/dev/ttyS0", None, None)]).detail["found_port"]
        is None
    )

    def broken() -> list[ListPortInfo]:
        raise OSError("SetupAPI failed")

    result = check(target, list_ports=broken)
    assert (result.detail["reason"], result.detail["found_port"]) == ("missing", None)


def test_port_held_by_another_program_is_busy(make_sim: Any) -> None:
    sim = make_sim()
    with serial.Serial(sim.port, exclusive=True):
        result = check(target_for(sim))
    assert result.status is Status.FAIL
    assert (result.detail["stage"], result.detail["reason"]) == ("open", "busy")
    sim.set_behaviour("port_in_use")  # the simulator can play the other program, too
    assert check(target_for(sim)).detail["reason"] == "busy"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to setuid")
def test_permission_denied_is_named(make_sim: Any) -> None:
    sim = make_sim()  # /dev/pts/N is mode 0600, owned by root
    script = (
        "import asyncio, json, os, sys\n"
        "from posguide.probes.terminal import TerminalProbe, TerminalTarget\n"
        "target = TerminalTarget('till1', sys.argv[1], protocol='enq', timeout_s=0.3)\n"
        "probe = TerminalProbe(target)\n"
        "os.setgroups([]); os.setgid(65534); os.setuid(65534)\n"
        "print(json.dumps(asyncio.run(probe.check()).to_json()))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", script, sim.port],
        capture_output=True, text=True, timeout=30, cwd=ROOT, env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["status"] == "fail"
    assert (result["detail"]["stage"], result["detail"]["reason"]) == ("open", "permission")


def _closed_tcp_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.parametrize("scheme", ["socket", "rfc2217"])
def test_refused_connection(scheme: str) -> None:
    url = f"{scheme}://127.0.0.1:{_closed_tcp_port()}"
    result = check(TerminalTarget("till2", url, protocol="enq", timeout_s=0.3))
    assert result.status is Status.FAIL
    assert (result.detail["stage"], result.detail["reason"]) == ("open", "refused")
    assert "refused" in result.summary


def test_a_refusing_terminal_is_named_as_the_shop_calls_it_not_by_its_port() -> None:
    url = f"socket://127.0.0.1:{_closed_tcp_port()}"
    result = check(TerminalTarget("till2", url, name="备用机", protocol="enq", timeout_s=0.3))
    assert result.summary == "备用机 refused the connection: is it switched on?"
    assert result.detail["connection"] == url  # the port is in the detail, for IT
    assert "Errno" in str(result.detail["error"])  # and so is the system's own message


WINDOWS_DENIED = "could not open port 'COM3': PermissionError(13, 'Access is denied.', None, 5)"
WINDOWS_MISSING = (
    "could not open port 'COM3': "
    "FileNotFoundError(2, 'The system cannot find the file specified.', None, 2)"
)
WINDOWS_REFUSED = (
    "Could not open port socket://10.0.0.9:8888: [WinError 10061] No connection could be made "
    "because the target machine actively refused it"
)
WINDOWS_OTHER = (
    "could not open port 'COM3': OSError(22, 'The semaphore timeout period has expired.')"
)
DEV = "could not open port /dev/ttyUSB0"


@pytest.mark.parametrize(
    ("error", "reason"),
    [  # the texts pyserial 3.5 produces on Windows and for URLs carry no errno
        (serial.SerialException(WINDOWS_DENIED), "busy"),  # Windows opens are exclusive
        (serial.SerialException(WINDOWS_MISSING), "missing"),
        (serial.SerialException(WINDOWS_REFUSED), "refused"),
        (serial.SerialException(WINDOWS_OTHER), "open_failed"),
        (
            serial.SerialException("Could not open port socket://10.0.0.9:8888: timed out"),
            "unreachable",
        ),
        (
            serial.SerialException(
                "Could not open port socket://pos.lan:1: [Errno -2] Name or service not known"
            ),
            "unresolved",
        ),
        (
            serial.SerialException(errno.EACCES, f"{DEV}: [Errno 13] Permission denied"),
            "permission",
        ),
        (serial.SerialException(errno.EBUSY, f"{DEV}: [Errno 16] Device or resource busy"), "busy"),
        (serial.SerialException(errno.EWOULDBLOCK, "Could not exclusively lock port"), "busy"),
    ],
)
def test_open_errors_are_classified_per_platform(error: Exception, reason: str) -> None:
    assert classify_open_error(error) == reason


@pytest.mark.parametrize(
    ("options", "status"),
    [
        ({"reply_patterns": {"ok": ["(unclosed"]}}, Status.ERROR),
        ({"usb_vid_pid": "CH340"}, Status.ERROR),
        ({"protocol": "xmodem"}, Status.ERROR),
        ({"baud_rate": -5}, Status.ERROR),
        ({"connection": ""}, Status.SKIPPED),
    ],
)
def test_bad_settings_are_reported_not_raised(
    make_sim: Any, options: dict[str, Any], status: Status
) -> None:
    sim = make_sim()
    target = TerminalTarget(**{"terminal_id": "till1", "connection": sim.port, **options})
    result = check(target)
    assert result.status is status, result
    if status is Status.ERROR:
        assert result.detail["reason"] == "bad_config"


# --- protocols, ids, progress, the event loop ------------------------------------------------


def test_plain_protocols_send_the_request_as_is(make_sim: Any) -> None:
    sim = make_sim(behaviour="maintenance")
    enq = check(target_for(sim, protocol="enq", status_request=b"STATUS?\r\n"))
    assert (enq.detail["passed"][-2:], enq.detail["meaning"]) == (
        ["liveness", "status"],
        "maintenance",
    )
    sim.set_behaviour("healthy")
    none = check(target_for(sim, protocol="none", status_request=b"STATUS?\r\n"))
    assert (none.status, none.detail["meaning"]) == (Status.OK, "ok")
    assert "ack_latency_ms" not in none.measurements  # protocol none: no ENQ
    listen = check(target_for(sim, protocol="none", status_request=None))
    assert (listen.status, listen.summary) == (Status.OK, "The terminal's port opens")


def test_backup_terminal_runs_beside_the_main_one(make_sim: Any) -> None:
    main, backup = make_sim(), make_sim("tcp", behaviour="maintenance")
    probes = [
        TerminalProbe(target_for(main)),
        TerminalProbe(target_for(backup), probe_id="backup.terminal"),
    ]
    results = asyncio.run(run_probes(probes))
    assert [(r.probe_id, r.status) for r in results] == [
        ("terminal", Status.OK),
        ("backup.terminal", Status.FAIL),
    ]


def test_progress_is_reported_and_the_port_is_used_off_the_loop(
    make_sim: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    sim = make_sim(behaviour="silent")
    messages: list[str] = []
    visited_on: list[str] = []
    real_visit = terminal_session.visit

    def watched_visit(*args: Any, **kwargs: Any) -> Any:
        visited_on.append(threading.current_thread().name)
        return real_visit(*args, **kwargs)

    monkeypatch.setattr(terminal_session, "visit", watched_visit)

    async def scenario() -> tuple[ProbeResult, int]:
        probe = TerminalProbe(target_for(sim, timeout_s=0.5))
        async with LoopTurns() as turns:
            result = await run_probe(probe, lambda _f, message: messages.append(str(message)))
        return result, turns.count

    result, turns = asyncio.run(scenario())
    assert result.detail["reason"] == "no_ack"
    assert "Checking that the terminal answers" in messages
    # Opening, reading and closing the port happen on a worker thread, never the loop's; how
    # long the loop may stall is a figure (bench/probes.py).
    assert visited_on and threading.main_thread().name not in visited_on
    assert turns > 0


def _wait_until_openable(port: str, within_s: float) -> float:
    """Seconds until an exclusive open succeeds (i.e. nobody holds the port)."""
    t0 = time.monotonic()
    while True:
        try:
            with serial.Serial(port, exclusive=True):
                return time.monotonic() - t0
        except serial.SerialException:
            if time.monotonic() - t0 > within_s:
                raise
            time.sleep(0.01)


def test_cancelling_a_probe_releases_the_port_promptly(make_sim: Any) -> None:
    sim = make_sim(behaviour="silent")

    async def scenario() -> None:
        talking = asyncio.Event()
        probe = TerminalProbe(target_for(sim, timeout_s=5.0))
        task = asyncio.create_task(probe.check(lambda _f, _m: talking.set()))
        await talking.wait()  # the visit is under way: the port is open
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(scenario())
    _wait_until_openable(sim.port, within_s=5.0)  # released: nobody holds it any more


# --- each fault the exchanges claim to detect, from scripted bytes on a real pty -----------


@pytest.fixture
def scripted_line() -> Iterator[tuple[int, Line]]:
    """A Line on a pty slave; the test plays the terminal by writing to the master."""
    master, slave = os.openpty()
    port = serial.Serial(os.ttyname(slave), timeout=0.02)
    yield master, Line(port, "liveness", threading.Event())
    port.close()
    os.close(slave)
    os.close(master)


@pytest.mark.skipif(sys.platform == "win32", reason="ptys are POSIX-only")
@pytest.mark.parametrize(
    ("step", "canned", "reason"),
    [
        ("liveness", b"", "no_ack"),
        ("liveness", bytes([NAK]), "nak"),
        ("liveness", bytes([ACK]) + b"\x8f\x00", "garbage"),  # an ACK amid noise is no answer
        ("status", b"", "no_ack"),
        ("status", bytes([NAK, NAK]), "nak"),  # rejected, re-sent, rejected again
        ("status", b"?", "garbage"),
        ("status", bytes([ACK]), "silent"),
        ("status", bytes([ACK]) + b"\x00" * 20, "garbage"),  # junk where the reply should be
        ("status", bytes([ACK, STX]) + b"STATUS", "incomplete"),  # stopped half way
        ("status", bytes([ACK, STX]) + b"X" * 2000, "garbage"),  # runaway frame
    ],
)
def test_exchange_faults(
    scripted_line: tuple[int, Line], step: str, canned: bytes, reason: str
) -> None:
    master, line = scripted_line
    os.write(master, canned)  # waiting in the buffer before the probe even asks
    with pytest.raises(LinkFailure) as failure:
        if step == "liveness":
            liveness(line, 0.1)
        else:
            framed_status(line, b"S", 0.1)
    assert (failure.value.stage, failure.value.reason) == (step, reason)


def test_reply_without_ack_and_after_one_bad_lrc_is_accepted(
    scripted_line: tuple[int, Line],
) -> None:
    master, line = scripted_line
    # No ACK before the reply (some terminals skip it), and the first copy arrives damaged.
    os.write(master, encode_frame(b"OK", corrupt=True) + encode_frame(b"OK"))
    reply = framed_status(line, b"S", 0.2)
    assert (reply.payload, reply.attempts) == (b"OK", 2)


def test_a_hung_port_listing_is_a_clear_fail_within_the_deadline(tmp_path: Path) -> None:
    release = threading.Event()

    def hanging() -> list[ListPortInfo]:  # Windows SetupAPI has been seen to hang like this
        release.wait(10)
        return []

    target = TerminalTarget(
        "till1", str(tmp_path / "ttyUSB0"), usb_vid_pid="1a86:7523", timeout_s=0.1
    )
    probe = TerminalProbe(target, list_ports=hanging)
    try:
        result = asyncio.run(run_probe(probe))
    finally:
        release.set()
    assert result.status is Status.FAIL
    assert (result.detail["stage"], result.detail["reason"]) == ("port", "stuck")
    assert result.duration_ms < probe.timeout_s * 1000


# --- framing against a real pyserial transport -----------------------------------------------


def test_lrc_covers_payload_and_etx() -> None:
    assert encode_frame(b"AB") == b"\x02AB\x03" + bytes([ord("A") ^ ord("B") ^ 0x03])


@settings(max_examples=40, deadline=None)
@given(noise=st.binary(max_size=64))
def test_line_noise_never_raises_anything_but_link_failure(noise: bytes) -> None:
    with serial.serial_for_url("loop://", timeout=0.01) as port:  # echoes what is written
        line = Line(port, "liveness", threading.Event())
        port.write(noise)
        try:
            liveness(line, 0.02)  # our ENQ comes back last, after the noise
        except LinkFailure as failure:
            assert failure.reason in {"no_ack", "nak", "garbage"}
        port.reset_input_buffer()
        port.write(noise)
        try:
            framed_status(line, b"S", 0.02)
        except LinkFailure as failure:
            assert failure.stage == "status"


# --- the reboot watcher ---------------------------------------------------------------------


def watch(sim: SimulatedTerminal, action: Any, **options: Any) -> tuple[ProbeResult, list[str]]:
    messages: list[str] = []
    target = target_for(sim, protocol=options.pop("protocol", "enq"), status_request=None)
    watcher = RebootWatcher(target, poll_s=0.1, **options)

    async def scenario() -> ProbeResult:
        watching = asyncio.Event()

        def progress(_fraction: float | None, message: object) -> None:
            messages.append(str(message))
            watching.set()

        task = asyncio.create_task(run_probe(watcher, progress))
        await watching.wait()  # "Waiting for the terminal to go offline"
        action()
        return await task

    return asyncio.run(scenario()), messages


@pytest.mark.parametrize("transport", LOCAL_AND_LAN)
def test_reboot_watcher_sees_the_terminal_restart(make_sim: Any, transport: str) -> None:
    sim = make_sim(transport)
    result, messages = watch(sim, lambda: sim.reboot(1.0), deadline_s=5.0)
    assert result.status is Status.OK, result
    assert result.probe_id == "terminal.reboot"
    assert (result.detail["went_offline"], result.detail["came_back"]) == (True, True)
    # How close these are to the 1 s restart is a figure: bench/probes.py "reboot_watch".
    offline, back_after = (result.measurements[k].value for k in ("offline_s", "back_after_s"))
    assert 0 < offline <= back_after
    assert messages[0] == "Waiting for the terminal to go offline"
    assert "Offline for 0 s" in messages
    assert messages[-1] == "The terminal is back online"


def test_reboot_watcher_with_protocol_none_watches_the_port(make_sim: Any) -> None:
    sim = make_sim(behaviour="silent")  # no ENQ/ACK: only the port coming back counts
    result, _ = watch(sim, lambda: sim.reboot(0.5), deadline_s=4.0, protocol="none")
    assert result.status is Status.OK
    assert result.measurements["offline_s"].value > 0


def test_reboot_watcher_fails_when_the_terminal_never_returns(make_sim: Any) -> None:
    sim = make_sim()
    result, messages = watch(sim, sim.unplug, deadline_s=1.5)  # the deadline ends the watch
    assert result.status is Status.FAIL
    assert result.summary == "The terminal did not come back within 1.5 s"
    assert (result.detail["went_offline"], result.detail["came_back"]) == (True, False)
    assert result.detail["last_reason"] == "missing"
    assert "Offline for 1 s" in messages


def test_reboot_watcher_warns_when_the_terminal_never_went_offline(make_sim: Any) -> None:
    sim = make_sim("tcp")
    result, _ = watch(sim, lambda: None, deadline_s=1.0)
    assert result.status is Status.WARN
    assert (result.detail["went_offline"], result.detail["came_back"]) == (False, False)


def test_cancelling_the_reboot_watcher_is_prompt_and_closes_the_port(make_sim: Any) -> None:
    sim = make_sim(behaviour="silent")  # every poll waits for an ACK that never comes
    target = target_for(sim, protocol="enq", timeout_s=5.0, status_request=None)

    async def scenario() -> float:
        task = asyncio.create_task(RebootWatcher(target, deadline_s=60).check())
        await asyncio.sleep(0.3)
        t0 = time.perf_counter()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        return time.perf_counter() - t0

    assert asyncio.run(scenario()) < 0.1
    assert _wait_until_openable(sim.port, within_s=0.5) < 0.5
