"""What staff read out, copy or print about an incident: the fault report, in zh_CN and en.

report = build_fault_report(store.get_incident(n), provider=p, terminal=t,
                            recent_count=recent_incident_count(store, detail, now),
                            now=now, language="zh_CN")
report.text, report.html, report.title
"""

from posguide.reports.codes import ResponseCode, load_response_codes, lookup_code
from posguide.reports.fault import FaultReport, build_fault_report, recent_incident_count
from posguide.reports.strings import Language, Strings, check_strings, load_strings

__all__ = [
    "FaultReport",
    "Language",
    "ResponseCode",
    "Strings",
    "build_fault_report",
    "check_strings",
    "load_response_codes",
    "load_strings",
    "lookup_code",
    "recent_incident_count",
]
