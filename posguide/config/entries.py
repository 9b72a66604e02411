"""Repeated entries of the configuration: providers (with their notice feeds) and terminals."""

# The declaration helpers (setting, required, section, table_list) return dataclasses.field()
# objects, which ruff cannot see through.
# ruff: noqa: RUF009

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from posguide import i18n
from posguide.config.formats import (
    AsciiText,
    Connection,
    HexBytes,
    HostPort,
    HostPortKind,
    Pattern,
    Timezone,
    Url,
    VidPid,
    slug,
)
from posguide.config.kinds import Choice, ListOf, Number, NumberChoice, Text, WholeNumber
from posguide.config.schema import required, section, setting, table_list
from posguide.i18n import QT_TR_NOOP
from posguide.uplinks import ETHERNET, UPLINKS

NAME = Text(QT_TR_NOOP("a name (up to 60 characters)"), max_len=60)
PHONE = Text(
    QT_TR_NOOP('a phone number like "95534" or "400-820-8888" (extension: "转123"), or ""'),
    max_len=40,
    pattern=r"\+?[0-9][0-9 ()-]{1,30}[0-9)]( ?(转|ext\.? ?|x)[0-9]{1,6})?",
)
BAUD_RATES = (300, 600, 1200, 2400, 4800, 9600, 14400, 19200, 28800, 38400, 57600, 115200,
              230400, 460800, 921600)  # fmt: skip
PATTERNS = ListOf(
    Pattern(), QT_TR_NOOP("a list of regular expressions (or just one)"), 20, single_ok=True
)


@dataclass(frozen=True, kw_only=True)
class NoticeFeed:
    """A page where the provider announces maintenance."""

    url: str = required(Url(), "Address of the feed.")
    kind: str = setting(
        Choice("statuspage", "rss", "atom", "ical", "page", "auto"),
        "auto",
        'Feed format. "statuspage" is an Atlassian Statuspage JSON summary '
        '(".../api/v2/summary.json"); "page" a web page: an announcement list (公告 / 通知 '
        'list) or one announcement or WeChat article; "auto" decides from the downloaded content.',
    )
    name: str = setting(NAME, "", "Label shown with the notices; empty: the feed's own title.")
    follow: int = setting(
        WholeNumber(0, 20),
        5,
        "Announcement pages: how many of a list page's newest maintenance announcements to read.",
    )
    words: tuple[str, ...] = setting(
        ListOf(
            Text(QT_TR_NOOP("a word"), max_len=20), QT_TR_NOOP("a list of words"), 30, unique=True
        ),
        ("维护", "升级", "暂停", "改造", "割接", "停机", "切换"),
        "Announcement pages: an announcement is read when its link has one of these words.",
    )


@dataclass(frozen=True, kw_only=True)
class Provider:
    """A payment provider / acquirer (收单机构) whose terminals the shop uses."""

    id: str = required(slug(), "Short id that terminals use to refer to this provider.")
    name: str = setting(NAME, "", 'Name shown to staff, e.g. "银联商务". Empty: the id.')
    hotline: str = setting(PHONE, "", "Service hotline staff are told to call when escalating.")
    notice_feeds: tuple[NoticeFeed, ...] = table_list(
        NoticeFeed, "Where the provider publishes maintenance notices."
    )
    payment_hosts: tuple[HostPort, ...] = setting(
        ListOf(HostPortKind(), QT_TR_NOOP('a list of "host:port" texts'), 50, unique=True),
        (),
        "Hosts the terminals connect to for payments; posguide checks DNS, TCP and TLS to them.",
    )
    tls_hosts: tuple[HostPort, ...] = setting(
        ListOf(HostPortKind(), QT_TR_NOOP('a list of "host:port" texts'), 50, unique=True),
        (),
        "Hosts whose TLS certificate is checked; empty: the payment hosts on port 443 or 8443.",
    )
    timezone: str = setting(
        Timezone(),
        "Asia/Shanghai",
        "Time zone of the provider's notices, used when a notice gives times without a zone.",
    )

    @property
    def display_name(self) -> str:
        return self.name or self.id


@dataclass(frozen=True, kw_only=True)
class ReplyPatterns:
    """What the terminal's reply means.

    Python regular expressions, searched in the reply; the first meaning with a match wins, in the
    order listed here.
    """

    ok: tuple[re.Pattern[str], ...] = setting(PATTERNS, (), "The terminal is ready to take cards.")
    maintenance: tuple[re.Pattern[str], ...] = setting(
        PATTERNS, (), "The terminal reports maintenance (在维护中)."
    )
    busy: tuple[re.Pattern[str], ...] = setting(PATTERNS, (), "A transaction is in progress.")
    error: tuple[re.Pattern[str], ...] = setting(PATTERNS, (), "The terminal reports a fault.")
    signed_out: tuple[re.Pattern[str], ...] = setting(
        PATTERNS, (), "The terminal is signed out (未签到) and needs a sign-in."
    )

    def classify(self, reply: str) -> str | None:
        for meaning in ("ok", "maintenance", "busy", "error", "signed_out"):
            patterns: tuple[re.Pattern[str], ...] = getattr(self, meaning)
            if any(p.search(reply) for p in patterns):
                return meaning
        return None


@dataclass(frozen=True, kw_only=True)
class Terminal:
    """A card terminal (POS机) at a till."""

    id: str = required(slug(), "Short id used by backup and shop.default_terminal.")
    name: str = setting(NAME, "", 'Name shown to staff, e.g. "1号收银台". Empty: the id.')
    provider: str = setting(
        slug(True, QT_TR_NOOP('the id of a [[providers]] entry, or ""')),
        "",
        "Provider of this terminal.",
    )
    connection: str = setting(Connection(), "", "How this PC talks to the terminal.")
    uplink: str = setting(
        Choice(*UPLINKS),
        ETHERNET,
        'How the terminal itself goes online: "ethernet" (a cable to the shop\'s router), '
        '"wifi" (the shop\'s Wi-Fi), "cellular" (its own SIM card: 4G/2G, 电签POS) or '
        '"dialup" (a telephone line). The troubleshooting steps follow it.',
    )
    baud_rate: int = setting(
        NumberChoice(BAUD_RATES, QT_TR_NOOP("a whole number from 300 to 921600")),
        9600,
        "Serial speed; a standard rate (300 ... 921600). Ignored for socket:// connections.",
    )
    protocol: str = setting(
        Choice("none", "enq", "framed"),
        "none",
        '"none": send the status request as is; "enq": ENQ/ACK handshake first; '
        '"framed": wrap it in STX ... ETX with an LRC check byte.',
    )
    status_request: str = setting(
        AsciiText(),
        "",
        "Status query as text. Give this or status_request_hex, not both; neither: only listen.",
    )
    status_request_hex: bytes = setting(
        HexBytes(), b"", "Status query as hex bytes, for queries that are not plain text."
    )
    reply_patterns: ReplyPatterns = section(ReplyPatterns, "How to read the terminal's reply.")
    usb_vid_pid: tuple[int, int] | None = setting(
        VidPid(),
        None,
        'USB id of the serial adapter (CH340: "1a86:7523"), to find the port again after '
        "Windows renumbers it.",
    )
    reader: str = setting(
        Text(max_len=100), "", "Part of the name of this terminal's PC/SC card reader, if any."
    )
    backup: str = setting(
        slug(True, QT_TR_NOOP('the id of another [[terminals]] entry, or ""')),
        "",
        "Terminal staff should use while this one is 在维护中.",
    )
    timeout_s: float = setting(Number(0.1, 60, seconds=True), 2.0, "Wait this long for a reply.")

    @property
    def display_name(self) -> str:
        return self.name or self.id

    @property
    def status_payload(self) -> bytes:
        """The status query as bytes (from whichever of the two keys is set)."""
        return self.status_request_hex or self.status_request.encode("ascii")

    def problems(self) -> Iterator[tuple[str, i18n.Text]]:
        if self.status_request and self.status_request_hex:
            yield (
                "status_request_hex",
                i18n.Text(
                    QT_TR_NOOP(
                        "expected only one of status_request and status_request_hex, got both"
                    )
                ),
            )
