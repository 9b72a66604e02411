"""Loading resources/training/scenarios.yaml, checked completely: every mistake is reported as
``file:line: path: what`` (the playbook's format), the path naming the scenario by its id:

    scenarios.yaml:88: scenarios.router_down.actions[1].effects[0].restart_routr: unknown key
    (did you mean "restart_router"?)

The YAML is read with the playbook's node reader, so lines and messages match docs/playbook.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from posguide.flow.errors import PlaybookError, Problem, did_you_mean
from posguide.flow.nodes import ID, Reader, compose
from posguide.resources import resource_path
from posguide.training.model import (
    CAUSE_NAMES,
    REQUIREMENTS,
    TRAINING_OUTCOMES,
    VERDICT_NAMES,
    Expected,
    Observation,
    Scenario,
    ScenarioCatalog,
    TrainingAction,
)
from posguide.training.schema import (
    ACTION,
    EXPECTED,
    FILE,
    RANDOM_CHOICE,
    SCENARIO,
    ScenarioError,
    read_effects,
    read_faults,
    read_observations,
)
from posguide.uplinks import ETHERNET, UPLINKS


def default_scenarios_path() -> Path:
    return resource_path("training", "scenarios.yaml")


def load_catalog(path: Path | None = None) -> ScenarioCatalog:
    """The scenarios file at ``path`` (None: the built-in one); ScenarioError when it is wrong."""
    path = path or default_scenarios_path()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        why = exc.reason if isinstance(exc, UnicodeDecodeError) else exc.strerror or str(exc)
        raise ScenarioError(path.name, [Problem(None, "", f"cannot be read: {why}")]) from exc
    return parse_catalog(text, path.name)


def load_scenarios(path: Path | None = None) -> list[Scenario]:
    return list(load_catalog(path).scenarios)


def parse_catalog(text: str, source: str = "scenarios.yaml") -> ScenarioCatalog:
    try:
        root = compose(text, source)
    except PlaybookError as exc:  # a YAML syntax error, already with its line
        raise ScenarioError(source, exc.problems) from exc
    r = Reader(source)
    catalog = _catalog(r, root) if root is not None else None
    if r.problems or catalog is None:
        raise ScenarioError(source, r.problems or [Problem(None, "", "the file is empty")])
    return catalog


def _catalog(r: Reader, root: Node) -> ScenarioCatalog | None:
    fields = r.mapping(root, "", FILE)
    if fields is None or any(k not in fields for k in FILE.required):
        return None
    if r.scalar(fields["version"]) != 1:
        r.expected(fields["version"], "version", "1")
    choice = r.mapping(fields["random"], "random", RANDOM_CHOICE) or {}
    title = r.text(choice["title"], "random.title") if "title" in choice else None
    briefing = r.text(choice["briefing"], "random.briefing") if "briefing" in choice else None
    catalog: dict[str, TrainingAction] = {}
    broken: set[str] = set()  # catalog actions with a mistake: scenarios naming them say nothing
    for i, node in enumerate(r.sequence(fields["actions"], "actions", "actions")):
        action = _action(r, node, f"actions[{i}]", None)
        if action is not None and _unique(r, node, f"actions[{i}]", action.id, catalog):
            catalog[action.id] = action
        elif action is None and (peeked := _peek_id(node)) is not None:
            broken.add(peeked)
    scenarios: dict[str, Scenario] = {}
    nodes = r.sequence(fields["scenarios"], "scenarios", "scenarios")
    for i, node in enumerate(nodes):
        scenario_id = _peek_id(node)
        path = f"scenarios.{scenario_id}" if scenario_id else f"scenarios[{i}]"
        scenario = _scenario(r, node, path, catalog, broken)
        if scenario is not None and _unique(r, node, f"{path}.id", scenario.id, scenarios):
            scenarios[scenario.id] = scenario
    if not nodes:
        r.error(fields["scenarios"], "scenarios", "expected at least one scenario")
    if title is None or briefing is None:
        return None
    return ScenarioCatalog(tuple(scenarios.values()), title, briefing)


def _unique(r: Reader, node: Node, path: str, key: str, seen: dict[str, Any]) -> bool:
    if key in seen:
        r.error(node, path, f'"{key}" is used twice')
        return False
    return True


def _reference(node: Node) -> str | None:
    """The catalog action a scenario's entry names (an id, or a mapping's id)."""
    return str(node.value) if isinstance(node, ScalarNode) else _peek_id(node)


def _peek_id(node: Node) -> str | None:
    """A mapping's id before it is read: every message about a scenario can name it."""
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == "id" and isinstance(value, ScalarNode):
                return str(value.value) if ID.match(str(value.value)) else None
    return None


def _scenario(
    r: Reader, node: Node, path: str, catalog: dict[str, TrainingAction], broken: set[str]
) -> Scenario | None:
    f = r.mapping(node, path, SCENARIO)
    if f is None or any(k not in f for k in SCENARIO.required):
        return None
    scenario_id = r.ident(f["id"], f"{path}.id")
    title, briefing = r.text(f["title"], f"{path}.title"), r.text(f["briefing"], f"{path}.briefing")
    faults = read_faults(r, f["faults"], f"{path}.faults") if "faults" in f else ()
    minutes: Any = 10
    if "escalation_minutes" in f:
        minutes = r.scalar(f["escalation_minutes"])
        if isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= 120:
            r.expected(f["escalation_minutes"], f"{path}.escalation_minutes", "minutes, 1 to 120")
            minutes = None
    uplink = (
        r.enum(f["uplink"], f"{path}.uplink", UPLINKS, "an uplink") if "uplink" in f else ETHERNET
    )
    actions: dict[str, TrainingAction] = {}
    before, complete = len(r.problems), True
    for i, item in enumerate(r.sequence(f["actions"], f"{path}.actions", "actions")):
        if _reference(item) in broken:  # its mistake is reported where the catalog has it
            complete = False
            continue
        action = _action(r, item, f"{path}.actions[{i}]", catalog)
        if action is not None and _unique(r, item, f"{path}.actions[{i}]", action.id, actions):
            actions[action.id] = action
    # fixed_by is checked once the actions are right, as the playbook checks its references.
    known = list(actions) if len(r.problems) == before and complete else None
    expected = _expected(r, f["expected"], f"{path}.expected", known)
    parts = (scenario_id, title, briefing, faults, expected, minutes, uplink)
    if any(p is None for p in parts) or scenario_id is None or title is None or briefing is None:
        return None
    assert faults is not None and expected is not None
    assert uplink is not None
    return Scenario(
        scenario_id, title, briefing, faults, tuple(actions.values()), expected, minutes, uplink
    )


def _action(
    r: Reader, node: Node, path: str, catalog: dict[str, TrainingAction] | None
) -> TrainingAction | None:
    """A catalog entry (``catalog`` None), or a scenario's: an id from the catalog, or a
    mapping that changes a catalog action or (with a label) adds one of its own."""
    if catalog is not None and isinstance(node, ScalarNode):
        action_id = r.ident(node, path, "an action id")
        if action_id is not None and action_id not in catalog:
            hint = did_you_mean(action_id, catalog)
            r.error(node, path, f'unknown action "{action_id}"{hint}')
            return None
        return catalog[action_id] if action_id is not None else None
    f = r.mapping(node, path, ACTION)
    if f is None or "id" not in f:
        return None
    action_id = r.ident(f["id"], f"{path}.id")
    if action_id is None:
        return None
    base = (catalog or {}).get(action_id)
    if base is None and "label" not in f:
        hint = did_you_mean(action_id, catalog or {})
        new = "; a new action needs a label" if catalog is not None else ""
        r.error(node, path, f'missing required key "label"{hint or new}')
        return None
    label = r.text(f["label"], f"{path}.label") if "label" in f else (base.label if base else None)
    effects = read_effects(r, f["effects"], f"{path}.effects") if "effects" in f else None
    seen = _observations(r, f.get("observation"), f"{path}.observation", base)
    requires = None
    if "requires" in f:
        requires = r.enum(f["requires"], f"{path}.requires", REQUIREMENTS, "a requirement")
    if label is None or ("effects" in f and effects is None) or seen is None:
        return None
    action = TrainingAction(
        action_id,
        label,
        effects if effects is not None else (base.effects if base else ()),
        seen,
        requires or (base.requires if base else None),
    )
    if action.settle_s > 0 and not any(o.when for o in action.observations):
        # Read at once and again once the effects are over: a single text would tell the
        # end (signed in, reconnected) while the terminal is still dark.
        r.error(
            f.get("observation", node),
            f"{path}.observation" if "observation" in f else path,
            f"its effects take {action.settle_s:g} s, so what is seen must depend on the "
            'shop\'s state: a list of observations with "when"',
        )
        return None
    return action


def _observations(
    r: Reader, node: Node | None, path: str, base: TrainingAction | None
) -> tuple[Observation, ...] | None:
    """A scenario's list is tried before the catalog action's (which end with a fallback);
    a text replaces them. A catalog action's or a new action's list needs its own fallback."""
    inherited = base.observations if base else ()
    if node is None:
        return inherited
    found = read_observations(r, node, path, fallback=base is None)
    if found is None:
        return None
    return (*found, *inherited) if isinstance(node, SequenceNode) else found


def _expected(r: Reader, node: Node, path: str, actions: list[str] | None) -> Expected | None:
    f = r.mapping(node, path, EXPECTED)
    if f is None or any(k not in f for k in EXPECTED.required):
        return None
    outcome = r.enum(f["outcome"], f"{path}.outcome", TRAINING_OUTCOMES, "an outcome")
    cause = r.enum(f["cause"], f"{path}.cause", CAUSE_NAMES, "a cause")
    verdict = r.enum(f["verdict"], f"{path}.verdict", VERDICT_NAMES, "a verdict")
    debrief = r.text(f["debrief"], f"{path}.debrief")
    fixed_by = None
    if "fixed_by" in f:
        if actions is None:
            fixed_by = r.ident(f["fixed_by"], f"{path}.fixed_by", "an action id")
        else:
            fixed_by = r.enum(f["fixed_by"], f"{path}.fixed_by", actions, "an action of it")
    if outcome is None or cause is None or verdict is None or debrief is None:
        return None
    return Expected(outcome, cause, verdict, fixed_by, debrief)
