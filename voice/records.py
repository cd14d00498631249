"""The record of each phone call, kept in the project's database (table ``voice_calls``).

Start, end, language, how the call ended, both sides of the transcript with ID numbers and
phone numbers masked before they are even kept in memory, and each turn's latency: from the
end of the caller's speech (or the ``#`` of a keypad entry) to the first audio of the reply.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.privacy import mask_id, mask_phone, redact

# Digits read out or keyed one by one ("3 7 1 0 2 2 …", "3,7,1"): privacy.redact only sees
# numbers written in groups, so such runs are joined first.
_SPACED_DIGITS = re.compile(r"(?<![\dA-Za-z])\d(?:[ ,，、.\-]?\d){8,}(?:[ ,，、\-]?[Xx])?(?![\d])")


def _mask_spaced(match: re.Match) -> str:
    number = re.sub(r"[^\dXx]", "", match.group())
    return mask_id(number) if len(number) >= 12 else mask_phone(number)


def mask_transcript(text: str) -> str:
    """``text`` with ID numbers and phone numbers masked, however they were spaced."""
    return redact(_SPACED_DIGITS.sub(_mask_spaced, text))


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


@dataclass(frozen=True)
class Line:
    who: str  # caller | assistant
    text: str  # masked
    at_s: float  # seconds since the call started
    via: str = "speech"  # speech | keypad | prompt


@dataclass
class CallRecord:
    call_id: str
    transport: str
    started_at: dt.datetime = field(default_factory=utc_now)
    ended_at: dt.datetime | None = None
    language: str | None = None
    # caller_hung_up | silence | transferred | transfer_requested | error
    outcome: str = "caller_hung_up"
    transfer_target: str | None = None
    lines: list[Line] = field(default_factory=list)
    latencies_ms: list[int] = field(default_factory=list)

    def add(self, who: str, text: str, via: str = "speech") -> None:
        at_s = round((utc_now() - self.started_at).total_seconds(), 3)
        self.lines.append(Line(who, mask_transcript(text), at_s, via))

    def add_latency(self, seconds: float) -> None:
        self.latencies_ms.append(round(seconds * 1000))


def save(engine: Engine, record: CallRecord) -> None:
    """Insert the call's record, or replace it when the call was saved before."""
    from actions.db import voice_calls

    row = {
        "call_id": record.call_id,
        "transport": record.transport,
        "started_at": record.started_at,
        "ended_at": record.ended_at or utc_now(),
        "language": record.language,
        "outcome": record.outcome,
        "transfer_target": record.transfer_target,
        "transcript": [asdict(line) for line in record.lines],
        "latencies_ms": list(record.latencies_ms),
    }
    with engine.begin() as connection:
        connection.execute(voice_calls.delete().where(voice_calls.c.call_id == record.call_id))
        connection.execute(voice_calls.insert().values(**row))


def load(engine: Engine, call_id: str) -> dict | None:
    from actions.db import voice_calls

    with engine.connect() as connection:
        row = connection.execute(
            sa.select(voice_calls).where(voice_calls.c.call_id == call_id)
        ).first()
    return dict(row._mapping) if row else None
