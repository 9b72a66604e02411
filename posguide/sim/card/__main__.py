"""``python -m posguide.sim.card``: put a virtual card into a vpcd reader by hand."""

from __future__ import annotations

import argparse
import logging
import sys
import threading

from posguide.sim.card import DEFAULT_HOST, DEFAULT_PORT, PROFILES, VirtualCard


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m posguide.sim.card",
        description="Insert a virtual card into a vsmartcard-vpcd reader (pcscd must be running). "
        "Press Enter to remove/insert it again, Ctrl+C to quit.",
    )
    parser.add_argument("--profile", choices=sorted(PROFILES), default="unionpay_debit")
    parser.add_argument("--host", default=DEFAULT_HOST)
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="35963 or 35964")
    parser.add_argument("--list", action="store_true", help="list the profiles and exit")
    args = parser.parse_args(argv)
    if args.list:
        for name, profile in sorted(PROFILES.items()):
            print(f"{name:15} {profile.description}")
        return 0
    logging.basicConfig(level=logging.DEBUG, format="%(asctime)s %(message)s")
    card = VirtualCard(args.profile, host=args.host, port=args.port)
    try:
        card.insert()
    except OSError as err:
        print(f"cannot reach vpcd at {args.host}:{args.port}: {err} (is pcscd running?)")
        return 1
    try:
        for _line in sys.stdin:
            card.remove() if card.inserted else card.insert()
            print("inserted" if card.inserted else "removed")
        threading.Event().wait()  # stdin closed (not a terminal): run until Ctrl+C
    except KeyboardInterrupt:
        pass
    finally:
        card.remove()
        print(f"{len(card.apdus)} APDUs received")
    return 0


if __name__ == "__main__":
    sys.exit(main())
