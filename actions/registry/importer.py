"""The agency's CSV export, validated row by row and upserted into the registry."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import BinaryIO

from sqlalchemy.engine import Engine

from actions import id_numbers
from actions.people import InvalidPhone, parse_phone
from actions.registry import EXPORT_COLUMNS, STATUSES, upsert
from bot.privacy import mask_id

BATCH_ROWS = 500
MAX_NAME_CHARS = 100


class RowError(ValueError):
    """Why a row cannot be imported, in words for the staff member who runs the import."""


class FileError(ValueError):
    """The file as a whole cannot be read as the registry export."""


@dataclass
class ImportResult:
    rows: int = 0
    inserted: int = 0
    updated: int = 0
    rejected: list[tuple[int, str, str]] = field(default_factory=list)  # (line, masked ID, why)

    @property
    def imported(self) -> int:
        return self.inserted + self.updated


def _date(value: str, column: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise RowError(f"{column} must be a date as YYYY-MM-DD, not {value!r}") from None


def validate_row(raw: dict[str, str]) -> dict:
    """The row as registry values; raises RowError naming the first problem."""
    value = {column: (raw.get(column) or "").strip() for column in EXPORT_COLUMNS}
    country = value["country"].upper()
    if country not in (id_numbers.CN, id_numbers.VN):
        raise RowError(f"country must be CN or VN, not {value['country']!r}")
    try:
        number = id_numbers.parse(value["id_number"], country).number
    except id_numbers.InvalidId as error:
        reason = describe_invalid_id(error)
        raise RowError(f"id_number is not a valid {country} ID ({reason})") from None
    name = " ".join(value["name"].split())
    if not name or len(name) > MAX_NAME_CHARS:
        raise RowError(f"name must be 1 to {MAX_NAME_CHARS} characters")
    if "\ufffd" in name:
        raise RowError("name has bytes that are not text in the file's encoding")
    status = value["status"].lower()
    if status not in STATUSES:
        raise RowError(f"status must be one of {', '.join(STATUSES)}, not {value['status']!r}")
    last_certified = _date(value["last_certified"], "last_certified")
    next_due = _date(value["next_due"], "next_due")
    if last_certified and next_due and next_due < last_certified:
        raise RowError("next_due is before last_certified")
    try:
        amount = Decimal(value["monthly_amount"]) if value["monthly_amount"] else None
    except InvalidOperation:
        raise RowError(
            f"monthly_amount must be a number, not {value['monthly_amount']!r}"
        ) from None
    if amount is not None and (not amount.is_finite() or amount < 0):
        raise RowError("monthly_amount must be zero or more")
    try:
        phone = parse_phone(value["phone"], country) if value["phone"] else None
    except InvalidPhone:
        raise RowError(f"phone is not a {country} phone number") from None
    return {
        "id_number": number, "name": name, "country": country, "region": value["region"],
        "scheme": value["scheme"], "status": status, "last_certified": last_certified,
        "next_due": next_due, "monthly_amount": amount, "phone": phone,
    }  # fmt: skip


def describe_invalid_id(error: id_numbers.InvalidId) -> str:
    return {
        "no_digits": "no digits",
        "cn_length": f"{error.details.get('length')} characters, 18 expected",
        "cn_characters": "only digits, and X last",
        "cn_region": "unknown province code",
        "cn_birth_date": "impossible birth date",
        "cn_check_digit": "wrong check digit",
        "vn_characters": "only digits",
        "vn_old_cmnd": "9-digit CMND; the 12-digit CCCD is needed",
        "vn_length": f"{error.details.get('length')} digits, 12 expected",
        "vn_province": "unknown province code",
        "vn_birth_year": "impossible birth year",
    }.get(error.code, error.code)


def _text_lines(stream: BinaryIO, encoding: str) -> Iterator[str]:
    # Line by line from the binary stream, so that its position measures progress.
    for line in stream:
        yield line.decode(encoding, errors="replace")


def _encoding(path: Path) -> str:
    """UTF-8 (with or without the BOM Excel writes), else GB 18030 (Chinese Excel)."""
    with path.open("rb") as stream:
        head = stream.read(1 << 16)
    try:
        head.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 4:  # not merely a character cut at the chunk's end
            return "gb18030"
    return "utf-8-sig"


def import_csv(
    path: Path, engine: Engine, progress: Callable[[int, int], None] = lambda rows, pct: None
) -> ImportResult:
    """Import every valid row of ``path``; the others are listed in the result with reasons."""
    size = path.stat().st_size or 1
    result = ImportResult()
    encoding = _encoding(path)
    with path.open("rb") as stream:
        lines = _text_lines(stream, encoding)
        reader = csv.DictReader(lines)
        missing = [c for c in EXPORT_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise FileError(f"missing columns: {', '.join(missing)}")
        batch: list[dict] = []
        for raw in reader:
            result.rows += 1
            try:
                batch.append(validate_row(raw))
            except RowError as error:
                number = "".join(ch for ch in (raw.get("id_number") or "") if ch.isalnum())
                result.rejected.append((reader.line_num, mask_id(number), str(error)))
            if len(batch) >= BATCH_ROWS:
                _store(engine, batch, result)
                progress(result.rows, min(99, 100 * stream.tell() // size))
        _store(engine, batch, result)
    progress(result.rows, 100)
    return result


def _store(engine: Engine, batch: list[dict], result: ImportResult) -> None:
    inserted, updated = upsert(engine, batch)
    result.inserted += inserted
    result.updated += updated
    batch.clear()
