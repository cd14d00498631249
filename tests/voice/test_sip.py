"""The SIP user agent on loopback: SIPp calls it, presses keys as RFC 4733 events, speaks over
RTP, asks for a person (REFER); a Python peer sends what SIPp cannot easily (SIP INFO keys, an
offer without G.711) and plays a PBX that challenges the registration."""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest

from tests.voice import sipp
from tests.voice.fakes import StubAssistant, StubRecognizer, StubSynthesizer, silence, tone
from voice import sip_message as m
from voice.call import CallConfig, CallLoop
from voice.records import CallRecord
from voice.sip import SipAgent, SipCall, SipConfig

RTP_PORTS = range(41000, 41200)


async def with_gateway(
    work: Callable[[SipAgent], Awaitable[None]],
    recognizer: StubRecognizer,
    config: CallConfig | None = None,
    sip_config: SipConfig | None = None,
    calls: int = 1,
) -> list[CallRecord]:
    """Run ``work`` against a SIP gateway whose calls go through the call loop with stubs;
    the records of the ``calls`` calls it expects."""
    records: list[CallRecord] = []

    async def handle(call: SipCall) -> None:
        loop = CallLoop(call, recognizer, StubSynthesizer(), StubAssistant(), config)
        records.append(await loop.run())

    agent = await SipAgent.start(
        sip_config or SipConfig("127.0.0.1", 0, rtp_ports=RTP_PORTS), handle
    )
    try:
        await work(agent)
        for _ in range(50):  # the call loop saves its record just after the hangup
            if len(records) >= calls:
                break
            await asyncio.sleep(0.1)
    finally:
        await agent.close()
    return records


async def audio_catcher() -> tuple[asyncio.DatagramTransport, sipp.AudioCatcher, int]:
    transport, catcher = await asyncio.get_running_loop().create_datagram_endpoint(
        sipp.AudioCatcher, local_addr=("127.0.0.1", 0)
    )
    return transport, catcher, transport.get_extra_info("sockname")[1]


def test_sipp_calls_presses_2_and_asks_a_question(tmp_path: Path) -> None:
    question = sipp.write_rtp_capture(tone(1500) + silence(1500), tmp_path / "question.pcap")
    heard: dict[str, object] = {}

    async def call(agent: SipAgent) -> None:
        transport, catcher, rtp_port = await audio_catcher()
        scenario = sipp.scenario(
            "caller", tmp_path, key="2", rtp_port=rtp_port,
            question_pcap=question,
            key_after_ms=500, question_after_ms=1000, hang_up_after_ms=3000,
        )  # fmt: skip
        heard["sipp"] = await sipp.run_sipp(scenario, agent.port, "sipp-1@127.0.0.1", 30)
        heard["packets"] = len(catcher.arrivals)
        transport.close()

    records = asyncio.run(with_gateway(call, StubRecognizer("bà tôi vừa mất")))
    result = heard["sipp"]
    assert result.returncode == 0, result.stdout[-2000:]
    [record] = records
    assert record.call_id == "sipp-1@127.0.0.1"
    assert record.transport == "sip" and record.outcome == "caller_hung_up"
    assert record.language == "vi"  # key 2, sent as an RFC 4733 event
    assert [line.text for line in record.lines if line.who == "caller"] == ["bà tôi vừa mất"]
    assert "answer to bà tôi vừa mất" in [line.text for line in record.lines]
    assert len(record.latencies_ms) == 1
    assert heard["packets"] > 0  # the prompts and the answer came back as RTP


def test_pressing_0_refers_the_caller_to_the_agents(tmp_path: Path) -> None:
    target = "sip:agents@pbx.example"
    heard: dict[str, object] = {}

    async def call(agent: SipAgent) -> None:
        transport, _, rtp_port = await audio_catcher()
        scenario = sipp.scenario(
            "transfer", tmp_path, key="0", rtp_port=rtp_port,
            target=target, key_after_ms=500,
        )  # fmt: skip
        heard["sipp"] = await sipp.run_sipp(scenario, agent.port, "sipp-2@127.0.0.1", 30)
        transport.close()

    config = CallConfig(transfer_target=target)
    records = asyncio.run(with_gateway(call, StubRecognizer(), config))
    result = heard["sipp"]
    assert result.returncode == 0, result.stdout[-2000:]  # REFER to the target, then BYE
    [record] = records
    assert record.outcome == "transferred" and record.transfer_target == target


class Peer(asyncio.DatagramProtocol):
    """A SIP peer written out by hand: sends messages and collects what comes back."""

    def __init__(self) -> None:
        self.received: asyncio.Queue[m.Message] = asyncio.Queue()
        self.transport: asyncio.DatagramTransport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
        self.received.put_nowait(m.parse(data))

    @property
    def port(self) -> int:
        assert self.transport is not None
        return self.transport.get_extra_info("sockname")[1]

    def send(self, message: m.Message, port: int) -> None:
        assert self.transport is not None
        self.transport.sendto(message.encode(), ("127.0.0.1", port))

    async def next(self, method_or_status: str | int, timeout_s: float = 5) -> m.Message:
        while True:
            message = await asyncio.wait_for(self.received.get(), timeout_s)
            wanted = message.method if isinstance(method_or_status, str) else message.status
            if wanted == method_or_status and (
                message.is_request == isinstance(method_or_status, str)
            ):
                return message


async def open_peer() -> Peer:
    _, peer = await asyncio.get_running_loop().create_datagram_endpoint(
        Peer, local_addr=("127.0.0.1", 0)
    )
    return peer


def invite(peer: Peer, sdp_body: bytes, call_id: str = "call-1@peer") -> m.Message:
    message = m.request("INVITE", "sip:hotline@127.0.0.1")
    message.add("Via", f"SIP/2.0/UDP 127.0.0.1:{peer.port};branch={m.new_branch()}")
    message.add("From", "<sip:caller@127.0.0.1>;tag=peer1").add("To", "<sip:hotline@127.0.0.1>")
    message.add("Call-ID", call_id).add("CSeq", "1 INVITE")
    message.add("Contact", f"<sip:caller@127.0.0.1:{peer.port}>")
    message.add("Content-Type", "application/sdp")
    message.body = sdp_body
    return message


def in_dialog(peer: Peer, ok: m.Message, method: str, cseq: int) -> m.Message:
    message = m.request(method, m.address_uri(ok.get("Contact") or ""))
    message.add("Via", f"SIP/2.0/UDP 127.0.0.1:{peer.port};branch={m.new_branch()}")
    message.add("From", ok.get("From") or "").add("To", ok.get("To") or "")
    message.add("Call-ID", ok.get("Call-ID") or "").add("CSeq", f"{cseq} {method}")
    return message


OFFER = (
    b"v=0\r\no=peer 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
    b"m=audio 49170 RTP/AVP 0\r\n"
)


def test_keys_sent_as_sip_info_choose_the_language() -> None:
    async def call(agent: SipAgent) -> None:
        peer = await open_peer()
        peer.send(invite(peer, OFFER), agent.port)
        ok = await peer.next(200)
        assert b"m=audio" in ok.body and m.param(ok.get("To") or "", "tag")
        ack = in_dialog(peer, ok, "ACK", 1)
        peer.send(ack, agent.port)
        info = in_dialog(peer, ok, "INFO", 2)
        info.add("Content-Type", "application/dtmf-relay").body = b"Signal=1\r\nDuration=160\r\n"
        peer.send(info, agent.port)
        assert (await peer.next(200)).cseq == (2, "INFO")
        await asyncio.sleep(0.5)  # the welcome in Chinese
        peer.send(in_dialog(peer, ok, "BYE", 3), agent.port)
        assert (await peer.next(200)).cseq == (3, "BYE")

    [record] = asyncio.run(with_gateway(call, StubRecognizer()))
    assert record.language == "zh" and record.outcome == "caller_hung_up"


def test_an_offer_without_g711_is_refused_and_no_call_starts(
    caplog: pytest.LogCaptureFixture,
) -> None:
    opus_only = OFFER.replace(b"RTP/AVP 0", b"RTP/AVP 111") + b"a=rtpmap:111 opus/48000/2\r\n"

    async def call(agent: SipAgent) -> None:
        peer = await open_peer()
        peer.send(invite(peer, opus_only), agent.port)
        await peer.next(488)

    with caplog.at_level(logging.WARNING, logger="voice.sip"):
        assert asyncio.run(with_gateway(call, StubRecognizer(), calls=0)) == []
    assert "neither PCMU nor PCMA" in caplog.text


def test_a_bye_for_an_unknown_call_is_answered_481() -> None:
    async def call(agent: SipAgent) -> None:
        peer = await open_peer()
        bye = invite(peer, b"", call_id="nobody@peer")
        bye.start = "BYE sip:hotline@127.0.0.1 SIP/2.0"
        bye.headers = [(k, "1 BYE" if k == "CSeq" else v) for k, v in bye.headers]
        peer.send(bye, agent.port)
        await peer.next(481)

    assert asyncio.run(with_gateway(call, StubRecognizer(), calls=0)) == []


def test_the_gateway_registers_with_a_pbx_answering_its_digest_challenge() -> None:
    registrations: list[m.Message] = []

    async def run() -> None:
        pbx = await open_peer()
        config = SipConfig(
            "127.0.0.1", 0, rtp_ports=RTP_PORTS, registrar=f"127.0.0.1:{pbx.port}",
            user="hotline", password="s3cret", domain="pbx.example", register_expires=120,
        )  # fmt: skip

        async def registrar(agent: SipAgent) -> None:
            first = await pbx.next("REGISTER")
            challenge = m.response(first, 401, "Unauthorized", to_tag="pbx")
            challenge.add(
                "WWW-Authenticate", 'Digest realm="pbx.example", nonce="abc123", qop="auth"'
            )
            pbx.send(challenge, agent.port)
            second = await pbx.next("REGISTER")
            registrations.extend([first, second])
            pbx.send(m.response(second, 200, "OK", to_tag="pbx").add("Expires", "120"), agent.port)
            await asyncio.sleep(0.2)

        await with_gateway(registrar, StubRecognizer(), sip_config=config, calls=0)

    asyncio.run(run())
    first, second = registrations
    assert first.get("Authorization") is None and first.get("Expires") == "120"
    assert second.cseq[0] == first.cseq[0] + 1
    fields = dict(
        part.strip().split("=", 1) for part in (second.get("Authorization") or "")[7:].split(",")
    )
    unquoted = {key: value.strip('"') for key, value in fields.items()}
    ha1 = hashlib.md5(b"hotline:pbx.example:s3cret").hexdigest()
    ha2 = hashlib.md5(b"REGISTER:sip:pbx.example").hexdigest()
    expected = hashlib.md5(
        f"{ha1}:abc123:{unquoted['nc']}:{unquoted['cnonce']}:auth:{ha2}".encode()
    ).hexdigest()
    assert unquoted["username"] == "hotline" and unquoted["response"] == expected


def test_sip_settings_come_from_the_environment_with_a_clear_error_for_a_bad_range() -> None:
    from bot.settings import VoiceSettings
    from voice.gateway import sip_config

    config = sip_config(
        VoiceSettings.from_env(
            {"HOTLINE_VOICE_SIP_PORT": "5070", "HOTLINE_VOICE_SIP_RTP_PORTS": "30000-30009"}
        )
    )
    assert (config.host, config.port, config.registrar) == ("127.0.0.1", 5070, "")
    assert config.rtp_ports == range(30000, 30010)
    one = VoiceSettings.from_env({"HOTLINE_VOICE_SIP_RTP_PORTS": "40000"})
    assert one.sip_rtp_ports == range(40000, 40001)
    for bad in ("x-y", "50000-40000", "0-10", "65000-70000"):
        with pytest.raises(ValueError, match="not a port range"):
            VoiceSettings.from_env({"HOTLINE_VOICE_SIP_RTP_PORTS": bad})
