"""Reading YAML node by node, so every problem names its line.

The file is composed with PyYAML's SafeLoader into a node tree (scalars keep their line); values are
then read from the nodes against the declared shapes (schema.py). Problems are collected, not
raised, so one run reports them all.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from posguide.flow.errors import PlaybookError, Problem, did_you_mean
from posguide.flow.model import LocalText, Where
from posguide.flow.schema import TEXT, Shape

ID = re.compile(r"[a-z][a-z0-9_]*\Z")
PROBE_ID = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*\Z")
YAML_11_BOOLS = {"yes", "no", "on", "off", "y", "n"}  # plain scalars PyYAML reads as true/false
MAX_SHOWN = 60
MAX_NODES = 100_000  # the default playbook has about 1,500
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def compose(text: str, source: str) -> Node | None:
    """The node tree of one YAML document; a syntax error raises PlaybookError with its line."""
    try:
        try:  # libyaml's composer, where PyYAML has it: ten times the pure one's speed
            root = yaml.compose(text, Loader=FAST_LOADER)
        except yaml.YAMLError:  # say what is wrong in the pure composer's (clearer) words
            root = yaml.compose(text, Loader=yaml.SafeLoader)
    except RecursionError as exc:
        raise PlaybookError(source, [Problem(None, "", "nested too deeply")]) from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or exc.context or "cannot be read"
        if exc.context and exc.problem and exc.context_mark:  # "while parsing X" started there
            what += f" ({exc.context} started on line {exc.context_mark.line + 1})"
        raise PlaybookError(source, [Problem(line, "", f"YAML syntax: {what}")]) from exc
    except yaml.YAMLError as exc:  # e.g. a character YAML does not allow, with no mark
        raise PlaybookError(source, [Problem(None, "", f"YAML syntax: {exc}")]) from exc
    if root is not None:
        _check_size(root, source)
    return root


def _check_size(root: Node, source: str) -> None:
    """Aliases (*name) share nodes, so reading a small file can mean walking a huge or endless
    tree ("billion laughs", ``&a [*a]``). Measure the walk before taking it."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()

    def size(node: Node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in open_nodes:
            raise PlaybookError(source, [Problem(line_of(node), "", "an alias refers to itself")])
        open_nodes.add(key)
        children: list[Node] = []
        if isinstance(node, MappingNode):
            children = [n for pair in node.value for n in pair]
        elif isinstance(node, SequenceNode):
            children = list(node.value)
        total = 1 + sum(size(child) for child in children)
        if total > MAX_NODES:
            why = f"too large once its aliases are expanded (over {MAX_NODES} values)"
            raise PlaybookError(source, [Problem(None, "", why)])
        open_nodes.discard(key)
        sizes[key] = total
        return total

    size(root)


def line_of(node: Node) -> int:
    return int(node.start_mark.line) + 1


def describe(node: Node, value: Any = None) -> str:
    """How an error message shows what it found."""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    if value is None:
        return "nothing" if node.value in ("", "~", "null", "Null", "NULL") else "null"
    shown = json.dumps(value, ensure_ascii=False, default=str)
    return shown if len(shown) <= MAX_SHOWN else shown[: MAX_SHOWN - 4] + '..."'


class Reader:
    """Reads values out of nodes, collecting a Problem per mistake (and returning None)."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[Problem] = []
        self._constructor = SafeConstructor()

    def error(self, node: Node | None, path: str, message: str) -> None:
        self.problems.append(Problem(line_of(node) if node else None, path, message))

    def fail_at(self, at: Where, message: str) -> None:
        self.problems.append(Problem(at.line or None, at.path, message))

    def where(self, node: Node, path: str) -> Where:
        return Where(line_of(node), path)

    def scalar(self, node: Node) -> Any:
        """The Python value of a scalar (str, bool, int, float, None, date); None for a mapping
        or a list. A tag the safe loader does not know leaves the text as it is."""
        if not isinstance(node, ScalarNode):
            return None
        try:
            return self._constructor.construct_object(node, deep=True)
        except yaml.YAMLError:
            return node.value

    def expected(self, node: Node, path: str, what: str) -> None:
        value = self.scalar(node) if isinstance(node, ScalarNode) else None
        hint = ""
        if isinstance(value, bool) and str(node.value).lower() in YAML_11_BOOLS:
            hint = f' (YAML reads {node.value} as {str(value).lower()}: write "{node.value}")'
        self.error(node, path, f"expected {what}, got {describe(node, value)}{hint}")

    def mapping(self, node: Node, path: str, shape: Shape) -> dict[str, Node] | None:
        """The mapping's value nodes by key, after checking its keys against ``shape``."""
        if not isinstance(node, MappingNode):
            self.expected(node, path, shape.name)
            return None
        found: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = self.scalar(key_node) if isinstance(key_node, ScalarNode) else None
            where = f"{path}.{key}" if path else str(key)
            if not isinstance(key, str):
                self.error(key_node, path, f"expected a key name, got {describe(key_node, key)}")
            elif key in found:
                self.error(key_node, where, "this key is given twice")
            elif key not in shape.names:
                hint = did_you_mean(key, shape.names) or f"; {shape.name} has {_list(shape.names)}"
                self.error(key_node, where, f"unknown key{hint}")
            else:
                found[key] = value_node
        for key in shape.required:
            if key not in found:
                self.error(node, path, f'missing required key "{key}" ({shape.name})')
        return found

    def sequence(self, node: Node, path: str, what: str) -> list[Node]:
        if isinstance(node, SequenceNode):
            return list(node.value)
        self.expected(node, path, f"a list of {what}")
        return []

    def string(self, node: Node, path: str, what: str = "a text") -> str | None:
        value = self.scalar(node) if isinstance(node, ScalarNode) else None
        if isinstance(value, str) and value.strip():
            return value
        self.expected(node, path, what)
        return None

    def ident(
        self, node: Node, path: str, what: str = "an id", pattern: re.Pattern[str] = ID
    ) -> str | None:
        value = self.scalar(node) if isinstance(node, ScalarNode) else None
        if isinstance(value, str) and pattern.match(value):
            return value
        self.expected(node, path, f"{what} (lower-case letters, digits and _)")
        return None

    def boolean(self, node: Node, path: str) -> bool | None:
        value = self.scalar(node) if isinstance(node, ScalarNode) else None
        if isinstance(value, bool):
            return value
        self.expected(node, path, "true or false")
        return None

    def enum(self, node: Node, path: str, choices: Sequence[str], what: str) -> str | None:
        value = self.scalar(node) if isinstance(node, ScalarNode) else None
        if isinstance(value, str) and value in choices:
            return value
        hint = did_you_mean(value, choices) or f" ({_list(choices)})"
        self.error(node, path, f"expected {what}, got {describe(node, value)}{hint}")
        return None

    def one_or_many(
        self, node: Node, path: str, choices: Sequence[str], what: str
    ) -> tuple[str, ...]:
        """``x`` or ``[x, y]``, each one of ``choices``."""
        items = list(node.value) if isinstance(node, SequenceNode) else [node]
        if not items:
            self.expected(node, path, f"{what}, or a list of them")
        paths = [
            f"{path}[{i}]" if isinstance(node, SequenceNode) else path for i in range(len(items))
        ]
        found = [self.enum(n, p, choices, what) for n, p in zip(items, paths, strict=True)]
        return tuple(v for v in found if v is not None)

    def text(self, node: Node, path: str) -> LocalText | None:
        """``{zh_CN: ..., en: ...}``, both non-empty."""
        fields = self.mapping(node, path, TEXT)
        if fields is None:
            return None
        zh = self.string(fields["zh_CN"], f"{path}.zh_CN") if "zh_CN" in fields else None
        en = self.string(fields["en"], f"{path}.en") if "en" in fields else None
        return LocalText(zh, en) if zh is not None and en is not None else None


def _list(names: Sequence[str]) -> str:
    return ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else names[0]
