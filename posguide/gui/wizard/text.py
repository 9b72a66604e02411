"""Playbook instructions as simple, escaped rich text.

Paragraphs are separated by blank lines. "1. ..." lines become an ordered list; lines indented
under an item continue it, and "- ..." lines under an item become its sub-list (the cables step's
"what each light means").
"""

from __future__ import annotations

import html
import re

_NUMBERED = re.compile(r"^\s*\d+[.、)]\s*(.*)$")
_BULLET = re.compile(r"^\s*[-•]\s*(.*)$")


def instructions_html(text: str) -> str:
    return "".join(_block(block) for block in re.split(r"\n\s*\n", text.strip()))


def _block(block: str) -> str:
    lines = [line for line in block.splitlines() if line.strip()]
    if not lines or not _NUMBERED.match(lines[0]):
        return "<p>" + "<br>".join(html.escape(line.strip()) for line in lines) + "</p>"
    items: list[tuple[str, list[str]]] = []  # (item text, its bullets)
    for line in lines:
        numbered, bullet = _NUMBERED.match(line), _BULLET.match(line)
        if numbered:
            items.append((numbered.group(1), []))
        elif bullet:
            items[-1][1].append(bullet.group(1))
        elif items[-1][1]:  # a wrapped bullet
            items[-1][1][-1] += " " + line.strip()
        else:  # a wrapped item
            items[-1] = (items[-1][0] + " " + line.strip(), items[-1][1])
    out = []
    for item, bullets in items:
        sub = "".join(f"<li>{html.escape(b)}</li>" for b in bullets)
        out.append(f"<li>{html.escape(item)}" + (f"<ul>{sub}</ul>" if sub else "") + "</li>")
    return "<ol>" + "".join(out) + "</ol>"
