"""docs/verdicts.md keeps up with posguide.probes.verdict: every verdict, in rule order, with
its advice quoted as written."""

from __future__ import annotations

import re
from pathlib import Path

from posguide.probes.verdict import RULES, VERDICTS

DOC = Path(__file__).resolve().parent.parent / "docs" / "verdicts.md"
HEADING = re.compile(r"^### `([a-z_]+)`\s*$", re.MULTILINE)


def test_every_verdict_has_a_heading_in_rule_order() -> None:
    headings = HEADING.findall(DOC.read_text(encoding="utf-8"))
    assert headings == list(VERDICTS)


def test_the_advice_is_quoted_as_written() -> None:
    # Blockquotes may wrap: drop the "> " markers and compare with whitespace collapsed.
    text = re.sub(r"(?m)^>\s?", "", DOC.read_text(encoding="utf-8"))
    flat = " ".join(text.split())
    said = [(rule.verdict, rule.advice) for rule in RULES]
    said += [(f"{rule.verdict} ({uplink})", advice) for rule in RULES
             for uplink, advice in rule.by_uplink.items()]  # fmt: skip
    missing = [verdict for verdict, advice in said if " ".join(advice.split()) not in flat]
    assert missing == []
