"""Translatable text from the Qt-free core.

The core writes English source strings marked with ``QT_TR_NOOP`` (Qt's lupdate collects them
into ``resources/i18n/posguide_zh_CN.ts`` under the empty context) and fills values in later:

    summary = Text(QT_TR_NOOP("No answer within {timeout_s:g} s"), timeout_s=2.0)
    str(summary)  # "No answer within 2 s" — logs, the CLI, the English UI
    summary.translated(translate)  # the GUI passes QCoreApplication.translate

Values stay out of the source string, so one translation serves every value.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

CONTEXT = ""  # lupdate puts QT_TR_NOOP strings outside any class under the empty context
Translate = Callable[[str, str], str]


def QT_TR_NOOP(source: str) -> str:  # the name lupdate looks for
    """Mark ``source`` for translation; returns it unchanged."""
    return source


@dataclass(frozen=True)
class Text:
    source: str
    args: Mapping[str, Any] = field(default_factory=dict)

    def __init__(self, source: str, /, **args: Any) -> None:
        object.__setattr__(self, "source", source)
        object.__setattr__(self, "args", dict(args))

    def __str__(self) -> str:
        return render(self.source, self.args) or self.source

    def translated(self, translate: Translate) -> str:
        # Pieces (a time phrase, a reason) may be Text too: translate them first. A translation
        # whose {fields} do not match falls back to English, never to an error.
        args = {
            k: v.translated(translate) if isinstance(v, Text) else v for k, v in self.args.items()
        }
        template = translate(CONTEXT, self.source) or self.source
        return render(template, args) or render(self.source, args) or str(self)

    def json_args(self) -> dict[str, Any]:
        """The values as JSON-ready data, for storing beside ``source`` (see ``stored_text``).

        A nested Text becomes ``{"$text": source, "args": {...}}`` so it is translated later too;
        values JSON cannot hold become their ``str()``."""
        return {k: _json_value(v) for k, v in self.args.items()}


def _json_value(value: Any) -> Any:
    if isinstance(value, Text):
        return {TEXT_KEY: value.source, "args": value.json_args()}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


TEXT_KEY = "$text"


def stored_text(source: str, args: Mapping[str, Any] | None) -> Text:
    """The Text that ``Text(source, **args).json_args()`` was stored from."""
    return Text(source, **{k: _from_json(v) for k, v in (args or {}).items()})


def _from_json(value: Any) -> Any:
    if isinstance(value, dict) and isinstance(value.get(TEXT_KEY), str):
        inner = value.get("args")
        return stored_text(value[TEXT_KEY], inner if isinstance(inner, dict) else None)
    return value


def render(template: str, args: Mapping[str, Any]) -> str:
    """``template.format(**args)``; "" when the template does not fit the values."""
    try:
        return template.format(**args)
    except (KeyError, IndexError, ValueError, AttributeError):
        return ""
