"""Fraud reports to the police, for agency staff.

python -m actions.police outbox [--status pending|delivered|dead]   the deliveries and their state
python -m actions.police retry ID        put a delivery back in the queue (after fixing its route)
python -m actions.police worker          deliver the outbox (`make run` starts one)
python -m actions.police intake          the reference police intake on HOTLINE_POLICE_INTAKE_PORT
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys

from actions import db
from actions.police import outbox, routes
from bot.settings import Settings

COLUMNS = (
    ("id", 5), ("reference", 16), ("created", 16), ("urgent", 6), ("route", 18), ("status", 9),
    ("tries", 5), ("delivered / next try", 19), ("last error", 0),
)  # fmt: skip


def show_outbox(status: str | None) -> int:
    rows = outbox.listing(db.engine(), status)
    print("  ".join(f"{name:<{width}}" for name, width in COLUMNS).rstrip())
    for row in rows:
        when = row["delivered_at"] if row["status"] == "delivered" else row["next_attempt_at"]
        values = (
            row["id"], row["reference"], f"{row['created_at']:%Y-%m-%d %H:%M}",
            "yes" if row["urgent"] else "", row["route"], row["status"], row["attempts"],
            f"{when:%Y-%m-%d %H:%M:%S}" if row["status"] != "dead" else "", row["last_error"] or "",
        )  # fmt: skip
        print("  ".join(f"{v!s:<{w}}" for v, (_, w) in zip(values, COLUMNS, strict=True)).rstrip())
    counts = {s: sum(r["status"] == s for r in rows) for s in ("pending", "delivered", "dead")}
    print(", ".join(f"{n} {s}" for s, n in counts.items()), file=sys.stderr)
    return 0


def run_worker(settings: Settings) -> int:
    from actions.police.worker import Worker

    worker = Worker(db.engine(settings), routes.load(settings.police_routes), settings)

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        await worker.run(stop)

    asyncio.run(main())
    return 0


def run_intake(settings: Settings) -> int:
    from aiohttp import web

    from actions.police.receiver import app

    if not settings.police_secret:
        print("error: set HOTLINE_POLICE_SECRET, the key reports are signed with", file=sys.stderr)
        return 2
    inbox = settings.var_dir / "police_inbox"
    web.run_app(app(settings.police_secret, inbox), host="127.0.0.1",
                port=settings.police_intake_port, print=None)  # fmt: skip
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m actions.police", description=__doc__.split("\n")[0]
    )
    commands = parser.add_subparsers(dest="command", required=True)
    listing = commands.add_parser("outbox", help="list the deliveries")
    listing.add_argument("--status", choices=("pending", "delivered", "dead"))
    retry = commands.add_parser("retry", help="queue a delivery again")
    retry.add_argument("id", type=int)
    commands.add_parser("worker", help="deliver the outbox")
    commands.add_parser("intake", help="run the reference police intake")
    args = parser.parse_args(argv)
    settings = Settings.from_env()
    logging.basicConfig(
        level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s  %(message)s"
    )
    if args.command == "outbox":
        return show_outbox(args.status)
    if args.command == "retry":
        if outbox.retry(db.engine(), args.id):
            print(f"delivery {args.id} queued again")
            return 0
        print(f"error: no undelivered delivery {args.id}", file=sys.stderr)
        return 1
    if args.command == "worker":
        try:
            return run_worker(settings)
        except routes.RoutesError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
    return run_intake(settings)


if __name__ == "__main__":
    sys.exit(main())
