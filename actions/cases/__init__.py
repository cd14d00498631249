"""Cases filed through the assistant for agency staff to process: death reports.

A death report is stored with a reference number the caller can quote, and the beneficiary's
payment is marked to stop pending verification, in one transaction. One open report per
beneficiary: reporting the same death again gives back the first reference.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from actions.db import beneficiaries, cases
from actions.registry import Beneficiary

DEATH_REPORT = "death_report"


@dataclass(frozen=True)
class DeathReport:
    id_number: str
    deceased_name: str
    date_of_death: dt.date
    reporter_name: str
    reporter_relation: str
    reporter_phone: str
    language: str
    conversation_id: str


@dataclass(frozen=True)
class FiledCase:
    reference: str
    already_reported: bool  # the death had been reported before: this is that case
    overpaid_months: int
    overpaid_amount: Decimal | None


def months_paid_after_death(
    beneficiary: Beneficiary, date_of_death: dt.date, today: dt.date
) -> int:
    """Monthly payments made for months after the month of death (that month is still due).

    Payment runs until today unless it was suspended (from the month after the missed due
    date) or terminated; the agency confirms the exact figure from its payment records.
    """
    if beneficiary.status == "terminated":
        return 0
    last_paid = today
    if beneficiary.status == "suspended" and beneficiary.next_due:
        last_paid = min(today, beneficiary.next_due)
    months = (last_paid.year - date_of_death.year) * 12 + last_paid.month - date_of_death.month
    return max(0, months)


def new_reference(today: dt.date) -> str:
    """``DR-20261124-4821``: the date, then four digits, easy to read out on the phone."""
    return f"DR-{today:%Y%m%d}-{secrets.randbelow(10_000):04d}"


def file_death_report(
    engine: Engine, report: DeathReport, beneficiary: Beneficiary, today: dt.date | None = None
) -> FiledCase:
    today = today or dt.date.today()
    months = months_paid_after_death(beneficiary, report.date_of_death, today)
    amount = months * beneficiary.monthly_amount if beneficiary.monthly_amount else None
    for _ in range(20):  # a clash of references is rare; try another
        with engine.begin() as connection:
            existing = _open_case(connection, report.id_number)
            if existing:
                return existing
            reference = new_reference(today)
            if _reference_taken(connection, reference):
                continue
            # Only the first report marks the beneficiary; a concurrent second one finds the
            # mark already set, rolls back and returns the first case.
            marked = connection.execute(
                beneficiaries.update()
                .where(beneficiaries.c.id_number == report.id_number)
                .where(beneficiaries.c.stop_pending_case.is_(None))
                .values(stop_pending_case=reference)
            ).rowcount
            if marked:
                connection.execute(
                    cases.insert().values(
                        reference=reference,
                        kind=DEATH_REPORT,
                        status="new",
                        created_at=dt.datetime.now(dt.timezone.utc).replace(tzinfo=None),
                        overpaid_months=months,
                        overpaid_amount=amount,
                        **report.__dict__,
                    )
                )
                return FiledCase(reference, False, months, amount)
        with engine.connect() as connection:
            existing = _open_case(connection, report.id_number)
        if existing:
            return existing
    raise RuntimeError("could not allocate a case reference")


def _reference_taken(connection: Connection, reference: str) -> bool:
    query = sa.select(cases.c.id).where(cases.c.reference == reference)
    return connection.execute(query).first() is not None


def _open_case(connection: Connection, id_number: str) -> FiledCase | None:
    row = connection.execute(
        sa.select(cases.c.reference, cases.c.overpaid_months, cases.c.overpaid_amount)
        .join(beneficiaries, beneficiaries.c.stop_pending_case == cases.c.reference)
        .where(cases.c.id_number == id_number)
    ).first()
    return FiledCase(row.reference, True, row.overpaid_months, row.overpaid_amount) if row else None


def list_cases(engine: Engine, status: str | None = None) -> list[dict]:
    query = sa.select(cases).order_by(cases.c.created_at)
    if status:
        query = query.where(cases.c.status == status)
    with engine.connect() as connection:
        return [dict(row._mapping) for row in connection.execute(query)]
