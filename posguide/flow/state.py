"""A session as JSON-ready data, and a session rebuilt from what the incident store recorded.

``to_dict``/``from_dict`` keep everything (banners, probe results) and are strict: the data was
written by this code. ``resume`` reads the store's step rows and is lenient with answers a
changed playbook no longer has, because a crashed session should come back if at all possible.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol, cast

from posguide.flow import rules
from posguide.flow.answers import answer_problem, normalise
from posguide.flow.context import (
    FlowContext,
    SessionState,
    Transition,
    Visit,
    VisitStatus,
)
from posguide.flow.model import LocalText, Playbook
from posguide.flow.session import FlowSession
from posguide.probes.base import Measurement, ProbeResult, Status
from posguide.timeutil import now, parse_iso

log = logging.getLogger("posguide.flow")
FORMAT = 1
STATUSES: tuple[VisitStatus, ...] = ("current", "done", "skipped")


def dump(state: SessionState) -> dict[str, Any]:
    done = state.finished
    return {
        "format": FORMAT,
        "path": [
            {"step": v.step_id, "status": v.status, "banner": _text_out(v.banner)}
            for v in state.path
        ],
        "answers": {k: dict(v) for k, v in state.answers.items() if v},
        "probes": {k: [r.to_json() for r in v.values()] for k, v in state.probes.items() if v},
        "finished": None
        if done is None
        else {
            "outcome": done.outcome,
            "cause": done.cause,
            "banner": _text_out(done.banner),
            "skipped": done.skipped,
        },
    }


def load(session: FlowSession, data: Mapping[str, Any]) -> SessionState:
    book = session.playbook
    try:
        if data.get("format") != FORMAT:
            raise ValueError(f"unknown session format {data.get('format')!r}")
        path = [_visit(book, v) for v in data["path"]]
        if not path or path[0].step_id != book.first.id:
            raise ValueError("the path must start at the first step")
        done = data.get("finished")
        finished = None
        if done is not None:
            finished = Transition(
                outcome=str(done["outcome"]),
                cause=str(done["cause"]),
                banner=_text_in(done.get("banner")),
                skipped=bool(done.get("skipped", False)),
            )
        state = SessionState(path=path, finished=finished)
        for step_id, answers in dict(data.get("answers", {})).items():
            for question_id, value in dict(answers).items():
                problem = _answer_problem(session, step_id, question_id, value)
                if problem:
                    raise ValueError(f"{step_id}.{question_id}: {problem}")
                state.answers.setdefault(step_id, {})[question_id] = value
        for step_id, results in dict(data.get("probes", {})).items():
            book.step(step_id)
            state.probes[step_id] = {r.probe_id: r for r in map(result_from_json, results)}
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"not a saved session for this playbook: {exc!r}") from exc
    return state


def _visit(book: Playbook, data: Mapping[str, Any]) -> Visit:
    step_id, status = str(data["step"]), data["status"]
    if not book.has_step(step_id) or status not in STATUSES:
        raise ValueError(f"bad path entry {dict(data)!r}")
    return Visit(step_id, cast(VisitStatus, status), _text_in(data.get("banner")))


def _answer_problem(session: FlowSession, step_id: str, question_id: str, value: Any) -> str | None:
    question = session.playbook.step(step_id).question(question_id)
    if question is None:
        return "no such question"
    return answer_problem(question, value, session.context.terminals)


def _text_out(text: LocalText | None) -> dict[str, str] | None:
    return text.to_dict() if text else None


def _text_in(data: Any) -> LocalText | None:
    return LocalText(str(data["zh_CN"]), str(data["en"])) if data else None


def result_from_json(data: Mapping[str, Any], *, lenient: bool = False) -> ProbeResult:
    """Inverse of ``ProbeResult.to_json`` (the store's probe records have the same fields).
    ``lenient``: a start time that cannot be read becomes now (the result still counts)."""
    try:
        started = parse_iso(str(data["started_at"]))
    except ValueError:
        if not lenient:
            raise
        started = now()
    measurements = {
        str(k): Measurement(float(m["value"]), str(m["unit"]))
        for k, m in dict(data.get("measurements") or {}).items()
        if isinstance(m, Mapping)
    }
    return ProbeResult(
        probe_id=str(data.get("id") or data["probe_id"]),
        status=Status(data["status"]),
        summary=str(data.get("summary", "")),
        measurements=measurements,
        detail=dict(data.get("detail") or {}),
        started_at=started,
        duration_ms=float(data.get("duration_ms", 0.0)),
    )


# --- resuming from the incident store ---------------------------------------------------------


# Read-only properties, so the store's frozen dataclasses (models.Step, ProbeRecord) fit.
class RecordedProbe(Protocol):
    @property
    def probe_id(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def summary(self) -> str: ...
    @property
    def started_at(self) -> str: ...
    @property
    def duration_ms(self) -> float: ...
    @property
    def measurements(self) -> dict[str, Any]: ...
    @property
    def detail(self) -> dict[str, Any]: ...


PROBE_FIELDS = (
    "probe_id",
    "status",
    "summary",
    "started_at",
    "duration_ms",
    "measurements",
    "detail",
)


class RecordedStep(Protocol):
    """A step row as ``posguide.store`` returns it (``models.Step``)."""

    @property
    def step_key(self) -> str: ...
    @property
    def status(self) -> str: ...  # running, done, skipped, failed, interrupted
    @property
    def answers(self) -> dict[str, Any]: ...
    @property
    def probes(self) -> Sequence[RecordedProbe]: ...


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
                fields = {name: getattr(record, name) for name in PROBE_FIELDS}
                result = result_from_json(fields, lenient=True)
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
