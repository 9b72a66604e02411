"""What building probes needs besides the shop's config (kept apart from the catalog so the
window can describe its settings without importing every probe and its libraries at start)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from posguide.probes.base import Probe
    from posguide.probes.notices import Notice


@dataclass
class ProbeSettings:
    """What building probes needs besides the config."""

    cache_dir: Path | None = None  # notices: last good fetch of each feed
    manual_notices: Sequence[Notice] = ()
    card_wait_s: float = 20.0
    reboot_deadline_s: float = 180.0
    list_ports: Callable[[], list[Any]] | None = None  # tests: ptys are not listed
    # Probes built by someone else: training mode's simulated LAN replaces the link and
    # gateway probes, which cannot be faked on loopback.
    factories: dict[str, Callable[[], Probe | None]] = field(default_factory=dict)
