"""Timestamps as we store them: local wall time with its UTC offset, plus epoch seconds to sort."""

from __future__ import annotations

from datetime import datetime


def now() -> datetime:
    """The current local time, aware (carries the UTC offset the shop's PC is on)."""
    return datetime.now().astimezone()


def iso(moment: datetime) -> str:
    """ISO 8601 with offset, to the second: ``2026-11-26T09:41:07+08:00``."""
    return moment.astimezone().isoformat(timespec="seconds")


def parse_iso(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.astimezone()
