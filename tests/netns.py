"""A fake shop LAN in network namespaces (root only), and probes run inside it.

Two namespaces joined by a veth pair: the "client" (the shop PC, 10.77.0.2, default route via
the router) and the "router" (10.77.0.1). Every packet stays inside these namespaces. Names
carry the pid and a counter, so concurrent test runs never collide; ``shop_lan`` deletes both
namespaces (and with them the veth pair and anything started inside) even when a test fails.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CLIENT_IP = "10.77.0.2"
ROUTER_IP = "10.77.0.1"
_counter = itertools.count()

# Runs inside a namespace: build one probe from JSON, run it, print the result as JSON.
PROBE_SCRIPT = """
import asyncio, importlib, json, sys
from posguide.probes import run_probe
spec = json.loads(sys.argv[1])
module = importlib.import_module("posguide.probes.network." + spec["module"])
params = getattr(module, spec["params"])(**spec["kwargs"])
probe = getattr(module, spec["probe"])(params)
print(json.dumps(asyncio.run(run_probe(probe)).to_json()))
"""
PROBES = {
    "link": ("link", "LinkParams", "LinkProbe"),
    "gateway": ("gateway", "GatewayParams", "GatewayProbe"),
    "dns": ("dns", "DnsParams", "DnsProbe"),
    "payment": ("payment", "PaymentParams", "PaymentHostProbe"),
}


def unavailable() -> str | None:
    """Why namespaces cannot be used here, or None."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "needs root"
    if shutil.which("ip") is None:
        return "iproute2 (ip) is not installed"
    probe = f"pgprobe{os.getpid()}"
    if subprocess.run(["ip", "netns", "add", probe], capture_output=True).returncode != 0:
        return "ip netns is not supported here"
    subprocess.run(["ip", "netns", "del", probe], capture_output=True)
    return None


def sh(*cmd: str, check: bool = True, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, check=check, timeout=timeout)


def python_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO), "PYTHONDONTWRITEBYTECODE": "1"}


@dataclass
class ShopLan:
    client: str  # namespace names
    router: str
    client_if: str  # veth ends
    router_if: str
    background: list[subprocess.Popen[str]] = field(default_factory=list)

    def run(self, ns: str, *cmd: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return sh("ip", "netns", "exec", ns, *cmd, check=check)

    def probe(self, kind: str, ns: str | None = None, **kwargs: Any) -> dict[str, Any]:
        """Run one network probe in the client namespace; its result as JSON."""
        module, params, probe = PROBES[kind]
        spec = json.dumps({"module": module, "params": params, "probe": probe, "kwargs": kwargs})
        cmd = ["ip", "netns", "exec", ns or self.client, sys.executable, "-c", PROBE_SCRIPT, spec]
        done = subprocess.run(
            cmd, capture_output=True, text=True, timeout=60, env=python_env(), cwd=REPO
        )
        assert done.returncode == 0, done.stderr
        result: dict[str, Any] = json.loads(done.stdout)
        return result

    def start(self, ns: str, *cmd: str) -> str:
        """Start a long-running command in a namespace; its first line of output."""
        proc = subprocess.Popen(
            ["ip", "netns", "exec", ns, *cmd],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=python_env(),
            cwd=REPO,
        )
        self.background.append(proc)
        assert proc.stdout is not None
        return proc.stdout.readline()


@contextlib.contextmanager
def shop_lan(default_route: bool = True) -> Iterator[ShopLan]:
    tag = f"{os.getpid() % 100000}x{next(_counter)}"
    lan = ShopLan(f"pgc{tag}", f"pgr{tag}", f"vc{tag}"[:15], f"vr{tag}"[:15])
    try:
        sh("ip", "netns", "add", lan.client)
        sh("ip", "netns", "add", lan.router)
        sh("ip", "link", "add", lan.client_if, "netns", lan.client,
           "type", "veth", "peer", "name", lan.router_if, "netns", lan.router)  # fmt: skip
        for ns, dev, address in (
            (lan.client, lan.client_if, CLIENT_IP),
            (lan.router, lan.router_if, ROUTER_IP),
        ):
            sh("ip", "-n", ns, "addr", "add", f"{address}/24", "dev", dev)
            sh("ip", "-n", ns, "link", "set", dev, "up")
            sh("ip", "-n", ns, "link", "set", "lo", "up")
        if default_route:
            sh("ip", "-n", lan.client, "route", "add", "default", "via", ROUTER_IP)
        yield lan
    finally:
        for proc in lan.background:
            proc.terminate()  # the simulators clean up on SIGTERM
            try:
                proc.wait(5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            if proc.stdout:
                proc.stdout.close()
        for ns in (lan.client, lan.router):
            sh("ip", "netns", "del", ns, check=False)


def slow_syn_acks(lan: ShopLan) -> bool:
    """Shape the router's SYN-ACKs to 1 kbit/s: each TCP connect then waits ~0.5 s for its reply
    (the VM kernel has no netem). False when the kernel has no htb qdisc."""
    dev = lan.router_if
    tc = ("ip", "netns", "exec", lan.router, "tc")
    if sh(*tc, "qdisc", "add", "dev", dev, "root", "handle", "1:", "htb", "default", "10",
          "r2q", "1", check=False).returncode != 0:  # fmt: skip
        return False
    sh(*tc, "class", "add", "dev", dev, "parent", "1:", "classid", "1:10", "htb",
       "rate", "100mbit")  # fmt: skip
    sh(*tc, "class", "add", "dev", dev, "parent", "1:", "classid", "1:20", "htb",
       "rate", "1kbit", "ceil", "1kbit", "burst", "1b", "cburst", "1b")  # fmt: skip
    sh(*tc, "filter", "add", "dev", dev, "parent", "1:", "protocol", "ip", "prio", "1", "u32",
       "match", "ip", "protocol", "6", "0xff", "match", "u8", "0x12", "0x12", "at", "33",
       "flowid", "1:20")  # fmt: skip
    return True


# --- DNS: a dnslib server with one name per answer kind --------------------------------------

DNS_ANSWER = "10.77.0.80"


class TestZone:
    """dnslib resolver: the first label picks the answer. ok* → A record, nx* → NXDOMAIN,
    fail* → SERVFAIL, silent* → no answer at all, slow* → an A record after 0.4 s."""

    def resolve(self, request: Any, handler: Any) -> Any:
        import time

        from dnslib import QTYPE, RCODE, RR, A, DNSError

        reply = request.reply()
        qname = request.q.qname
        label = str(qname).split(".")[0]
        if label.startswith("silent"):
            raise DNSError("dropped on purpose")  # dnslib then sends nothing
        if label.startswith("nx"):
            reply.header.rcode = RCODE.NXDOMAIN
        elif label.startswith("fail"):
            reply.header.rcode = RCODE.SERVFAIL
        elif request.q.qtype == QTYPE.A:
            if label.startswith("slow"):
                time.sleep(0.4)
            reply.add_answer(RR(qname, QTYPE.A, rdata=A(DNS_ANSWER), ttl=60))
        return reply


@contextlib.contextmanager
def dns_server(address: str = "127.0.0.1", port: int = 0) -> Iterator[int]:
    """A dnslib UDP server in a thread; yields its port."""
    from dnslib.server import DNSLogger, DNSServer

    quiet = DNSLogger(log="-request,-reply,-truncated,-error,-recv,-send,-data", prefix=False)
    server = DNSServer(TestZone(), port=port, address=address, logger=quiet)
    server.start_thread()
    try:
        yield server.server.server_address[1]
    finally:
        server.stop()
        server.server.server_close()


def system_resolver_main() -> None:
    """Inside ``unshare -n -m``: point /etc/resolv.conf at a dnslib server on 127.0.0.1:53
    (in this private namespace only), run one probe and print its result as JSON."""
    import asyncio
    import importlib
    import tempfile

    from posguide.probes import run_probe

    kind, kwargs = json.loads(sys.argv[1])
    module_name, params_name, probe_name = PROBES[kind]
    module = importlib.import_module(f"posguide.probes.network.{module_name}")
    probe = getattr(module, probe_name)(getattr(module, params_name)(**kwargs))
    with tempfile.NamedTemporaryFile("w", suffix=".conf", delete=False) as conf:
        conf.write("nameserver 127.0.0.1\noptions timeout:1 attempts:1\n")
    sh("ip", "link", "set", "lo", "up")
    sh("mount", "--bind", conf.name, "/etc/resolv.conf")
    with dns_server(port=53):
        result = asyncio.run(run_probe(probe))
    os.unlink(conf.name)
    print(json.dumps(result.to_json()))


def probe_system_resolver(kind: str = "dns", **kwargs: Any) -> dict[str, Any]:
    """Run a probe in a private namespace whose only network is loopback and whose system
    resolver asks ``TestZone``."""
    script = "import sys; sys.path.insert(0, sys.argv.pop(1)); import netns"
    script += "; netns.system_resolver_main()"
    cmd = ["unshare", "--net", "--mount", sys.executable, "-c", script, str(REPO / "tests"),
           json.dumps([kind, kwargs])]  # fmt: skip
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=60, env=python_env())
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result
