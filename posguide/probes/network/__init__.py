"""Network probes, one per layer, from the cable outwards:

link (adapter connected) → gateway (router answers) → dns (names resolve) → internet (a check
URL answers, or a captive portal does) → payment (TCP to the payment hosts) → tls (their
certificates). Each takes a frozen ``...Params`` dataclass.
"""

from posguide.probes.network.dns import DnsParams, DnsProbe
from posguide.probes.network.gateway import GatewayParams, GatewayProbe
from posguide.probes.network.internet import InternetParams, InternetProbe
from posguide.probes.network.link import LinkParams, LinkProbe
from posguide.probes.network.payment import PaymentHostProbe, PaymentParams
from posguide.probes.network.tls import TlsParams, TlsProbe

__all__ = [
    "DnsParams",
    "DnsProbe",
    "GatewayParams",
    "GatewayProbe",
    "InternetParams",
    "InternetProbe",
    "LinkParams",
    "LinkProbe",
    "PaymentHostProbe",
    "PaymentParams",
    "TlsParams",
    "TlsProbe",
]
