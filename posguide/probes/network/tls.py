"""Do the payment hosts pass a TLS handshake with full certificate and host name checks?

A failed verification is followed by a second, unverified handshake whose only purpose is to
read the offending certificate (expiry, names, issuer) for the report; nothing is sent on it.
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cryptography import x509
from cryptography.x509.oid import NameOID

from posguide.concurrency import gather_all
from posguide.i18n import QT_TR_NOOP, Text
from posguide.probes.base import Measurement, Outcome, ProbeResult, ProgressCallback, Status
from posguide.probes.network._tcp import (
    bad_hosts,
    classify,
    host_port,
    normalise_hosts,
    open_stream,
    resolve,
    valid_host_port,
)
from posguide.probes.threads import run_blocking

# OpenSSL X509_V_ERR_* codes worth telling apart; the rest count as "untrusted".
VERIFY_REASONS = {
    9: "not_yet_valid",  # usually this PC's clock is wrong
    10: "expired",
    62: "hostname_mismatch",
    64: "hostname_mismatch",  # X509_V_ERR_IP_ADDRESS_MISMATCH: a host given as an IP address
    18: "untrusted",  # self-signed certificate
    19: "untrusted",  # self-signed CA in the chain
    20: "untrusted",  # issuer not in the store
    21: "untrusted",
    23: "revoked",
}
_RANK = {Status.OK: 0, Status.WARN: 1, Status.FAIL: 2}


@dataclass(frozen=True)
class TlsParams:
    hosts: tuple[tuple[str, int], ...] = ()
    timeout_s: float = 5.0  # per handshake
    warn_days: int = 14  # warn when the certificate expires sooner
    cafile: str | None = None  # None: the system's trusted certificates
    slow_ms: float = 1500.0  # connect + handshake
    dns_timeout_s: float = 2.0


def certificate_facts(der: bytes) -> dict[str, Any]:
    """Expiry, names and issuer of a DER certificate; never raises on a strange certificate."""
    try:
        cert = x509.load_der_x509_certificate(der)
        not_after = cert.not_valid_after_utc
    except ValueError:
        return {"certificate": "unreadable"}
    seconds_left = (not_after - datetime.now(UTC)).total_seconds()

    def first(name: x509.Name, *oids: x509.ObjectIdentifier) -> str | None:
        for oid in oids:
            for attr in name.get_attributes_for_oid(oid):
                value = attr.value
                return value if isinstance(value, str) else value.decode(errors="replace")
        return None

    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        names = [*san.get_values_for_type(x509.DNSName)]
        names += [str(ip) for ip in san.get_values_for_type(x509.IPAddress)]
    except (x509.ExtensionNotFound, ValueError):
        names = []
    return {
        "not_after": not_after.isoformat(),
        "days_left": int(seconds_left / 86400),  # whole days, towards zero
        "subject": first(cert.subject, NameOID.COMMON_NAME),
        "issuer": first(cert.issuer, NameOID.COMMON_NAME, NameOID.ORGANIZATION_NAME),
        "names": names[:10],
    }


class TlsProbe:
    id = "network.tls"

    def __init__(self, params: TlsParams = TlsParams()) -> None:
        self.params = params
        self.hosts = normalise_hosts(params.hosts)
        self.timeout_s = 5.0 + params.dns_timeout_s + 2 * params.timeout_s

    async def check(self, progress: ProgressCallback) -> ProbeResult:
        outcome = Outcome(self.id)
        if not self.hosts:
            return outcome.finish(
                Status.SKIPPED, Text(QT_TR_NOOP("No payment hosts are configured"))
            )
        if not all(valid_host_port(h, p) for h, p in self.hosts):
            return bad_hosts(outcome, self.hosts)
        progress(None, Text(QT_TR_NOOP("Checking secure connections")))
        # Loading the system's certificate store reads files (or the Windows store): off-loop.
        context = await run_blocking(self._context, timeout_s=5.0, name="ssl-context")
        results = await gather_all(*(self._host(context, h, p) for h, p in self.hosts))
        hosts = {r.pop("host"): r for r in results}
        worst_key = max(hosts, key=lambda k: _RANK[hosts[k]["status"]])
        worst = hosts[worst_key]
        status: Status = worst["status"]
        for facts in hosts.values():
            facts["status"] = facts["status"].value
        measurements = {}
        times = [f["handshake_ms"] for f in hosts.values() if "handshake_ms" in f]
        days = [f["days_left"] for f in hosts.values() if "days_left" in f]
        if times:
            measurements["handshake_ms_max"] = Measurement(max(times), "ms")
        if days:
            measurements["days_left_min"] = Measurement(min(days), "days")
        bad = [k for k, f in hosts.items() if f["status"] == status.value]
        summary = _summary(worst_key, worst)
        if status is Status.FAIL and len(bad) > 1:
            summary = Text(
                QT_TR_NOOP("{failed} of {total} payment hosts fail the secure connection check"),
                failed=len(bad),
                total=len(hosts),
            )
        if status is Status.OK:
            summary = Text(QT_TR_NOOP("Secure connections to the payment hosts work"))
        return outcome.finish(
            status,
            summary,
            measurements=measurements,
            host=worst_key,
            reason=worst.get("reason"),
            verify_code=worst.get("verify_code"),
            not_after=worst.get("not_after"),
            days_left=worst.get("days_left"),
            hosts=hosts,
        )

    def _context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=self.params.cafile)

    async def _host(self, context: ssl.SSLContext, host: str, port: int) -> dict[str, Any]:
        p = self.params
        facts: dict[str, Any] = {"host": host_port(host, port)}
        try:
            address = await resolve(host, port, p.dns_timeout_s)
        except OSError:
            return facts | {"status": Status.FAIL, "reason": "dns"}
        t0 = time.perf_counter()
        try:
            der, version = await self._handshake(address, host, port, context)
        except ssl.SSLCertVerificationError as err:
            code = err.verify_code
            facts |= {
                "status": Status.FAIL,
                "reason": VERIFY_REASONS.get(code, "untrusted"),
                "verify_code": code,
                "verify_message": err.verify_message,
            }
            with contextlib.suppress(OSError):  # the report is a bonus; the verdict stands
                facts |= certificate_facts((await self._handshake(address, host, port))[0])
            return facts
        except OSError as err:  # ssl.SSLError and TimeoutError included
            return facts | {"status": Status.FAIL, "reason": classify(err)}
        facts |= {
            "verify_code": 0,
            "handshake_ms": round((time.perf_counter() - t0) * 1000, 1),
            "tls_version": version,
            **certificate_facts(der),
        }
        if facts.get("days_left", p.warn_days) < p.warn_days:
            return facts | {"status": Status.WARN, "reason": "expires_soon"}
        if facts["handshake_ms"] > p.slow_ms:
            return facts | {"status": Status.WARN, "reason": "slow"}
        return facts | {"status": Status.OK}

    async def _handshake(
        self, address: str, host: str, port: int, context: ssl.SSLContext | None = None
    ) -> tuple[bytes, str | None]:
        """The server's certificate (DER) and TLS version; unverified when context is None."""
        if context is None:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
        timeout = self.params.timeout_s
        _reader, writer = await open_stream(
            address,
            port,
            timeout,
            ssl=context,
            server_hostname=host,  # SNI, and the name the certificate must carry
            ssl_handshake_timeout=timeout,
            ssl_shutdown_timeout=1.0,
        )
        try:
            ssl_object = writer.get_extra_info("ssl_object")
            der = ssl_object.getpeercert(binary_form=True) if ssl_object else None
            version = ssl_object.version() if ssl_object else None
        finally:
            writer.close()
            with contextlib.suppress(OSError, TimeoutError):
                async with asyncio.timeout(2.0):
                    await writer.wait_closed()
        if not der:
            raise ssl.SSLError("the server sent no certificate")
        return der, version


# The summary for a host without a secure connection, by reason (``classify``).
_NO_CONNECTION = {
    "dns": QT_TR_NOOP("No secure connection to {host}: the name could not be looked up"),
    "timeout": QT_TR_NOOP("No secure connection to {host}: no answer in time"),
    "refused": QT_TR_NOOP("No secure connection to {host}: the connection was refused"),
    "reset": QT_TR_NOOP("No secure connection to {host}: the connection was cut"),
    "unreachable": QT_TR_NOOP(
        "No secure connection to {host}: it cannot be reached from this network"
    ),
    "handshake": QT_TR_NOOP("No secure connection to {host}: the secure connection failed"),
}
_NO_CONNECTION_OTHER = QT_TR_NOOP("No secure connection to {host}: the connection failed")


def _summary(key: str, facts: dict[str, Any]) -> Text:
    reason = facts.get("reason")
    day = str(facts.get("not_after", ""))[:10]
    if reason == "expired":
        if day:
            return Text(
                QT_TR_NOOP("The security certificate of {host} expired on {day}"),
                host=key,
                day=day,
            )
        return Text(QT_TR_NOOP("The security certificate of {host} expired"), host=key)
    if reason == "not_yet_valid":
        return Text(
            QT_TR_NOOP("The security certificate of {host} is not valid yet: check this PC's date"),
            host=key,
        )
    if reason == "hostname_mismatch":
        return Text(
            QT_TR_NOOP("{host} presented a security certificate for a different name"), host=key
        )
    if reason in {"untrusted", "revoked"}:
        return Text(
            QT_TR_NOOP("{host} presented a security certificate this PC does not trust"),
            host=key,
        )
    if reason == "expires_soon":
        days = facts["days_left"]
        if days < 1:
            return Text(
                QT_TR_NOOP("The security certificate of {host} expires within a day"), host=key
            )
        if days == 1:
            return Text(QT_TR_NOOP("The security certificate of {host} expires in 1 day"), host=key)
        return Text(
            QT_TR_NOOP("The security certificate of {host} expires in {days} days"),
            host=key,
            days=days,
        )
    if reason == "slow":
        return Text(
            QT_TR_NOOP("Secure connections to {host} are slow ({ms:.0f} ms)"),
            host=key,
            ms=facts["handshake_ms"],
        )
    return Text(_NO_CONNECTION.get(str(reason), _NO_CONNECTION_OTHER), host=key)
