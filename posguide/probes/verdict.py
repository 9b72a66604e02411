"""One verdict from many probe results: the first rule that applies, in a fixed order.

The order follows the documented procedure: a provider notice explains everything after it (and
means "do not reboot"), then the network from the cable outwards, then the terminal, then the
reader. docs/verdicts.md states each rule; tests reach every verdict end to end.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from posguide.i18n import QT_TR_NOOP
from posguide.probes.base import ProbeResult, Status
from posguide.uplinks import CELLULAR, DIALUP, WIFI


@dataclass(frozen=True)
class VerdictRule:
    verdict: str
    probe_id: str  # the one probe whose result decides this rule
    status: Status
    advice: str  # English source; the GUI and the CLI translate
    detail: Mapping[str, tuple[object, ...]] = field(default_factory=dict)
    # Or any of these: each maps detail keys to the values that match.
    alternatives: tuple[Mapping[str, tuple[object, ...]], ...] = ()
    # Advice for a terminal that goes online another way ([[terminals]] uplink) than the
    # shop's cable, where the general advice would send the cashier to the cable and router.
    by_uplink: Mapping[str, str] = field(default_factory=dict)

    def advice_for(self, uplink: str) -> str:
        return self.by_uplink.get(uplink, self.advice)

    def applies(self, result: ProbeResult | None) -> bool:
        if result is None or result.status is not self.status:
            return False
        choices = self.alternatives or (self.detail,)
        return any(
            all(result.detail.get(key) in allowed for key, allowed in choice.items())
            for choice in choices
        )


FAIL, WARN = Status.FAIL, Status.WARN
# A status request that failed on the line (not an answer that says "maintenance").
LINK_FAULTS = ("no_ack", "nak", "silent", "garbage", "incomplete", "bad_lrc", "vanished", "stuck")
RULES: tuple[VerdictRule, ...] = (
    VerdictRule("provider_notice_active", "notices", FAIL,
                QT_TR_NOOP("The provider announced maintenance now. Do not restart the terminal: "
                           "switch to the backup device or another payment method until the "
                           "window ends.")),
    VerdictRule("lan_down", "network.link", FAIL,
                QT_TR_NOOP("The PC's network cable or Wi-Fi has no link. Check the cable at both "
                           "ends and the router's LAN lights.")),
    VerdictRule("gateway_unreachable", "network.gateway", FAIL,
                QT_TR_NOOP("The router does not answer. Check its power and lights; restart it.")),
    VerdictRule("dns_failure", "network.dns", FAIL,
                QT_TR_NOOP("Names of the payment servers do not resolve. Restart the router; if "
                           "it persists, call the internet provider.")),
    VerdictRule("internet_unreachable", "network.internet", FAIL,
                QT_TR_NOOP("The shop has no internet access. Check the modem's internet/WAN "
                           "light."),
                by_uplink=dict.fromkeys((CELLULAR, DIALUP), QT_TR_NOOP(
                    "The till PC has no internet access, so it cannot tell whether the "
                    "provider's servers answer. This terminal does not use the shop's network: "
                    "check its own connection."))),
    VerdictRule("payment_host_unreachable", "network.payment", FAIL,
                QT_TR_NOOP("The payment server cannot be reached. Call the payment provider.")),
    VerdictRule("tls_failure", "network.tls", FAIL,
                QT_TR_NOOP("The secure connection to the payment server fails (certificate or "
                           "clock). Check the PC's date and time, then call the provider.")),
    VerdictRule("payment_host_slow", "network.payment", WARN,
                QT_TR_NOOP("The payment server answers slowly or loses connections; transactions "
                           "may time out. Retry, and tell the provider.")),
    VerdictRule("terminal_port_missing", "terminal", FAIL,
                QT_TR_NOOP("The terminal's cable to the PC is not detected. Check the USB/serial "
                           "cable and that the terminal is on."),
                {"stage": ("port",)}),
    VerdictRule("terminal_unreachable", "terminal", FAIL,
                QT_TR_NOOP("The terminal does not answer over its cable. Restart the terminal; if "
                           "another program is using the port, close that program."),
                alternatives=({"stage": ("open", "liveness")},
                              {"stage": ("status",), "reason": LINK_FAULTS})),
    VerdictRule("terminal_reports_maintenance", "terminal", FAIL,
                QT_TR_NOOP("The terminal itself reports maintenance or an error. Restart it; if "
                           "that does not help, check the cables and the router, and call the "
                           "provider once the network is fine."),
                {"stage": ("status",), "reason": ("maintenance", "error")},
                by_uplink={
                    WIFI: QT_TR_NOOP("The terminal itself reports maintenance or an error. "
                                       "Restart it; if that does not help, check its Wi-Fi and "
                                       "the router, and call the provider once it is online."),
                    CELLULAR: QT_TR_NOOP("The terminal itself reports maintenance or an error. "
                                           "Restart it; if that does not help, check its mobile "
                                           "signal and SIM card, and call the provider once it "
                                           "has signal."),
                    DIALUP: QT_TR_NOOP("The terminal itself reports maintenance or an error. "
                                         "Restart it; if that does not help, check its telephone "
                                         "line, and call the provider once it dials through."),
                }),
    VerdictRule("reader_service_unavailable", "card.reader", FAIL,
                QT_TR_NOOP("The PC's smart-card service is not running. Restart the PC."),
                {"stage": ("service",)}),
    VerdictRule("reader_missing", "card.reader", FAIL,
                QT_TR_NOOP("The card reader is not connected. Check its USB cable."),
                {"stage": ("reader",)}),
)  # fmt: skip
VERDICTS: tuple[str, ...] = (*(rule.verdict for rule in RULES), "ok")


def decide(results: Iterable[ProbeResult]) -> VerdictRule | None:
    """The first rule that applies, or None when nothing is wrong (verdict ``ok``)."""
    by_id = {r.probe_id: r for r in results}
    return next((rule for rule in RULES if rule.applies(by_id.get(rule.probe_id))), None)


def verdict_name(results: Iterable[ProbeResult]) -> str:
    rule = decide(results)
    return rule.verdict if rule else "ok"
