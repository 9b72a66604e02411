"""Every probe id posguide knows, with the name staff see and when it runs: the one list that the
playbook check, the catalog, the command line, the window and docs/probes.md follow.

Cheap to import (no probe code, no config): the window's pages and the playbook loader read it
before any probe is built. How each probe is built from the shop's config is
``posguide.probe_catalog``; tests keep the two in step.
"""

from __future__ import annotations

from dataclasses import dataclass

from posguide.i18n import QT_TR_NOOP, Text


@dataclass(frozen=True)
class ProbeKind:
    id: str
    label: Text  # what staff see in the window's list of checks
    automatic: bool  # False: runs only when asked for, because it waits for a person


def _kind(probe_id: str, label: str, *, automatic: bool = True) -> ProbeKind:
    return ProbeKind(probe_id, Text(label), automatic)


# In verdict order (posguide.probes.verdict): ``diagnose`` lists the automatic ones so. The ones
# on request wait for a customer's card or for a restart.
PROBES: tuple[ProbeKind, ...] = (
    _kind("notices", QT_TR_NOOP("Provider maintenance notices")),
    _kind("network.link", QT_TR_NOOP("Network cable / Wi-Fi")),
    _kind("network.gateway", QT_TR_NOOP("Router")),
    _kind("network.dns", QT_TR_NOOP("Name lookup (DNS)")),
    _kind("network.internet", QT_TR_NOOP("Internet access")),
    _kind("network.payment", QT_TR_NOOP("Payment server")),
    _kind("network.tls", QT_TR_NOOP("Secure connection to the payment server")),
    _kind("terminal", QT_TR_NOOP("Card terminal")),
    _kind("card.reader", QT_TR_NOOP("Card reader on this PC")),
    _kind("backup.terminal", QT_TR_NOOP("Backup terminal")),
    _kind("card.card", QT_TR_NOOP("Test card in the PC's reader"), automatic=False),
    _kind("terminal.reboot", QT_TR_NOOP("Terminal restart"), automatic=False),
    _kind("backup.terminal.reboot", QT_TR_NOOP("Backup terminal restart"), automatic=False),
)
BY_ID: dict[str, ProbeKind] = {kind.id: kind for kind in PROBES}
ALL: tuple[str, ...] = tuple(BY_ID)
AUTOMATIC: tuple[str, ...] = tuple(kind.id for kind in PROBES if kind.automatic)
ON_REQUEST: tuple[str, ...] = tuple(kind.id for kind in PROBES if not kind.automatic)


def label(probe_id: str) -> Text:
    """The name staff see; an id posguide does not know shows as itself."""
    kind = BY_ID.get(probe_id)
    return kind.label if kind else Text(probe_id)
