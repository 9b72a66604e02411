"""Kinds for the special formats in the configuration: ids, hosts, URLs, ports, regexes, secrets."""

from __future__ import annotations

import ipaddress
import re
import warnings
import zoneinfo
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from posguide import i18n
from posguide.config.errors import did_you_mean
from posguide.config.kinds import Kind, Text
from posguide.i18n import QT_TR_NOOP

SLUG = r"[a-z0-9][a-z0-9_-]{0,31}"
SLUG_TEXT = QT_TR_NOOP('an id like "ums" (up to 32 lowercase letters, digits, "-" or "_")')
_LABEL = re.compile(r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)")
_PORT = re.compile(r"[0-9]{1,5}")


@dataclass(frozen=True)
class HostPort:
    host: str
    port: int

    def __str__(self) -> str:
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"


def valid_host(host: str) -> bool:
    """A DNS name or an IPv4 address (IPv6 needs brackets and is handled by the caller)."""
    if not host or len(host) > 253:
        return False
    labels = host.split(".")
    if all(label.isdigit() for label in labels):
        try:
            ipaddress.IPv4Address(host)
        except ValueError:
            return False
        return True
    return all(_LABEL.fullmatch(label) for label in labels)


def parse_host_port(text: str) -> HostPort | None:
    if text.startswith("["):
        host, sep, port = text[1:].partition("]:")
        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            return None
    else:
        host, sep, port = text.rpartition(":")
        if not valid_host(host):
            return None
    if not sep or not _PORT.fullmatch(port) or not 1 <= int(port) <= 65535:
        return None
    return HostPort(host, int(port))


class HostPortKind(Kind[HostPort]):
    expected = i18n.Text(
        QT_TR_NOOP('a "host:port" like "pay.example.cn:443", "10.1.2.3:8583" or "[::1]:443"')
    )

    def convert(self, raw: object) -> HostPort:
        if not isinstance(raw, str):
            self.fail(raw)
        found = parse_host_port(raw)
        if found is None:
            hint: i18n.Text | str = ""
            if raw.count(":") > 1 and not raw.startswith("["):
                hint = i18n.Text(QT_TR_NOOP(" (put IPv6 addresses in brackets: [::1]:443)"))
            elif ":" not in raw:
                hint = i18n.Text(QT_TR_NOOP(" (the port number is missing)"))
            self.fail(raw, hint)
        return found

    def to_toml(self, value: HostPort) -> object:
        return str(value)


class Url(Text):
    schemes = ("http", "https")

    def __init__(self, max_len: int = 2000) -> None:
        super().__init__(QT_TR_NOOP("an http:// or https:// URL"), max_len=max_len,
                         allow_empty=False)  # fmt: skip

    def check(self, value: str) -> None:
        if " " in value:
            self.fail(value)
        try:
            parts = urlsplit(value)
            port = parts.port
        except ValueError:
            self.fail(value)
        host = parts.hostname or ""
        if parts.scheme.lower() not in self.schemes or port == 0:
            self.fail(value)
        if not valid_host(host):
            try:
                ipaddress.IPv6Address(host)
            except ValueError:
                self.fail(value)


class Connection(Text):
    """How the PC reaches the terminal: a serial port, a pyserial network URL, or nothing."""

    def __init__(self) -> None:
        super().__init__(
            QT_TR_NOOP(
                'a serial port ("COM3", "/dev/ttyUSB0"), "socket://host:port", '
                '"rfc2217://host:port", or "" when the terminal is not connected to this PC'
            )
        )

    def check(self, value: str) -> None:
        if re.fullmatch(r"(?i:com)([1-9][0-9]{0,2})", value) and int(value[3:]) <= 256:
            return
        if re.fullmatch(r"/dev/[A-Za-z0-9._/-]+", value):
            return
        scheme, sep, rest = value.partition("://")
        if sep and scheme.lower() in ("socket", "rfc2217") and parse_host_port(rest):
            return
        hint: i18n.Text | str = ""
        if not sep and parse_host_port(value):
            hint = i18n.Text(QT_TR_NOOP(' (network terminals need "socket://" in front)'))
        self.fail(value, hint)


class Timezone(Text):
    def __init__(self) -> None:
        super().__init__(QT_TR_NOOP('an IANA time zone name like "Asia/Shanghai"'),
                         allow_empty=False)  # fmt: skip

    def check(self, value: str) -> None:
        known = _zones()
        if known:
            if value not in known:
                self.fail(value, did_you_mean(value, known))
            return
        # No tz database on this PC (Windows without the tzdata package): check the shape only.
        if not re.fullmatch(r"[A-Za-z_]+(/[A-Za-z0-9_+-]+){0,2}", value):
            self.fail(value)


@lru_cache(maxsize=1)
def _zones() -> frozenset[str]:
    try:
        return frozenset(zoneinfo.available_timezones())
    except (OSError, ValueError):
        return frozenset()


class Pattern(Kind[re.Pattern[str]]):
    expected = i18n.Text(QT_TR_NOOP("a regular expression"))

    def convert(self, raw: object) -> re.Pattern[str]:
        if not isinstance(raw, str) or raw == "" or len(raw) > 500:
            self.fail(raw)
        try:
            with warnings.catch_warnings():
                # "possible nested set" and similar notices are not mistakes in the file.
                warnings.simplefilter("ignore")
                return re.compile(raw)
        except (re.error, OverflowError, RecursionError, ValueError) as exc:
            self.fail(raw, f" ({exc})")

    def to_toml(self, value: re.Pattern[str]) -> object:
        return value.pattern


class VidPid(Kind[tuple[int, int] | None]):
    expected = i18n.Text(QT_TR_NOOP('a USB "vendor:product" id like "1a86:7523", or ""'))

    def convert(self, raw: object) -> tuple[int, int] | None:
        if raw == "":
            return None
        if not isinstance(raw, str) or not re.fullmatch(r"[0-9A-Fa-f]{4}:[0-9A-Fa-f]{4}", raw):
            self.fail(raw)
        return int(raw[:4], 16), int(raw[5:], 16)

    def to_toml(self, value: tuple[int, int] | None) -> object:
        return "" if value is None else f"{value[0]:04x}:{value[1]:04x}"


class HexBytes(Kind[bytes]):
    expected = i18n.Text(
        QT_TR_NOOP('bytes in hex like "5354415455533F" (spaces allowed between bytes), or ""')
    )

    def convert(self, raw: object) -> bytes:
        if not isinstance(raw, str) or len(raw) > 2048:
            self.fail(raw)
        digits = raw.replace(" ", "")
        if len(digits) % 2 or not re.fullmatch(r"[0-9A-Fa-f]*", digits):
            self.fail(raw)
        return bytes.fromhex(digits)

    def to_toml(self, value: bytes) -> object:
        return value.hex().upper()


class AsciiText(Kind[str]):
    expected = i18n.Text(
        QT_TR_NOOP('ASCII text like "STATUS?\\r\\n" (TOML escapes allowed), or ""')
    )

    def convert(self, raw: object) -> str:
        if not isinstance(raw, str) or len(raw) > 512 or not raw.isascii():
            self.fail(raw)
        return raw


class Gateway(Text):
    def __init__(self) -> None:
        super().__init__(QT_TR_NOOP('"auto" or an IP address like "192.168.1.1"'),
                         allow_empty=False)  # fmt: skip

    def check(self, value: str) -> None:
        if value == "auto":
            return
        try:
            ipaddress.ip_address(value)
        except ValueError:
            self.fail(value, did_you_mean(value, ["auto"]))


class IpAddress(Text):
    def __init__(self) -> None:
        super().__init__(QT_TR_NOOP('an IP address like "192.168.1.1"'), allow_empty=False)

    def check(self, value: str) -> None:
        try:
            ipaddress.ip_address(value)
        except ValueError:
            self.fail(value)


def slug(allow_empty: bool = False, expected: str = SLUG_TEXT) -> Text:
    return Text(expected, max_len=32, pattern=SLUG, allow_empty=allow_empty)
