"""AudioSocket framing, and a real TCP connection on loopback through the server into a call."""

from __future__ import annotations

import asyncio
import logging
import struct
import uuid

import pytest

from tests.voice.fakes import StubAssistant, StubRecognizer, StubSynthesizer, silence, tone
from voice import audiosocket as a
from voice.call import CallConfig, CallLoop, Dtmf, HangUp
from voice.caller import Caller
from voice.endpointing import EndpointConfig
from voice.records import CallRecord


def read_all(data: bytes) -> list[a.Frame | None]:
    async def main() -> list[a.Frame | None]:
        reader = asyncio.StreamReader()
        reader.feed_data(data)
        reader.feed_eof()
        frames = []
        while True:
            frame = await a.read_frame(reader)
            frames.append(frame)
            if frame is None:
                return frames

    return asyncio.run(main())


def test_frames_round_trip() -> None:
    call_id = uuid.uuid4()
    frames = [
        a.Frame(a.KIND_UUID, call_id.bytes),
        a.Frame(a.KIND_AUDIO, tone(20)),
        a.Frame(a.KIND_DTMF, b"#"),
        a.Frame(a.KIND_ERROR, b"\x01"),
        a.Frame(a.KIND_HANGUP),
    ]
    data = b"".join(a.encode_frame(f.kind, f.payload) for f in frames)
    assert read_all(data) == [*frames, None]
    assert a.encode_frame(a.KIND_HANGUP) == b"\x00\x00\x00"
    assert a.encode_frame(a.KIND_AUDIO, b"\x01\x02")[:3] == b"\x10\x00\x02"  # big-endian length


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x10\x01", "inside a frame header"),
        (b"\x10\x01\x40" + b"\x00" * 10, "inside a frame payload"),
        (a.encode_frame(a.KIND_UUID, b"short"), "UUID frame of 5 bytes"),
        (a.encode_frame(a.KIND_DTMF, b"12"), "DTMF"),
        (a.encode_frame(a.KIND_DTMF, b"x"), "DTMF"),
        (a.encode_frame(a.KIND_AUDIO, b"\x00" * 3), "odd length"),
        (a.encode_frame(0x42, b""), "unsupported frame type 0x42"),
        (struct.pack(">BH", a.KIND_AUDIO, 60000), "payload of 60000 bytes"),
    ],
)
def test_malformed_frames_are_refused_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(a.FrameError, match=reason):
        read_all(data)


def test_audio_out_is_cut_into_20_ms_frames_padded_with_silence() -> None:
    frames = a.audio_frames(b"\x01\x00" * 500)
    assert [len(f) for f in frames] == [320, 320, 320, 320]
    assert frames[-1].endswith(b"\x00" * 40)
    assert a.audio_frames(b"") == []


def test_a_malformed_frame_ends_the_call_with_a_log_line(caplog: pytest.LogCaptureFixture) -> None:
    async def main() -> list[object]:
        reader = asyncio.StreamReader()
        reader.feed_data(a.encode_frame(a.KIND_DTMF, b"1") + a.encode_frame(0x42, b"??"))
        transport = a.AudioSocketTransport("c1", reader, writer=None)  # type: ignore[arg-type]
        return [await transport.next_event(), await transport.next_event()]

    with caplog.at_level(logging.WARNING, logger="voice.audiosocket"):
        events = asyncio.run(main())
    assert events == [Dtmf("1"), HangUp("malformed")]
    assert "malformed AudioSocket frame" in caplog.text


def test_a_call_over_a_real_audiosocket_connection() -> None:
    call_id = uuid.uuid4()
    records: list[CallRecord] = []
    assistant = StubAssistant()
    config = CallConfig(endpointing=EndpointConfig(no_speech_ms=2000))

    async def handle(transport: a.AudioSocketTransport) -> None:
        loop = CallLoop(
            transport, StubRecognizer("我想查认证"), StubSynthesizer(), assistant, config
        )
        records.append(await loop.run())

    async def main() -> Caller:
        server = await a.serve(handle, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        caller = Caller(*await asyncio.open_connection("127.0.0.1", port))
        await caller.send(a.KIND_UUID, call_id.bytes)
        await caller.listen(gap_s=0.2)  # the greeting
        await caller.send(a.KIND_DTMF, b"1")
        await caller.listen(gap_s=0.2)  # the welcome
        await caller.send_audio(tone(800) + silence(900))
        await caller.listen(gap_s=0.2)  # the answer
        await caller.send(a.KIND_HANGUP)
        for _ in range(100):
            if records:
                break
            await asyncio.sleep(0.02)
        caller.writer.close()
        server.close()
        await server.wait_closed()
        return caller

    start = asyncio.run(asyncio.wait_for(main(), 20))
    assert records and records[0].call_id == str(call_id)
    assert records[0].transport == "audiosocket"
    assert records[0].language == "zh"
    assert records[0].outcome == "caller_hung_up"
    assert assistant.calls == [(str(call_id), "我想查认证", "zh")]
    audio = [f for f in start.received if f.kind == a.KIND_AUDIO]
    assert audio and all(len(f.payload) == a.FRAME_BYTES for f in audio)


def test_a_connection_that_does_not_start_with_a_uuid_is_refused(
    caplog: pytest.LogCaptureFixture,
) -> None:
    calls: list[str] = []

    async def handle(transport: a.AudioSocketTransport) -> None:
        calls.append(transport.call_id)

    async def main() -> bytes:
        server = await a.serve(handle, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(a.encode_frame(a.KIND_AUDIO, silence(20)))
        await writer.drain()
        left = await asyncio.wait_for(reader.read(), 5)  # the server closes the connection
        writer.close()
        server.close()
        await server.wait_closed()
        return left

    with caplog.at_level(logging.WARNING, logger="voice.audiosocket"):
        assert asyncio.run(main()) == b""
    assert calls == []
    assert "not a UUID" in caplog.text


def test_playback_is_paced_in_real_time() -> None:
    class Writer:
        def __init__(self) -> None:
            self.times: list[float] = []

        def write(self, data: bytes) -> None:
            self.times.append(asyncio.get_running_loop().time())

        async def drain(self) -> None:
            pass

        def is_closing(self) -> bool:
            return False

    async def main() -> list[float]:
        writer = Writer()
        transport = a.AudioSocketTransport("c1", asyncio.StreamReader(), writer)  # type: ignore[arg-type]
        await transport.play(silence(200))
        return writer.times

    times = asyncio.run(main())
    assert len(times) == 10
    assert times[-1] - times[0] == pytest.approx(0.18, abs=0.03)


def test_the_callers_line_silence_pauses_while_it_speaks_in_real_time() -> None:
    """A telephone sends one frame every 20 ms: silence, or speech, never the two interleaved."""

    async def main() -> list[bytes]:
        received: list[bytes] = []
        done = asyncio.Event()

        async def gateway(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            while (frame := await a.read_frame(reader)) and frame.kind != a.KIND_HANGUP:
                if frame.kind == a.KIND_AUDIO:
                    received.append(frame.payload)
            writer.close()
            done.set()

        server = await asyncio.start_server(gateway, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        caller = await Caller.dial("127.0.0.1", port, keep_line_open=True)
        await asyncio.sleep(0.1)
        await caller.send_audio(tone(400), paced=True)
        await asyncio.sleep(0.1)
        await caller.hang_up()
        await asyncio.wait_for(done.wait(), 5)
        server.close()
        return received

    frames = asyncio.run(main())
    spoken = [i for i, frame in enumerate(frames) if any(frame)]
    assert len(spoken) == 20  # 400 ms of tone in 20 ms frames
    assert spoken == list(range(spoken[0], spoken[0] + 20))  # one unbroken run
    assert spoken[0] > 0 and spoken[-1] < len(frames) - 1  # the line was silent around it
