"""Training mode without Qt: scenarios (resources/training/scenarios.yaml) and the session that
runs one against a simulated shop. The wizard drives it; docs/training.md describes both.

    catalog = load_catalog()
    async with TrainingSession(catalog.pick(RANDOM), workdir) as session:
        ...  # session.config_path, session.probe_settings(), await session.perform(...)
"""

from posguide.training.loader import (
    default_scenarios_path,
    load_catalog,
    load_scenarios,
    parse_catalog,
)
from posguide.training.model import (
    FACTS,
    RANDOM,
    Effect,
    Expected,
    MenuEntry,
    Observation,
    Pick,
    Scenario,
    ScenarioCatalog,
    TrainingAction,
    choose_scenario,
)
from posguide.training.run import ActionRun
from posguide.training.schema import ScenarioError
from posguide.training.session import TrainingSession, UnknownAction

__all__ = [
    "FACTS",
    "RANDOM",
    "ActionRun",
    "Effect",
    "Expected",
    "MenuEntry",
    "Observation",
    "Pick",
    "Scenario",
    "ScenarioCatalog",
    "ScenarioError",
    "TrainingAction",
    "TrainingSession",
    "UnknownAction",
    "choose_scenario",
    "default_scenarios_path",
    "load_catalog",
    "load_scenarios",
    "parse_catalog",
]
