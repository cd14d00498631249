"""The phone line's SIP user agent: it answers calls and feeds them to the call loop, hands a
caller to the agents with REFER, and registers with a PBX when one is configured.

UDP, as PBXs and SIP trunks use it on an agency's network. An INVITE becomes a call: 100
Trying, then 200 OK with the SDP answer, repeated until the caller's ACK (RFC 3261 17.2.1);
the audio is RTP on an even port of the configured range (``voice/rtp.py``). Keypad digits come
as RFC 4733 telephone events or as SIP INFO (``application/dtmf-relay``, ``application/dtmf``).
Requests the gateway sends (BYE, REFER, REGISTER) are repeated until answered (17.1.2).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from voice import sdp
from voice import sip_message as m
from voice.call import Dtmf, Event, HangUp
from voice.rtp import RtpStream

logger = logging.getLogger(__name__)

T1, T2 = 0.5, 4.0  # RFC 3261 timers: the first repeat, and the longest gap between repeats
ALLOW = "INVITE, ACK, BYE, CANCEL, OPTIONS, INFO, REFER, NOTIFY"
USER_AGENT = "hotline-voice"


@dataclass(frozen=True)
class SipConfig:
    host: str  # the interface to listen on
    port: int
    address: str = ""  # advertised in Contact and SDP; empty: the host, or the one facing the peer
    rtp_ports: range = range(40000, 41000)
    registrar: str = ""  # host[:port] of a PBX to register with; empty: none
    user: str = "hotline"
    password: str = ""
    domain: str = ""  # of the registered address; empty: the registrar's host
    register_expires: int = 300
    transfer_timeout_s: float = 30.0  # how long the agents' side may take to answer a REFER


@dataclass
class Dialog:
    """The SIP side of one call, as the gateway (the called party) sees it."""

    call_id: str
    local: str  # our From in requests we send: the INVITE's To, with our tag
    remote: str  # their From, with their tag
    target: str  # where in-dialog requests go: the caller's Contact URI
    routes: list[str] = field(default_factory=list)
    cseq: int = 1
    invite_cseq: int = 0


class SipCall:
    """One answered call as the call loop's Transport."""

    name = "sip"

    def __init__(self, agent: SipAgent, dialog: Dialog, answer: m.Message) -> None:
        self.agent = agent
        self.dialog = dialog
        self.call_id = dialog.call_id
        self.answer = answer  # the 200 OK, sent again for a repeated INVITE
        self.acked = asyncio.Event()
        self.rtp: RtpStream | None = None
        self.ended = False  # a BYE went one way or the other
        self.transfer_status: asyncio.Future[int] | None = None
        self._events: asyncio.Queue[Event] = asyncio.Queue()

    def deliver(self, event: Event) -> None:
        self._events.put_nowait(event)

    async def next_event(self) -> Event:
        return await self._events.get()

    async def play(self, pcm: bytes) -> None:
        if self.rtp is not None and not self.ended:
            await self.rtp.play(pcm)

    async def hang_up(self) -> None:
        if not self.ended:
            self.ended = True
            await self.agent.send_in_dialog(self, "BYE", timeout_s=8 * T1)
        self.deliver(HangUp("local"))

    async def transfer(self, target: str) -> bool:
        return await self.agent.refer(self, target)


CallHandler = Callable[[SipCall], Awaitable[None]]


class SipAgent(asyncio.DatagramProtocol):
    def __init__(self, config: SipConfig, handle_call: CallHandler) -> None:
        self.config = config
        self._handle_call = handle_call
        self._transport: asyncio.DatagramTransport | None = None
        self._calls: dict[str, SipCall] = {}
        self._pending: dict[str, asyncio.Future[m.Message]] = {}
        self._tasks: set[asyncio.Task] = set()
        self._registration = Dialog(f"{m.new_tag()}@hotline", "", "", "")

    # -- starting and stopping ------------------------------------------------------------

    @classmethod
    async def start(cls, config: SipConfig, handle_call: CallHandler) -> SipAgent:
        loop = asyncio.get_running_loop()
        _, agent = await loop.create_datagram_endpoint(
            lambda: cls(config, handle_call), local_addr=(config.host, config.port)
        )
        if config.registrar:
            agent._spawn(agent._keep_registered())
        return agent

    @property
    def port(self) -> int:
        assert self._transport is not None
        return self._transport.get_extra_info("sockname")[1]

    async def close(self) -> None:
        for call in list(self._calls.values()):
            with contextlib.suppress(Exception):
                await call.hang_up()
        if self.config.registrar:
            with contextlib.suppress(Exception):
                await self._register(expires=0, timeout_s=4 * T1)  # shutting down: brief
        for task in list(self._tasks):
            task.cancel()
        if self._transport is not None:
            self._transport.close()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self._transport = transport  # type: ignore[assignment]

    def _spawn(self, work: Awaitable[None]) -> None:
        task = asyncio.ensure_future(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # -- receiving ------------------------------------------------------------------------

    def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
        if not data.strip():
            return  # a keep-alive (RFC 5626 CRLF)
        try:
            message = m.parse(data)
        except (m.SipError, ValueError) as error:
            logger.warning("SIP: unreadable message from %s:%d (%s)", *addr, error)
            return
        if not message.is_request:
            waiting = self._pending.get(message.branch)
            if waiting is not None and not waiting.done() and message.status >= 200:
                waiting.set_result(message)
            return
        handler = {
            "INVITE": self._on_invite,
            "ACK": self._on_ack,
            "BYE": self._on_bye,
            "CANCEL": self._on_cancel,
            "INFO": self._on_info,
            "NOTIFY": self._on_notify,
            "OPTIONS": self._on_options,
        }.get(message.method)
        if handler is None:
            self._respond(message, addr, 405, "Method Not Allowed", extra=(("Allow", ALLOW),))
        else:
            handler(message, addr)

    def _on_invite(self, invite: m.Message, addr: tuple[str, int]) -> None:
        call = self._calls.get(invite.get("Call-ID") or "")
        if call is not None:  # a repeat of the INVITE, or a re-INVITE (hold, refresh)
            if invite.cseq[0] != call.dialog.invite_cseq:
                call.answer = self._answer(invite, call.dialog, call.answer.body, addr[0])
                call.dialog.invite_cseq = invite.cseq[0]
            self._send(call.answer.encode(), addr)
            return
        try:
            media = sdp.choose(sdp.parse_offer(invite.body))
        except (sdp.SdpError, ValueError) as error:
            logger.warning("SIP: call from %s:%d refused: %s", *addr, error)
            self._respond(invite, addr, 488, "Not Acceptable Here")
            return
        self._respond(invite, addr, 100, "Trying")
        self._spawn(self._answer_call(invite, addr, media))

    async def _answer_call(
        self, invite: m.Message, addr: tuple[str, int], media: sdp.Media
    ) -> None:
        tag = m.new_tag()
        dialog = Dialog(
            call_id=invite.get("Call-ID") or "",
            local=f"{invite.get('To')};tag={tag}",
            remote=invite.get("From") or "",
            target=m.address_uri(invite.get("Contact") or invite.get("From") or ""),
            routes=invite.get_all("Record-Route"),  # a called party keeps them in order
            invite_cseq=invite.cseq[0],
        )
        address = self.advertised_address(addr[0])
        call = SipCall(self, dialog, m.Message(""))
        try:
            call.rtp, rtp_port = await RtpStream.open(
                media, self.config.host, self.config.rtp_ports, call.deliver
            )
        except OSError as error:
            logger.error("SIP: call from %s:%d refused: %s", *addr, error)
            self._respond(invite, addr, 503, "Service Unavailable")
            return
        call.answer = self._answer(invite, dialog, sdp.answer(media, address, rtp_port), addr[0])
        self._calls[dialog.call_id] = call
        try:
            if await self._until_acked(call, addr):
                await self._handle_call(call)
            else:
                logger.warning("SIP: call %s never acknowledged; ending", dialog.call_id)
        finally:
            if not call.ended:
                with contextlib.suppress(Exception):
                    await call.hang_up()
            call.rtp.close()
            self._calls.pop(dialog.call_id, None)

    def _answer(self, invite: m.Message, dialog: Dialog, body: bytes, peer_host: str) -> m.Message:
        answer = m.response(invite, 200, "OK", to_tag=m.param(dialog.local, "tag"), body=body)
        answer.add("Contact", f"<{self.contact_uri(self.advertised_address(peer_host))}>")
        answer.add("Allow", ALLOW).add("Content-Type", "application/sdp")
        return answer.add("User-Agent", USER_AGENT)

    async def _until_acked(self, call: SipCall, addr: tuple[str, int]) -> bool:
        """Send the 200 OK until the ACK comes (doubling the gap up to T2), at most 64·T1."""
        interval, waited = T1, 0.0
        while waited < 64 * T1:
            self._send(call.answer.encode(), addr)
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(call.acked.wait(), interval)
                return not call.ended
            waited += interval
            interval = min(2 * interval, T2)
        return False

    def _call_of(self, request: m.Message, addr: tuple[str, int]) -> SipCall | None:
        """The call an in-dialog request belongs to; None, answered 481, when there is none."""
        call = self._calls.get(request.get("Call-ID") or "")
        if call is None:
            self._respond(request, addr, 481, "Call/Transaction Does Not Exist")
        return call

    def _on_ack(self, ack: m.Message, addr: tuple[str, int]) -> None:
        call = self._calls.get(ack.get("Call-ID") or "")
        if call is not None:
            call.acked.set()

    def _on_bye(self, bye: m.Message, addr: tuple[str, int]) -> None:
        call = self._call_of(bye, addr)
        if call is None:
            return
        self._respond(bye, addr, 200, "OK")
        call.ended = True
        call.acked.set()  # a BYE before the ACK ends the wait for it too
        call.deliver(HangUp("caller"))

    def _on_cancel(self, cancel: m.Message, addr: tuple[str, int]) -> None:
        # The call is answered at once, so a CANCEL comes too late to stop it (RFC 3261 9.2):
        # the caller acknowledges the 200 OK and sends a BYE.
        known = (cancel.get("Call-ID") or "") in self._calls
        status, reason = (200, "OK") if known else (481, "Call/Transaction Does Not Exist")
        self._respond(cancel, addr, status, reason)

    def _on_info(self, info: m.Message, addr: tuple[str, int]) -> None:
        call = self._call_of(info, addr)
        if call is None:
            return
        self._respond(info, addr, 200, "OK")
        digit = info_digit(info)
        if digit:
            call.deliver(Dtmf(digit))

    def _on_notify(self, notify: m.Message, addr: tuple[str, int]) -> None:
        call = self._call_of(notify, addr)
        if call is None:
            return
        self._respond(notify, addr, 200, "OK")
        status = sipfrag_status(notify.body)
        waiting = call.transfer_status
        if status >= 200 and waiting is not None and not waiting.done():
            waiting.set_result(status)

    def _on_options(self, options: m.Message, addr: tuple[str, int]) -> None:
        self._respond(
            options, addr, 200, "OK", extra=(("Allow", ALLOW), ("Accept", "application/sdp"))
        )

    # -- sending --------------------------------------------------------------------------

    def _send(self, data: bytes, addr: tuple[str, int]) -> None:
        if self._transport is not None and not self._transport.is_closing():
            self._transport.sendto(data, addr)

    def _respond(
        self,
        to: m.Message,
        addr: tuple[str, int],
        status: int,
        reason: str,
        extra: tuple[tuple[str, str], ...] = (),
    ) -> None:
        # Responses go back where the request came from (RFC 3581), which also crosses NAT.
        reply = m.response(to, status, reason, to_tag=m.new_tag() if status > 100 else None)
        for name, value in extra:
            reply.add(name, value)
        self._send(reply.add("User-Agent", USER_AGENT).encode(), addr)

    async def _request(
        self, message: m.Message, addr: tuple[str, int], timeout_s: float = 64 * T1
    ) -> m.Message | None:
        """Send ``message`` until its final response comes; None after ``timeout_s``."""
        waiting: asyncio.Future[m.Message] = asyncio.get_running_loop().create_future()
        self._pending[message.branch] = waiting
        interval, waited = T1, 0.0
        try:
            while waited < timeout_s:
                self._send(message.encode(), addr)
                with contextlib.suppress(asyncio.TimeoutError):
                    return await asyncio.wait_for(asyncio.shield(waiting), interval)
                waited += interval
                interval = min(2 * interval, T2)
            return None
        finally:
            self._pending.pop(message.branch, None)

    def _new_request(self, method: str, uri: str, peer_host: str) -> m.Message:
        via = f"SIP/2.0/UDP {self.advertised_address(peer_host)}:{self.port}"
        message = m.request(method, uri)
        message.add("Via", f"{via};branch={m.new_branch()};rport")
        return message.add("Max-Forwards", "70")

    async def send_in_dialog(
        self,
        call: SipCall,
        method: str,
        headers: tuple[tuple[str, str], ...] = (),
        timeout_s: float = 64 * T1,
    ) -> m.Message | None:
        dialog = call.dialog
        dialog.cseq += 1
        # With a route set the request goes to its first hop (a loose router), else straight
        # to the caller's Contact.
        next_hop = m.address_uri(dialog.routes[0]) if dialog.routes else dialog.target
        addr = m.host_port(next_hop)
        message = self._new_request(method, dialog.target, addr[0])
        for route in dialog.routes:
            message.add("Route", route)
        message.add("From", dialog.local).add("To", dialog.remote)
        message.add("Call-ID", dialog.call_id).add("CSeq", f"{dialog.cseq} {method}")
        message.add("Contact", f"<{self.contact_uri(self.advertised_address(addr[0]))}>")
        for name, value in headers:
            message.add(name, value)
        return await self._request(message.add("User-Agent", USER_AGENT), addr, timeout_s)

    async def refer(self, call: SipCall, target: str) -> bool:
        """Ask the caller's side to call ``target`` (RFC 3515); True once it has, and the
        gateway has left the call."""
        call.transfer_status = asyncio.get_running_loop().create_future()
        peer_host = m.host_port(call.dialog.target)[0]
        referred_by = f"<{self.contact_uri(self.advertised_address(peer_host))}>"
        reply = await self.send_in_dialog(
            call, "REFER", (("Refer-To", f"<{target}>"), ("Referred-By", referred_by))
        )
        if reply is None or reply.status >= 300:
            status = reply.status if reply else "no answer"
            logger.warning("call %s: transfer to %s refused (%s)", call.call_id, target, status)
            return False
        try:
            status = await asyncio.wait_for(call.transfer_status, self.config.transfer_timeout_s)
        except asyncio.TimeoutError:
            status = 200  # accepted without a final NOTIFY: the transfer is under way
        if status >= 300:
            logger.warning("call %s: transfer to %s failed (%d)", call.call_id, target, status)
            return False
        await call.hang_up()
        return True

    # -- registering ----------------------------------------------------------------------

    async def _keep_registered(self) -> None:
        while True:
            expires = await self._register(self.config.register_expires)
            await asyncio.sleep(max(30.0, 0.8 * expires) if expires else 60.0)

    async def _register(self, expires: int, timeout_s: float = 64 * T1) -> int | None:
        """Register (or, with 0, unregister) with the PBX; the granted expiry, or None."""
        config = self.config
        registrar = m.host_port(config.registrar)
        domain = config.domain or registrar[0]
        aor = f"<sip:{config.user}@{domain}>"
        uri = f"sip:{domain}"
        dialog = self._registration
        authorization: tuple[str, str] | None = None
        for _ in range(2):  # the plain request, then the one answering the challenge
            dialog.cseq += 1
            message = self._new_request("REGISTER", uri, registrar[0])
            message.add("From", f"{aor};tag={dialog.call_id[:12]}").add("To", aor)
            message.add("Call-ID", dialog.call_id).add("CSeq", f"{dialog.cseq} REGISTER")
            contact = self.contact_uri(self.advertised_address(registrar[0]))
            message.add("Contact", f"<{contact}>").add("Expires", str(expires))
            if authorization:
                message.add(*authorization)
            message.add("User-Agent", USER_AGENT)
            reply = await self._request(message, registrar, timeout_s)
            if reply is None:
                logger.error("SIP: the registrar %s does not answer", config.registrar)
                return None
            challenge = reply.get("WWW-Authenticate") or reply.get("Proxy-Authenticate")
            if reply.status in (401, 407) and challenge and config.password and not authorization:
                name = "Authorization" if reply.status == 401 else "Proxy-Authorization"
                value = m.digest_authorization(
                    challenge, "REGISTER", uri, config.user, config.password
                )
                authorization = (name, value)
                continue
            if 200 <= reply.status < 300:
                granted = int(m.param(reply.get("Contact") or "", "expires") or expires)
                if expires:
                    logger.info("SIP: registered as %s with %s", aor, config.registrar)
                return int(reply.get("Expires") or granted)
            logger.error("SIP: registration with %s refused: %s", config.registrar, reply.start)
            return None
        return None

    # -- addresses ------------------------------------------------------------------------

    def advertised_address(self, peer_host: str) -> str:
        """The address the peer reaches the gateway at, for Contact, Via and SDP."""
        if self.config.address:
            return self.config.address
        if self.config.host not in ("0.0.0.0", ""):
            return self.config.host
        return local_address_towards(peer_host)

    def contact_uri(self, address: str) -> str:
        return f"sip:{self.config.user}@{address}:{self.port}"


def local_address_towards(host: str) -> str:
    """This machine's address on the route to ``host`` (no packet is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect((host, 9))
            return probe.getsockname()[0]
        except OSError:
            return "127.0.0.1"


def info_digit(info: m.Message) -> str | None:
    """The keypad digit of a SIP INFO: ``Signal=5`` (dtmf-relay) or a bare ``5`` (dtmf)."""
    kind = (info.get("Content-Type") or "").split(";")[0].strip().lower()
    text = info.body.decode("utf-8", "replace").strip()
    if kind == "application/dtmf-relay":
        for line in text.splitlines():
            name, _, value = line.partition("=")
            if name.strip().lower() == "signal":
                text = value.strip()
                break
        else:
            return None
    elif kind != "application/dtmf":
        return None
    return text if len(text) == 1 and text in "0123456789*#ABCD" else None


def sipfrag_status(body: bytes) -> int:
    """The status in a ``message/sipfrag`` NOTIFY body (``SIP/2.0 200 OK``), or 0."""
    first = body.decode("utf-8", "replace").strip().split("\r\n")[0].split()
    return int(first[1]) if len(first) >= 2 and first[1].isdigit() else 0
