"""The troubleshooting flow: playbooks (YAML, checked line by line) and the session state machine
the wizard drives through one. Qt-free; docs/playbook.md describes the file format.

    book = load_playbook()                         # the built-in default; PlaybookError if bad
    session = FlowSession(book, FlowContext(terminals=("till1",), pc_reader=True))
    session.answer("shows", "maintenance")
    session.set_probe_results("symptom", results)
    transition = session.next_step()               # Transition(step=...) or a finish
"""

from posguide.flow.context import FlowContext, Transition, Visit
from posguide.flow.errors import (
    AnswerError,
    FlowError,
    IncompleteStepError,
    PlaybookError,
    Problem,
)
from posguide.flow.loader import (
    ActivePlaybook,
    builtin_pictures_dir,
    default_playbook_path,
    load_active,
    load_playbook,
    parse_playbook,
)
from posguide.flow.model import CAUSES, KNOWN_PROBES, OUTCOMES, LocalText, Playbook, Question, Step
from posguide.flow.session import FlowSession

__all__ = [
    "CAUSES",
    "KNOWN_PROBES",
    "OUTCOMES",
    "ActivePlaybook",
    "AnswerError",
    "FlowContext",
    "FlowError",
    "FlowSession",
    "IncompleteStepError",
    "LocalText",
    "Playbook",
    "PlaybookError",
    "Problem",
    "Question",
    "Step",
    "Transition",
    "Visit",
    "builtin_pictures_dir",
    "default_playbook_path",
    "load_active",
    "load_playbook",
    "parse_playbook",
]
