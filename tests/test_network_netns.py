"""The link and gateway probes on a real (virtual) shop LAN: network namespaces joined by a
veth pair, faults made by unplugging the "cable" or breaking the "router", probes run inside
the shop PC's namespace. Also the system resolver path of DnsProbe, and a slow payment host
made with a traffic shaper, neither of which loopback can fake. Root only."""

from __future__ import annotations

import sys
from typing import Any

import pytest
from netns import (
    CLIENT_IP,
    ROUTER_IP,
    ShopLan,
    probe_system_resolver,
    sh,
    shop_lan,
    slow_syn_acks,
    unavailable,
)

WHY_NOT = unavailable()
pytestmark = [
    pytest.mark.netns,
    pytest.mark.skipif(WHY_NOT is not None, reason=f"network namespaces: {WHY_NOT}"),
]
# Short timeouts: a dead router costs attempts x reply + TCP timeout seconds per probe.
QUICK_GATEWAY: dict[str, Any] = {"attempts": 2, "reply_timeout_s": 0.5, "tcp_timeout_s": 1.0}


@pytest.fixture
def lan() -> Any:
    with shop_lan() as made:
        yield made


def unplug(lan: ShopLan) -> None:
    """Pull the cable: the far end goes down, so the PC's adapter loses its carrier."""
    sh("ip", "-n", lan.router, "link", "set", lan.router_if, "down")


def test_healthy_lan(lan: ShopLan) -> None:
    link = lan.probe("link")
    assert link["status"] == "ok", link["summary"]
    assert link["detail"]["interface"] == lan.client_if
    assert link["detail"]["ipv4"] == [CLIENT_IP]

    gateway = lan.probe("gateway")
    assert gateway["status"] == "ok", gateway["summary"]
    assert gateway["detail"]["gateway"] == ROUTER_IP
    assert gateway["detail"]["method"] == "icmp"  # root: a raw socket
    assert gateway["measurements"]["rtt_ms"]["value"] < 50


def test_cable_unplugged(lan: ShopLan) -> None:
    unplug(lan)
    link = lan.probe("link")
    assert link["status"] == "fail"
    assert link["detail"]["reason"] == "no_carrier"
    assert link["detail"]["interface"] == lan.client_if
    assert "cable" in link["summary"]

    gateway = lan.probe("gateway", **QUICK_GATEWAY)  # the route is still there: it tries
    assert gateway["status"] == "fail"
    assert gateway["detail"]["reason"] == "unreachable"


def test_router_dead_link_fine(lan: ShopLan) -> None:
    sh("ip", "-n", lan.router, "addr", "del", f"{ROUTER_IP}/24", "dev", lan.router_if)
    assert lan.probe("link")["status"] == "ok"  # the cable is fine...
    gateway = lan.probe("gateway", **QUICK_GATEWAY)  # ...but nobody answers for the router
    assert gateway["status"] == "fail"
    assert gateway["detail"]["reason"] == "unreachable"
    assert gateway["detail"]["icmp"] == "no_reply"
    assert set(gateway["detail"]["ports"].values()) <= {"timeout", "unreachable"}


def test_router_that_ignores_ping(lan: ShopLan) -> None:
    lan.run(lan.router, "sysctl", "-q", "-w", "net.ipv4.icmp_echo_ignore_all=1")
    gateway = lan.probe("gateway", gateway=ROUTER_IP, **QUICK_GATEWAY)
    assert gateway["status"] == "ok", gateway["summary"]
    assert gateway["detail"]["method"] == "tcp"
    assert gateway["detail"]["answer"] == "refused"  # a RST from a closed port: alive


def test_no_default_route() -> None:
    with shop_lan(default_route=False) as lan:
        link = lan.probe("link")
        assert link["status"] == "fail"
        assert link["detail"]["reason"] == "no_default_route"
        gateway = lan.probe("gateway")
        assert (gateway["status"], gateway["detail"]["reason"]) == ("fail", "no_gateway")

        # Windows drops an unplugged adapter's routes: then no carrier anywhere is the cause.
        unplug(lan)
        link = lan.probe("link")
        assert (link["status"], link["detail"]["reason"]) == ("fail", "no_carrier")
        assert link["detail"]["interface"] == lan.client_if


def test_connected_without_address(lan: ShopLan) -> None:
    sh("ip", "-n", lan.client, "addr", "flush", "dev", lan.client_if)
    link = lan.probe("link", interface=lan.client_if)
    assert link["status"] == "warn"
    assert link["detail"]["reason"] == "no_address"


def test_payment_host_across_the_lan_then_slow(lan: ShopLan) -> None:
    cmd = [sys.executable, "-m", "posguide.sim.network", "--host", ROUTER_IP, "--port", "8583"]
    first = lan.start(lan.router, *cmd, "tcp")
    assert first.startswith(f"payment host {ROUTER_IP}:8583"), first
    params: dict[str, Any] = {"hosts": [[ROUTER_IP, 8583]], "samples": 4, "slow_ms": 250}
    healthy = lan.probe("payment", **params)
    assert healthy["status"] == "ok", healthy["summary"]

    if not slow_syn_acks(lan):
        pytest.skip("the kernel has no htb qdisc")
    slow = lan.probe("payment", **params)
    assert slow["status"] == "warn", slow["summary"]
    assert slow["detail"]["slow"] is True
    assert slow["detail"]["loss_pct"] == 0
    assert slow["measurements"]["latency_ms_median"]["value"] > 250


def test_system_resolver() -> None:
    """getaddrinfo itself, in a private network and mount namespace whose resolv.conf points
    at a local dnslib server (timeout 1 s, 1 attempt)."""
    hosts = ["ok.pay.test", "nx.pay.test", "fail.pay.test", "silent.pay.test"]
    result = probe_system_resolver(hosts=hosts, timeout_s=3.0)
    assert result["status"] == "fail"
    assert result["detail"]["failed"] == {
        "nx.pay.test": "nxdomain",
        "fail.pay.test": "servfail",
        "silent.pay.test": "timeout",  # glibc gave up after its own 1 s
    }
    assert "resolve_ms.ok.pay.test" in result["measurements"]

    slow = probe_system_resolver(hosts=["ok.pay.test", "slow.pay.test"], slow_ms=300)
    assert slow["status"] == "warn"
    assert slow["detail"]["slow"] == ["slow.pay.test"]

    hung = probe_system_resolver(hosts=["silent.pay.test"], timeout_s=0.5)
    assert hung["detail"]["failed"] == {"silent.pay.test": "timeout"}  # our deadline first
    assert hung["duration_ms"] < 1000


def test_payment_host_name_problems() -> None:
    """A payment host whose name does not resolve, and one that resolves to an address this
    network has no route to (the namespace has only loopback)."""
    hosts = [["nx.pay.test", 443], ["ok.pay.test", 8583]]
    result = probe_system_resolver("payment", hosts=hosts, samples=2, connect_timeout_s=1.0)
    assert result["status"] == "fail"
    assert result["detail"]["failed"] == {
        "nx.pay.test:443": "dns",
        "ok.pay.test:8583": "unreachable",
    }
    assert "2 of 2" in result["summary"]


def test_on_link_default_route() -> None:
    """PPP-style default route without a router: the link is fine, there is no router."""
    with shop_lan(default_route=False) as lan:
        sh("ip", "-n", lan.client, "route", "add", "default", "dev", lan.client_if)
        assert lan.probe("link")["status"] == "ok"
        gateway = lan.probe("gateway")
        assert (gateway["status"], gateway["detail"]["reason"]) == ("skipped", "on_link")
