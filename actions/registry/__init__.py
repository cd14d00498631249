"""The benefits registry: who receives a long-term benefit, and their certification status.

Loaded from the agency's export (``python -m actions.registry import FILE.csv``); read by the
status check and the death report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from actions.db import beneficiaries

STATUSES = ("active", "suspended", "terminated")
# Columns the agency's export owns; a re-import overwrites them, and nothing else.
EXPORT_COLUMNS = (
    "id_number", "name", "country", "region", "scheme", "status", "last_certified", "next_due",
    "monthly_amount", "phone",
)  # fmt: skip


@dataclass(frozen=True)
class Beneficiary:
    id_number: str
    name: str
    country: str
    region: str
    scheme: str
    status: str
    last_certified: dt.date | None
    next_due: dt.date | None
    monthly_amount: Decimal | None
    phone: str | None
    stop_pending_case: str | None = None


def find(engine: Engine, id_number: str) -> Beneficiary | None:
    with engine.connect() as connection:
        row = connection.execute(
            sa.select(beneficiaries).where(beneficiaries.c.id_number == id_number)
        ).first()
    return _beneficiary(row) if row else None


def count(engine: Engine) -> int:
    with engine.connect() as connection:
        return connection.execute(sa.select(sa.func.count()).select_from(beneficiaries)).scalar()


def _beneficiary(row: sa.engine.Row) -> Beneficiary:
    values = row._mapping
    return Beneficiary(**{field: values[field] for field in Beneficiary.__dataclass_fields__})


def upsert(engine: Engine, rows: Iterable[dict]) -> tuple[int, int]:
    """Insert or update rows (dicts of EXPORT_COLUMNS) by ID number: (inserted, updated)."""
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    # One row per ID (the last wins): a single INSERT … ON CONFLICT may not touch a row twice.
    by_id = {row["id_number"]: {**row, "updated_at": now} for row in rows}
    if not by_id:
        return 0, 0
    ids = list(by_id)
    with engine.begin() as connection:
        existing = set(
            connection.execute(
                sa.select(beneficiaries.c.id_number).where(beneficiaries.c.id_number.in_(ids))
            ).scalars()
        )
        connection.execute(_upsert_statement(connection), list(by_id.values()))
    return len(ids) - len(existing), len(existing)


def _upsert_statement(connection: Connection) -> sa.sql.Executable:
    if connection.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    elif connection.dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:
        raise RuntimeError(f"upsert is not implemented for {connection.dialect.name}")
    statement = insert(beneficiaries)
    updates = {name: statement.excluded[name] for name in (*EXPORT_COLUMNS[1:], "updated_at")}
    return statement.on_conflict_do_update(index_elements=["id_number"], set_=updates)
