"""Cases filed through the assistant, for the staff who process them.

python -m actions.cases list [--status new] [--unmasked]

ID numbers are masked unless --unmasked is given (for the staff member who processes them).
"""

from __future__ import annotations

import argparse
import sys

from actions import db
from actions.cases import list_cases
from bot.privacy import mask_id

COLUMNS = (
    ("reference", 16), ("created", 16), ("status", 8), ("id_number", 18), ("deceased", 16),
    ("died", 10), ("reporter", 16), ("relation", 12), ("phone", 13), ("overpaid", 16),
)  # fmt: skip


def row_values(case: dict, unmasked: bool) -> list[str]:
    amount = case["overpaid_amount"]
    overpaid = f"{case['overpaid_months']} mo" + (f" / {amount:,.2f}" if amount else "")
    return [
        case["reference"],
        f"{case['created_at']:%Y-%m-%d %H:%M}",
        case["status"],
        case["id_number"] if unmasked else mask_id(case["id_number"]),
        case["deceased_name"],
        case["date_of_death"].isoformat(),
        case["reporter_name"],
        case["reporter_relation"],
        case["reporter_phone"],
        overpaid,
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m actions.cases", description=__doc__.split("\n")[0]
    )
    commands = parser.add_subparsers(dest="command", required=True)
    list_parser = commands.add_parser("list", help="list the cases, oldest first")
    list_parser.add_argument("--status", choices=("new", "verified", "rejected"))
    list_parser.add_argument("--unmasked", action="store_true", help="show full ID numbers")
    args = parser.parse_args(argv)
    found = list_cases(db.engine(), args.status)
    print("  ".join(f"{name:<{width}}" for name, width in COLUMNS).rstrip())
    for case in found:
        values = row_values(case, args.unmasked)
        print("  ".join(f"{v:<{w}}" for v, (_, w) in zip(values, COLUMNS, strict=True)).rstrip())
    print(f"{len(found)} case(s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
