"""RTP for the phone line (RFC 3550): G.711 audio in 20 ms packets both ways, and keypad digits
as RFC 4733 telephone events.

The line's audio inside the gateway is 8 kHz 16-bit mono, as over AudioSocket; G.711 coding is
``audioop``'s (the standard library's, Python < 3.13).
"""

from __future__ import annotations

import asyncio
import audioop
import logging
import random
import struct
import time
from collections.abc import Callable
from dataclasses import dataclass

from voice.call import Audio, Dtmf, Event
from voice.sdp import PCMU, Media

logger = logging.getLogger(__name__)

HEADER = struct.Struct(">BBHII")
SAMPLES_PER_PACKET = 160  # 20 ms at 8 kHz
PACKET_SECONDS = 0.020
EVENT_DIGITS = "0123456789*#ABCD"  # RFC 4733 events 0-15
SILENCE_AFTER_S = 0.2  # no audio for this long: silence is given to the call loop
SILENT_FRAME = b"\x00" * (SAMPLES_PER_PACKET * 2)


@dataclass(frozen=True)
class Packet:
    payload_type: int
    sequence: int
    timestamp: int
    ssrc: int
    payload: bytes
    marker: bool = False


def encode_packet(packet: Packet) -> bytes:
    second = (0x80 if packet.marker else 0) | packet.payload_type
    header = HEADER.pack(0x80, second, packet.sequence, packet.timestamp, packet.ssrc)
    return header + packet.payload


def decode_packet(data: bytes) -> Packet | None:
    """The packet in ``data``, or None when it is not RTP version 2."""
    if len(data) < HEADER.size:
        return None
    first, second, sequence, timestamp, ssrc = HEADER.unpack_from(data)
    if first >> 6 != 2:
        return None
    offset = HEADER.size + 4 * (first & 0x0F)  # contributing sources
    if first & 0x10:  # a header extension: 4 bytes, then its length in 32-bit words
        if len(data) < offset + 4:
            return None
        offset += 4 + 4 * struct.unpack_from(">H", data, offset + 2)[0]
    end = len(data)
    if first & 0x20 and end > offset:  # padding: its length is the last byte
        end -= data[-1]
    if end < offset:
        return None
    return Packet(second & 0x7F, sequence, timestamp, ssrc, data[offset:end], bool(second & 0x80))


def to_linear(payload: bytes, codec: int) -> bytes:
    return audioop.ulaw2lin(payload, 2) if codec == PCMU else audioop.alaw2lin(payload, 2)


def from_linear(pcm: bytes, codec: int) -> bytes:
    return audioop.lin2ulaw(pcm, 2) if codec == PCMU else audioop.lin2alaw(pcm, 2)


def telephone_event(payload: bytes) -> str | None:
    """The keypad digit of an RFC 4733 event payload, if it is one."""
    if len(payload) < 4 or payload[0] >= len(EVENT_DIGITS):
        return None
    return EVENT_DIGITS[payload[0]]


class RtpStream(asyncio.DatagramProtocol):
    """One call's audio: received packets become events, played audio is sent in real time."""

    def __init__(self, media: Media, on_event: Callable[[Event], None]) -> None:
        self.media = media
        self._on_event = on_event
        self._transport: asyncio.DatagramTransport | None = None
        self._ssrc = random.getrandbits(32)
        self._sequence = random.getrandbits(16)
        self._timestamp = random.getrandbits(32)
        self._last_event: tuple[int, int] | None = None  # (ssrc, timestamp) of the last digit
        self._last_sent_at: float | None = None
        self._last_audio_at = 0.0
        self._filler: asyncio.Task | None = None
        self.packets_sent = 0
        self.packets_received = 0

    @classmethod
    async def open(
        cls, media: Media, host: str, ports: range, on_event: Callable[[Event], None]
    ) -> tuple[RtpStream, int]:
        """A stream bound to the first free even port of ``ports`` on ``host``, and the port."""
        loop = asyncio.get_running_loop()
        candidates = [port for port in ports if port % 2 == 0]  # RTP takes even ports
        random.shuffle(candidates)  # so that calls ending and starting do not collide
        for port in candidates:
            try:
                _, stream = await loop.create_datagram_endpoint(
                    lambda: cls(media, on_event), local_addr=(host, port)
                )
            except OSError:
                continue
            return stream, port
        raise OSError(f"no free RTP port in {ports.start}-{ports.stop - 1} on {host}")

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self._transport = transport  # type: ignore[assignment]
        self._last_audio_at = time.monotonic()
        self._filler = asyncio.ensure_future(self._fill_silence())

    async def _fill_silence(self) -> None:
        """Silence for the call loop while no audio comes: phones that stop sending when the
        caller is quiet (comfort noise, DTX) would otherwise never end an utterance, as
        endpointing counts frames."""
        while True:
            await asyncio.sleep(PACKET_SECONDS)
            if time.monotonic() - self._last_audio_at > SILENCE_AFTER_S:
                self._on_event(Audio(SILENT_FRAME))

    def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
        packet = decode_packet(data)
        if packet is None:
            return
        self.packets_received += 1
        if packet.payload_type == self.media.codec:
            self._last_audio_at = time.monotonic()
            self._on_event(Audio(to_linear(packet.payload, self.media.codec)))
        elif packet.payload_type == self.media.telephone_event:
            digit = telephone_event(packet.payload)
            # One key press is several packets with one timestamp (and three at its end).
            if digit is not None and self._last_event != (packet.ssrc, packet.timestamp):
                self._last_event = (packet.ssrc, packet.timestamp)
                self._on_event(Dtmf(digit))
        # Anything else (comfort noise, another codec) is not for the call loop.

    async def play(self, pcm: bytes) -> None:
        """Send ``pcm`` in 20 ms packets at real-time pace; returns when it has been sent."""
        loop = asyncio.get_running_loop()
        start = loop.time()
        chunk = SAMPLES_PER_PACKET * 2
        if self._last_sent_at is not None:  # the timestamp counts the silence since then too
            silent = round((start - self._last_sent_at) * 8000) - SAMPLES_PER_PACKET
            self._timestamp = (self._timestamp + max(0, silent)) & 0xFFFFFFFF
        for index in range(0, len(pcm), chunk):
            if self._transport is None or self._transport.is_closing():
                return
            delay = start + (index // chunk) * PACKET_SECONDS - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)
            frame = pcm[index : index + chunk].ljust(chunk, b"\x00")
            self._send(from_linear(frame, self.media.codec), marker=index == 0)

    def _send(self, payload: bytes, marker: bool) -> None:
        codec = self.media.codec
        packet = Packet(codec, self._sequence, self._timestamp, self._ssrc, payload, marker)
        self._sequence = (self._sequence + 1) & 0xFFFF
        self._timestamp = (self._timestamp + SAMPLES_PER_PACKET) & 0xFFFFFFFF
        assert self._transport is not None
        self._transport.sendto(encode_packet(packet), (self.media.address, self.media.port))
        self._last_sent_at = asyncio.get_running_loop().time()
        self.packets_sent += 1

    def close(self) -> None:
        if self._filler is not None:
            self._filler.cancel()
        if self._transport is not None:
            self._transport.close()
