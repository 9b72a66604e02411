"""Names staff see for probe ids, outcomes, causes and statuses (translated through Qt)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from posguide.gui.i18n import translate
from posguide.probes import ProbeResult, registry
from posguide.probes.labels import detail_lines


def probe_name(probe_id: str) -> str:
    return registry.label(probe_id).translated(translate)


def outcome_name(outcome: str) -> str:
    names = {
        "resolved": QCoreApplication.translate("Names", "Resolved"),
        "backup": QCoreApplication.translate(
            "Names", "Worked around with the backup device or another payment method"
        ),
        "escalated": QCoreApplication.translate(
            "Names", "Escalated to the manager and the provider"
        ),
        "abandoned": QCoreApplication.translate("Names", "Given up"),
    }
    return names.get(outcome, outcome)


def cause_name(cause: str | None) -> str:
    names = {
        "provider_maintenance": QCoreApplication.translate("Names", "Provider maintenance"),
        "terminal_restart": QCoreApplication.translate("Names", "Terminal needed a restart"),
        "network": QCoreApplication.translate("Names", "Network or cable"),
        "router": QCoreApplication.translate("Names", "Router or modem"),
        "reader": QCoreApplication.translate("Names", "Terminal's card reader"),
        "customer_card": QCoreApplication.translate("Names", "Customer's card"),
        "power": QCoreApplication.translate("Names", "Power"),
        "operator": QCoreApplication.translate("Names", "Operating mistake"),
        "gateway_timeout": QCoreApplication.translate("Names", "Payment system timed out"),
        "mobile_signal": QCoreApplication.translate("Names", "Terminal's mobile signal"),
        "sim_card": QCoreApplication.translate("Names", "Terminal's SIM card or data plan"),
        "wifi": QCoreApplication.translate("Names", "Terminal's Wi-Fi connection"),
        "phone_line": QCoreApplication.translate("Names", "Telephone line"),
        "interrupted": QCoreApplication.translate("Names", "Interrupted"),
        "unknown": QCoreApplication.translate("Names", "Not known"),
    }
    return names.get(cause or "unknown", cause or "")


def detail_text(result: ProbeResult) -> str:
    """Measurements and facts of a result, one per line and labelled in the UI's language, for
    the expandable detail."""
    return "\n".join(detail_lines(result, translate))
