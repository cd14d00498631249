"""The phone line end to end: a caller over Asterisk's AudioSocket, and SIPp calling over SIP,
the gateway as `make run` starts it (real speech recognition and synthesis), the assistant, and
the call's record."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from actions import db
from bot.language import detect
from bot.launcher import free_port
from bot.settings import Settings
from tests.e2e.conftest import servers_with
from tests.voice import sipp
from voice import records
from voice.caller import Caller, read_line_audio

FIXTURES = Path(__file__).resolve().parent.parent / "voice" / "fixtures"


@pytest.fixture(scope="module")
def phone_line(model: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple]:
    """The servers and the gateway; their settings and the AudioSocket port."""
    port, sip_port = free_port(), free_port()
    env = {
        "HOTLINE_VOICE_AUDIOSOCKET_PORT": str(port),
        "HOTLINE_VOICE_SIP_PORT": str(sip_port),
        # SIPp speaks on a schedule, not when the welcome ends: no reprompt may come first.
        "HOTLINE_VOICE_NO_SPEECH_S": "20",
    }
    with servers_with(tmp_path_factory.mktemp("var"), env, phone_line=True) as settings:
        yield settings, port, sip_port


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
    settings, port, _ = phone_line
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


def test_sipp_calls_over_sip_presses_2_and_its_question_is_answered_aloud(
    phone_line: tuple, tmp_path: Path
) -> None:
    settings, _, sip_port = phone_line
    speech = read_line_audio(FIXTURES / "vi" / "grandmother_died.wav")
    question = sipp.write_rtp_capture(speech + b"\x00" * 16000, tmp_path / "question.pcap")
    question_s = len(speech) / 16000
    call_id = f"{uuid.uuid4()}@sipp"

    async def call() -> tuple[object, list[float], float]:
        loop = asyncio.get_running_loop()
        transport, catcher = await loop.create_datagram_endpoint(
            sipp.AudioCatcher, local_addr=("127.0.0.1", 0)
        )
        # The key at 1 s cuts the greeting short; the question comes after the whole welcome
        # (what is said over a prompt is not listened to), and the caller then listens.
        scenario = sipp.scenario(
            "caller", tmp_path, key="2",
            rtp_port=transport.get_extra_info("sockname")[1],
            question_pcap=question, key_after_ms=1000, question_after_ms=14000,
            hang_up_after_ms=round(question_s * 1000) + 20000,
        )  # fmt: skip
        started = time.monotonic()
        result = await sipp.run_sipp(scenario, sip_port, call_id, timeout_s=120)
        transport.close()
        return result, catcher.arrivals, started + 1 + 14 + question_s

    result, arrivals, question_ended = asyncio.run(call())
    assert result.returncode == 0, result.stdout[-2000:]
    answer_packets = [at for at in arrivals if at > question_ended]
    assert len(answer_packets) > 50  # more than a second of the answer came back as RTP

    record = saved_record(settings, call_id)
    assert record["transport"] == "sip" and record["language"] == "vi"
    assert record["outcome"] == "caller_hung_up"
    said = [line["text"] for line in record["transcript"] if line["who"] == "caller"]
    assert said and "vừa mất" in said[0].lower()
    answered = [line["text"] for line in record["transcript"] if line["who"] == "assistant"]
    assert detect(" ".join(answered)) == "vi" and record["latencies_ms"]
