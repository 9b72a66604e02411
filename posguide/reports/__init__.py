"""What staff read out, copy or print about an incident: the fault report, in zh_CN and en.

report = build_fault_report(store.get_incident(n), provider=p, terminal=t,
                            recent=recent_incident_counts(store, detail, now),  # {30: n, 90: m}
                            now=now, language="zh_CN", shop=config.shop.name)
report.text, report.html, report.title, report.message
"""

from posguide.reports.codes import ResponseCode, load_response_codes, lookup_code
from posguide.reports.fault import (
    FaultReport,
    build_fault_report,
    recent_incident_count,
    recent_incident_counts,
)
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
    "recent_incident_counts",
]
