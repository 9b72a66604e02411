"""Playbook instructions (short paragraphs and numbered lines) as simple, escaped rich text."""

from __future__ import annotations

import html
import re

_NUMBERED = re.compile(r"^\s*(\d+)[.、)]\s*(.*)$")


def instructions_html(text: str) -> str:
    """Paragraphs separated by blank lines; runs of "1. ..." lines become an ordered list."""
    parts: list[str] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [line for line in block.splitlines() if line.strip()]
        if lines and all(_NUMBERED.match(line) for line in lines):
            items = "".join(
                f"<li>{html.escape(_NUMBERED.match(line).group(2))}</li>"  # type: ignore[union-attr]
                for line in lines
            )
            parts.append(f"<ol style='margin-left:0'>{items}</ol>")
        else:
            parts.append("<p>" + "<br>".join(html.escape(line) for line in lines) + "</p>")
    return "".join(parts)
