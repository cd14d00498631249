"""Fraud reports routed to the police, with nothing lost.

A report is committed to the database with one delivery per police route (the outbox) before
anything is sent; the worker (actions/police/worker.py) then delivers it, with retries, and
only a 2xx answer or an accepted mail marks it delivered. The same submission filed twice (a
client retrying) is one report.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from dataclasses import asdict, dataclass, field

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from actions.db import deliveries, fraud_reports
from actions.police.routes import Route, routes_for

logger = logging.getLogger(__name__)

UNROUTED = "(no route)"


@dataclass(frozen=True)
class FraudReport:
    what_happened: str
    when: str  # as the victim said it, and as a date-time where it could be read
    when_at: str | None
    scammer_contacts: str
    phones: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    accounts: list[str] = field(default_factory=list)
    loss: str = ""
    amount: str | None = None
    victim_name: str = ""
    victim_phone: str = ""
    region: str = ""
    country: str = "CN"
    language: str = "zh"
    urgent: bool = False


@dataclass(frozen=True)
class Filed:
    reference: str
    already_filed: bool
    routes: list[str]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def new_reference(today: dt.date) -> str:
    """``FR-20261124-4821``: read out on the phone and quoted to the police."""
    return f"FR-{today:%Y%m%d}-{secrets.randbelow(10_000):04d}"


def file_report(
    engine: Engine,
    report: FraudReport,
    routes: list[Route],
    conversation_id: str,
    submission_key: str,
) -> Filed:
    """Commit the report and its deliveries in one transaction; a repeated submission (same
    key) returns the report already filed."""
    targets = routes_for(routes, report.country, report.region)
    for _ in range(20):
        existing = _by_submission(engine, submission_key)
        if existing:
            return existing
        now = _now()
        reference = new_reference(now.date())
        try:
            with engine.begin() as connection:
                report_id = connection.execute(
                    fraud_reports.insert().values(
                        reference=reference,
                        created_at=now,
                        urgent=report.urgent,
                        country=report.country,
                        region=report.region,
                        language=report.language,
                        conversation_id=conversation_id,
                        submission_key=submission_key,
                        payload=asdict(report)
                        | {"reference": reference, "created_at": f"{now:%Y-%m-%dT%H:%M:%SZ}"},
                    )
                ).inserted_primary_key[0]
                for route in targets:
                    connection.execute(
                        deliveries.insert().values(
                            report_id=report_id, route=route.name, urgent=report.urgent,
                            status="pending", attempts=0, next_attempt_at=now,
                        )
                    )  # fmt: skip
                if not targets:  # kept, and listed as failed for staff to forward by hand
                    connection.execute(
                        deliveries.insert().values(
                            report_id=report_id, route=UNROUTED, urgent=report.urgent,
                            status="dead", attempts=0, next_attempt_at=now,
                            last_error=f"no police route for {report.country} {report.region}",
                        )
                    )  # fmt: skip
        except sa.exc.IntegrityError:
            continue  # the same submission committed concurrently, or a reference clash
        if not targets:
            logger.error(
                "ALERT: fraud report %s has no police route for %s; it is kept in the outbox "
                "as dead: forward it by hand, or fix the routes and retry it", reference,
                report.country,
            )  # fmt: skip
        return Filed(reference, False, [route.name for route in targets])
    existing = _by_submission(engine, submission_key)
    if existing:
        return existing
    raise RuntimeError("could not file the report")


def _by_submission(engine: Engine, submission_key: str) -> Filed | None:
    with engine.connect() as connection:
        row = connection.execute(
            sa.select(fraud_reports.c.id, fraud_reports.c.reference).where(
                fraud_reports.c.submission_key == submission_key
            )
        ).first()
        if row is None:
            return None
        names = connection.execute(
            sa.select(deliveries.c.route).where(deliveries.c.report_id == row.id)
        ).scalars()
        return Filed(row.reference, True, list(names))
