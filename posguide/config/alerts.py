"""Alert channels: group chat robots (WeCom, DingTalk, Feishu) or any webhook (``[[alerts]]``)."""

# The declaration helpers (setting, required, section, table_list) return dataclasses.field()
# objects, which ruff cannot see through.
# ruff: noqa: RUF009

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from posguide import i18n
from posguide.config.entries import NAME
from posguide.config.formats import Url
from posguide.config.kinds import Choice, Flag, Invalid, Kind, ListOf, Text
from posguide.config.schema import required, setting
from posguide.config.secret import Secret, SecretUrl
from posguide.i18n import QT_TR_NOOP

MOBILE = Text(
    QT_TR_NOOP('a mobile number like "13800138000", or "@all"'), pattern=r"@all|\+?[0-9]{5,15}"
)


class SecretText(Kind[Secret | None]):
    secret = True

    def __init__(self, expected: str) -> None:
        self.expected = i18n.Text(expected)

    def convert(self, raw: object) -> Secret | None:
        if not isinstance(raw, str) or len(raw) > 512 or re.search(r"\s|[\x00-\x1f]", raw):
            self.fail(raw)
        return Secret(raw) if raw else None

    def to_toml(self, value: Secret | None) -> object:
        return "" if value is None else value.reveal()


class SecretUrlKind(Kind[SecretUrl | None]):
    secret = True
    expected = i18n.Text(QT_TR_NOOP('an https:// or http:// webhook URL, or ""'))

    def convert(self, raw: object) -> SecretUrl | None:
        if raw == "":
            return None
        try:
            Url().convert(raw)
        except Invalid:
            self.fail(raw)
        assert isinstance(raw, str)
        if "@" in urlsplit(raw).netloc:
            # A password in the URL would go out with every alert and into proxies' logs; the
            # robots authenticate by the token in the path or query instead.
            at = QT_TR_NOOP(' (it holds a user name or password before "@": remove that part)')
            self.fail(raw, i18n.Text(at))
        return SecretUrl(raw)

    def to_toml(self, value: SecretUrl | None) -> object:
        return "" if value is None else value.reveal()


ALERT_KINDS = ("wecom", "dingtalk", "feishu", "webhook")
_ENDPOINT = {
    "wecom": ("key", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={}"),
    "dingtalk": ("access_token", "https://oapi.dingtalk.com/robot/send?access_token={}"),
    "feishu": ("access_token", "https://open.feishu.cn/open-apis/bot/v2/hook/{}"),
}


@dataclass(frozen=True, kw_only=True)
class AlertChannel:
    """A group chat robot that is told when a terminal stays in maintenance."""

    kind: str = required(
        Choice(*ALERT_KINDS),
        '"wecom" (企业微信), "dingtalk" (钉钉), "feishu" (飞书) or "webhook" (any URL, JSON POST).',
    )
    name: str = setting(NAME, "", "Label shown in the settings and the log.")
    enabled: bool = setting(Flag(), True, "false keeps the channel configured but silent.")
    url: SecretUrl | None = setting(
        SecretUrlKind(),
        None,
        'Full webhook URL; needed for "webhook", optional for the others (instead of key / '
        'access_token). No "user:password@" part. Secret: its query string and tokens never '
        "appear in logs.",
    )
    key: Secret | None = setting(
        SecretText(QT_TR_NOOP('the key from a WeCom robot URL (...send?key=...), or ""')),
        None,
        "WeCom robot key (secret).",
    )
    access_token: Secret | None = setting(
        SecretText(QT_TR_NOOP('the access_token or hook id from the robot URL, or ""')),
        None,
        "DingTalk access_token, or the Feishu hook id (the end of the hook URL) (secret).",
    )
    secret: Secret | None = setting(
        SecretText(QT_TR_NOOP('the signing secret (加签), or ""')),
        None,
        "Signing secret (加签) for DingTalk (starts with SEC) or Feishu (secret).",
    )
    mentioned_mobiles: tuple[str, ...] = setting(
        ListOf(MOBILE, QT_TR_NOOP("a list of mobile numbers"), 50, unique=True),
        (),
        'Mobile numbers to @mention (WeCom, DingTalk); "@all" mentions everyone '
        '(Feishu: only "@all").',
    )

    def endpoint(self) -> SecretUrl:
        """The URL to POST to."""
        if self.url is not None:
            return self.url
        field_name, template = _ENDPOINT[self.kind]
        token: Secret | None = getattr(self, field_name)
        assert token is not None, "checked by problems()"
        return SecretUrl(template.format(quote(token.reveal(), safe="")))

    def secret_values(self) -> list[str]:
        found: list[str] = []
        for value in (self.url, self.key, self.access_token, self.secret):
            if value is not None:
                found += value.redaction_targets()
        return found

    def problems(self) -> Iterator[tuple[str, i18n.Text]]:
        kind = self.kind
        allowed = {"url", _ENDPOINT[kind][0]} if kind in _ENDPOINT else {"url"}
        want = " or ".join(sorted(allowed))
        for name in ("key", "access_token"):
            if getattr(self, name) is not None and name not in allowed:
                yield (
                    name,
                    i18n.Text(
                        QT_TR_NOOP(
                            'expected no {name} for kind "{kind}" (it uses {want}), got one'
                        ),
                        name=name,
                        kind=kind,
                        want=want,
                    ),
                )
        if kind == "webhook" and self.url is None:
            yield (
                "url",
                i18n.Text(QT_TR_NOOP('expected a webhook URL for kind "webhook", got nothing')),
            )
        elif self.url is None and all(getattr(self, n) is None for n in allowed - {"url"}):
            yield (
                "",
                i18n.Text(
                    QT_TR_NOOP('expected {want} for kind "{kind}", got neither'),
                    want=want,
                    kind=kind,
                ),
            )
        token_name = _ENDPOINT[kind][0] if kind in _ENDPOINT else ""
        if self.url is not None and token_name and getattr(self, token_name) is not None:
            yield (
                "url",
                i18n.Text(QT_TR_NOOP("expected url or {token}, got both"), token=token_name),
            )
        if self.secret is not None and kind not in ("dingtalk", "feishu"):
            yield (
                "secret",
                i18n.Text(
                    QT_TR_NOOP('expected no signing secret for kind "{kind}", got one'), kind=kind
                ),
            )
        mobiles = [m for m in self.mentioned_mobiles if m != "@all"]
        if kind == "feishu" and mobiles:
            yield (
                "mentioned_mobiles",
                i18n.Text(
                    QT_TR_NOOP('expected only "@all" for kind "feishu", got {found}'),
                    found=mobiles[0],
                ),
            )
        if kind == "webhook" and self.mentioned_mobiles:
            yield (
                "mentioned_mobiles",
                i18n.Text(QT_TR_NOOP('expected no mentions for kind "webhook", got some')),
            )
