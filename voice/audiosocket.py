"""Asterisk's AudioSocket protocol: framing, and a TCP server that turns connections into calls.

Each frame is a 1-byte type, a 2-byte big-endian payload length and the payload
(docs.asterisk.org, Configuration/Channel-Drivers/AudioSocket). Asterisk's ``AudioSocket()``
dialplan application sends the call's UUID first, then 20 ms of 8 kHz signed-linear audio
(320 bytes) every 20 ms, DTMF digits (Asterisk 20+), and a hangup frame or a closed socket at
the end. The server must send its audio at the same real-time pace: Asterisk plays what it
gets at once and drops what overflows its buffer.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import struct
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from voice.call import Audio, Dtmf, Event, HangUp

logger = logging.getLogger(__name__)

KIND_HANGUP = 0x00
KIND_UUID = 0x01
KIND_DTMF = 0x03
KIND_AUDIO = 0x10
KIND_ERROR = 0xFF

SAMPLE_RATE = 8000
FRAME_BYTES = 320  # 20 ms of 16-bit mono audio at 8 kHz
FRAME_SECONDS = 0.020
HEADER = struct.Struct(">BH")
# A 20 ms frame is 320 bytes; longer payloads are allowed by the framing, but anything beyond a
# few seconds of audio in one frame means the peer is not speaking AudioSocket.
MAX_PAYLOAD = 32_000
DTMF_DIGITS = frozenset("0123456789*#ABCD")


class FrameError(Exception):
    """The peer sent something that is not a valid AudioSocket frame."""


@dataclass(frozen=True)
class Frame:
    kind: int
    payload: bytes = b""


def encode_frame(kind: int, payload: bytes = b"") -> bytes:
    if len(payload) > 0xFFFF:
        raise ValueError("an AudioSocket payload is at most 65535 bytes")
    return HEADER.pack(kind, len(payload)) + payload


def check_frame(frame: Frame) -> None:
    """Raise FrameError when the payload does not fit the frame's type."""
    size = len(frame.payload)
    if frame.kind == KIND_UUID and size != 16:
        raise FrameError(f"UUID frame of {size} bytes, not 16")
    if frame.kind == KIND_DTMF and (size != 1 or chr(frame.payload[0]) not in DTMF_DIGITS):
        raise FrameError("DTMF frame without one keypad digit")
    if frame.kind == KIND_AUDIO and size % 2:
        raise FrameError(f"audio frame of an odd length ({size} bytes)")
    if frame.kind not in (KIND_HANGUP, KIND_UUID, KIND_DTMF, KIND_AUDIO, KIND_ERROR):
        # Includes the higher-rate audio types of recent Asterisk: the gateway speaks 8 kHz.
        raise FrameError(f"unsupported frame type 0x{frame.kind:02x}")


async def read_frame(reader: asyncio.StreamReader) -> Frame | None:
    """The next valid frame, or None when the peer closed the connection between frames."""
    try:
        header = await reader.readexactly(HEADER.size)
    except asyncio.IncompleteReadError as error:
        if error.partial:
            raise FrameError("connection closed inside a frame header") from None
        return None
    kind, length = HEADER.unpack(header)
    if length > MAX_PAYLOAD:
        raise FrameError(f"payload of {length} bytes")
    try:
        payload = await reader.readexactly(length)
    except asyncio.IncompleteReadError:
        raise FrameError("connection closed inside a frame payload") from None
    frame = Frame(kind, payload)
    check_frame(frame)
    return frame


def audio_frames(pcm: bytes) -> list[bytes]:
    """``pcm`` cut into 20 ms frames, the last one padded with silence."""
    frames = [pcm[i : i + FRAME_BYTES] for i in range(0, len(pcm), FRAME_BYTES)]
    if frames and len(frames[-1]) < FRAME_BYTES:
        frames[-1] = frames[-1].ljust(FRAME_BYTES, b"\x00")
    return frames


class AudioSocketTransport:
    """One AudioSocket connection as the call loop's Transport."""

    name = "audiosocket"

    def __init__(
        self, call_id: str, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        self.call_id = call_id
        self._reader = reader
        self._writer = writer
        self._closed = False

    async def next_event(self) -> Event:
        while not self._closed:
            try:
                frame = await read_frame(self._reader)
            except FrameError as error:
                logger.warning(
                    "call %s: malformed AudioSocket frame (%s); ending", self.call_id, error
                )
                return HangUp("malformed")
            except (ConnectionError, OSError):
                return HangUp("connection lost")
            if frame is None or frame.kind == KIND_HANGUP:
                return HangUp("caller")
            if frame.kind == KIND_AUDIO:
                return Audio(frame.payload)
            if frame.kind == KIND_DTMF:
                return Dtmf(chr(frame.payload[0]))
            if frame.kind == KIND_ERROR:
                code = frame.payload.hex() or "none"
                logger.warning("call %s: Asterisk reported error %s; ending", self.call_id, code)
                return HangUp("error")
            # A repeated UUID frame carries nothing new: read on.
        return HangUp("local")

    async def play(self, pcm: bytes) -> None:
        """Send ``pcm`` in 20 ms frames at real-time pace; returns when it has been sent."""
        loop = asyncio.get_running_loop()
        start = loop.time()
        for index, frame in enumerate(audio_frames(pcm)):
            if self._closed or self._writer.is_closing():
                return
            # Pace against the start time, so that slow writes do not add up to drift.
            delay = start + index * FRAME_SECONDS - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)
            if not await self._send(encode_frame(KIND_AUDIO, frame)):
                return

    async def hang_up(self) -> None:
        if self._closed:
            return
        await self._send(encode_frame(KIND_HANGUP))
        await self.close()

    async def transfer(self, target: str) -> bool:
        # AudioSocket carries media only: the dialplan sees the hangup and the call record
        # notes the transfer; the caller is not handed over by this transport.
        return False

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._writer.close()
        with contextlib.suppress(ConnectionError, OSError):
            await self._writer.wait_closed()

    async def _send(self, data: bytes) -> bool:
        try:
            self._writer.write(data)
            await self._writer.drain()
        except (ConnectionError, OSError):
            self._closed = True
            return False
        return True


CallHandler = Callable[[AudioSocketTransport], Awaitable[None]]


async def accept_call(
    reader: asyncio.StreamReader,
    writer: asyncio.StreamWriter,
    handle_call: CallHandler,
    first_frame_timeout_s: float = 5.0,
) -> None:
    """Read the UUID frame that opens every AudioSocket call, then hand the call over."""
    peer = writer.get_extra_info("peername")
    try:
        frame = await asyncio.wait_for(read_frame(reader), first_frame_timeout_s)
        if frame is None:
            raise FrameError("connection closed before the UUID frame")
        if frame.kind != KIND_UUID:
            raise FrameError(f"first frame of type 0x{frame.kind:02x}, not a UUID")
    except (FrameError, asyncio.TimeoutError, ConnectionError, OSError) as error:
        reason = str(error) or type(error).__name__
        logger.warning("AudioSocket connection from %s refused: %s", peer, reason)
        writer.close()
        with contextlib.suppress(ConnectionError, OSError):
            await writer.wait_closed()
        return
    transport = AudioSocketTransport(str(uuid.UUID(bytes=frame.payload)), reader, writer)
    try:
        await handle_call(transport)
    except Exception:
        logger.exception("call %s failed", transport.call_id)
    finally:
        await transport.close()


async def serve(
    handle_call: CallHandler, host: str, port: int, first_frame_timeout_s: float = 5.0
) -> asyncio.AbstractServer:
    """A started AudioSocket server; each connection becomes a call given to ``handle_call``."""

    async def on_connection(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await accept_call(reader, writer, handle_call, first_frame_timeout_s)

    return await asyncio.start_server(on_connection, host, port)
