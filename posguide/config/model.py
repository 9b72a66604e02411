"""The shop configuration as frozen dataclasses; the field declarations are the schema."""

# The declaration helpers (setting, required, section, table_list) return dataclasses.field()
# objects, which ruff cannot see through.
# ruff: noqa: RUF009

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from posguide import i18n
from posguide.config.alerts import AlertChannel
from posguide.config.entries import Provider, Terminal
from posguide.config.errors import describe, did_you_mean
from posguide.config.formats import Gateway, IpAddress, Url, slug
from posguide.config.kinds import Choice, ListOf, Number, Text, WholeNumber
from posguide.config.schema import section, setting, table_list
from posguide.i18n import QT_TR_NOOP

DEFAULT_CHECK_URL = "http://www.msftconnecttest.com/connecttest.txt"
SECONDS = Number(0.1, 60, seconds=True)


@dataclass(frozen=True, kw_only=True)
class ShopSection:
    """The shop itself."""

    name: str = setting(
        Text(QT_TR_NOOP("a name (up to 60 characters)"), max_len=60),
        "",
        "Shown in the title and in alerts.",
    )
    language: str = setting(
        Choice("zh_CN", "en", "system"),
        "system",
        'Interface language; "system" follows the Windows language.',
    )
    escalation_minutes: int = setting(
        WholeNumber(1, 120),
        10,
        "Minutes a terminal may stay 在维护中 before posguide says to call the hotline and sends "
        "alerts.",
    )
    staff: tuple[str, ...] = setting(
        ListOf(
            Text(QT_TR_NOOP("a name"), max_len=40, allow_empty=False),
            QT_TR_NOOP("a list of names"),
            50,
            unique=True,
        ),
        (),
        "Names offered when recording who handled an incident; empty: typed in freely.",
    )
    default_terminal: str = setting(
        slug(True, QT_TR_NOOP('the id of a [[terminals]] entry, or ""')),
        "",
        "Terminal selected at start; empty: the first one.",
    )
    playbook: str = setting(
        Text(QT_TR_NOOP("a file path"), max_len=400),
        "",
        "The shop's own troubleshooting playbook (YAML, see docs/playbook.md), relative to the "
        "data folder or absolute; empty: the built-in one. A file with mistakes is reported at "
        "start and the built-in playbook is used.",
    )


@dataclass(frozen=True, kw_only=True)
class StorageSection:
    """The history database and its backups."""

    backup_keep: int = setting(
        WholeNumber(1, 365),
        14,
        "How many database backups to keep in backups/; older ones are deleted. posguide makes "
        "one a day: when it starts, or when a scheduled `posguide db backup --if-due` runs.",
    )
    max_photo_mb: int = setting(
        WholeNumber(1, 200), 25, "Largest photo (of a terminal screen) that can be attached, MB."
    )


@dataclass(frozen=True, kw_only=True)
class NetworkSection:
    """Network checks: this PC, the router, the internet and the payment hosts."""

    gateway: str = setting(Gateway(), "auto", 'Router to test first; "auto": the default gateway.')
    internet_check_url: str = setting(
        Url(),
        DEFAULT_CHECK_URL,
        "Fetched to tell a dead internet line from a provider outage. Default: the address Windows "
        "itself uses for its network status, reachable from mainland China.",
    )
    dns_timeout_s: float = setting(SECONDS, 2.0, "Time limit for one DNS lookup.")
    connect_timeout_s: float = setting(SECONDS, 3.0, "Time limit for one TCP connection.")
    tls_timeout_s: float = setting(SECONDS, 5.0, "Time limit for one TLS handshake.")
    samples: int = setting(WholeNumber(1, 20), 4, "Measurements per check.")
    slow_ms: int = setting(
        WholeNumber(10, 60000), 800, "A payment host answering slower than this (ms) is slow."
    )
    interface: str = setting(
        Text(max_len=100),
        "",
        'Network adapter to test (e.g. "以太网", "eth0"); empty: the one with the default route.',
    )
    nameservers: tuple[str, ...] = setting(
        ListOf(IpAddress(), QT_TR_NOOP("a list of IP addresses"), 4, unique=True),
        (),
        "DNS servers to ask directly; empty: the PC's own resolver, as the terminal would.",
    )
    ca_file: str = setting(
        Text(max_len=400),
        "",
        "Extra CA certificates (PEM file) for providers with a private certificate authority; "
        "empty: the system's trusted certificates.",
    )


@dataclass(frozen=True, kw_only=True)
class LoggingSection:
    """posguide's own log files."""

    level: str = setting(
        Choice("DEBUG", "INFO", "WARNING", "ERROR"), "INFO", "Least important messages kept."
    )
    max_kb: int = setting(
        WholeNumber(64, 102400), 1024, "Size of one log file in KB; then a new file is started."
    )
    keep: int = setting(WholeNumber(1, 100), 5, "Rotated log files to keep.")


@dataclass(frozen=True, kw_only=True)
class ShopConfig:
    """The whole ``posguide.toml``."""

    shop: ShopSection = section(ShopSection, "The shop.")
    storage: StorageSection = section(StorageSection, "History and backups.")
    providers: tuple[Provider, ...] = table_list(Provider, "Payment providers.")
    terminals: tuple[Terminal, ...] = table_list(Terminal, "Card terminals.")
    network: NetworkSection = section(NetworkSection, "Network checks.")
    alerts: tuple[AlertChannel, ...] = table_list(AlertChannel, "Alert channels.")
    logging: LoggingSection = section(LoggingSection, "Log files.")
    # Not a setting: the file this came from, None when it did not exist (defaults, demo mode).
    loaded_from: Path | None = field(default=None, compare=False)

    @property
    def is_default(self) -> bool:
        return self.loaded_from is None

    def provider(self, provider_id: str) -> Provider | None:
        return next((p for p in self.providers if p.id == provider_id), None)

    def terminal(self, terminal_id: str) -> Terminal | None:
        return next((t for t in self.terminals if t.id == terminal_id), None)

    def default_terminal(self) -> Terminal | None:
        found = self.terminal(self.shop.default_terminal) if self.shop.default_terminal else None
        return found or (self.terminals[0] if self.terminals else None)

    def secrets(self) -> list[str]:
        """Every secret text, longest first, for the log redactor."""
        found = {s for channel in self.alerts for s in channel.secret_values()}
        return sorted(found, key=lambda s: (-len(s), s))

    def problems(self) -> Iterator[tuple[str, i18n.Text]]:
        provider_ids = [p.id for p in self.providers]
        terminal_ids = [t.id for t in self.terminals]
        yield from _duplicates("providers", provider_ids)
        yield from _duplicates("terminals", terminal_ids)
        for index, terminal in enumerate(self.terminals):
            key = f"terminals[{index}]"
            if terminal.provider and terminal.provider not in provider_ids:
                yield f"{key}.provider", _dangling("[[providers]]", terminal.provider, provider_ids)
            others = [t for t in terminal_ids if t != terminal.id]
            if terminal.backup == terminal.id:
                own = describe(terminal.id)
                yield (
                    f"{key}.backup",
                    i18n.Text(
                        QT_TR_NOOP("expected another terminal's id, got its own id {own}"), own=own
                    ),
                )
            elif terminal.backup and terminal.backup not in others:
                yield f"{key}.backup", _dangling("[[terminals]]", terminal.backup, others)
        wanted = self.shop.default_terminal
        if wanted and wanted not in terminal_ids:
            yield "shop.default_terminal", _dangling("[[terminals]]", wanted, terminal_ids)


def _duplicates(array: str, ids: Sequence[str]) -> Iterator[tuple[str, i18n.Text]]:
    first: dict[str, int] = {}
    for index, item_id in enumerate(ids):
        if item_id in first:
            yield (
                f"{array}[{index}].id",
                i18n.Text(
                    QT_TR_NOOP("expected a unique id, got {found} again (already used by {other})"),
                    found=describe(item_id),
                    other=f"{array}[{first[item_id]}]",
                ),
            )
        else:
            first[item_id] = index


def _dangling(array: str, found: str, ids: Sequence[str]) -> i18n.Text:
    if not ids:
        return i18n.Text(
            QT_TR_NOOP("expected the id of a {array} entry, got {found} (there are none)"),
            array=array,
            found=describe(found),
        )
    return i18n.Text(
        QT_TR_NOOP("expected the id of a {array} entry ({listed}), got {found}{hint}"),
        array=array,
        listed=", ".join(describe(i) for i in ids[:10]),
        found=describe(found),
        hint=did_you_mean(found, ids),
    )
