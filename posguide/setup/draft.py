"""The assistant's answers (``ShopDraft``) and ``posguide.toml``: read from a configuration, written
back into the file's own TOML document, so comments, key order and settings the assistant does
not show are kept. ``save`` validates before anything is written (the config writer) and writes
atomically; a refused draft raises ``ConfigError`` whose problems name the keys, which the
assistant shows beside the fields they belong to.

The assistant edits one provider (the first; further ones are kept as they are), every terminal
and every alert channel.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.items import AoT
from tomlkit.toml_document import TOMLDocument

from posguide.config import ConfigError, ShopConfig, load_config
from posguide.config.loader import config_from_document, parse_document
from posguide.config.writer import NEW_FILE_HEADER, load_document, save_document
from posguide.i18n import Translate
from posguide.uplinks import ETHERNET

PROVIDER_ID = "provider"  # the id a new provider gets; terminals refer to it
TOKEN_FIELD = {"wecom": "key", "dingtalk": "access_token", "feishu": "access_token"}


@dataclass
class TerminalDraft:
    id: str
    name: str = ""
    connection: str = ""
    protocol: str = "none"
    baud_rate: int = 9600
    status_request: str = ""
    uplink: str = ETHERNET
    reader: str = ""
    usb_vid_pid: str = ""
    backup: str = ""  # the id of the terminal staff switch to while this one is down


@dataclass
class AlertDraft:
    kind: str
    target: str  # the robot's key / access token, or a full URL
    name: str = ""


@dataclass
class ShopDraft:
    name: str = ""
    language: str = "zh_CN"
    escalation_minutes: int = 10
    staff: list[str] = field(default_factory=list)
    gateway: str = "auto"
    provider_name: str = ""
    hotline: str = ""
    payment_hosts: list[str] = field(default_factory=list)
    feed_url: str = ""
    terminals: list[TerminalDraft] = field(default_factory=list)
    alerts: list[AlertDraft] = field(default_factory=list)

    @classmethod
    def from_config(cls, config: ShopConfig) -> ShopDraft:
        provider = config.providers[0] if config.providers else None
        hosts = provider.payment_hosts if provider else ()
        return cls(
            name=config.shop.name,
            language=config.shop.language,
            escalation_minutes=config.shop.escalation_minutes,
            staff=list(config.shop.staff),
            gateway=config.network.gateway,
            provider_name=provider.name if provider else "",
            hotline=provider.hotline if provider else "",
            payment_hosts=[f"{h.host}:{h.port}" for h in hosts],
            feed_url=provider.notice_feeds[0].url if provider and provider.notice_feeds else "",
            terminals=[
                TerminalDraft(
                    id=t.id,
                    name=t.name,
                    connection=t.connection,
                    protocol=t.protocol,
                    baud_rate=t.baud_rate,
                    status_request=t.status_request,
                    uplink=t.uplink,
                    reader=t.reader,
                    usb_vid_pid=_vid_pid(t.usb_vid_pid),
                    backup=t.backup,
                )
                for t in config.terminals
            ],
            alerts=[AlertDraft(a.kind, _alert_target(a), a.name) for a in config.alerts],
        )

    @classmethod
    def from_document(cls, doc: Mapping[str, Any]) -> ShopDraft:
        """The settings as written in a file that does not validate (plain values, as
        ``TOMLDocument.unwrap`` gives them): a text field shows the value as written, so Save
        refuses it beside its field; a number field that got no whole number shows its
        default. Every terminal and alert channel the file has is in the draft."""
        shop = doc.get("shop", {}) if isinstance(doc.get("shop"), Mapping) else {}
        network = doc.get("network", {}) if isinstance(doc.get("network"), Mapping) else {}
        providers = _tables(doc, "providers")
        provider = providers[0] if providers else {}
        feeds = _tables(provider, "notice_feeds")
        return cls(
            name=_text(shop, "name"),
            language=_text(shop, "language", "system"),
            escalation_minutes=_whole(shop, "escalation_minutes", 10),
            staff=_texts(shop, "staff"),
            gateway=_text(network, "gateway", "auto"),
            provider_name=_text(provider, "name"),
            hotline=_text(provider, "hotline"),
            payment_hosts=_texts(provider, "payment_hosts"),
            feed_url=_text(feeds[0], "url") if feeds else "",
            terminals=[
                TerminalDraft(
                    id=_text(t, "id"),
                    name=_text(t, "name"),
                    connection=_text(t, "connection"),
                    protocol=_text(t, "protocol", "none"),
                    baud_rate=_whole(t, "baud_rate", 9600),
                    status_request=_text(t, "status_request"),
                    uplink=_text(t, "uplink", ETHERNET),
                    reader=_text(t, "reader"),
                    usb_vid_pid=_text(t, "usb_vid_pid"),
                    backup=_text(t, "backup"),
                )
                for t in _tables(doc, "terminals")
            ],
            alerts=[
                AlertDraft(
                    _text(a, "kind"),
                    _text(a, "url") or _text(a, TOKEN_FIELD.get(_text(a, "kind"), "key")),
                    _text(a, "name"),
                )
                for a in _tables(doc, "alerts")
            ],
        )


def read_draft(path: Path) -> ShopDraft:
    """The draft of the file's settings. A file with a refused value gives each value as
    written (the form shows it, Save refuses what is still wrong beside its field): an empty
    draft would have saved over its terminals and alert channels. A missing file, or one that
    is not TOML at all (Save then refuses to write over it), starts from an empty draft."""
    try:
        return ShopDraft.from_config(load_config(path))
    except ConfigError:
        try:
            return ShopDraft.from_document(load_document(path).unwrap())
        except ConfigError:
            return ShopDraft()


def _text(table: Mapping[str, Any], key: str, default: str = "") -> str:
    value = table.get(key, default)
    return value if isinstance(value, str) else str(value)


def _whole(table: Mapping[str, Any], key: str, default: int) -> int:
    value = table.get(key, default)
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def _texts(table: Mapping[str, Any], key: str) -> list[str]:
    value = table.get(key, [])
    items = value if isinstance(value, list) else [value]
    return [v if isinstance(v, str) else str(v) for v in items]


def _tables(doc: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    value = doc.get(key, [])
    return [t for t in value if isinstance(t, Mapping)] if isinstance(value, list) else []


def _vid_pid(ids: tuple[int, int] | None) -> str:
    return f"{ids[0]:04x}:{ids[1]:04x}" if ids else ""


def _alert_target(channel: Any) -> str:
    if channel.url is not None:
        return str(channel.url.reveal())
    token = getattr(channel, TOKEN_FIELD.get(channel.kind, "key"), None)
    return token.reveal() if token is not None else ""


def new_terminal_id(existing: list[str]) -> str:
    """ "till1", "till2", ...: the first free one."""
    n = 1
    while f"till{n}" in existing:
        n += 1
    return f"till{n}"


def apply(doc: TOMLDocument, draft: ShopDraft) -> TOMLDocument:
    """Write the draft into ``doc`` (in place, and returned): existing tables and entries are
    edited key by key, so what the assistant does not show stays as it was."""
    if not doc.body:
        doc.add(tomlkit.comment(NEW_FILE_HEADER))
    shop = _table(doc, "shop")
    _set(shop, "name", draft.name, "")
    _set(shop, "language", draft.language, "system")
    _set(shop, "escalation_minutes", draft.escalation_minutes, 10)
    _set(shop, "staff", [s.strip() for s in draft.staff if s.strip()], [])
    ids = [t.id for t in draft.terminals]
    if shop.get("default_terminal") not in (None, "", *ids):  # its terminal was removed
        _set(shop, "default_terminal", None)
    if "network" in doc or draft.gateway not in ("", "auto"):  # no empty [network] table
        _set(_table(doc, "network"), "gateway", draft.gateway or "auto", "auto")

    providers = _entries(doc, "providers")
    provider_id = _provider(providers, draft)
    terminals = _entries(doc, "terminals")
    by_id = {str(entry.get("id")): entry for entry in terminals}
    kept = []
    for t in draft.terminals:
        entry = by_id.get(t.id)
        if entry is None:
            entry = tomlkit.table()
            entry["id"] = t.id
        for key, value, default in (
            ("name", t.name, ""),
            ("provider", provider_id, ""),
            ("connection", t.connection, ""),
            ("uplink", t.uplink, ETHERNET),
            ("protocol", t.protocol, "none"),
            ("baud_rate", t.baud_rate, 9600),
            ("status_request", t.status_request, ""),
            ("reader", t.reader, ""),
            ("usb_vid_pid", t.usb_vid_pid, ""),
            ("backup", t.backup if t.backup in ids and t.backup != t.id else "", ""),
        ):
            _set(entry, key, value, default)
        if t.status_request and "status_request_hex" in entry:  # one or the other, not both
            del entry["status_request_hex"]
        kept.append(entry)
    _replace(doc, "terminals", kept)

    channels = _entries(doc, "alerts")
    edited = []
    for i, a in enumerate(draft.alerts):
        entry = channels[i] if i < len(channels) and channels[i].get("kind") == a.kind else None
        entry = entry if entry is not None else tomlkit.table()
        entry["kind"] = a.kind
        is_url = bool(re.match(r"(?i)https?://", a.target))
        token_key = TOKEN_FIELD.get(a.kind)
        _set(entry, "url", a.target if is_url or token_key is None else None)
        for key in ("key", "access_token"):
            _set(entry, key, a.target if key == token_key and not is_url else None)
        _set(entry, "name", a.name, "")
        edited.append(entry)
    _replace(doc, "alerts", edited)
    return doc


def preview(path: Path, draft: ShopDraft) -> ShopConfig:
    """The configuration the draft would give, validated, nothing written; raises ConfigError."""
    text = apply(load_document(path), draft).as_string()
    return config_from_document(parse_document(text, str(path)), str(path), path)


def problems_of(error: ConfigError, translate: Translate | None = None) -> list[tuple[str, str]]:
    """(key, message) of each refused value, for the fields they belong to; in the manager's
    language with ``translate`` (the GUI's), else in English."""
    return [(p.key, p.translated(translate) if translate else p.message) for p in error.problems]


def save(path: Path, draft: ShopDraft) -> ShopConfig:
    """Validate and write; raises ConfigError (nothing written) or ConfigWriteError."""
    return save_document(path, apply(load_document(path), draft))


def _provider(providers: list[Any], draft: ShopDraft) -> str:
    """Edit the first provider (or add one); returns its id, or "" with no provider named."""
    has_any = draft.provider_name or draft.hotline or draft.payment_hosts or draft.feed_url
    if not providers and not has_any:
        return ""
    if providers:
        entry = providers[0]
    else:
        entry = tomlkit.table()
        entry["id"] = PROVIDER_ID
        providers.append(entry)
    _set(entry, "name", draft.provider_name, "")
    _set(entry, "hotline", draft.hotline, "")
    _set(entry, "payment_hosts", [h.strip() for h in draft.payment_hosts if h.strip()], [])
    feeds = entry.get("notice_feeds")
    if draft.feed_url:
        if isinstance(feeds, AoT | list) and len(feeds):
            feeds[0]["url"] = draft.feed_url
        else:
            feed = tomlkit.table()
            feed["url"] = draft.feed_url
            aot = tomlkit.aot()
            aot.append(feed)
            entry["notice_feeds"] = aot
    elif isinstance(feeds, AoT | list) and len(feeds):
        del feeds[0]
    return str(entry["id"])


def _table(doc: TOMLDocument, name: str) -> Any:
    if name not in doc:
        doc.add(name, tomlkit.table())
    return doc[name]


def _entries(doc: TOMLDocument, name: str) -> Any:
    """The array of tables ``name`` (made when missing), to edit in place."""
    found = doc.get(name)
    if found is None:
        doc.add(name, tomlkit.aot())
        return doc[name]
    return found if isinstance(found, AoT) else list(found)


def _replace(doc: TOMLDocument, name: str, entries: list[Any]) -> None:
    """The array of tables ``name`` holding ``entries`` in order; the same objects stay, so an
    entry's own comments survive."""
    current = doc.get(name)
    if isinstance(current, AoT):
        while len(current):
            del current[0]
        for entry in entries:
            current.append(entry)
        if not entries:
            del doc[name]
    elif entries:
        aot = tomlkit.aot()
        for entry in entries:
            aot.append(entry)
        doc[name] = aot


def _set(container: Any, key: str, value: Any, default: Any = None) -> None:
    """Set ``key`` to ``value``. A key the file has is kept even at its default (the user wrote
    it); a missing one is added only when it differs from the default; ``None`` removes it."""
    if key in container:
        if value is None:
            del container[key]
        elif container[key] != value:
            container[key] = value
    elif value is not None and value != default:
        container[key] = value
