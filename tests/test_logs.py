"""The log file a manager sends to support never carries a card number or a webhook key."""

from __future__ import annotations

import logging
from pathlib import Path

from posguide.logs import setup_logging


def test_log_file_masks_card_numbers_and_secrets(tmp_path: Path) -> None:
    key = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"
    path = setup_logging(tmp_path / "logs", secrets=[key])
    log = logging.getLogger("posguide.alerts")
    log.info("sending to https://qyapi.example/send?key=%s", key)
    log.warning("customer card %s declined", "4111 1111 1111 1111")
    try:
        raise ValueError("bad card 4111111111111111")
    except ValueError:
        log.exception("probe crashed")
    for handler in logging.getLogger("posguide").handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    for handler in list(logging.getLogger("posguide").handlers):
        logging.getLogger("posguide").removeHandler(handler)
        handler.close()
    assert "posguide.alerts" in text  # loggers are named by subsystem
    assert key not in text and "key=***" in text
    assert "4111 1111 1111 1111" not in text and "1111" in text
    assert "4111111111111111" not in text
    assert "ValueError" in text  # the traceback itself is kept
