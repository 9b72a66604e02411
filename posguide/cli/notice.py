"""``posguide notice add|list|withdraw``: maintenance notices typed in by the manager;
``posguide notice check URL``: what a notice source (a feed, or a provider's announcement page)
gives, before it goes into the configuration.

Chinese acquirers announce maintenance by SMS or WeChat; pasting that text here puts the window
in front of every cashier (the notice probe reads it) without anyone retyping times.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from datetime import datetime
from typing import Any, get_args
from zoneinfo import ZoneInfo

from posguide.cli.context import CliError, CliFailure, load_context
from posguide.probes import Status, run_probe
from posguide.probes.notices import FeedKind, NoticeFeed, NoticeProbe, parse_notice_text
from posguide.probes.notices.pages import FOLLOW
from posguide.store.errors import NotFoundError
from posguide.store.notices import (
    add_manual_notice,
    current_manual_notices,
    withdraw_manual_notice,
)
from posguide.timeutil import iso, now

FEED_KINDS = get_args(FeedKind)  # the probe's own list of feed formats
EARLIEST_YEAR = 1971  # a maintenance notice is about now; year 1 is a typing slip


def add_notice_commands(sub: Any) -> None:
    notice = sub.add_parser("notice", help="maintenance notices entered by hand (SMS, WeChat)")
    actions = notice.add_subparsers(dest="notice_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add a notice from its text or from explicit times")
    add.add_argument("--provider", help="provider id (default: the only provider configured)")
    add.add_argument("--text", help='the notice as received, e.g. "定于11月28日00:00至04:00..."')
    add.add_argument("--title", help="title (default: the text)")
    add.add_argument("--from", dest="starts", help="start, e.g. 2026-11-28T00:00")
    add.add_argument("--until", dest="ends", help="end, e.g. 2026-11-28T04:00")
    add.add_argument("--by", default="", help="who entered it")
    add.set_defaults(handler=run_add)
    listing = actions.add_parser("list", help="notices that have not ended")
    listing.set_defaults(handler=run_list)
    withdraw = actions.add_parser("withdraw", help="withdraw a notice entered by mistake")
    withdraw.add_argument("id", type=int)
    withdraw.set_defaults(handler=run_withdraw)
    check = actions.add_parser(
        "check", help="read a feed or an announcement page and show the notices it gives"
    )
    check.add_argument("url", help="the feed, announcement list page, announcement or article")
    check.add_argument("--kind", choices=FEED_KINDS, default="auto", help="default: auto")
    check.add_argument("--provider", help="provider id: its name and time zone (default: the "
                       "only provider configured; none: Asia/Shanghai)")  # fmt: skip
    check.add_argument("--follow", type=int, default=FOLLOW, help="announcements read from a list")
    check.add_argument("--json", action="store_true", help="print the check's result as JSON")
    check.set_defaults(handler=run_check)


def _local(text: str, option: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
        local = moment if moment.tzinfo else moment.astimezone()
        local.timestamp()  # some systems cannot place early years in local time
    except (ValueError, OverflowError, OSError):
        local = None
    if local is None or local.year < EARLIEST_YEAR:
        raise CliError(f"{option}: expected a time like 2026-11-28T00:00, got {text!r}")
    return local


def run_add(args: argparse.Namespace) -> int:
    ctx = load_context(args)
    providers = {p.id: p for p in ctx.config.providers}
    provider_id = args.provider or (next(iter(providers)) if len(providers) == 1 else None)
    if provider_id is None or provider_id not in providers:
        known = ", ".join(providers) or "none configured"
        raise CliError(f"--provider: choose one of the configured providers ({known})")
    if args.starts:
        starts = _local(args.starts, "--from")
        ends = _local(args.ends, "--until") if args.ends else None
        title = args.title or args.text or "Maintenance"
    elif args.text:
        # SMS times are the provider's wall clock (北京时间), whatever zone this PC is in.
        zone = ZoneInfo(providers[provider_id].timezone)
        found = parse_notice_text(args.text, now=now(), tz=zone, provider_id=provider_id)
        if not found:
            raise CliFailure("could not find a time in this text; give --from and --until instead")
        starts, ends = found[0].starts, found[0].ends
        title = args.title or found[0].title
    else:
        raise CliError("give --text (the notice as received) or --from/--until")
    if ends is not None and ends <= starts:
        raise CliError("--until must be after --from")
    with ctx.open_store() as store:
        notice_id = add_manual_notice(
            store,
            provider_id=provider_id,
            title=title,
            starts=starts,
            ends=ends,
            body=args.text or "",
            source="sms" if args.text and not args.starts else "manual",
            created_by=args.by,
        )
    until = iso(ends) if ends else "no end given"
    print(f"notice {notice_id} added for {provider_id}: {iso(starts)} – {until}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    ctx = load_context(args)
    with ctx.open_store() as store:
        notices = current_manual_notices(store)
    for n in notices:
        until = iso(n.ends) if n.ends else "open end"
        print(f"{n.id:>4}  {n.provider_id:<10} {iso(n.starts)} – {until}  {n.title}")
    if not notices:
        print("no current notices", file=sys.stderr)
    return 0


def run_withdraw(args: argparse.Namespace) -> int:
    ctx = load_context(args)
    with ctx.open_store() as store:
        try:
            withdraw_manual_notice(store, args.id)
        except NotFoundError as err:
            raise CliFailure(str(err)) from err
    print(f"notice {args.id} withdrawn")
    return 0


def run_check(args: argparse.Namespace) -> int:
    """Exit 0 when the source could be read (with or without notices), 1 when it could not."""
    ctx = load_context(args)
    providers = {p.id: p for p in ctx.config.providers}
    chosen = args.provider or (next(iter(providers)) if len(providers) == 1 else None)
    if args.provider and args.provider not in providers:
        known = ", ".join(providers) or "none configured"
        raise CliError(f"--provider: choose one of the configured providers ({known})")
    provider = providers.get(chosen or "")
    zone = ZoneInfo(provider.timezone if provider else "Asia/Shanghai")
    feed = NoticeFeed(args.url, args.kind, "", max(0, args.follow))
    name = provider.display_name if provider else "the provider"
    probe = NoticeProbe(chosen or "", name, [feed], local_tz=zone, provider_tz=zone)
    result = asyncio.run(run_probe(probe))
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2, default=str))
    else:
        print(f"{result.status.value.upper()}  {result.summary}")
        for key, label in (("active", "now"), ("upcoming", "soon"), ("later", "later"),
                           ("unclear", "read it")):  # fmt: skip
            for notice in result.detail.get(key, []):
                _print_notice(notice, label)
        for error in result.detail.get("feed_errors", []):
            opening = f" — open {error['open_url']}" if error.get("open_url") else ""
            print(f"  cannot read: {error['reason']}{opening}")
    return 1 if result.detail.get("feed_errors") or result.status is Status.ERROR else 0


def _print_notice(notice: dict[str, Any], label: str) -> None:
    until = f" – {notice['ends']}" if notice.get("ends") else ""
    published = f" (published {notice['published']})" if notice.get("published") else ""
    print(f"  {label:<8} {notice['starts']}{until}  {notice['title']}{published}")
    if notice.get("sentence"):
        print(f"           “{notice['sentence']}”")
    if notice.get("url"):
        print(f"           {notice['url']}")
