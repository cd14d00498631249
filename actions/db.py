"""The project's own database: the benefits registry, the cases filed, failed lookups, and the
fraud reports with their deliveries to the police.

One SQL database through SQLAlchemy: a SQLite file under the state directory by default,
PostgreSQL (or any SQLAlchemy URL) when ``HOTLINE_DB_URL`` names one. The schema is created on
first use and brought up to date by the numbered migrations below.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.settings import Settings

metadata = sa.MetaData()


class Money(sa.types.TypeDecorator):
    """An amount with two decimals, stored as a whole number of hundredths: exact on every
    database (SQLite has no decimal type)."""

    impl = sa.BigInteger
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> int | None:
        return None if value is None else int((Decimal(value) * 100).to_integral_value())

    def process_result_value(self, value: Any, dialect: Any) -> Decimal | None:
        return None if value is None else Decimal(value) / 100


beneficiaries = sa.Table(
    "beneficiaries",
    metadata,
    sa.Column("id_number", sa.String(18), primary_key=True),
    sa.Column("name", sa.String(100), nullable=False),
    sa.Column("country", sa.String(2), nullable=False),
    sa.Column("region", sa.String(100), nullable=False, server_default=""),
    sa.Column("scheme", sa.String(100), nullable=False, server_default=""),
    sa.Column("status", sa.String(20), nullable=False),  # active | suspended | terminated
    sa.Column("last_certified", sa.Date),
    sa.Column("next_due", sa.Date),
    sa.Column("monthly_amount", Money),
    sa.Column("phone", sa.String(20)),
    # Set when a death is reported: payment stops pending verification. Kept apart from
    # `status`, which the agency's export owns and a re-import overwrites.
    sa.Column("stop_pending_case", sa.String(32)),
    sa.Column("updated_at", sa.DateTime, nullable=False),
)

cases = sa.Table(
    "cases",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("reference", sa.String(32), nullable=False, unique=True),
    sa.Column("kind", sa.String(20), nullable=False),  # death_report
    sa.Column("status", sa.String(20), nullable=False),  # new | verified | rejected
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("id_number", sa.String(18), nullable=False, index=True),
    sa.Column("deceased_name", sa.String(100), nullable=False),
    sa.Column("date_of_death", sa.Date, nullable=False),
    sa.Column("reporter_name", sa.String(100), nullable=False),
    sa.Column("reporter_relation", sa.String(100), nullable=False),
    sa.Column("reporter_phone", sa.String(20), nullable=False),
    sa.Column("language", sa.String(2), nullable=False),
    sa.Column("conversation_id", sa.String(128), nullable=False),
    sa.Column("overpaid_months", sa.Integer, nullable=False, server_default="0"),
    sa.Column("overpaid_amount", Money),
)

lookup_failures = sa.Table(
    "lookup_failures",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("conversation_id", sa.String(128), nullable=False),
    sa.Column("at", sa.DateTime, nullable=False),
    sa.Index("ix_lookup_failures_conversation_at", "conversation_id", "at"),
)

# Fraud reports for the police: each is committed here first (the outbox), then delivered.
fraud_reports = sa.Table(
    "fraud_reports",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("reference", sa.String(32), nullable=False, unique=True),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("urgent", sa.Boolean, nullable=False),
    sa.Column("country", sa.String(2), nullable=False),
    sa.Column("region", sa.String(100), nullable=False),
    sa.Column("language", sa.String(2), nullable=False),
    sa.Column("conversation_id", sa.String(128), nullable=False),
    # A client's retry of the same submission carries the same key and files nothing new.
    sa.Column("submission_key", sa.String(128), nullable=False, unique=True),
    sa.Column("payload", sa.JSON, nullable=False),
)

deliveries = sa.Table(
    "deliveries",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("report_id", sa.Integer, sa.ForeignKey("fraud_reports.id"), nullable=False),
    sa.Column("route", sa.String(100), nullable=False),
    sa.Column("urgent", sa.Boolean, nullable=False),
    sa.Column("status", sa.String(12), nullable=False),  # pending | delivered | dead
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Column("next_attempt_at", sa.DateTime, nullable=False),
    # A worker holds a delivery until this time; if it dies, another takes it up after.
    sa.Column("claimed_until", sa.DateTime),
    sa.Column("last_error", sa.String(500)),
    sa.Column("delivered_at", sa.DateTime),
    sa.Index("ix_deliveries_due", "status", "urgent", "next_attempt_at"),
)

schema_version = sa.Table(
    "schema_version", metadata, sa.Column("version", sa.Integer, nullable=False)
)

# The record of each phone call (voice/records.py): transcripts are masked before they are kept.
voice_calls = sa.Table(
    "voice_calls",
    metadata,
    sa.Column("call_id", sa.String(64), primary_key=True),
    sa.Column("transport", sa.String(20), nullable=False),  # audiosocket | sip
    sa.Column("started_at", sa.DateTime, nullable=False, index=True),
    sa.Column("ended_at", sa.DateTime, nullable=False),
    sa.Column("language", sa.String(2)),
    sa.Column("outcome", sa.String(20), nullable=False),
    sa.Column("transfer_target", sa.String(200)),
    sa.Column("transcript", sa.JSON, nullable=False),  # [{who, text, at_s, via}]
    sa.Column("latencies_ms", sa.JSON, nullable=False),  # one per turn
)

# Changes to a database created by an earlier version, in order: migration N brings a database
# from version N-1 to N. Version 1 is the schema above as first created.


def _add_voice_calls(connection: sa.engine.Connection) -> None:
    """Version 2: the phone calls' records."""
    # create_all has already made the table on an older database; checkfirst keeps this safe.
    voice_calls.create(connection, checkfirst=True)


MIGRATIONS: list[Callable[[sa.engine.Connection], None]] = [_add_voice_calls]
SCHEMA_VERSION = 1 + len(MIGRATIONS)


def database_url(settings: Settings) -> str:
    return settings.db_url or f"sqlite:///{settings.var_dir / 'hotline.db'}"


def _sqlite_pragmas(dbapi_connection: Any, _: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets the CLI read while the action server writes; wait for locks instead of failing.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


@functools.lru_cache(maxsize=8)
def engine_for(url: str) -> Engine:
    """One engine per database URL per process, with the schema up to date."""
    if url.startswith("sqlite:///"):
        from pathlib import Path

        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(url, future=True, connect_args={"check_same_thread": False})
        sa.event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = sa.create_engine(url, future=True, pool_pre_ping=True)
    ensure_schema(engine)
    return engine


def engine(settings: Settings | None = None) -> Engine:
    return engine_for(database_url(settings or Settings.from_env()))


def ensure_schema(engine: Engine) -> None:
    with engine.begin() as connection:
        metadata.create_all(connection)
        version = connection.execute(sa.select(schema_version.c.version)).scalar()
        if version is None:
            connection.execute(schema_version.insert().values(version=SCHEMA_VERSION))
            return
        for migration in MIGRATIONS[version - 1 :]:
            migration(connection)
        connection.execute(schema_version.update().values(version=SCHEMA_VERSION))


T = TypeVar("T")


async def run_sync(function: Callable[..., T], *args: Any) -> T:
    """Run a blocking database call off the event loop of the action server."""
    return await asyncio.to_thread(function, *args)
