"""Network probes against real loopback servers: TCP listeners (open, refused, full backlog),
TLS with trustme certificates, a dnslib DNS server, HTTP check endpoints, and the simulators
the training mode runs on. The faults that need a real LAN (cable, router) are in
test_network_netns.py."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import socket
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import trustme
from loop_turns import LoopTurns
from netns import DNS_ANSWER, REPO, dns_server, python_env

from posguide.i18n import Text
from posguide.probes import ProbeResult, Status, run_probe
from posguide.probes.base import ProgressCallback, no_progress
from posguide.probes.network import (
    DnsParams,
    DnsProbe,
    GatewayParams,
    GatewayProbe,
    InternetParams,
    InternetProbe,
    LinkParams,
    LinkProbe,
    PaymentHostProbe,
    PaymentParams,
    TlsParams,
    TlsProbe,
    _icmp,
    _route_linux,
    _route_macos,
)
from posguide.probes.network.system import DefaultRoute, IcmpNotPermitted
from posguide.sim.network import HttpCheckSim, PaymentHostSim, TlsHostSim

LOCAL = "127.0.0.1"


def probe(p: Any, progress: ProgressCallback = no_progress) -> ProbeResult:
    return asyncio.run(run_probe(p, progress))


def with_sim(sim: Any, make: Callable[[Any], Any]) -> ProbeResult:
    """Run a simulator and one probe built from it on the same loop."""

    async def body() -> ProbeResult:
        async with sim:
            return await run_probe(make(sim))

    return asyncio.run(body())


@pytest.fixture
def full_backlog() -> Iterator[int]:
    """A port whose accept queue is full: SYNs are dropped, connects time out."""
    listener = socket.socket()
    listener.bind((LOCAL, 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    fillers: list[socket.socket] = []
    while len(fillers) < 64:  # fill until one more connection attempt goes unanswered
        filler = socket.socket()
        filler.settimeout(0.3)
        try:
            filler.connect((LOCAL, port))
        except TimeoutError:
            filler.close()
            break
        fillers.append(filler)
    else:
        pytest.fail("the accept queue never filled up")
    yield port
    for s in [*fillers, listener]:
        s.close()


@pytest.fixture
def refused_port() -> Iterator[int]:
    """Bound but not listening: connects get a RST, and nobody else can take the port."""
    sock = socket.socket()
    sock.bind((LOCAL, 0))
    yield sock.getsockname()[1]
    sock.close()


# --- link --------------------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("ip") is None, reason="needs iproute2 to cross-check")
def test_link_follows_the_default_route() -> None:
    shown = subprocess.run(["ip", "-o", "route", "show", "default"], capture_output=True, text=True)
    if not shown.stdout.strip():
        pytest.skip("this machine has no default route")
    interface = shown.stdout.split(" dev ")[1].split()[0]
    result = probe(LinkProbe())
    assert result.status is Status.OK, result.summary
    assert result.detail["interface"] == interface
    assert result.detail["carrier"] == "1"


def test_link_configured_interface() -> None:
    result = probe(LinkProbe(LinkParams(interface="lo")))
    assert result.status is Status.OK
    assert result.detail["interface"] == "lo"
    assert "127.0.0.1" in result.detail["ipv4"]


def test_link_missing_interface() -> None:
    result = probe(LinkProbe(LinkParams(interface="eth-gone9")))
    assert result.status is Status.FAIL
    assert result.detail["reason"] == "no_interface"
    assert "eth-gone9" in result.summary
    assert "lo" not in result.detail["available"]


ROUTE_TABLE = """\
Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
wlan0\t00000000\t0101A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0
eth0\t00000000\t0100000A\t0003\t0\t0\t100\t00000000\t0\t0\t0
eth1\t00000000\t0200000A\t0002\t0\t0\t1\t00000000\t0\t0\t0
eth0\t0000000A\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0
broken line
eth2\t00000000\tZZZZ\t0003\t0\t0\t5\t00000000\t0\t0\t0
eth3\t00000000\t1FFFFFFFF\t0003\t0\t0\t5\t00000000\t0\t0\t0
ppp0\t00000000\t00000000\t0001\t0\t0\t700\t00000000\t0\t0\t0
"""


def test_proc_net_route_lowest_metric_up_gateway(tmp_path: Path) -> None:
    routes = _route_linux.parse_routes(ROUTE_TABLE)
    # eth1 is not UP; eth2/eth3 are garbled; the 10.0.0.0/24 route is not a default route;
    # ppp0's default route has no router (on-link).
    assert routes == [
        DefaultRoute("eth0", "10.0.0.1", 100),
        DefaultRoute("wlan0", "192.168.1.1", 600),
        DefaultRoute("ppp0", None, 700),
    ]
    table = tmp_path / "route"
    table.write_text(ROUTE_TABLE.splitlines()[0] + "\n\x00\xff garbage\n")
    assert _route_linux.default_route(table) is None


def test_macos_route_get_parser() -> None:
    text = """   route to: default
destination: default
       mask: default
    gateway: 192.168.31.1
  interface: en0
      flags: <UP,GATEWAY,DONE,STATIC,PRCLONING>
"""
    assert _route_macos.parse_route_get(text) == DefaultRoute("en0", "192.168.31.1")
    on_link = text.replace("192.168.31.1", "link#4")
    assert _route_macos.parse_route_get(on_link) == DefaultRoute("en0", None)
    assert _route_macos.parse_route_get("route: writing to routing socket: not in table") is None


@pytest.mark.skipif(sys.platform == "win32", reason="checks the guard elsewhere")
def test_windows_module_refuses_to_load_elsewhere() -> None:
    code = "import posguide.probes.network._route_windows"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=python_env(), cwd=REPO)  # fmt: skip
    assert done.returncode != 0
    assert "Windows-only" in done.stderr


# --- gateway -----------------------------------------------------------------------------------


def icmp_allowed() -> bool:
    try:
        sock, _raw = _icmp.open_socket()
    except IcmpNotPermitted:
        return False
    sock.close()
    return True


@pytest.mark.skipif(not icmp_allowed(), reason="ICMP needs root or ping_group_range")
def test_gateway_icmp() -> None:
    result = probe(GatewayProbe(GatewayParams(gateway=LOCAL, attempts=2)))
    assert result.status is Status.OK
    assert result.detail["method"] == "icmp"
    assert result.measurements["loss_pct"].value == 0
    assert 0 < result.measurements["rtt_ms"].value < 100


def ping_sockets_for_root() -> bool:
    low, high = Path("/proc/sys/net/ipv4/ping_group_range").read_text().split()
    return int(low) <= 0 <= int(high)


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or os.geteuid() != 0 or shutil.which("setpriv") is None,
    reason="needs root and setpriv to drop CAP_NET_RAW",
)
def test_gateway_without_icmp_permission_uses_tcp(refused_port: int) -> None:
    """Root without CAP_NET_RAW and outside ping_group_range: where an ordinary user is."""
    if ping_sockets_for_root():
        pytest.skip("ping sockets are allowed here")
    script = (
        "import asyncio, json, sys; from posguide.probes import run_probe; "
        "from posguide.probes.network import GatewayParams, GatewayProbe; "
        "p = GatewayProbe(GatewayParams('127.0.0.1', tcp_ports=(int(sys.argv[1]),))); "
        "print(json.dumps(asyncio.run(run_probe(p)).to_json()))"
    )
    cmd = ["setpriv", "--bounding-set", "-net_raw", "--inh-caps", "-net_raw",
           sys.executable, "-c", script, str(refused_port)]  # fmt: skip
    done = subprocess.run(cmd, capture_output=True, text=True, env=python_env(), cwd=REPO)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["status"] == "ok"
    assert result["detail"]["icmp"] == "not_permitted"
    assert (result["detail"]["method"], result["detail"]["answer"]) == ("tcp", "refused")


def test_icmp_packets() -> None:
    packet = _icmp.echo_request(0x1234, 7, b"posguide")
    assert _icmp.checksum(packet) == 0  # a valid checksum sums to zero
    ip_header = bytes([0x45]) + bytes(19)
    reply = bytes([0]) + packet[1:]
    assert _icmp.parse_reply(ip_header + reply) == (0, 0x1234, 7, b"posguide")
    assert _icmp.parse_reply(reply) == (0, 0x1234, 7, b"posguide")
    assert _icmp.parse_reply(b"\x45\x00") is None


def test_gateway_tcp_open_port() -> None:
    with socket.socket() as listener:
        listener.bind((LOCAL, 0))
        listener.listen(8)
        port = listener.getsockname()[1]
        result = probe(GatewayProbe(GatewayParams(LOCAL, use_icmp=False, tcp_ports=(port,))))
    assert result.status is Status.OK
    assert (result.detail["method"], result.detail["answer"]) == ("tcp", "open")
    assert "rtt_ms" in result.measurements


def test_gateway_tcp_refusal_proves_life(refused_port: int) -> None:
    result = probe(GatewayProbe(GatewayParams(LOCAL, use_icmp=False, tcp_ports=(refused_port,))))
    assert result.status is Status.OK
    assert result.detail["answer"] == "refused"


def test_gateway_silent(full_backlog: int) -> None:
    params = GatewayParams(LOCAL, use_icmp=False, tcp_ports=(full_backlog,), tcp_timeout_s=0.3)
    result = probe(GatewayProbe(params))
    assert result.status is Status.FAIL
    assert result.detail["reason"] == "unreachable"
    assert result.detail["ports"] == {str(full_backlog): "timeout"}


def test_bad_settings_give_clear_errors() -> None:
    gateway = probe(GatewayProbe(GatewayParams(gateway="router.local")))
    assert (gateway.status, gateway.detail["reason"]) == (Status.ERROR, "bad_config")
    for url in ("ftp://example.test/", "http://[::1/", "not a url"):
        result = internet(url)
        assert (result.status, result.detail["reason"]) == (Status.ERROR, "bad_config"), url


# --- DNS ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dns_port() -> Iterator[int]:
    with dns_server() as port:
        yield port


def dns(port: int, *hosts: str, **kwargs: Any) -> ProbeResult:
    params = DnsParams(hosts=hosts, nameservers=(LOCAL,), port=port, **kwargs)
    return probe(DnsProbe(params))


def test_dns_resolves(dns_port: int) -> None:
    result = dns(dns_port, "ok.pay.test", "ok2.pay.test")
    assert result.status is Status.OK, result.summary
    assert result.detail["addresses"] == {"ok.pay.test": [DNS_ANSWER], "ok2.pay.test": [DNS_ANSWER]}
    assert set(result.measurements) == {
        "resolve_ms.ok.pay.test",
        "resolve_ms.ok2.pay.test",
        "resolve_ms_max",
    }


@pytest.mark.parametrize(
    ("host", "reason"),
    [("nx.pay.test", "nxdomain"), ("fail.pay.test", "servfail"), ("silent.pay.test", "timeout")],
)
def test_dns_failures(dns_port: int, host: str, reason: str) -> None:
    result = dns(dns_port, "ok.pay.test", host, timeout_s=0.5)
    assert result.status is Status.FAIL
    assert result.detail["failed"] == {host: reason}
    assert host in result.summary
    assert "resolve_ms.ok.pay.test" in result.measurements  # the good name is still measured


def test_dns_slow(dns_port: int) -> None:
    result = dns(dns_port, "slow.pay.test", "ok.pay.test", slow_ms=200)
    assert result.status is Status.WARN
    assert result.detail["slow"] == ["slow.pay.test"]
    assert result.measurements["resolve_ms_max"].value >= 400


def test_dns_skips_addresses_and_rejects_bad_servers(dns_port: int) -> None:
    assert dns(dns_port, "10.1.2.3", "::1").status is Status.SKIPPED
    bad = probe(DnsProbe(DnsParams(hosts=("ok.pay.test",), nameservers=("dns.example",))))
    assert bad.status is Status.ERROR
    assert bad.detail["reason"] == "bad_config"


def test_dns_system_resolver() -> None:
    result = probe(DnsProbe(DnsParams(hosts=("localhost",))))
    assert result.status is Status.OK
    assert result.detail["resolver"] == "system"
    assert set(result.detail["addresses"]["localhost"]) & {"127.0.0.1", "::1"}


# --- internet ----------------------------------------------------------------------------------


def internet(url: str, **kwargs: Any) -> ProbeResult:
    return probe(InternetProbe(InternetParams(url=url, **kwargs)))


@pytest.mark.parametrize(
    ("mode", "status", "reason"),
    [
        ("ok", Status.OK, None),
        ("captive", Status.WARN, "captive_portal"),
        ("portal", Status.WARN, "unexpected_body"),
        ("error", Status.FAIL, "http_status"),
    ],
)
def test_internet_check_url(mode: str, status: Status, reason: str | None) -> None:
    def make(sim: HttpCheckSim) -> InternetProbe:
        expect = "Success" if mode == "portal" else None
        return InternetProbe(InternetParams(url=sim.url, expect_body=expect))

    result = with_sim(HttpCheckSim(mode), make)  # type: ignore[arg-type]
    assert result.status is status, result.summary
    assert result.detail.get("reason") == reason
    assert "http_ms" in result.measurements
    if mode == "captive":
        assert result.detail["redirect_host"] == LOCAL
        assert "login page" in result.summary


def test_internet_expected_body_present() -> None:
    def serve(conn: socket.socket) -> None:
        conn.recv(4096)
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 22\r\n\r\nMicrosoft Connect Test")

    with one_shot_server(serve) as port:
        url = f"http://{LOCAL}:{port}/connecttest.txt"
        result = internet(url, expect_body="Microsoft Connect Test")
    assert result.status is Status.OK


def test_internet_refused_and_silent(refused_port: int, full_backlog: int) -> None:
    refused = internet(f"http://{LOCAL}:{refused_port}/")
    assert (refused.status, refused.detail["reason"]) == (Status.FAIL, "unreachable")
    silent = internet(f"http://{LOCAL}:{full_backlog}/", timeout_s=0.5)
    assert (silent.status, silent.detail["reason"]) == (Status.FAIL, "timeout")


def test_internet_garbage_answer() -> None:
    def serve(conn: socket.socket) -> None:
        conn.recv(4096)
        conn.sendall(b"\x00\xffSSH-2.0-not-http\r\n\r\n")

    with one_shot_server(serve) as port:
        result = internet(f"http://{LOCAL}:{port}/")
    assert result.status is Status.FAIL
    assert result.detail["reason"] == "bad_response"


def test_internet_uses_the_proxy_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, refused_port: int
) -> None:
    monkeypatch.setenv("NO_PROXY", "")
    monkeypatch.setenv("HTTP_PROXY", f"http://{LOCAL}:{refused_port}")
    broken = internet("http://connect.check.test/generate_204")
    assert (broken.status, broken.detail["reason"]) == (Status.FAIL, "proxy")

    # A working proxy: the simulator answers the absolute-form request it is sent. The check
    # host is never looked up or contacted by the PC itself, only named to the proxy.
    async def through_proxy() -> tuple[ProbeResult, int]:
        async with HttpCheckSim("ok") as proxy:
            monkeypatch.setenv("HTTP_PROXY", f"http://{LOCAL}:{proxy.port}")
            result = await run_probe(
                InternetProbe(InternetParams("http://connect.check.test/generate_204"))
            )
            return result, proxy.requests

    result, requests = asyncio.run(through_proxy())
    assert result.status is Status.OK, result.summary
    assert requests == 1


class one_shot_server:  # lower case: used like a function
    """A raw TCP server in a thread that runs ``serve`` for each connection."""

    def __init__(self, serve: Callable[[socket.socket], None]) -> None:
        self.serve = serve
        self.listener = socket.socket()
        self.listener.bind((LOCAL, 0))
        self.listener.listen(8)
        self.listener.settimeout(5)
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        try:
            conn, _ = self.listener.accept()
        except OSError:
            return
        with conn:
            self.serve(conn)

    def __enter__(self) -> int:
        self.thread.start()
        return int(self.listener.getsockname()[1])

    def __exit__(self, *exc: object) -> None:
        self.listener.close()
        self.thread.join(5)


# --- payment hosts -----------------------------------------------------------------------------


def payment(*hosts: tuple[str, int], **kwargs: Any) -> PaymentHostProbe:
    kwargs = {"samples": 3, "interval_s": 0.05, "connect_timeout_s": 0.3, **kwargs}
    return PaymentHostProbe(PaymentParams(hosts=hosts, **kwargs))


def test_payment_healthy() -> None:
    result = with_sim(PaymentHostSim("healthy"), lambda sim: payment(sim.address))
    assert result.status is Status.OK, result.summary
    assert result.measurements["loss_pct"].value == 0
    assert 0 < result.measurements["latency_ms_median"].value < 100
    (host,) = result.detail["hosts"].values()
    assert host["ok"] == 3
    assert result.detail["slow"] is False


def test_a_check_whose_progress_fails_leaves_no_connection_attempt_running() -> None:
    """Seen in CI: a closed window's progress signal raised in one connection attempt, the
    check ended as an error, and its other attempts ran on into the next test."""
    reports: list[float | None] = []

    def progress(fraction: float | None, _message: Text) -> None:
        reports.append(fraction)
        if len(reports) == 2:
            raise RuntimeError("Signal source has been deleted")

    async def body() -> tuple[ProbeResult, list[asyncio.Task[Any]]]:
        async with PaymentHostSim("healthy") as sim:
            probe = payment(sim.address, samples=4, interval_s=0.2)
            result = await run_probe(probe, progress)
            left = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            await asyncio.sleep(0.7)  # long enough for every later attempt to report
        return result, left

    result, left = asyncio.run(body())
    assert result.status is Status.ERROR, result.summary  # the check could not run: no verdict
    assert left == []
    assert len(reports) == 2  # nothing reported after the check had ended


def test_mode_changes_at_once_leave_one_server_and_no_closed_socket_served() -> None:
    """The training shop may switch the payment host while a switch is still going on (a
    router restarted twice): the last mode wins and the loop never serves a closed socket."""
    errors: list[dict[str, Any]] = []

    async def body() -> ProbeResult:
        asyncio.get_running_loop().set_exception_handler(lambda _loop, ctx: errors.append(ctx))
        async with PaymentHostSim("healthy") as sim:
            modes = ("healthy", "refused", "healthy", "timeout", "healthy")
            await asyncio.gather(*(sim.set_mode(m) for m in modes))
            result = await run_probe(payment(sim.address))
            for _ in range(5):  # connections to a port whose old socket is gone
                _reader, writer = await asyncio.open_connection(*sim.address)
                writer.close()
                await writer.wait_closed()
            await asyncio.sleep(0.05)
        return result

    result = asyncio.run(body())
    assert result.status is Status.OK, result.summary
    assert errors == []


@pytest.mark.parametrize("mode", ["refused", "timeout"])
def test_payment_host_down(mode: str) -> None:
    result = with_sim(PaymentHostSim(mode), lambda sim: payment(sim.address))  # type: ignore[arg-type]
    assert result.status is Status.FAIL
    (key,) = result.detail["failed"]
    assert result.detail["failed"][key] == mode
    assert result.detail["hosts"][key]["errors"] == {mode: 3}
    assert result.measurements["loss_pct"].value == 100
    assert key in result.summary


def test_payment_one_of_two_hosts_down(refused_port: int) -> None:
    def make(sim: PaymentHostSim) -> PaymentHostProbe:
        return payment(sim.address, (LOCAL, refused_port))

    result = with_sim(PaymentHostSim("healthy"), make)
    assert result.status is Status.FAIL
    assert result.detail["failed"] == {f"{LOCAL}:{refused_port}": "refused"}
    assert "latency_ms_median" in result.measurements  # the healthy host was measured


class GatedListener:
    """A listener whose accept queue the test fills and drains between a probe's samples."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind((LOCAL, 0))
        self.sock.listen(0)
        self.sock.settimeout(0.01)
        self.port = self.sock.getsockname()[1]
        self.lock = threading.Lock()
        self.open = True
        self.running = True
        self.filler: socket.socket | None = None
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while self.running:
            with self.lock:
                if self.open:
                    self._drain()
            time.sleep(0.002)

    def _drain(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, BlockingIOError):
                return
            conn.close()

    def block(self) -> None:
        with self.lock:
            self.open = False
            self._drain()  # an earlier sample may still wait in the queue
            self.filler = socket.create_connection((LOCAL, self.port), timeout=1)

    def unblock(self) -> None:
        with self.lock:
            self._drain()
            assert self.filler is not None
            self.filler.close()
            self.open = True

    def close(self) -> None:
        self.running = False
        self.thread.join()
        self.sock.close()


def test_payment_lost_connections_warn() -> None:
    gate = GatedListener()

    def progress(fraction: float | None, message: Text) -> None:
        # Called just before each connection: lose the second one.
        if "connection 2 of" in str(message):
            gate.block()
        elif "connection 3 of" in str(message):
            gate.unblock()

    try:
        result = probe(payment((LOCAL, gate.port), samples=4), progress)
    finally:
        gate.close()
    assert result.status is Status.WARN, result.summary
    assert result.detail["loss_pct"] == 25.0
    assert result.detail["slow"] is False
    assert result.measurements["loss_pct"].value == 25.0
    assert "lost" in result.summary


def test_payment_bad_settings() -> None:
    assert probe(payment()).status is Status.SKIPPED
    bad = probe(PaymentHostProbe(PaymentParams(hosts=(("pay.test", "x"),))))  # type: ignore[arg-type]
    assert bad.status is Status.ERROR
    assert bad.detail["reason"] == "bad_config"


# --- TLS ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def test_ca(tmp_path_factory: pytest.TempPathFactory) -> tuple[trustme.CA, str]:
    ca = trustme.CA()
    cafile = tmp_path_factory.mktemp("ca") / "ca.pem"
    ca.cert_pem.write_to_path(str(cafile))
    return ca, str(cafile)


def now() -> datetime:
    return datetime.now(UTC)


def leaf(ca: trustme.CA, kind: str) -> trustme.LeafCert:
    if kind == "expired":
        return ca.issue_cert("localhost", not_before=now() - timedelta(days=90),
                             not_after=now() - timedelta(days=2))  # fmt: skip
    if kind == "expiring":
        return ca.issue_cert("localhost", not_after=now() + timedelta(days=5, hours=1))
    if kind == "wrong_name":
        return ca.issue_cert("other.example")
    if kind == "untrusted":
        return trustme.CA().issue_cert("localhost")
    return ca.issue_cert("localhost", LOCAL)


async def tls_server(cert: trustme.LeafCert) -> asyncio.Server:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    cert.configure_cert(context)

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(OSError):
            await reader.read()
        writer.close()

    return await asyncio.start_server(handle, LOCAL, 0, ssl=context)


def tls_check(
    server: Callable[[], Awaitable[asyncio.Server]], *, host: str = "localhost", **kwargs: Any
) -> ProbeResult:
    async def body() -> ProbeResult:
        srv = await server()
        port = srv.sockets[0].getsockname()[1]
        try:
            return await run_probe(TlsProbe(TlsParams(hosts=((host, port),), **kwargs)))
        finally:
            srv.close()
            await srv.wait_closed()

    return asyncio.run(body())


@pytest.mark.parametrize(
    ("kind", "status", "code", "reason"),
    [
        ("valid", Status.OK, 0, None),
        ("expiring", Status.WARN, 0, "expires_soon"),
        ("expired", Status.FAIL, 10, "expired"),
        ("wrong_name", Status.FAIL, 62, "hostname_mismatch"),
        ("untrusted", Status.FAIL, 20, "untrusted"),
    ],
)
def test_tls_certificates(
    test_ca: tuple[trustme.CA, str], kind: str, status: Status, code: int, reason: str | None
) -> None:
    ca, cafile = test_ca
    cert = leaf(ca, kind)
    result = tls_check(lambda: tls_server(cert), cafile=cafile, warn_days=14)
    assert result.status is status, result.summary
    assert result.detail["verify_code"] == code
    assert result.detail["reason"] == reason
    # Even a rejected certificate is read for the report.
    expiry = datetime.fromisoformat(result.detail["not_after"])
    assert abs(result.detail["days_left"] - (expiry - now()).days) <= 1
    if kind == "expired":
        assert result.detail["days_left"] < 0
        assert expiry.date().isoformat() in result.summary
    if kind == "expiring":
        assert result.detail["days_left"] == 5
        assert result.measurements["days_left_min"].value == 5


def test_tls_certificate_for_another_ip_address_is_a_name_mismatch(
    test_ca: tuple[trustme.CA, str],
) -> None:
    ca, cafile = test_ca
    cert = ca.issue_cert("127.0.0.2")  # the payment host is configured as 127.0.0.1
    result = tls_check(lambda: tls_server(cert), host=LOCAL, cafile=cafile)
    assert result.status is Status.FAIL
    assert result.detail["verify_code"] == 64  # X509_V_ERR_IP_ADDRESS_MISMATCH
    assert result.detail["reason"] == "hostname_mismatch"
    assert "for a different name" in result.summary and "not trust" not in result.summary


def test_tls_not_a_tls_server() -> None:
    async def http_server() -> asyncio.Server:
        async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            writer.write(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
            await writer.drain()
            writer.close()

        return await asyncio.start_server(handle, LOCAL, 0)

    result = tls_check(http_server, timeout_s=2.0)
    assert result.status is Status.FAIL
    assert result.detail["reason"] == "handshake"


def test_tls_unreachable(refused_port: int, full_backlog: int) -> None:
    hosts = ((LOCAL, refused_port), (LOCAL, full_backlog))
    result = probe(TlsProbe(TlsParams(hosts=hosts, timeout_s=0.5)))
    assert result.status is Status.FAIL
    reasons = {k: v["reason"] for k, v in result.detail["hosts"].items()}
    assert reasons == {f"{LOCAL}:{refused_port}": "refused", f"{LOCAL}:{full_backlog}": "timeout"}
    assert "2 of 2" in result.summary


@pytest.mark.parametrize(
    ("kind", "status", "code"),
    [
        ("valid", Status.OK, 0),
        ("expiring", Status.WARN, 0),
        ("expired", Status.FAIL, 10),
        ("wrong_name", Status.FAIL, 62),
        ("untrusted", Status.FAIL, 20),
    ],
)
def test_tls_simulator_certificates(kind: str, status: Status, code: int) -> None:
    def make(sim: TlsHostSim) -> TlsProbe:
        return TlsProbe(TlsParams(hosts=(("localhost", sim.port),), cafile=sim.cafile))

    result = with_sim(TlsHostSim(kind), make)  # type: ignore[arg-type]
    assert (result.status, result.detail["verify_code"]) == (status, code), result.summary


def test_tls_simulator_slow_handshake() -> None:
    def make(sim: TlsHostSim) -> TlsProbe:
        return TlsProbe(TlsParams(hosts=((LOCAL, sim.port),), cafile=sim.cafile, slow_ms=200))

    result = with_sim(TlsHostSim("valid", handshake_delay_s=0.3), make)
    assert result.status is Status.WARN
    assert result.detail["reason"] == "slow"
    assert result.measurements["handshake_ms_max"].value >= 300


# --- simulators --------------------------------------------------------------------------------


def test_payment_sim_switches_modes_on_one_port() -> None:
    async def connect(port: int) -> str:
        try:
            _r, w = await asyncio.wait_for(asyncio.open_connection(LOCAL, port), 0.3)
        except ConnectionRefusedError:
            return "refused"
        except TimeoutError:
            return "timeout"
        w.close()
        await w.wait_closed()
        return "healthy"

    async def body() -> list[str]:
        seen = []
        async with PaymentHostSim("healthy") as sim:
            port = sim.port
            for mode in ("healthy", "timeout", "refused", "healthy"):
                await sim.set_mode(mode)
                assert sim.port == port
                seen.append(await connect(port))
        return seen

    assert asyncio.run(body()) == ["healthy", "timeout", "refused", "healthy"]


def test_sim_cli_runs_a_simulator() -> None:
    cmd = [sys.executable, "-m", "posguide.sim.network", "http", "--mode", "captive"]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                            env=python_env(), cwd=REPO)  # fmt: skip
    assert proc.stdin is not None and proc.stdout is not None
    try:
        first = proc.stdout.readline()
        url = first.split()[3]
        result = internet(url)
        assert result.status is Status.WARN
        proc.stdin.write("error\n")
        proc.stdin.flush()
        proc.stdout.readline()  # the prompt
        assert proc.stdout.readline().strip() == "ok"
        assert internet(url).detail["reason"] == "http_status"
        proc.stdin.write("quit\n")
        proc.stdin.flush()
        assert proc.wait(10) == 0
    finally:
        proc.kill()
        proc.wait()
        proc.stdin.close()
        proc.stdout.close()


def test_probes_run_together_with_name_lookups_off_the_loop(
    dns_port: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every probe at once, against the simulators: all answer, the loop keeps turning, and no
    blocking name lookup runs on the loop's thread (how long the loop may stall is a figure:
    bench/probes.py)."""
    lookups_on_the_loop: list[object] = []
    real_getaddrinfo = socket.getaddrinfo

    def watched_getaddrinfo(*args: Any, **kwargs: Any) -> Any:
        if threading.current_thread() is threading.main_thread():  # asyncio.run's thread
            lookups_on_the_loop.append(args[0])
        return real_getaddrinfo(*args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", watched_getaddrinfo)

    async def body() -> tuple[list[ProbeResult], int]:
        async with (
            PaymentHostSim() as pay,
            TlsHostSim() as tls,
            HttpCheckSim() as http,
            LoopTurns() as turns,
        ):
            results = await asyncio.gather(
                run_probe(LinkProbe(LinkParams("lo"))),
                run_probe(GatewayProbe(GatewayParams(LOCAL, tcp_ports=(pay.port,)))),
                run_probe(DnsProbe(DnsParams(("ok.pay.test",), (LOCAL,), dns_port))),
                run_probe(DnsProbe(DnsParams(("localhost",)))),
                run_probe(InternetProbe(InternetParams(http.url))),
                run_probe(payment(pay.address)),
                run_probe(TlsProbe(TlsParams((("localhost", tls.port),), cafile=tls.cafile))),
            )
        return results, turns.count

    results, turns = asyncio.run(body())
    assert [r.status for r in results] == [Status.OK] * len(results), [r.summary for r in results]
    assert turns > len(results)  # the loop kept turning while they ran
    assert lookups_on_the_loop == []
    json.dumps([r.to_json() for r in results])  # everything in detail is JSON-serialisable


def test_proxy_password_stays_out_of_the_result(
    monkeypatch: pytest.MonkeyPatch, refused_port: int
) -> None:
    monkeypatch.setenv("NO_PROXY", "")
    monkeypatch.setenv("HTTP_PROXY", f"http://shop:S3cretPw@{LOCAL}:{refused_port}")
    result = internet("http://connect.check.test/generate_204")
    assert result.detail["reason"] == "proxy"
    assert "S3cretPw" not in json.dumps(result.to_json())
