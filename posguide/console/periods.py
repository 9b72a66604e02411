"""Named periods the console offers ("the last 30 days"), as the shop's local days."""

from __future__ import annotations

from datetime import date, timedelta

PERIODS = ("all", "today", "7d", "30d", "90d", "year", "custom")


def period_dates(name: str, today: date) -> tuple[date | None, date | None]:
    """(since, until), both included; (None, None) for "all" and for "custom" (the caller's)."""
    days = {"today": 1, "7d": 7, "30d": 30, "90d": 90}
    if name in days:
        return today - timedelta(days=days[name] - 1), today
    if name == "year":
        return today.replace(month=1, day=1), today
    return None, None
