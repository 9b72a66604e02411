"""The simulated terminal, driven with plain pyserial the way a real ECR host would."""

from __future__ import annotations

import asyncio
import errno
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import serial
from terminal_transports import ALL

from posguide.probes.terminal.framing import ACK, ENQ, NAK, encode_frame
from posguide.sim.terminal import BEHAVIOURS, SimulatedTerminal

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


def read_exactly(port: serial.SerialBase, size: int, within_s: float = 1.0) -> bytes:
    data = bytearray()
    deadline = time.monotonic() + within_s
    while len(data) < size and time.monotonic() < deadline:
        data += port.read(size - len(data))
    return bytes(data)


def connect(sim: SimulatedTerminal, port: str | None = None) -> serial.SerialBase:
    return serial.serial_for_url(port or sim.stable_port, timeout=0.05)


@pytest.mark.parametrize("transport", ALL)
def test_answers_enq_and_a_framed_status_request(make_sim: Any, transport: str) -> None:
    sim = make_sim(transport)
    with connect(sim) as port:
        port.write(bytes([ENQ]))
        assert read_exactly(port, 1) == bytes([ACK])
        port.write(encode_frame(b"STATUS?"))
        expected = bytes([ACK]) + encode_frame(b"STATUS OK")
        assert read_exactly(port, len(expected)) == expected
        port.write(bytes([ACK]))
        deadline = time.monotonic() + 1.0
        while sim.stats.acks == 0 and time.monotonic() < deadline:
            time.sleep(0.01)
    assert (sim.stats.enq, sim.stats.requests, sim.stats.acks) == (1, 1, 1)


def test_maintenance_reply_is_gbk_and_behaviour_switches_at_run_time(make_sim: Any) -> None:
    sim = make_sim()
    with connect(sim) as port:
        sim.set_behaviour("maintenance")
        port.write(encode_frame(b"S"))
        expected = bytes([ACK]) + encode_frame("在维护中".encode("gbk"))
        assert read_exactly(port, len(expected)) == expected
        sim.set_behaviour("silent")
        port.write(bytes([ENQ]) + encode_frame(b"S"))
        assert port.read(16) == b""


def test_nak_for_a_damaged_request_and_resend_after_a_nak(make_sim: Any) -> None:
    sim = make_sim(behaviour="bad_lrc")
    with connect(sim) as port:
        port.write(encode_frame(b"S", corrupt=True))
        assert read_exactly(port, 1) == bytes([NAK])
        port.write(encode_frame(b"S"))
        bad = encode_frame(b"STATUS OK", corrupt=True)
        assert read_exactly(port, 1 + len(bad)) == bytes([ACK]) + bad
        port.write(bytes([NAK]))
        assert read_exactly(port, len(bad)) == bad  # the same frame again
    assert sim.stats.naks == 1


def test_plain_text_request_gets_a_plain_reply(make_sim: Any) -> None:
    sim = make_sim("tcp", replies={"healthy": "READY"})
    with connect(sim) as port:
        port.write(b"STATUS?\r\n")
        assert read_exactly(port, 7) == b"READY\r\n"


def test_garbage_is_noise_without_an_ack_and_repeatable_by_seed(make_sim: Any) -> None:
    replies = []
    for _ in range(2):
        sim = make_sim(behaviour="garbage", seed=7)
        with connect(sim) as port:
            port.write(bytes([ENQ]))
            time.sleep(0.1)
            replies.append(port.read(100))
    assert replies[0] == replies[1]
    assert len(replies[0]) >= 12
    assert ACK not in replies[0]


def test_unplugged_pty_vanishes_like_a_usb_device_and_comes_back(make_sim: Any) -> None:
    sim = make_sim()
    holder = connect(sim)
    sim.unplug()
    with pytest.raises(serial.SerialException):  # the open handle breaks ...
        holder.write(bytes([ENQ]))
        holder.read(1)
    holder.close()
    with pytest.raises(serial.SerialException) as failed:  # ... and the name is gone
        connect(sim)
    assert failed.value.errno == errno.ENOENT
    sim.plug()
    with connect(sim) as port:  # same stable name, a new pty behind it
        port.write(bytes([ENQ]))
        assert read_exactly(port, 1) == bytes([ACK])
    assert os.path.realpath(sim.stable_port) == sim.port


def test_unplugged_tcp_terminal_refuses_then_returns_on_the_same_port(make_sim: Any) -> None:
    sim = make_sim("tcp")
    url = sim.port
    sim.unplug()
    with pytest.raises(serial.SerialException, match="refused"):
        connect(sim)
    sim.reboot(0.2)  # returns at once; back after 0.2 s
    time.sleep(0.4)
    assert sim.port == url
    with connect(sim) as port:
        port.write(bytes([ENQ]))
        assert read_exactly(port, 1) == bytes([ACK])


def test_port_in_use_holds_an_exclusive_lock(make_sim: Any) -> None:
    sim = make_sim(behaviour="port_in_use")
    with pytest.raises(serial.SerialException, match="exclusively lock"):
        serial.Serial(sim.port, exclusive=True)
    sim.set_behaviour("healthy")
    serial.Serial(sim.port, exclusive=True).close()


def test_unknown_behaviour_or_transport_is_refused(make_sim: Any) -> None:
    with pytest.raises(ValueError, match="unknown behaviour"):
        make_sim().set_behaviour("on_fire")
    with pytest.raises(ValueError, match="unknown transport"):
        SimulatedTerminal("usb")  # type: ignore[arg-type]


def test_runs_inside_a_running_event_loop_without_stalling_it() -> None:
    gaps: list[float] = []

    async def scenario() -> tuple[str, str]:
        async def ticker() -> None:
            last = time.perf_counter()
            while True:
                await asyncio.sleep(0.01)
                now = time.perf_counter()
                gaps.append(now - last)
                last = now

        tick = asyncio.create_task(ticker())
        async with SimulatedTerminal("pty") as pty_sim, SimulatedTerminal("tcp") as tcp_sim:
            await asyncio.sleep(0.1)
            names = (pty_sim.stable_port, tcp_sim.port)
        tick.cancel()
        return names

    stable, url = asyncio.run(scenario())
    assert not Path(stable).exists()  # stop() removed the pty and its temp dir
    with pytest.raises(serial.SerialException, match="refused"):
        serial.serial_for_url(url)
    assert max(gaps) < 0.05


def test_command_line_help_lists_the_behaviours() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "posguide.sim.terminal", "--help"],
        capture_output=True, text=True, timeout=30, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 0
    assert all(behaviour in done.stdout for behaviour in BEHAVIOURS)


def test_command_line_simulator_serves_and_takes_commands() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "posguide.sim.terminal", "--transport", "tcp"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    assert process.stdin is not None and process.stdout is not None
    try:
        banner = process.stdout.readline()
        url = banner.split()[2]
        assert url.startswith("socket://127.0.0.1:")
        process.stdin.write("maintenance\n")
        process.stdin.flush()
        assert process.stdout.readline().startswith("ok: maintenance")
        with serial.serial_for_url(url, timeout=0.05) as port:
            port.write(encode_frame(b"S"))
            expected = bytes([ACK]) + encode_frame("在维护中".encode("gbk"))
            assert read_exactly(port, len(expected)) == expected
        process.stdin.write("quit\n")
        process.stdin.flush()
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stdin.close()
        process.stdout.close()
