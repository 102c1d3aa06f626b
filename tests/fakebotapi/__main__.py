"""Run the fake Bot API server as a process: ``python -m tests.fakebotapi --port 0 --state-file F``.

The chosen port and the pid are written to the state file as JSON once the server listens;
the process serves until SIGTERM/SIGINT.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
from pathlib import Path

from tests.fakebotapi.server import FakeBotApi, RateLimits


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fakebotapi")
    parser.add_argument("--port", type=int, default=0, help="0 = a free port")
    parser.add_argument("--state-file", type=Path, help="write {port, pid} here when ready")
    parser.add_argument("--token", help="only accept this bot token")
    parser.add_argument("--rate", type=float, help="enforce N messages/s overall (and 1/s/chat)")
    args = parser.parse_args(argv)

    sys.setswitchinterval(0.0005)
    server = FakeBotApi(port=args.port, token=args.token).start()
    if args.rate:
        server.enforce_rates(RateLimits(overall_per_second=args.rate))
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    state = {"port": server.port, "pid": os.getpid(), "base_url": server.base_url}
    if args.state_file:
        tmp = args.state_file.with_suffix(".tmp")
        tmp.write_text(json.dumps(state), encoding="utf-8")
        tmp.replace(args.state_file)
    else:
        print(json.dumps(state), flush=True)
    stop.wait()
    server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
