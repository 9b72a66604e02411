"""Live probes of the provider's notices, the network, the terminal and the card reader."""

from posguide.probes.base import Measurement, Outcome, Probe, ProbeResult, ProgressCallback, Status
from posguide.probes.runner import run_probe, run_probes
from posguide.probes.threads import run_blocking

__all__ = [
    "Measurement",
    "Outcome",
    "Probe",
    "ProbeResult",
    "ProgressCallback",
    "Status",
    "run_blocking",
    "run_probe",
    "run_probes",
]
