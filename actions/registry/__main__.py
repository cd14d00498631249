"""The registry for agency staff.

python -m actions.registry import FILE.csv   load or update beneficiaries from the export
python -m actions.registry demo              load the fictional demo people if it is empty

The export has the columns id_number, name, country (CN|VN), region, scheme, status
(active|suspended|terminated), last_certified and next_due (YYYY-MM-DD or empty),
monthly_amount and phone. Rows that fail validation are listed with the reason and skipped.
Exit status: 0 when rows were imported, 1 when none could be, 2 when the file is unusable.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from actions import db
from actions.registry import demo
from actions.registry.importer import FileError, import_csv

# On a large file, a progress line every so many rows.
PROGRESS_EVERY_ROWS = 10_000


def import_command(path: Path) -> int:
    if not path.is_file():
        print(f"error: no such file: {path}", file=sys.stderr)
        return 2
    last_reported = 0

    def progress(rows: int, percent: int) -> None:
        nonlocal last_reported
        if rows - last_reported >= PROGRESS_EVERY_ROWS:
            print(f"… {rows} rows read ({percent}%)", file=sys.stderr, flush=True)
            last_reported = rows

    try:
        result = import_csv(path, db.engine(), progress)
    except FileError as error:
        print(f"error: {path}: {error}", file=sys.stderr)
        return 2
    for line, masked_id, reason in result.rejected:
        print(f"rejected line {line} ({masked_id or 'no id_number'}): {reason}")
    print(
        f"{result.rows} rows: {result.imported} imported ({result.inserted} new, "
        f"{result.updated} updated), {len(result.rejected)} rejected"
    )
    return 0 if result.imported else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m actions.registry", description=__doc__.splitlines()[0]
    )
    commands = parser.add_subparsers(dest="command", required=True)
    import_parser = commands.add_parser("import", help="load or update from a CSV export")
    import_parser.add_argument("file", type=Path)
    commands.add_parser("demo", help="load the fictional demo people if the registry is empty")
    args = parser.parse_args(argv)
    if args.command == "import":
        return import_command(args.file)
    loaded = demo.load_if_empty(db.engine())
    print(f"{loaded} demo people loaded" if loaded else "the registry is not empty: nothing loaded")
    return 0


if __name__ == "__main__":
    sys.exit(main())
