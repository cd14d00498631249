"""SDP offer and answer for the phone line's one audio stream (RFC 3264, RFC 4566).

The gateway speaks G.711 at 8 kHz in 20 ms packets, μ-law (PCMU) or A-law (PCMA), whichever
the caller's offer prefers, and takes keypad digits as RFC 4733 telephone events when offered.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

PCMU, PCMA = 0, 8
CODECS = {PCMU: "PCMU", PCMA: "PCMA"}  # static payload types of RFC 3551


class SdpError(ValueError):
    """An offer the gateway cannot answer: no audio, or no codec it speaks."""


@dataclass(frozen=True)
class Offer:
    address: str  # where the caller wants its audio sent
    port: int
    payload_types: tuple[int, ...]  # in the caller's order of preference
    telephone_event: int | None  # the dynamic payload type of RFC 4733 events, if offered


@dataclass(frozen=True)
class Media:
    """The stream both sides agreed on."""

    address: str
    port: int
    codec: int
    telephone_event: int | None


def parse_offer(body: bytes) -> Offer:
    address = ""
    port = 0
    payload_types: tuple[int, ...] = ()
    telephone_event = None
    in_audio = False
    for line in body.decode("utf-8", "replace").splitlines():
        kind, _, value = line.strip().partition("=")
        if kind == "c" and (not payload_types or in_audio):
            address = value.split()[-1].split("/")[0]  # "IN IP4 192.0.2.1" (a TTL may follow)
        elif kind == "m":
            fields = value.split()
            in_audio = fields[0] == "audio" and not payload_types
            if in_audio and len(fields) >= 4:
                port = int(fields[1])
                payload_types = tuple(int(pt) for pt in fields[3:] if pt.isdigit())
        elif kind == "a" and in_audio and value.lower().startswith("rtpmap:"):
            number, _, encoding = value[len("rtpmap:") :].partition(" ")
            if encoding.lower().startswith("telephone-event/8000") and number.isdigit():
                telephone_event = int(number)
    if not payload_types or not address or port <= 0:
        raise SdpError("the offer has no audio stream")
    return Offer(address, port, payload_types, telephone_event)


def choose(offer: Offer) -> Media:
    """The caller's first G.711 codec; SdpError when it offers none."""
    codec = next((pt for pt in offer.payload_types if pt in CODECS), None)
    if codec is None:
        raise SdpError("the offer has neither PCMU nor PCMA")
    event = offer.telephone_event if offer.telephone_event in offer.payload_types else None
    return Media(offer.address, offer.port, codec, event)


def answer(media: Media, address: str, port: int) -> bytes:
    """The gateway's answer: ``media`` received at ``address``:``port``."""
    payload_types = [str(media.codec)]
    attributes = [f"a=rtpmap:{media.codec} {CODECS[media.codec]}/8000"]
    if media.telephone_event is not None:
        payload_types.append(str(media.telephone_event))
        attributes += [
            f"a=rtpmap:{media.telephone_event} telephone-event/8000",
            f"a=fmtp:{media.telephone_event} 0-15",
        ]
    session = random.randint(1, 2**31)
    lines = [
        "v=0",
        f"o=hotline {session} {session} IN IP4 {address}",
        "s=hotline",
        f"c=IN IP4 {address}",
        "t=0 0",
        f"m=audio {port} RTP/AVP {' '.join(payload_types)}",
        *attributes,
        "a=ptime:20",
        "a=sendrecv",
    ]
    return ("\r\n".join(lines) + "\r\n").encode()
