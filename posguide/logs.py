"""Logging: one rotating file the manager can send, loggers named by subsystem
(``posguide.store``, ``posguide.probes.network``, ...), card numbers and secrets never written."""

from __future__ import annotations

import logging
import logging.handlers
from collections.abc import Iterable
from pathlib import Path

from posguide.privacy import MaskingFormatter

LOG_FILE = "posguide.log"
FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


class RedactingFormatter(MaskingFormatter):
    """Masks card numbers (see MaskingFormatter) and the config's secrets in the whole text."""

    def __init__(self, fmt: str = FORMAT, secrets: Iterable[str] = ()) -> None:
        super().__init__(fmt)
        # Longest first, so a secret that contains another is removed whole.
        self.secrets = sorted({s for s in secrets if len(s) >= 4}, key=len, reverse=True)

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        for secret in self.secrets:
            text = text.replace(secret, "***")
        return text


def setup_logging(
    folder: Path,
    *,
    level: str = "INFO",
    max_kb: int = 1024,
    keep: int = 5,
    secrets: Iterable[str] = (),
) -> Path:
    """Send every ``posguide.*`` logger to a rotating file in ``folder``; returns its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_FILE
    root = logging.getLogger("posguide")
    for old in [h for h in root.handlers if getattr(h, "posguide_file", False)]:
        root.removeHandler(old)
        old.close()
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=max_kb * 1024, backupCount=keep, encoding="utf-8", delay=True
    )
    handler.setFormatter(RedactingFormatter(secrets=secrets))
    handler.posguide_file = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    return path
