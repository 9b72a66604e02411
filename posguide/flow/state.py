"""A session rebuilt from what the incident store recorded.

``resume`` reads the store's step rows and is lenient with answers a changed playbook no longer
has, because a crashed session should come back if at all possible.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

from posguide.flow import rules
from posguide.flow.answers import answer_problem, normalise
from posguide.flow.context import FlowContext, Visit
from posguide.flow.model import Playbook
from posguide.flow.session import FlowSession
from posguide.probe_records import from_record
from posguide.store.models import ProbeRecord

log = logging.getLogger("posguide.flow")


def _answer_problem(session: FlowSession, step_id: str, question_id: str, value: Any) -> str | None:
    question = session.playbook.step(step_id).question(question_id)
    if question is None:
        return "no such question"
    return answer_problem(question, value, session.context.terminals)


class RecordedStep(Protocol):
    """A step row as ``posguide.store`` returns it (``models.Step``)."""

    @property
    def step_key(self) -> str: ...
    @property
    def status(self) -> str: ...  # running, done, skipped, failed, interrupted
    @property
    def answers(self) -> dict[str, Any]: ...
    @property
    def probes(self) -> Sequence[ProbeRecord]: ...


def resume(
    playbook: Playbook,
    steps: Iterable[RecordedStep],
    context: FlowContext | Mapping[str, Any] | None = None,
) -> FlowSession:
    """Rebuild a session from recorded steps, in recording order. A step recorded again after
    later steps means the wizard went back to it. The last step recorded becomes the current
    one, shown again with its answers. Answers the playbook no longer has are dropped (logged);
    a recorded step the playbook does not have raises ValueError."""
    session = FlowSession(playbook, context)
    state = session._s
    state.path.clear()
    for row in steps:
        if not playbook.has_step(row.step_key):
            raise ValueError(f"recorded step {row.step_key!r} is not in this playbook")
        ids = [v.step_id for v in state.path]
        if row.step_key in ids:
            del state.path[ids.index(row.step_key) :]
        state.path.append(Visit(row.step_key, "skipped" if row.status == "skipped" else "done"))
        for question_id, value in (row.answers or {}).items():
            problem = _answer_problem(session, row.step_key, question_id, value)
            if problem:
                log.warning("resume: dropped %s.%s (%s)", row.step_key, question_id, problem)
                continue
            question = playbook.step(row.step_key).question(question_id)
            assert question is not None  # _answer_problem said so
            state.answers.setdefault(row.step_key, {})[question_id] = normalise(question, value)
        for record in row.probes:
            try:
                result = from_record(record)
            except (KeyError, TypeError, ValueError) as exc:
                log.warning("resume: dropped a %s result (%r)", record.probe_id, exc)
                continue
            state.probes.setdefault(row.step_key, {})[result.probe_id] = result
            state.seen.setdefault(row.step_key, set()).add((result.probe_id, result.status.value))
    if not state.path or state.path[0].step_id != playbook.first.id:
        raise ValueError(f"the recorded steps do not start at {playbook.first.id!r}")
    state.path[-1].status = "current"
    _restore_banners(session)
    return session


def _restore_banners(session: FlowSession) -> None:
    """Banners are not recorded: recompute the ones the rules would show on each arrival (so
    "do not restart the terminal" comes back with a resumed session)."""
    path = session._s.path
    for previous, visit in itertools.pairwise(path):
        if previous.status == "skipped":
            continue  # a skip shows no banner (FlowSession.skip)
        rule = rules.first_rule(session.playbook.step(previous.step_id).next, session)
        if rule.goto == visit.step_id and rule.banner:
            visit.banner = rules.render_banner(rule.banner, session)
