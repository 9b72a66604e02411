"""One incident's story in time order, for the manager: the start, each step as the cashier saw
it (answers, notes, every check with its measurements a click away), the alarm, each alert
attempt, "called", corrections, the end.

It reads the record with the fault report's own helpers (posguide.reports.facts), so the screen
and the report never tell different stories."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from posguide.flow.model import Playbook
from posguide.gui.i18n import translate
from posguide.probe_records import from_record
from posguide.probes.labels import detail_lines
from posguide.reports import facts
from posguide.reports.strings import Strings
from posguide.store.models import EscalationEvent, IncidentDetail
from posguide.timeutil import now, parse_iso


def field_name(field: str) -> str:
    """An amendable field's name in the UI's language."""
    names = {
        "terminal": QCoreApplication.translate("Timeline", "Terminal"),
        "reported_by": QCoreApplication.translate("Timeline", "Staff"),
        "symptom": QCoreApplication.translate("Timeline", "Symptom"),
        "error_code": QCoreApplication.translate("Timeline", "Response code"),
        "outcome": QCoreApplication.translate("Timeline", "Outcome"),
        "cause": QCoreApplication.translate("Timeline", "Cause"),
        "notes": QCoreApplication.translate("Timeline", "Notes"),
    }
    return names.get(field, field)


def value_text(field: str, value: str | None, s: Strings) -> str:
    """A field's value as read: outcomes and causes in words."""
    if field in ("outcome", "cause") and value:
        return s.label(field, value)
    return facts.clean(value or "")


class Timeline(QTreeWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(2)
        self.setHeaderHidden(True)
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.setColumnWidth(0, 60)

    def show_detail(self, detail: IncidentDetail, s: Strings, playbook: Playbook | None) -> None:
        moment = now()
        events: list[tuple[str, QTreeWidgetItem]] = []

        def add(at: str, what: str) -> QTreeWidgetItem:
            item = QTreeWidgetItem([facts.local_time(at, moment)[-5:], what])
            item.setToolTip(1, what)
            events.append((at, item))
            return item

        inc, recorded = detail.incident, detail.recorded
        staff, symptom = recorded.reported_by or "?", facts.clean(recorded.symptom) or "—"
        add(inc.started_at, self.tr("Started by {staff}: {symptom}").format(
            staff=staff, symptom=symptom))  # fmt: skip
        stated = {"staff": inc.reported_by, "terminal": inc.terminal}
        for step in detail.steps:
            item = add(step.started_at, facts.step_title(step, s, playbook))  # with its status
            lines = facts.answer_lines(step.answers, s, playbook, stated=stated)
            if step.notes:
                lines.append(s.text("report", "notes") + s.text("report", "colon")
                             + facts.clean(step.notes))  # fmt: skip
            item.addChildren([QTreeWidgetItem(["", line]) for line in lines])
            for probe in facts.ordered_probes(step, playbook):
                line = facts.probe_line(probe, s, translate)
                child = QTreeWidgetItem([facts.local_time(probe.started_at, moment)[-5:], line])
                child.setToolTip(1, line)
                extras = detail_lines(from_record(probe), translate)
                child.addChildren([QTreeWidgetItem(["", facts.clean(x)]) for x in extras])
                item.addChild(child)
        for event in detail.escalations:
            add(event.at, self._escalation(event))
        for fix in detail.amendments:
            add(fix.at, self.tr("Corrected by {author}: {field} “{old}” → “{new}”{reason}").format(
                author=fix.author, field=field_name(fix.field),
                old=value_text(fix.field, fix.old_value, s),
                new=value_text(fix.field, fix.new_value, s),
                reason=f" ({facts.clean(fix.reason)})" if fix.reason else ""))  # fmt: skip
        if recorded.ended_at:
            ending = s.label("outcome", recorded.outcome or "")
            if recorded.cause:
                ending += f" — {s.label('cause', recorded.cause)}"
            add(recorded.ended_at, self.tr("Ended: {ending}").format(ending=ending))
        events.sort(key=lambda e: parse_iso(e[0]).timestamp())
        self.clear()
        self.addTopLevelItems([item for _, item in events])
        for _, item in events:
            item.setExpanded(True)  # steps open; a probe's own detail stays a click away
        self.resizeColumnToContents(0)

    def _escalation(self, event: EscalationEvent) -> str:
        if event.kind == "alarm":
            return self.tr("The escalation alarm went off")
        if event.kind == "called":
            return self.tr("The cashier said the provider has been called")
        if event.kind in ("alert", "test"):
            if event.ok:
                return self.tr("Alert delivered to {channel} (attempt {n})").format(
                    channel=event.channel, n=event.attempt)  # fmt: skip
            failed = self.tr("Alert to {channel} failed (attempt {n}): {detail}")
            detail = facts.clean(event.detail)
            return failed.format(channel=event.channel, n=event.attempt, detail=detail)
        return f"{event.kind} {event.channel} {facts.clean(event.detail)}".strip()
