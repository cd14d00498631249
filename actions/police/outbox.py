"""The outbox of deliveries: claiming the due ones, recording what happened, listing, retrying.

Several workers may run (on PostgreSQL, ``FOR UPDATE SKIP LOCKED`` keeps them off each
other's rows); a claim is a lease, so a delivery held by a worker that died is taken up again
when the lease runs out. Urgent reports are claimed first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from actions.db import deliveries, fraud_reports

MAX_ERROR_CHARS = 500


@dataclass(frozen=True)
class Delivery:
    id: int
    route: str
    attempts: int
    reference: str
    urgent: bool
    payload: dict


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def claim(
    engine: Engine, limit: int, lease_s: float, at: dt.datetime | None = None
) -> list[Delivery]:
    """Take up to ``limit`` due deliveries, urgent first, for ``lease_s`` seconds."""
    at = at or now()
    lease = dt.timedelta(seconds=lease_s)
    due = (
        sa.select(deliveries.c.id)
        .where(deliveries.c.status == "pending")
        .where(deliveries.c.next_attempt_at <= at)
        .where(sa.or_(deliveries.c.claimed_until.is_(None), deliveries.c.claimed_until < at))
        .order_by(deliveries.c.urgent.desc(), deliveries.c.next_attempt_at, deliveries.c.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    claimed = []
    with engine.begin() as connection:
        for delivery_id in connection.execute(due).scalars().all():
            # The condition makes the claim atomic where FOR UPDATE is not (SQLite).
            taken = connection.execute(
                deliveries.update()
                .where(deliveries.c.id == delivery_id)
                .where(deliveries.c.status == "pending")
                .where(
                    sa.or_(deliveries.c.claimed_until.is_(None), deliveries.c.claimed_until < at)
                )
                .values(claimed_until=at + lease)
            ).rowcount
            if taken:
                claimed.append(delivery_id)
        if not claimed:
            return []
        rows = connection.execute(
            sa.select(
                deliveries.c.id,
                deliveries.c.route,
                deliveries.c.attempts,
                fraud_reports.c.reference,
                fraud_reports.c.urgent,
                fraud_reports.c.payload,
            )
            .join(fraud_reports, fraud_reports.c.id == deliveries.c.report_id)
            .where(deliveries.c.id.in_(claimed))
            .order_by(deliveries.c.urgent.desc(), deliveries.c.next_attempt_at, deliveries.c.id)
        ).all()
    return [Delivery(**row._mapping) for row in rows]


def delivered(engine: Engine, delivery_id: int) -> None:
    with engine.begin() as connection:
        connection.execute(
            deliveries.update()
            .where(deliveries.c.id == delivery_id)
            .values(status="delivered", delivered_at=now(), claimed_until=None, last_error=None,
                    attempts=deliveries.c.attempts + 1)
        )  # fmt: skip


def failed(
    engine: Engine, delivery: Delivery, error: str, max_attempts: int, backoff_s: float
) -> bool:
    """Record a failed attempt: retry later with exponential backoff, or give up. True when
    the delivery is now dead (and someone must be alerted)."""
    attempts = delivery.attempts + 1
    dead = attempts >= max_attempts
    delay = dt.timedelta(seconds=backoff_s * 2 ** (attempts - 1))
    with engine.begin() as connection:
        connection.execute(
            deliveries.update()
            .where(deliveries.c.id == delivery.id)
            .values(status="dead" if dead else "pending", attempts=attempts,
                    next_attempt_at=now() + delay, claimed_until=None,
                    last_error=error[:MAX_ERROR_CHARS])
        )  # fmt: skip
    return dead


def retry(engine: Engine, delivery_id: int) -> bool:
    """Put a delivery back in the queue now (after a dead end was fixed). False if unknown."""
    with engine.begin() as connection:
        return bool(
            connection.execute(
                deliveries.update()
                .where(deliveries.c.id == delivery_id)
                .where(deliveries.c.status != "delivered")
                .values(status="pending", attempts=0, next_attempt_at=now(), claimed_until=None)
            ).rowcount
        )


def listing(engine: Engine, status: str | None = None) -> list[dict]:
    query = (
        sa.select(
            deliveries.c.id,
            fraud_reports.c.reference,
            fraud_reports.c.created_at,
            fraud_reports.c.urgent,
            fraud_reports.c.country,
            fraud_reports.c.region,
            deliveries.c.route,
            deliveries.c.status,
            deliveries.c.attempts,
            deliveries.c.next_attempt_at,
            deliveries.c.delivered_at,
            deliveries.c.last_error,
        )
        .join(fraud_reports, fraud_reports.c.id == deliveries.c.report_id)
        .order_by(deliveries.c.id)
    )
    if status:
        query = query.where(deliveries.c.status == status)
    with engine.connect() as connection:
        return [dict(row._mapping) for row in connection.execute(query)]
