"""Command line: python -m posguide.sim.terminal --help"""

from __future__ import annotations

import argparse
import sys
import threading
from typing import get_args

from posguide.sim.terminal.engine import BEHAVIOURS, Transport
from posguide.sim.terminal.simulator import SimulatedTerminal


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m posguide.sim.terminal",
        description="Simulated card terminal. Type a behaviour name, 'reboot SECONDS', 'unplug', "
        "'plug', 'stats' or 'quit' on stdin to change it while it runs.",
    )
    parser.add_argument("--transport", choices=get_args(Transport), default="pty")
    parser.add_argument("--behaviour", choices=BEHAVIOURS, default="healthy")
    parser.add_argument("--port", type=int, default=0, help="TCP port (default: any free one)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--reply", help="status reply text for the current behaviour")
    parser.add_argument("--encoding", default="gbk", help="reply encoding (default gbk)")
    parser.add_argument("--seed", type=int, help="random seed for garbage")
    args = parser.parse_args(argv)
    replies = {args.behaviour: args.reply} if args.reply else None
    sim = SimulatedTerminal(
        args.transport, behaviour=args.behaviour, replies=replies, encoding=args.encoding,
        host=args.host, tcp_port=args.port, seed=args.seed,
    )  # fmt: skip
    with sim:
        print(f"terminal on {sim.port} (stable name: {sim.stable_port})", flush=True)
        try:
            for line in sys.stdin:
                words = line.split()
                if not words:
                    continue
                if words[0] == "quit":
                    break
                if words[0] == "reboot":
                    sim.reboot(float(words[1]) if len(words) > 1 else 5.0)
                elif words[0] in ("plug", "unplug"):
                    getattr(sim, words[0])()
                elif words[0] == "stats":
                    print(sim.stats, flush=True)
                elif words[0] in BEHAVIOURS:
                    sim.set_behaviour(words[0])
                else:
                    print(f"unknown command {words[0]!r}", flush=True)
                    continue
                print(f"ok: {sim.behaviour}, {'online' if sim.online else 'offline'}", flush=True)
            else:
                threading.Event().wait()  # stdin closed (run in the background): serve on
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
