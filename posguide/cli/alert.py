"""``posguide alert test [--channel NAME]``: send a test message to the configured alert channels
(WeCom, DingTalk, Feishu, webhook), so a manager knows the escalation will reach the group."""

from __future__ import annotations

import argparse
import asyncio
from typing import Any

from posguide.cli.context import CliError, CliFailure, load_context


def add_alert_commands(sub: Any) -> None:
    alert = sub.add_parser("alert", help="check the alert channels")
    actions = alert.add_subparsers(dest="alert_command", metavar="ACTION", required=True)
    test = actions.add_parser("test", help="send a test message to each configured channel")
    test.add_argument("--channel", help="only the channel with this name (or kind)")
    test.set_defaults(handler=run_test)


def run_test(args: argparse.Namespace) -> int:
    from posguide.alerts import AlertSender
    from posguide.alerts.sender import channel_label
    from posguide.reports.strings import Language

    ctx = load_context(args)
    channels = [c for c in ctx.config.alerts if c.enabled]
    if args.channel:
        channels = [c for c in channels if args.channel in (c.name, c.kind)]
    if not channels:
        named = f" named {args.channel!r}" if args.channel else ""
        raise CliError(f"no enabled [[alerts]] channel{named} to test")
    language: Language = "en" if ctx.config.shop.language == "en" else "zh_CN"

    async def send() -> list[Any]:
        with ctx.open_store() as store:
            async with AlertSender(store, delays=(0,)) as sender:
                return [await sender.send_test(c, language=language) for c in channels]

    results = asyncio.run(send())
    failed = []
    for channel, result in zip(channels, results, strict=True):
        label = channel_label(channel)
        print(f"{label}: {'ok' if result.ok else 'FAILED (' + result.detail + ')'}")
        if not result.ok:
            failed.append(label)
    if failed:
        raise CliFailure(f"the test alert did not reach: {', '.join(failed)}")
    return 0
