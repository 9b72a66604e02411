"""Report and alert texts from ``resources/i18n/report_strings.toml``, per language.

Prose lives in the data file so a translator edits one place; ``check_strings`` (run by the tests)
keeps both languages complete and their ``{fields}`` identical, as Electrum's i18n check does.
"""

from __future__ import annotations

import string
import tomllib
from functools import cache
from pathlib import Path
from typing import Any, Literal, get_args

from posguide.resources import resource_path

Language = Literal["zh_CN", "en"]
LANGUAGES: tuple[str, ...] = get_args(Language)
STRINGS_FILE = ("i18n", "report_strings.toml")


class _Blank(dict[str, Any]):
    """format_map() mapping that renders a missing field as "" instead of raising."""

    def __missing__(self, key: str) -> str:
        return ""


class Strings:
    """One language's texts: ``s.text("report", "title", terminal="1号")``."""

    def __init__(self, language: Language, table: dict[str, dict[str, str]]) -> None:
        self.language = language
        self._table = table

    def get(self, section: str, key: str) -> str | None:
        """The raw text, or None when there is none (callers fall back to data)."""
        return self._table.get(section, {}).get(key)

    def text(self, section: str, key: str, **fields: object) -> str:
        raw = self.get(section, key)
        if raw is None:
            raise KeyError(f"no text {section}.{key} for {self.language}")
        return raw.format_map(_Blank(fields))

    def label(self, section: str, key: str) -> str:
        """A label, falling back to the key itself (unknown step or probe ids still show)."""
        found = self.get(section, key)
        return key if found is None else found


def format_fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def check_strings(data: dict[str, Any]) -> list[str]:
    """Problems with the strings file: a language missing, a key missing, fields differing."""
    problems = [f"language {lang} missing" for lang in LANGUAGES if lang not in data]
    if problems:
        return problems
    first, *others = LANGUAGES
    for other in others:
        for section in sorted(set(data[first]) | set(data[other])):
            a, b = data[first].get(section, {}), data[other].get(section, {})
            for key in sorted(set(a) ^ set(b)):
                where = first if key not in a else other
                problems.append(f"{where}.{section}.{key} missing")
            for key in sorted(set(a) & set(b)):
                if not isinstance(a[key], str) or not isinstance(b[key], str):
                    problems.append(f"{section}.{key} is not text")
                elif format_fields(a[key]) != format_fields(b[key]):
                    problems.append(f"{section}.{key}: fields differ between {first} and {other}")
    return problems


@cache
def _load(path: Path) -> dict[str, Any]:
    with path.open("rb") as f:
        data = tomllib.load(f)
    problems = check_strings(data)
    if problems:
        raise ValueError(f"{path}: {'; '.join(problems[:3])}")
    return data


def load_strings(language: Language, path: Path | None = None) -> Strings:
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, got {language!r}")
    data = _load(path or resource_path(*STRINGS_FILE))
    return Strings(language, data[language])
