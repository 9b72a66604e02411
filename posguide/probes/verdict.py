"""One verdict from many probe results: the first rule that applies, in a fixed order.

The order follows the documented procedure: a provider notice explains everything after it (and
means "do not reboot"), then the network from the cable outwards, then the terminal, then the
reader. docs/verdicts.md states each rule; tests reach every verdict end to end.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from posguide.probes.base import ProbeResult, Status

Rule = Callable[[dict[str, ProbeResult]], bool]


def _failed(probe_id: str, **detail: object) -> Rule:
    def rule(results: dict[str, ProbeResult]) -> bool:
        result = results.get(probe_id)
        if result is None or result.status is not Status.FAIL:
            return False
        return all(_matches(result.detail.get(k), v) for k, v in detail.items())

    return rule


def _warned(probe_id: str, **detail: object) -> Rule:
    def rule(results: dict[str, ProbeResult]) -> bool:
        result = results.get(probe_id)
        if result is None or result.status is not Status.WARN:
            return False
        return all(_matches(result.detail.get(k), v) for k, v in detail.items())

    return rule


def _matches(actual: object, expected: object) -> bool:
    if isinstance(expected, tuple):
        return actual in expected
    return actual == expected


@dataclass(frozen=True)
class VerdictRule:
    verdict: str
    applies: Rule
    advice: str  # English source; the GUI and the CLI translate


RULES: tuple[VerdictRule, ...] = (
    VerdictRule(
        "provider_notice_active",
        _failed("notices"),
        "The provider announced maintenance now. Do not restart the terminal: switch "
        "to the backup device or another payment method until the window ends.",
    ),
    VerdictRule(
        "lan_down",
        _failed("network.link"),
        "The PC's network cable or Wi-Fi has no link. Check the cable at both ends "
        "and the router's LAN lights.",
    ),
    VerdictRule(
        "gateway_unreachable",
        _failed("network.gateway"),
        "The router does not answer. Check its power and lights; restart it.",
    ),
    VerdictRule(
        "dns_failure",
        _failed("network.dns"),
        "Names of the payment servers do not resolve. Restart the router; if it "
        "persists, call the internet provider.",
    ),
    VerdictRule(
        "internet_unreachable",
        _failed("network.internet"),
        "The shop has no internet access. Check the modem's internet/WAN light.",
    ),
    VerdictRule(
        "payment_host_unreachable",
        _failed("network.payment"),
        "The payment server cannot be reached. Call the payment provider.",
    ),
    VerdictRule(
        "tls_failure",
        _failed("network.tls"),
        "The secure connection to the payment server fails (certificate or clock). "
        "Check the PC's date and time, then call the provider.",
    ),
    VerdictRule(
        "payment_host_slow",
        _warned("network.payment"),
        "The payment server answers slowly or loses connections; transactions may "
        "time out. Retry, and tell the provider.",
    ),
    VerdictRule(
        "terminal_port_missing",
        _failed("terminal", stage="port"),
        "The terminal's cable to the PC is not detected. Check the USB/serial cable "
        "and that the terminal is on.",
    ),
    VerdictRule(
        "terminal_unreachable",
        _failed("terminal", stage=("open", "liveness")),
        "The terminal does not answer. Restart the terminal.",
    ),
    VerdictRule(
        "terminal_reports_maintenance",
        _failed("terminal", stage="status"),
        "The terminal itself reports maintenance or an error. Restart it; if it "
        "persists, call the provider.",
    ),
    VerdictRule(
        "reader_service_unavailable",
        _failed("card.reader", stage="service"),
        "The PC's smart-card service is not running. Restart the PC.",
    ),
    VerdictRule(
        "reader_missing",
        _failed("card.reader", stage="reader"),
        "The card reader is not connected. Check its USB cable.",
    ),
)
VERDICTS: tuple[str, ...] = (*(rule.verdict for rule in RULES), "ok")


def decide(results: Iterable[ProbeResult]) -> VerdictRule | None:
    """The first rule that applies, or None when nothing is wrong (verdict ``ok``)."""
    by_id = {r.probe_id: r for r in results}
    return next((rule for rule in RULES if rule.applies(by_id)), None)


def verdict_name(results: Iterable[ProbeResult]) -> str:
    rule = decide(results)
    return rule.verdict if rule else "ok"
