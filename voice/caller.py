"""A caller over AudioSocket, as Asterisk is one: it sends the call's UUID, keys and speech, and
collects what the gateway plays. Used by the end-to-end tests and the benchmark, and by staff to
check a running line: ``python -m voice.caller question.wav --key 2 [--host H --port P]``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
import time
import uuid
import wave
from pathlib import Path

from bot.settings import VoiceSettings
from voice import audiosocket as a

SILENCE_20MS = b"\x00" * a.FRAME_BYTES


class Caller:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer
        self.received: list[a.Frame] = []
        self.hung_up = False
        self.call_id = ""
        self._sending = asyncio.Lock()
        self._speaking = False
        self._line: asyncio.Task | None = None

    @classmethod
    async def dial(
        cls, host: str, port: int, call_id: uuid.UUID | None = None, keep_line_open: bool = True
    ) -> Caller:
        """Call; ``keep_line_open`` sends silence whenever not speaking, as a telephone does."""
        caller = cls(*await asyncio.open_connection(host, port))
        call_id = call_id or uuid.uuid4()
        caller.call_id = str(call_id)
        await caller.send(a.KIND_UUID, call_id.bytes)
        if keep_line_open:
            caller._line = asyncio.create_task(caller._keep_line_open())
        return caller

    async def _keep_line_open(self) -> None:
        while not self.writer.is_closing():
            await asyncio.sleep(a.FRAME_SECONDS)
            if not self._speaking:
                try:
                    await self.send(a.KIND_AUDIO, SILENCE_20MS)
                except ConnectionError:
                    return

    async def send(self, kind: int, payload: bytes = b"") -> None:
        async with self._sending:
            self.writer.write(a.encode_frame(kind, payload))
            await self.writer.drain()

    async def key(self, digit: str) -> None:
        await self.send(a.KIND_DTMF, digit.encode())

    async def send_audio(self, pcm: bytes, paced: bool = False) -> None:
        """``pcm`` in 20 ms frames; ``paced`` sends them in real time, as a telephone does.

        The line's silence stops meanwhile: interleaved with paced speech it would halve it."""
        started = time.monotonic()
        self._speaking = True
        try:
            for n, i in enumerate(range(0, len(pcm), a.FRAME_BYTES)):
                frame = pcm[i : i + a.FRAME_BYTES].ljust(a.FRAME_BYTES, b"\0")
                await self.send(a.KIND_AUDIO, frame)
                if paced:
                    await asyncio.sleep(
                        max(0.0, started + (n + 1) * a.FRAME_SECONDS - time.monotonic())
                    )
        finally:
            self._speaking = False

    async def say(self, pcm: bytes, silence_ms: int = 1000, paced: bool = False) -> float:
        """Speech, then silence until the gateway starts answering (at most ``silence_ms``
        when not paced). Returns when the speech ended, on the monotonic clock."""
        await self.send_audio(pcm, paced)
        ended = time.monotonic()
        await self.send_audio(SILENCE_20MS * (silence_ms // 20), paced)
        return ended

    async def first_audio(self, timeout_s: float) -> float | None:
        """When the next audio frame arrives (monotonic clock), or None on a hangup."""
        deadline = time.monotonic() + timeout_s
        while True:
            frame = await asyncio.wait_for(a.read_frame(self.reader), deadline - time.monotonic())
            if frame is None or frame.kind == a.KIND_HANGUP:
                self.hung_up = True
                return None
            self.received.append(frame)
            if frame.kind == a.KIND_AUDIO:
                return time.monotonic()

    async def listen(self, gap_s: float = 0.3, timeout_s: float = 60.0) -> bytes:
        """What the gateway plays until a pause of ``gap_s``: one prompt or answer."""
        audio: list[bytes] = []
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            try:
                frame = await asyncio.wait_for(a.read_frame(self.reader), gap_s)
            except asyncio.TimeoutError:
                if audio:
                    break
                continue
            if frame is None or frame.kind == a.KIND_HANGUP:
                self.hung_up = True
                break
            self.received.append(frame)
            if frame.kind == a.KIND_AUDIO:
                audio.append(frame.payload)
        return b"".join(audio)

    async def hang_up(self) -> None:
        if self._line is not None:
            self._line.cancel()
        if not self.writer.is_closing():
            with contextlib.suppress(ConnectionError):
                await self.send(a.KIND_HANGUP)
            self.writer.close()


def read_line_audio(path: Path) -> bytes:
    """An 8 kHz 16-bit mono WAV file's samples."""
    with wave.open(str(path), "rb") as audio:
        if (audio.getframerate(), audio.getsampwidth(), audio.getnchannels()) != (8000, 2, 1):
            raise ValueError(f"{path}: not 8 kHz 16-bit mono")
        return audio.readframes(audio.getnframes())


async def check_line(host: str, port: int, question: Path, key: str) -> int:
    caller = await Caller.dial(host, port)
    greeting = await caller.listen()
    await caller.key(key)
    welcome = await caller.listen()
    ended = await caller.say(read_line_audio(question), paced=True, silence_ms=3000)
    answered = await caller.first_audio(30)
    answer = await caller.listen()
    await caller.hang_up()
    print(f"greeting {len(greeting) / 16000:.1f} s, welcome {len(welcome) / 16000:.1f} s")
    if answered is None:
        print("no answer: the gateway hung up")
        return 1
    print(f"answer {len(answer) / 16000:.1f} s, first audio {answered - ended:.2f} s after speech")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m voice.caller", description=__doc__)
    parser.add_argument("question", type=Path, help="8 kHz 16-bit mono WAV")
    parser.add_argument("--key", default="1", help="the menu key: 1 中文, 2 Tiếng Việt")
    voice = VoiceSettings.from_env()
    parser.add_argument("--host", default=voice.audiosocket_host)
    parser.add_argument("--port", type=int, default=voice.audiosocket_port)
    args = parser.parse_args(argv)
    return asyncio.run(check_line(args.host, args.port, args.question, args.key))


if __name__ == "__main__":
    sys.exit(main())
