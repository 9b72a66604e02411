"""The shop's configuration turned into probes: how each probe of the registry is built.

The wizard, ``posguide probe`` and ``posguide diagnose`` all build probes here, so a terminal
is checked the same way wherever the check starts. It stands above the probes, the config and
the store, so that the probes themselves know neither (the import-linter layers contract).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from serial.tools.list_ports import comports

from posguide.config import Provider, ShopConfig, Terminal
from posguide.probes.base import Probe
from posguide.probes.card import CardProbe, ReaderProbe
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
)
from posguide.probes.notices import Notice, NoticeFeed, NoticeProbe
from posguide.probes.settings import ProbeSettings
from posguide.probes.terminal import RebootWatcher, TerminalProbe, TerminalTarget
from posguide.store import IncidentStore, StoreError
from posguide.store.notices import current_manual_notices

log = logging.getLogger("posguide.probes")

TLS_PORTS = (443, 8443)


def stored_notices(store: IncidentStore) -> list[Notice]:
    """Notices the manager typed in (``posguide notice add``), as the notice probe reads them.
    A database that cannot be read must not stop the other checks: then there are none."""
    try:
        rows = current_manual_notices(store)
    except StoreError as err:
        log.warning("manual notices unavailable: %s", err)
        return []
    return [
        Notice(r.provider_id, "sms" if r.source == "sms" else "manual", r.title, r.starts,
               r.ends, body=r.body)
        for r in rows
    ]  # fmt: skip


class UnknownProbe(ValueError):
    pass


def terminal_target(terminal: Terminal) -> TerminalTarget:
    return TerminalTarget(
        terminal_id=terminal.id,
        connection=terminal.connection,
        name=terminal.display_name,
        baud_rate=terminal.baud_rate,
        protocol=terminal.protocol,  # type: ignore[arg-type]  # validated by the config
        status_request=terminal.status_payload or None,
        reply_patterns={
            meaning: getattr(terminal.reply_patterns, meaning)
            for meaning in ("ok", "maintenance", "busy", "error", "signed_out")
        },
        usb_vid_pid=terminal.usb_vid_pid,
        timeout_s=terminal.timeout_s,
    )


def _tls_hosts(provider: Provider | None) -> tuple[tuple[str, int], ...]:
    if provider is None:
        return ()
    hosts = provider.tls_hosts or tuple(h for h in provider.payment_hosts if h.port in TLS_PORTS)
    return tuple((h.host, h.port) for h in hosts)


def build_probe(
    probe_id: str, config: ShopConfig, terminal: Terminal | None, settings: ProbeSettings
) -> Probe | None:
    """The probe for ``probe_id``, or None when nothing is configured for it here."""
    if probe_id in settings.factories:
        return settings.factories[probe_id]()
    net = config.network
    provider = config.provider(terminal.provider) if terminal and terminal.provider else None
    if provider is None and len(config.providers) == 1:
        provider = config.providers[0]
    payment = tuple((h.host, h.port) for h in provider.payment_hosts) if provider else ()
    list_ports = settings.list_ports or comports
    backup = config.terminal(terminal.backup) if terminal and terminal.backup else None

    match probe_id:
        case "notices":
            if provider is None:
                return None
            return NoticeProbe(
                provider.id,
                provider.display_name,
                [
                    NoticeFeed(f.url, f.kind, f.name, f.follow, f.words)  # type: ignore[arg-type]
                    for f in provider.notice_feeds
                ],
                [n for n in settings.manual_notices if n.provider_id == provider.id],
                cache_dir=settings.cache_dir,
                provider_tz=ZoneInfo(provider.timezone),
            )
        case "network.link":
            return LinkProbe(LinkParams(interface=net.interface or None))
        case "network.gateway":
            return GatewayProbe(GatewayParams(gateway=net.gateway))
        case "network.dns":
            hosts = tuple(dict.fromkeys(h for h, _ in payment))
            if not hosts:
                return None
            return DnsProbe(
                DnsParams(
                    hosts=hosts, nameservers=net.nameservers or None, timeout_s=net.dns_timeout_s
                )
            )
        case "network.internet":
            return InternetProbe(InternetParams(url=net.internet_check_url))
        case "network.payment":
            if not payment:
                return None
            return PaymentHostProbe(
                PaymentParams(
                    hosts=payment,
                    samples=net.samples,
                    slow_ms=net.slow_ms,
                    connect_timeout_s=net.connect_timeout_s,
                    dns_timeout_s=net.dns_timeout_s,
                )
            )
        case "network.tls":
            tls = _tls_hosts(provider)
            if not tls:
                return None
            return TlsProbe(
                TlsParams(
                    hosts=tls,
                    timeout_s=net.tls_timeout_s,
                    cafile=net.ca_file or None,
                    dns_timeout_s=net.dns_timeout_s,
                )
            )
        case "terminal" | "terminal.reboot" | "backup.terminal" | "backup.terminal.reboot":
            target_terminal = backup if probe_id.startswith("backup.") else terminal
            if target_terminal is None or not target_terminal.connection:
                return None
            target = terminal_target(target_terminal)
            if probe_id.endswith(".reboot"):
                return RebootWatcher(
                    target,
                    deadline_s=settings.reboot_deadline_s,
                    probe_id=probe_id,
                    list_ports=list_ports,
                )
            return TerminalProbe(target, probe_id=probe_id, list_ports=list_ports)
        case "card.reader" | "card.card":
            hint = terminal.reader if terminal else ""
            if terminal is None or not hint:
                return None  # no PC/SC reader configured for this till
            if probe_id == "card.reader":
                return ReaderProbe(hint)
            return CardProbe(hint, settings.card_wait_s)
    raise UnknownProbe(probe_id)


def build_probes(
    probe_ids: Sequence[str], config: ShopConfig, terminal: Terminal | None, settings: ProbeSettings
) -> tuple[list[Probe], list[str]]:
    """Probes for the ids, plus the ids that have nothing configured (reported as skipped)."""
    built: list[Probe] = []
    skipped: list[str] = []
    for probe_id in probe_ids:
        probe = build_probe(probe_id, config, terminal, settings)
        if probe is None:
            skipped.append(probe_id)
        else:
            built.append(probe)
    return built, skipped
