"""SIP messages, SDP offer/answer and RTP packets: the parts of the SIP user agent."""

from __future__ import annotations

import asyncio
import hashlib

import numpy as np
import pytest

from tests.voice.fakes import tone
from voice import rtp, sdp
from voice import sip_message as m
from voice.call import Audio, Dtmf, Event
from voice.sip import SipAgent, SipConfig, info_digit, sipfrag_status

INVITE = (
    "INVITE sip:hotline@10.0.0.5 SIP/2.0\r\n"
    "v: SIP/2.0/UDP 10.0.0.9:5060;branch=z9hG4bK776;rport\r\n"
    "Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK111\r\n"
    'f: "Bà Lan" <sip:0912@10.0.0.9>;tag=abc\r\n'
    "t: <sip:hotline@10.0.0.5>\r\n"
    "i: 42@10.0.0.9\r\n"
    "CSeq: 7 INVITE\r\n"
    "Contact: <sip:0912@10.0.0.9:5062;transport=udp>\r\n"
    "Subject: a folded\r\n  header\r\n"
    "l: 4\r\n\r\nbodyEXTRA"
).encode()


def test_a_request_with_compact_and_folded_headers_is_read() -> None:
    message = m.parse(INVITE)
    assert message.is_request and message.method == "INVITE"
    assert message.uri == "sip:hotline@10.0.0.5"
    assert message.get("Call-ID") == "42@10.0.0.9" and message.cseq == (7, "INVITE")
    assert len(message.get_all("Via")) == 2 and message.branch == "z9hG4bK776"
    assert message.get("Subject") == "a folded header"
    assert message.body == b"body"  # Content-Length counts, not the datagram's end
    assert m.host_port(m.address_uri(message.get("Contact") or "")) == ("10.0.0.9", 5062)
    assert m.param(message.get("From") or "", "tag") == "abc"


def test_a_response_copies_the_transaction_and_tags_the_to() -> None:
    reply = m.parse(m.response(m.parse(INVITE), 200, "OK", to_tag="xyz", body=b"v=0\r\n").encode())
    assert reply.status == 200 and not reply.is_request and reply.method == "INVITE"
    assert reply.get_all("Via") == m.parse(INVITE).get_all("Via")  # in order
    assert m.param(reply.get("To") or "", "tag") == "xyz"
    assert reply.get("Content-Length") == "5" and reply.body == b"v=0\r\n"


@pytest.mark.parametrize(
    "data", [b"", b"hello world", b"INVITE sip:x SIP/1.0\r\n\r\n", b"SIP/2.0 OK fine\r\n\r\n"]
)
def test_what_is_not_sip_is_refused(data: bytes) -> None:
    with pytest.raises(m.SipError):
        m.parse(data)


def test_a_request_without_its_call_id_is_refused() -> None:
    with pytest.raises(m.SipError, match="Call-ID"):
        m.parse(INVITE.replace(b"i: 42@10.0.0.9\r\n", b""))


def test_digest_authorization_matches_rfc_2617s_example() -> None:
    challenge = (
        'Digest realm="testrealm@host.com", qop="auth,auth-int", '
        'nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"'
    )
    value = m.digest_authorization(
        challenge, "GET", "/dir/index.html", "Mufasa", "Circle Of Life", cnonce="0a4f113b"
    )
    assert 'response="6629fae49393a05397450978507c4ef1"' in value
    assert 'opaque="5ccc069c403ebaf9f0171e9517f40e41"' in value


def test_digest_without_qop() -> None:
    value = m.digest_authorization('Digest realm="r", nonce="n"', "REGISTER", "sip:d", "u", "p")
    ha1, ha2 = hashlib.md5(b"u:r:p").hexdigest(), hashlib.md5(b"REGISTER:sip:d").hexdigest()
    assert f'response="{hashlib.md5(f"{ha1}:n:{ha2}".encode()).hexdigest()}"' in value
    assert "qop" not in value


OFFER = (
    b"v=0\r\no=- 1 1 IN IP4 10.0.0.9\r\ns=-\r\nc=IN IP4 10.0.0.9\r\nt=0 0\r\n"
    b"m=audio 49170 RTP/AVP 9 8 0 101\r\na=rtpmap:101 telephone-event/8000\r\n"
    b"m=video 49172 RTP/AVP 96\r\nc=IN IP4 10.9.9.9\r\n"
)


def test_the_answer_takes_the_callers_first_g711_codec_and_its_key_events() -> None:
    media = sdp.choose(sdp.parse_offer(OFFER))
    assert media == sdp.Media("10.0.0.9", 49170, sdp.PCMA, 101)  # G.722 (9) is not spoken
    answer = sdp.answer(media, "10.0.0.5", 40002).decode()
    assert "c=IN IP4 10.0.0.5" in answer and "m=audio 40002 RTP/AVP 8 101" in answer
    assert "a=rtpmap:101 telephone-event/8000" in answer


def test_an_offer_without_audio_or_g711_cannot_be_answered() -> None:
    with pytest.raises(sdp.SdpError, match="no audio"):
        sdp.parse_offer(b"v=0\r\nc=IN IP4 10.0.0.9\r\nm=video 5000 RTP/AVP 96\r\n")
    with pytest.raises(sdp.SdpError, match="neither"):
        sdp.choose(sdp.parse_offer(OFFER.replace(b"9 8 0 101", b"9 101")))


def test_rtp_packets_round_trip_with_csrcs_extension_and_padding() -> None:
    packet = rtp.Packet(0, 65535, 2**32 - 1, 7, b"\x01\x02\x03", marker=True)
    assert rtp.decode_packet(rtp.encode_packet(packet)) == packet
    header = bytearray(rtp.encode_packet(packet)[:12])
    header[0] |= 0x20 | 0x10 | 0x01  # padding, extension, one CSRC
    data = bytes(header) + b"CSRC" + b"\xbe\xde\x00\x01" + b"EXT1" + b"\x01\x02\x03" + b"\x00\x02"
    assert rtp.decode_packet(data).payload == b"\x01\x02\x03"
    assert rtp.decode_packet(b"\x00" * 12) is None  # version 0
    assert rtp.decode_packet(b"\x80\x00") is None


@pytest.mark.parametrize("codec", [sdp.PCMU, sdp.PCMA])
def test_g711_keeps_speech_within_its_quantisation(codec: int) -> None:
    pcm = tone(100, amplitude=8000)
    back = rtp.to_linear(rtp.from_linear(pcm, codec), codec)
    original, decoded = (np.frombuffer(x, "<i2").astype(float) for x in (pcm, back))
    assert len(back) == len(pcm) and np.max(np.abs(original - decoded)) < 300


def test_one_key_press_of_several_event_packets_is_one_digit() -> None:
    events: list[Event] = []
    stream = rtp.RtpStream(sdp.Media("127.0.0.1", 9, sdp.PCMU, 101), events.append)
    press = [b"\x05\x0a\x00\xa0", b"\x05\x0a\x01\x40", b"\x05\x8a\x01\xe0", b"\x05\x8a\x01\xe0"]
    for n, payload in enumerate(press):
        stream.datagram_received(rtp.encode_packet(rtp.Packet(101, n, 8000, 1, payload)), ("x", 1))
    pound = rtp.Packet(101, 9, 9600, 1, b"\x0b\x8a\x00\xa0")  # a new press: a new timestamp
    stream.datagram_received(rtp.encode_packet(pound), ("x", 1))
    audio = rtp.encode_packet(rtp.Packet(0, 10, 9760, 1, rtp.from_linear(tone(20), sdp.PCMU)))
    stream.datagram_received(audio, ("x", 1))
    stream.datagram_received(rtp.encode_packet(rtp.Packet(13, 11, 9920, 1, b"\x40")), ("x", 1))
    assert events[:2] == [Dtmf("5"), Dtmf("#")]
    assert len(events) == 3 and isinstance(events[2], Audio) and len(events[2].pcm) == 320


def test_played_audio_is_sent_as_paced_20_ms_packets() -> None:
    async def main() -> list[rtp.Packet]:
        loop = asyncio.get_running_loop()
        got: list[rtp.Packet] = []

        class Receiver(asyncio.DatagramProtocol):
            def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
                got.append(rtp.decode_packet(data))

        receiver, _ = await loop.create_datagram_endpoint(Receiver, local_addr=("127.0.0.1", 0))
        port = receiver.get_extra_info("sockname")[1]
        media = sdp.Media("127.0.0.1", port, sdp.PCMU, None)
        stream, _ = await rtp.RtpStream.open(media, "127.0.0.1", range(41200, 41300), print)
        started = loop.time()
        await stream.play(tone(210))  # 10.5 packets: the last one padded
        elapsed = loop.time() - started
        await asyncio.sleep(0.05)
        stream.close()
        receiver.close()
        assert elapsed >= 0.18  # real time (10 gaps of 20 ms), not all at once
        return got

    packets = asyncio.run(main())
    assert len(packets) == 11 and all(len(p.payload) == 160 for p in packets)
    assert packets[0].marker and not any(p.marker for p in packets[1:])
    assert [p.sequence - packets[0].sequence for p in packets] == list(range(11))
    assert packets[1].timestamp - packets[0].timestamp == 160


def test_keys_in_sip_info_bodies() -> None:
    def info(kind: str, body: bytes) -> m.Message:
        message = m.parse(INVITE.replace(b"INVITE sip", b"INFO sip"))
        message.headers.append(("Content-Type", kind))
        message.body = body
        return message

    assert info_digit(info("application/dtmf-relay", b"Signal=5\r\nDuration=160\r\n")) == "5"
    assert info_digit(info("application/dtmf-relay", b"signal= #\r\n")) == "#"
    assert info_digit(info("application/dtmf", b"2")) == "2"
    assert info_digit(info("application/dtmf-relay", b"Duration=160")) is None
    assert info_digit(info("text/plain", b"5")) is None
    assert sipfrag_status(b"SIP/2.0 180 Ringing\r\n") == 180 and sipfrag_status(b"") == 0


def test_a_phone_that_stops_sending_in_silence_still_gives_the_call_loop_silence() -> None:
    async def main() -> list[Event]:
        events: list[Event] = []
        media = sdp.Media("127.0.0.1", 9, sdp.PCMU, None)
        stream, _ = await rtp.RtpStream.open(media, "127.0.0.1", range(41300, 41400), events.append)
        await asyncio.sleep(0.1)
        assert events == []  # not while audio may still come
        await asyncio.sleep(0.4)
        stream.close()
        return events

    events = asyncio.run(main())
    assert len(events) >= 5 and all(e == Audio(rtp.SILENT_FRAME) for e in events)


def test_the_advertised_address_is_the_configured_one_or_the_one_facing_the_caller() -> None:
    async def no_calls(call: object) -> None: ...

    every_interface = SipAgent(SipConfig("0.0.0.0", 5060), no_calls)
    assert every_interface.advertised_address("127.0.0.1") == "127.0.0.1"
    behind_nat = SipAgent(SipConfig("0.0.0.0", 5060, address="203.0.113.7"), no_calls)
    assert behind_nat.advertised_address("127.0.0.1") == "203.0.113.7"
    assert SipAgent(SipConfig("10.1.2.3", 5060), no_calls).advertised_address("x") == "10.1.2.3"
