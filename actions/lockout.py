"""Failed registry lookups per conversation: after too many, lookups stop for a while.

A wrong name for an ID and an unknown ID are both failures, and a later success does not clear
them, so the assistant cannot be used to find out who is in the registry. Failures are kept in
the database, so a restart of the action server does not reset them.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from actions.db import lookup_failures

MAX_FAILURES = 5
WINDOW = dt.timedelta(hours=1)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def record_failure(engine: Engine, conversation_id: str, now: dt.datetime | None = None) -> None:
    with engine.begin() as connection:
        connection.execute(
            lookup_failures.insert().values(conversation_id=conversation_id, at=now or _now())
        )


def is_locked(engine: Engine, conversation_id: str, now: dt.datetime | None = None) -> bool:
    since = (now or _now()) - WINDOW
    with engine.connect() as connection:
        failures = connection.execute(
            sa.select(sa.func.count())
            .select_from(lookup_failures)
            .where(lookup_failures.c.conversation_id == conversation_id)
            .where(lookup_failures.c.at > since)
        ).scalar()
    return failures >= MAX_FAILURES
