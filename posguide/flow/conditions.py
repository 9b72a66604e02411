"""Reading conditions, rules and evidence rules out of YAML nodes (see docs/playbook.md)."""

from __future__ import annotations

import string
from collections.abc import Sequence

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from posguide.flow.model import (
    CAUSES,
    CONTEXT_FLAGS,
    FROM_EVIDENCE,
    OUTCOMES,
    PLACEHOLDERS,
    AllOf,
    AnswerIs,
    AnyOf,
    Cause,
    CauseFrom,
    Condition,
    ContextIs,
    EvidenceRule,
    LocalText,
    Not,
    ProbeIs,
    Rule,
    UplinkIs,
    VerdictIs,
)
from posguide.flow.nodes import PROBE_ID, Reader
from posguide.flow.schema import CAUSE_FROM, CONDITIONS, EVIDENCE, RULE
from posguide.probes.base import Status
from posguide.probes.verdict import VERDICTS
from posguide.uplinks import UPLINKS

STATUSES = tuple(s.value for s in Status)
HEADS = ", ".join(CONDITIONS)


def condition(r: Reader, node: Node, path: str) -> Condition | None:
    heads = []
    if isinstance(node, MappingNode):
        heads = [
            k.value for k, _ in node.value if isinstance(k, ScalarNode) and k.value in CONDITIONS
        ]
    if len(heads) > 1:
        found = " and ".join(heads)
        r.error(
            node, path, f"one condition per mapping, found {found}: combine them with all: [...]"
        )
        return None
    if not heads:
        r.expected(node, path, f"a condition with one of {HEADS}")
        return None
    head = heads[0]
    fields = r.mapping(node, path, CONDITIONS[head])
    if fields is None or head not in fields:
        return None
    inner, inner_path = fields[head], f"{path}.{head}"
    at = r.where(inner, inner_path)
    if head == "probe":
        probe = r.ident(inner, inner_path, "a probe id", PROBE_ID)
        statuses = (
            r.one_or_many(fields["status"], f"{path}.status", STATUSES, "a status")
            if "status" in fields
            else ()
        )
        ever = r.boolean(fields["ever"], f"{path}.ever") if "ever" in fields else False
        if not probe or not statuses or ever is None:
            return None
        return ProbeIs(probe, statuses, at, ever=ever)
    if head == "verdict":
        verdicts = r.one_or_many(inner, inner_path, VERDICTS, "a verdict")
        return VerdictIs(verdicts, at) if verdicts else None
    if head == "answer":
        return _answer(r, fields, path)
    if head == "context":
        flag = r.enum(inner, inner_path, CONTEXT_FLAGS, "a context flag")
        return ContextIs(flag, at) if flag else None
    if head == "uplink":
        uplinks = r.one_or_many(inner, inner_path, UPLINKS, "an uplink")
        return UplinkIs(uplinks, at) if uplinks else None
    if head == "not":
        item = condition(r, inner, inner_path)
        return Not(item) if item else None
    nodes = r.sequence(inner, inner_path, "conditions")
    if isinstance(inner, SequenceNode) and not nodes:
        r.expected(inner, inner_path, "at least one condition")
    items = [condition(r, n, f"{inner_path}[{i}]") for i, n in enumerate(nodes)]
    if not nodes or None in items:
        return None
    present = tuple(i for i in items if i is not None)
    return AllOf(present) if head == "all" else AnyOf(present)


def _answer(r: Reader, fields: dict[str, Node], path: str) -> AnswerIs | None:
    question = r.ident(fields["answer"], f"{path}.answer", "a question id")
    at = r.where(fields["answer"], f"{path}.answer")
    if "is" in fields and "in" in fields:
        r.error(fields["in"], f"{path}.in", 'give "is" or "in", not both')
        return None
    values: tuple[object, ...] | None = None
    if "is" in fields:
        values = _plain(r, [fields["is"]], f"{path}.is")
    elif "in" in fields:
        nodes = r.sequence(fields["in"], f"{path}.in", "values")
        values = _plain(r, nodes, f"{path}.in") if nodes else None
        if isinstance(fields["in"], SequenceNode) and not nodes:
            r.expected(fields["in"], f"{path}.in", "at least one value")
    if question is None or (values is None and ("is" in fields or "in" in fields)):
        return None
    return AnswerIs(question, values, at)


def _plain(r: Reader, nodes: list[Node], path: str) -> tuple[object, ...] | None:
    values = []
    for node in nodes:
        value = r.scalar(node) if isinstance(node, ScalarNode) else None
        if not isinstance(value, str | bool):
            r.expected(node, path, "a choice id, a text, or true/false")
            return None
        values.append(value)
    return tuple(values)


def rule(r: Reader, node: Node, path: str) -> Rule | None:
    fields = r.mapping(node, path, RULE)
    if fields is None:
        return None
    when = condition(r, fields["when"], f"{path}.when") if "when" in fields else None
    if "when" in fields and when is None:
        return None
    goto, finish, cause = None, None, None
    if ("goto" in fields) == ("finish" in fields):
        r.error(node, path, 'a rule needs either "goto" or "finish" (one of them)')
        return None
    if "goto" in fields:
        goto = r.ident(fields["goto"], f"{path}.goto", "the id of a step")
        if "cause" in fields:
            r.error(fields["cause"], f"{path}.cause", 'only a rule with "finish" has a cause')
    else:
        finish = r.enum(fields["finish"], f"{path}.finish", OUTCOMES, "an outcome")
        if "cause" not in fields:
            r.error(node, path, f'a rule with "finish" needs a "cause" (or cause: {FROM_EVIDENCE})')
        else:
            cause = _cause(r, fields["cause"], f"{path}.cause")
    banner = _banner(r, fields["banner"], f"{path}.banner") if "banner" in fields else None
    if "banner" in fields and banner is None:
        return None
    if goto is not None:
        return Rule(when, goto=goto, banner=banner, at=r.where(fields["goto"], f"{path}.goto"))
    if finish is None or cause is None:
        return None
    return Rule(when, finish=finish, cause=cause, banner=banner, at=r.where(node, path))


def _cause(r: Reader, node: Node, path: str) -> Cause | None:
    if isinstance(node, MappingNode):
        fields = r.mapping(node, path, CAUSE_FROM)
        if not fields or "answer" not in fields:
            return None
        question = r.ident(fields["answer"], f"{path}.answer", "a question id")
        return (
            CauseFrom(question, r.where(fields["answer"], f"{path}.answer")) if question else None
        )
    return r.enum(
        node, path, (*CAUSES, FROM_EVIDENCE), f"a cause, {FROM_EVIDENCE} or {{answer: QID}}"
    )


def _banner(r: Reader, node: Node, path: str) -> LocalText | None:
    return template(r, node, path, PLACEHOLDERS)


def template(r: Reader, node: Node, path: str, known_names: Sequence[str]) -> LocalText | None:
    """A text in both languages whose {placeholders} are all in ``known_names``."""
    text = r.text(node, path)
    if text is None:
        return None
    assert isinstance(node, MappingNode)  # r.text checked it
    for key_node, value_node in node.value:
        where = f"{path}.{key_node.value}"
        try:
            parsed = string.Formatter().parse(value_node.value)
            names = [name for _, name, _, _ in parsed if name is not None]
        except ValueError as exc:
            r.error(value_node, where, f"{exc} (write {{{{ or }}}} for a brace itself)")
            return None
        unknown = [n for n in names if n not in known_names]
        if unknown:
            known = ", ".join("{" + p + "}" for p in known_names) or "none"
            r.error(value_node, where, f"unknown placeholder {{{unknown[0]}}}; known: {known}")
            return None
    return text


def ordered(
    r: Reader, rules: Sequence[Rule | EvidenceRule | None], nodes: list[Node], path: str, what: str
) -> None:
    """Only the last of ``rules`` lacks a condition: the fallback when no other applies."""
    for index, (item, node) in enumerate(zip(rules, nodes, strict=True)):
        last = index == len(rules) - 1
        if item is None:
            continue
        if item.when is None and not last:
            r.error(
                node,
                f"{path}[{index}]",
                f'only the last {what} may have no "when": the ones after it never apply',
            )
        if item.when is not None and last:
            r.error(
                node,
                f"{path}[{index}]",
                f'the last {what} needs no "when": it applies when no other does',
            )


def evidence(r: Reader, node: Node, path: str) -> EvidenceRule | None:
    fields = r.mapping(node, path, EVIDENCE)
    if fields is None or "cause" not in fields:
        return None
    when = condition(r, fields["when"], f"{path}.when") if "when" in fields else None
    cause = r.enum(fields["cause"], f"{path}.cause", CAUSES, "a cause")
    if cause is None or ("when" in fields and when is None):
        return None
    return EvidenceRule(when, cause, r.where(node, path))
