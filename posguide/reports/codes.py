"""Meanings of the common UnionPay response codes, from ``resources/response_codes.toml``."""

from __future__ import annotations

import logging
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from posguide.reports.strings import Language
from posguide.resources import resource_path

log = logging.getLogger("posguide.reports")
# A code is two letters/digits at the start: "96", "A7", "96 系统故障", "应答码96" is not matched.
_CODE = re.compile(r"\s*([0-9A-Za-z]{2})(?![0-9A-Za-z])")


@dataclass(frozen=True)
class ResponseCode:
    code: str
    meaning: dict[str, str]  # language -> text
    advice: dict[str, str]

    def describe(self, language: Language) -> str:
        return self.meaning.get(language, "")


@cache
def load_response_codes(path: Path | None = None) -> dict[str, ResponseCode]:
    """The code table; empty (and a log line) when unreadable: the report still shows the code."""
    path = path or resource_path("response_codes.toml")
    try:
        with path.open("rb") as f:
            raw = tomllib.load(f)
        return {
            code.upper(): ResponseCode(
                code.upper(),
                {lang: entry[lang] for lang in ("zh_CN", "en")},
                {lang: entry.get(f"advice_{lang}", "") for lang in ("zh_CN", "en")},
            )
            for code, entry in raw.items()
        }
    except (OSError, ValueError, KeyError, TypeError) as err:
        log.warning("response code table %s unusable: %s", path, err)
        return {}


def lookup_code(error_code: str) -> ResponseCode | None:
    """The entry for an incident's error code text ("96", "a7", "96 维护中"), if known."""
    match = _CODE.match(error_code)
    return load_response_codes().get(match.group(1).upper()) if match else None
