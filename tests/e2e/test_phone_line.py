"""The phone line end to end: a caller over Asterisk's AudioSocket, the gateway as `make run`
starts it (real speech recognition and synthesis), the assistant, and the call's record."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from actions import db
from bot.language import detect
from bot.launcher import free_port
from bot.settings import Settings
from tests.e2e.conftest import servers_with
from voice import records
from voice.caller import Caller, read_line_audio

FIXTURES = Path(__file__).resolve().parent.parent / "voice" / "fixtures"


@pytest.fixture(scope="module")
def phone_line(model: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple]:
    """The servers and the gateway; their settings and the AudioSocket port."""
    port = free_port()
    env = {"HOTLINE_VOICE_AUDIOSOCKET_PORT": str(port)}
    with servers_with(tmp_path_factory.mktemp("var"), env, phone_line=True) as settings:
        yield settings, port


async def call(port: int, key: str, question: Path) -> tuple[Caller, list[bytes]]:
    caller = await Caller.dial("127.0.0.1", port)
    heard = [await caller.listen()]  # the bilingual greeting and menu
    await caller.key(key)
    heard.append(await caller.listen())  # the welcome in the chosen language
    await caller.say(read_line_audio(question), paced=True)  # in real time, as a telephone
    heard.append(await caller.listen(timeout_s=90))  # the answer
    await caller.hang_up()
    return caller, heard


def saved_record(settings: Settings, call_id: str, timeout_s: float = 20) -> dict:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        record = records.load(db.engine(settings), call_id)
        if record:
            return record
        time.sleep(0.2)
    raise AssertionError(f"no record of call {call_id}")


@pytest.mark.parametrize(
    ("key", "question", "language", "heard_words"),
    [
        ("1", "zh/cert_how.wav", "zh", "资格认证"),
        ("2", "vi/grandmother_died.wav", "vi", "vừa mất"),
    ],
)
def test_a_question_spoken_on_the_line_is_answered_aloud_and_recorded(
    phone_line: tuple, key: str, question: str, language: str, heard_words: str
) -> None:
    settings, port = phone_line
    caller, heard = asyncio.run(call(port, key, FIXTURES / question))
    record = saved_record(settings, caller.call_id)

    # The greeting, the welcome and the answer: each more than a second of speech.
    assert len(heard) == 3 and all(len(audio) > 16000 for audio in heard)
    assert record["language"] == language
    assert record["transport"] == "audiosocket"
    said = [line["text"] for line in record["transcript"] if line["who"] == "caller"]
    assert said and heard_words in said[0].lower()
    answered = [line["text"] for line in record["transcript"] if line["who"] == "assistant"]
    assert answered and detect(" ".join(answered)) == language
    assert record["latencies_ms"] and record["latencies_ms"][0] > 0
