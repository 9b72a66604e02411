"""A whole shop on this PC: the provider's notice feed, the payment host (TCP and TLS), the
internet check, the till's terminal and its backup, each a simulator on 127.0.0.1.

Training mode runs the wizard against it; tests run ``posguide diagnose`` against it. Faults
are switched on the parts themselves (``shop.terminal.set_behaviour("silent")``, ...).
"""

from __future__ import annotations

import asyncio
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from posguide.sim.feeds import FeedServer
from posguide.sim.network import HttpCheckSim, PaymentHostSim, TlsHostSim
from posguide.sim.terminal import SimulatedTerminal

PROVIDER_ID = "demo"
TERMINAL_ID = "till1"
BACKUP_ID = "till2"


@dataclass
class ShopOptions:
    interface: str = "lo"  # the adapter the link probe watches
    gateway: str = "127.0.0.1"
    nameservers: tuple[str, ...] = ()
    reader: str = ""  # PC/SC reader name part; "" = no reader at this till
    terminal_port: str = ""  # instead of the simulator's: a port that is not there, say
    escalation_minutes: int = 10
    uplink: str = "ethernet"  # how the till's terminal goes online ([[terminals]] uplink)
    extra_toml: list[str] = field(default_factory=list)


class SimulatedShop:
    def __init__(self, options: ShopOptions | None = None) -> None:
        self.options = options or ShopOptions()
        self.feeds = FeedServer("none")
        self.payment = PaymentHostSim("healthy")
        self.tls = TlsHostSim("valid")
        self.internet = HttpCheckSim("ok")
        self.terminal = SimulatedTerminal("tcp")
        self.backup = SimulatedTerminal("tcp")
        self._stack: AsyncExitStack | None = None

    async def start(self) -> SimulatedShop:
        stack = AsyncExitStack()
        for server in (self.feeds, self.payment, self.tls, self.internet):
            await stack.enter_async_context(server)
        for terminal in (self.terminal, self.backup):
            # Terminals run on their own threads; starting one binds a socket, a few ms.
            await asyncio.to_thread(terminal.start)
            stack.callback(terminal.stop)
        self._stack = stack
        return self

    async def stop(self) -> None:
        if self._stack is not None:
            await self._stack.aclose()
            self._stack = None

    async def __aenter__(self) -> SimulatedShop:
        return await self.start()

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        await self.stop()

    def config_toml(self) -> str:
        """A posguide.toml for this shop (``[network]`` points the checks at the simulators)."""
        o = self.options
        _, pay_port = self.payment.address
        _, tls_port = self.tls.address
        lines = [
            "# Written by posguide's simulated shop (training mode and tests).",
            "[shop]",
            'name = "培训门店"',
            f'default_terminal = "{TERMINAL_ID}"',
            f"escalation_minutes = {o.escalation_minutes}",
            "",
            "[network]",
            f'interface = "{o.interface}"',
            f'gateway = "{o.gateway}"',
            f'internet_check_url = "{self.internet.url}"',
            f"nameservers = [{', '.join(repr(n) for n in o.nameservers)}]".replace("'", '"'),
            f'ca_file = "{_toml_path(self.tls.cafile)}"',
            "connect_timeout_s = 1.0",
            "tls_timeout_s = 2.0",
            "dns_timeout_s = 1.0",
            "",
            "[[providers]]",
            f'id = "{PROVIDER_ID}"',
            'name = "示例收单"',
            'hotline = "400-000-0000"',
            f'payment_hosts = ["localhost:{pay_port}"]',
            f'tls_hosts = ["localhost:{tls_port}"]',
            "[[providers.notice_feeds]]",
            f'url = "{self.feeds.urls["statuspage"]}"',
            'kind = "statuspage"',
            "",
            "[[terminals]]",
            f'id = "{TERMINAL_ID}"',
            'name = "1号收银台"',
            f'provider = "{PROVIDER_ID}"',
            f'connection = "{o.terminal_port or self.terminal.port}"',
            f'uplink = "{o.uplink}"',
            'protocol = "framed"',
            'status_request = "STATUS?"',
            f'reader = "{o.reader}"',
            f'backup = "{BACKUP_ID}"',
            "timeout_s = 1.0",
            "",
            "[[terminals]]",
            f'id = "{BACKUP_ID}"',
            'name = "备用机"',
            f'provider = "{PROVIDER_ID}"',
            f'connection = "{self.backup.port}"',
            'protocol = "framed"',
            'status_request = "STATUS?"',
            "timeout_s = 1.0",
            *o.extra_toml,
        ]
        return "\n".join(lines) + "\n"

    def write_config(self, path: Path) -> Path:
        path.write_text(self.config_toml(), encoding="utf-8")
        return path


def _toml_path(path: str) -> str:
    return path.replace("\\", "\\\\")
