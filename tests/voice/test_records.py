"""Call records in the project's database, masked; the migration that adds their table."""

from __future__ import annotations

import asyncio

import sqlalchemy as sa

from actions import db
from tests.voice.fakes import ScriptedTransport, StubAssistant, StubSynthesizer, keyed
from voice import records
from voice.call import CallLoop, HangUp
from voice.records import CallRecord, mask_transcript


def test_ids_and_phones_are_masked_however_they_are_spaced() -> None:
    assert mask_transcript("身份证 11010519491231002X") == "身份证 1101**********002X"
    assert mask_transcript("số 0 0 1 0 8 9 0 1 2 3 4 5 nhé") == "số 0010****2345 nhé"
    assert mask_transcript("电话 138 1234 5678") == "电话 138******78"
    assert mask_transcript("2024年3月15日 去世") == "2024年3月15日 去世"


def test_a_call_is_saved_with_the_id_masked(tmp_path) -> None:
    engine = db.engine_for(f"sqlite:///{tmp_path / 'hotline.db'}")
    transport = ScriptedTransport(keyed("1"), keyed("11010519491231002*#"), [HangUp()])

    async def save(record: CallRecord) -> None:
        await asyncio.to_thread(records.save, engine, record)

    async def main() -> CallRecord:
        loop = CallLoop(transport, None, StubSynthesizer(), StubAssistant(), save_record=save)  # type: ignore[arg-type]
        return await loop.run()

    record = asyncio.run(main())
    row = records.load(engine, "call-1")
    assert row is not None
    assert row["transport"] == "scripted" and row["language"] == "zh"
    assert row["outcome"] == "caller_hung_up"
    assert row["ended_at"] >= row["started_at"]
    assert len(row["latencies_ms"]) == 1 and row["latencies_ms"][0] >= 0
    stored = str(row["transcript"])
    assert "11010519491231002X" not in stored
    assert "1 1 0 1 0 5" not in stored  # the read-back, too
    assert "1101**********002X" in stored
    assert {line["who"] for line in row["transcript"]} == {"caller", "assistant"}
    assert record.lines[0].via == "prompt"


def test_an_older_database_gets_the_table(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = sa.create_engine(url, future=True)
    with engine.begin() as connection:
        for table in db.metadata.sorted_tables:
            if table.name != "voice_calls":
                table.create(connection)
        connection.execute(db.schema_version.insert().values(version=1))
    db.ensure_schema(engine)
    with engine.connect() as connection:
        assert connection.execute(sa.select(db.schema_version.c.version)).scalar() == 2
    assert "voice_calls" in sa.inspect(engine).get_table_names()
