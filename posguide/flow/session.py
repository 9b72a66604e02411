"""FlowSession: the state machine the wizard drives through a playbook. Qt-free and without I/O:
the wizard runs the probes, shows the screens and records to the store; the session only decides.

Semantics (docs/playbook.md has the long form):
- The *path* is the steps from the first to the current one. Only steps on the path count as
  evidence: their answers (not for a skipped step) and their probe results.
- ``next_step`` needs every shown required question answered, then applies the first rule
  whose condition holds.
- ``back`` returns to the previous step of the path; nothing is forgotten, answers and probe
  results stay stored and count again when the step is back on the path.
- ``skip`` records the step as skipped and applies its last (unconditional) rule without
  looking at the answers, and without its banner: a banner states a conclusion, and a skipped
  step established nothing. A step marked ``skippable: false`` cannot be skipped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from posguide.flow import rules
from posguide.flow.answers import answer_problem, is_empty, normalise
from posguide.flow.context import FlowContext, SessionState, Transition, Visit
from posguide.flow.errors import AnswerError, FlowError, IncompleteStepError
from posguide.flow.model import LocalText, Playbook, Question, Rule, Step
from posguide.probes.base import ProbeResult
from posguide.probes.verdict import verdict_name

if TYPE_CHECKING:
    from posguide.flow.state import RecordedStep


class FlowSession:
    def __init__(
        self, playbook: Playbook, context: FlowContext | Mapping[str, Any] | None = None
    ) -> None:
        self.playbook = playbook
        if not isinstance(context, FlowContext):
            context = FlowContext.from_mapping(context or {})
        self.context = context
        self._s = SessionState(path=[Visit(playbook.first.id)])

    # --- where we are --------------------------------------------------------------------------

    @property
    def current(self) -> Step:
        """The step on screen (after finishing: the step that finished)."""
        return self.playbook.step(self._s.path[-1].step_id)

    @property
    def path(self) -> tuple[Visit, ...]:
        return tuple(Visit(v.step_id, v.status, v.banner) for v in self._s.path)

    @property
    def finished(self) -> Transition | None:
        return self._s.finished

    @property
    def banner(self) -> LocalText | None:
        """The banner for the current step, set by the rule that led here."""
        return self._s.path[-1].banner

    def probes_to_run(self, step: Step | None = None) -> tuple[str, ...]:
        """Probe ids to run on entering ``step``, in order, leaving out those whose ``requires``
        the context lacks. With ``reboot_watch`` the wizard runs "terminal.reboot" first."""
        step = step or self.current
        flags = self.context.flags
        return tuple(p.id for p in step.probes if p.requires is None or p.requires in flags)

    # --- questions -----------------------------------------------------------------------------

    def visible_questions(self, step: Step | None = None) -> list[Question]:
        return [q for q in (step or self.current).questions if self._visible(q)]

    def missing_required(self, step: Step | None = None) -> list[Question]:
        step = step or self.current
        stored = self._s.answers.get(step.id, {})
        return [
            q
            for q in self.visible_questions(step)
            if q.required and is_empty(stored.get(q.id, self._preset(q)))
        ]

    def answer(self, question_id: str, value: Any) -> None:
        """Record an answer to a question of the current step; None removes it (the preset, if
        any, applies again). Raises AnswerError for a value the question cannot take."""
        self._require_open()
        question = self.current.question(question_id)
        if question is None:
            raise AnswerError(f"step {self.current.id!r} has no question {question_id!r}")
        stored = self._s.answers.setdefault(self.current.id, {})
        if value is None:
            stored.pop(question_id, None)
            return
        problem = answer_problem(question, value, self.context.terminals)
        if problem:
            raise AnswerError(f"{question_id}: {problem}, got {value!r}")
        stored[question_id] = normalise(question, value)

    def displayed(self, step: Step | None = None) -> dict[str, Any]:
        """What a step's page shows: each question's answer, or its preset where unanswered."""
        step = step or self.current
        stored = self._s.answers.get(step.id, {})
        shown = {q.id: stored.get(q.id, self._preset(q)) for q in step.questions}
        return {k: v for k, v in shown.items() if not is_empty(v)}

    def answers(self, step_id: str | None = None) -> dict[str, Any]:
        """The answers stored for a step (default: the current one), as JSON-ready values."""
        return dict(self._s.answers.get(step_id or self.current.id, {}))

    def value(self, question_id: str) -> Any:
        """What rules see: the answer or preset of a shown question of a (not skipped) step on
        the path; otherwise None."""
        found = self.playbook.questions.get(question_id)
        if found is None:
            return None
        step, question = found
        if not any(v.step_id == step.id and v.status != "skipped" for v in self._s.path):
            return None
        if not self._visible(question):
            return None
        value = self._s.answers.get(step.id, {}).get(question_id, self._preset(question))
        return None if is_empty(value) else value

    # --- probe results -------------------------------------------------------------------------

    def set_probe_results(self, step_id: str, results: Iterable[ProbeResult]) -> None:
        """Results of probes run for ``step_id``; a probe's newer result replaces its older one."""
        self.playbook.step(step_id)  # KeyError for an unknown step
        stored = self._s.probes.setdefault(step_id, {})
        seen = self._s.seen.setdefault(step_id, set())
        for result in results:
            stored[result.probe_id] = result
            seen.add((result.probe_id, result.status.value))

    def probe_results(self, step_id: str | None = None) -> list[ProbeResult]:
        return list(self._s.probes.get(step_id or self.current.id, {}).values())

    def result(self, probe_id: str) -> ProbeResult | None:
        return self._path_results().get(probe_id)

    def ever(self, probe_id: str, statuses: Iterable[str]) -> bool:
        wanted = {(probe_id, status) for status in statuses}
        return any(wanted & self._s.seen.get(v.step_id, set()) for v in self._s.path)

    @property
    def verdict(self) -> str:
        return verdict_name(self._path_results().values())

    @property
    def flags(self) -> frozenset[str]:
        return self.context.flags

    @property
    def uplink(self) -> str:
        """How the terminal the incident is about goes online: the one answered to the
        playbook's terminal question, else the default."""
        asked = (q.id for _, q in self.playbook.questions.values() if q.kind == "terminal")
        return self.context.uplink_of(next((v for v in map(self.value, asked) if v), None))

    # --- moving --------------------------------------------------------------------------------

    def peek(self) -> Transition:
        """Where ``next_step`` would go with the answers as they are now; changes nothing."""
        return self._transition(rules.first_rule(self.current.next, self), skipped=False)

    def next_step(self) -> Transition:
        self._require_open()
        missing = self.missing_required()
        if missing:
            raise IncompleteStepError(self.current.id, [q.id for q in missing])
        transition = self.peek()
        self._s.path[-1].status = "done"
        return self._apply(transition)

    def skip(self) -> Transition:
        """Leave the step unanswered: record it as skipped and apply its first rule that holds
        without its answers (one on the answers holds no more; the last rule always does)."""
        self._require_open()
        step = self.current
        if not step.skippable:
            raise FlowError(f"step {step.id!r} cannot be skipped")
        self._s.path[-1].status = "skipped"  # first: its answers no longer count
        return self._apply(self._transition(rules.first_rule(step.next, self), skipped=True))

    def back(self) -> Step:
        """Return to the previous step (after finishing: reopen the last step). Answers stay."""
        if self._s.finished is not None:
            self._s.finished = None
        elif len(self._s.path) == 1:
            raise FlowError("already at the first step")
        else:
            self._s.path.pop()
        self._s.path[-1].status = "current"
        return self.current

    # --- resuming (posguide.flow.state does the work) -----------------------------------------

    @classmethod
    def resume(
        cls,
        playbook: Playbook,
        steps: Iterable[RecordedStep],
        context: FlowContext | Mapping[str, Any] | None = None,
    ) -> FlowSession:
        """A crashed session rebuilt from the store's step rows (see ``state.resume``)."""
        from posguide.flow.state import resume

        return resume(playbook, steps, context)

    # --- inside --------------------------------------------------------------------------------

    def _require_open(self) -> None:
        if self._s.finished is not None:
            raise FlowError("the session has finished; go back() to change it")

    def _visible(self, question: Question) -> bool:
        if question.kind == "terminal" and not self.context.terminals:
            return False  # nothing to choose from
        return rules.holds(question.show_when, self)

    def _preset(self, question: Question) -> Any:
        if question.preset is None and question.kind == "terminal" and self.context.terminals:
            return self.context.terminals[0]
        if question.preset is None and question.kind == "staff" and self.context.staff:
            return self.context.staff
        return question.preset

    def _path_results(self) -> dict[str, ProbeResult]:
        merged: dict[str, ProbeResult] = {}
        for visit in self._s.path:  # later steps' results win
            merged.update(self._s.probes.get(visit.step_id, {}))
        return merged

    def _transition(self, rule: Rule, *, skipped: bool) -> Transition:
        banner = rules.render_banner(rule.banner, self) if rule.banner and not skipped else None
        if rule.goto is not None:
            return Transition(step=rule.goto, banner=banner, skipped=skipped)
        cause = rules.cause_of(rule.cause, self.playbook.evidence, self)
        return Transition(outcome=rule.finish, cause=cause, banner=banner, skipped=skipped)

    def _apply(self, transition: Transition) -> Transition:
        if transition.step is not None:
            self._s.path.append(Visit(transition.step, "current", transition.banner))
        else:
            self._s.finished = transition
        return transition
