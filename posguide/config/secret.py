"""Secrets from the configuration (webhook keys, tokens, signing secrets, webhook URLs).

A ``Secret`` is a wrapper, not a ``str`` subclass, so it cannot leak through concatenation,
f-strings, ``json.dumps`` or ``%s``: every way of turning it into text gives ``***``. Code that
really needs the value calls ``.reveal()``.
"""

from __future__ import annotations

import hmac
from typing import Any
from urllib.parse import parse_qsl, urlsplit

MASK = "***"
# Query values and path segments at least this long count as tokens (short ones are words
# like "send" or "json" that would make the log redactor blank out harmless text).
MIN_TOKEN = 8
MIN_PATH_TOKEN = 16


class Secret:
    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def redaction_targets(self) -> list[str]:
        """Every substring the log redactor must hide for this secret."""
        return [self._value] if self._value else []

    def __str__(self) -> str:
        return MASK

    def __repr__(self) -> str:
        return MASK

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __bool__(self) -> bool:
        return bool(self._value)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Secret) or type(other) is not type(self):
            return NotImplemented
        return hmac.compare_digest(self._value.encode(), other._value.encode())

    def __hash__(self) -> int:
        return hash((type(self).__name__, self._value))

    def __copy__(self) -> Secret:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> Secret:
        return self


class SecretUrl(Secret):
    """A webhook URL: its query string, password and long path segments are secret.

    ``str()`` shows only scheme and host (``https://qyapi.weixin.qq.com/***``), enough to tell
    channels apart in the GUI and logs.
    """

    __slots__ = ()

    def __str__(self) -> str:
        parts = urlsplit(self._value)
        host = parts.hostname or ""
        if ":" in host:
            host = f"[{host}]"
        return f"{parts.scheme}://{host}/{MASK}"

    def __repr__(self) -> str:
        return str(self)

    def redaction_targets(self) -> list[str]:
        parts = urlsplit(self._value)
        found = [self._value]
        if parts.query:
            found.append(parts.query)
            found += [v for _, v in parse_qsl(parts.query) if len(v) >= MIN_TOKEN]
        if parts.password:
            found.append(parts.password)
        found += [seg for seg in parts.path.split("/") if len(seg) >= MIN_PATH_TOKEN]
        return list(dict.fromkeys(found))
