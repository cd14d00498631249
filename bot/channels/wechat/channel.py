"""The WeChat Official Account channel: ``/webhooks/wechat/webhook``.

GET answers WeChat's URL verification. POST takes a pushed message or event (plaintext,
compatible or safe mode), runs the turn, and answers within WeChat's 5 seconds: the reply
itself when the turn gave exactly one text that fits, before ``reply_deadline_s``; otherwise
"success" at once, and every reply through the customer-service API when the turn is over.
WeChat retries a push three times when it hears nothing; a retry never starts a second turn.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.message_text import MessageError, clean_text
from bot.channels.plain_text import ButtonOffers
from bot.channels.webhook import BackgroundTasks, RecentIds, is_fresh
from bot.channels.wechat import render
from bot.channels.wechat.api import WeChatApi, WeChatApiError
from bot.channels.wechat.output import WeChatOutput
from bot.channels.wechat.protocol import (
    MAX_BODY_BYTES,
    Push,
    SafeMode,
    parse_xml,
    signature_matches,
    text_reply,
)
from bot.settings import WeChatSettings

logger = logging.getLogger(__name__)

DEFAULT_REPLY_DEADLINE_S = 4.0  # WeChat gives up on a passive reply after 5 s
# Retries of a push get the first one's answer while it is remembered: far longer than
# WeChat's retries (within 15 s), far fewer than the pushes of that time.
MAX_REMEMBERED = 10_000
SHUTDOWN_WAIT_S = 15.0
NOT_CONFIGURED = {"error": "the WeChat channel is not configured"}


def short(openid: str) -> str:
    """A user id as it may appear in a log line."""
    return openid[:6] + "…"


def _bounded_put(store: OrderedDict, key: str, value: Any) -> None:
    store[key] = value
    store.move_to_end(key)
    while len(store) > MAX_REMEMBERED:
        store.popitem(last=False)


class WeChatInput(InputChannel):
    """Configured by WECHAT_* (bot/settings.py WeChatSettings); off while WECHAT_TOKEN is
    empty. ``reply_deadline_s`` is how long a turn may take to be sent as the passive reply."""

    @classmethod
    def name(cls) -> str:
        return "wechat"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> WeChatInput:
        return cls()  # everything comes from the environment, through bot/settings.py

    def __init__(
        self,
        settings: WeChatSettings | None = None,
        *,
        reply_deadline_s: float = DEFAULT_REPLY_DEADLINE_S,
        max_body_bytes: int = MAX_BODY_BYTES,
        api_timeout_s: float = 10.0,
    ) -> None:
        self.settings = settings or WeChatSettings.from_env()
        self.reply_deadline_s = reply_deadline_s
        self.max_body_bytes = min(max_body_bytes, MAX_BODY_BYTES)
        token = self.settings.token
        self.safe_mode = (
            SafeMode(token, self.settings.encoding_aes_key, self.settings.app_id)
            if token and self.settings.encoding_aes_key
            else None
        )
        self.api = WeChatApi(
            self.settings.api_base,
            self.settings.app_id,
            self.settings.app_secret,
            timeout_s=api_timeout_s,
        )
        self.tasks = BackgroundTasks()
        self._recent = RecentIds()
        self._answers: OrderedDict[str, asyncio.Future] = OrderedDict()
        self._offers = ButtonOffers()
        if token and not self.api.configured:
            logger.warning(
                "WECHAT_APP_ID / WECHAT_APP_SECRET are not set: replies that miss WeChat's "
                "5-second passive reply cannot be sent"
            )

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("hotline_wechat_webhook", __name__)

        @webhook.route("/webhook", methods=["GET"])
        async def verify(request: Request) -> HTTPResponse:
            if not self.settings.token:
                return response.json(NOT_CONFIGURED, status=503)
            try:
                _, _, _, echostr = self._signed_query(request, "echostr")
            except MessageError as error:
                return self._refuse("verification", error)
            return response.text(echostr)

        @webhook.route("/webhook", methods=["POST"], stream=True)
        async def receive(request: Request) -> HTTPResponse:
            if not self.settings.token:
                return response.json(NOT_CONFIGURED, status=503)
            try:
                return await self._receive(request, on_new_message)
            except MessageError as error:
                return self._refuse("push", error)

        @webhook.listener("after_server_stop")
        async def close(*_: Any) -> None:
            try:
                await asyncio.wait_for(self.tasks.wait(), SHUTDOWN_WAIT_S)
            except asyncio.TimeoutError:
                logger.warning("WeChat replies still pending at shutdown were dropped")
            await self.api.close()

        return webhook

    @staticmethod
    def _refuse(what: str, error: MessageError) -> HTTPResponse:
        logger.warning("WeChat %s refused (%d): %s", what, error.status, error)
        return response.json({"error": str(error)}, status=error.status)

    def _signed_query(self, request: Request, *more: str) -> list[str]:
        """signature, timestamp, nonce and ``more`` from the query, once the signature and the
        timestamp are checked."""
        names = ("signature", "timestamp", "nonce", *more)
        values = [request.args.get(name, "") for name in names]
        missing = [name for name, value in zip(names, values, strict=True) if not value]
        if missing:
            raise MessageError(f"missing query parameters: {', '.join(missing)}")
        signature, timestamp, nonce = values[:3]
        if not signature_matches(signature, self.settings.token, timestamp, nonce):
            raise MessageError("signature does not match", 403)
        if not is_fresh(timestamp):
            raise MessageError("timestamp too old or in the future", 403)
        return values

    async def _read_body(self, request: Request) -> bytes:
        """The body, read no further than ``max_body_bytes`` (chunked bodies included)."""
        if request.stream is None:
            return request.body or b""
        body = bytearray()
        while (chunk := await request.stream.read()) is not None:
            body += chunk
            if len(body) > self.max_body_bytes:
                raise MessageError(f"body too large: at most {self.max_body_bytes} bytes", 413)
        return bytes(body)

    async def _receive(self, request: Request, on_new_message: Callable) -> HTTPResponse:
        length = request.headers.get("content-length", "")
        if length.isdigit() and int(length) > self.max_body_bytes:  # refused before reading
            raise MessageError(f"body too large: at most {self.max_body_bytes} bytes", 413)
        _, timestamp, nonce = self._signed_query(request)
        encrypt_type = request.args.get("encrypt_type", "raw")
        if encrypt_type not in ("raw", "aes"):
            raise MessageError('encrypt_type must be "raw" or "aes"')
        fields = parse_xml(await self._read_body(request))
        encrypted = encrypt_type == "aes" and self.safe_mode is not None
        if encrypted:
            msg_signature = request.args.get("msg_signature", "")
            if not msg_signature:
                raise MessageError("missing query parameters: msg_signature")
            if not fields.get("Encrypt"):
                raise MessageError("missing <Encrypt> in a safe-mode push")
            plaintext = self.safe_mode.decrypt(fields["Encrypt"], msg_signature, timestamp, nonce)
            fields = parse_xml(plaintext)
        elif encrypt_type == "aes" and "MsgType" not in fields:
            # Compatible mode also carries the plaintext; safe mode needs the key.
            raise MessageError("an encrypted push, but WECHAT_ENCODING_AES_KEY is not set")
        push = Push.from_fields(fields)
        reply = await self._answer(push, on_new_message)
        if reply is None:
            return response.text("success")
        if encrypted:
            reply = self.safe_mode.encrypt(reply, nonce)
        return response.text(reply, content_type="application/xml; charset=utf-8")

    async def _answer(self, push: Push, on_new_message: Callable) -> str | None:
        """The passive reply to a push (XML), or None for "success"."""
        if not self._recent.first_time(push.key):
            logger.info("WeChat retry from %s: no second turn", short(push.from_user))
            earlier = self._answers.get(push.key)
            if earlier is None:
                return None
            return await self._within_deadline(earlier)
        text = self._turn_text(push)
        answer = asyncio.get_running_loop().create_future()
        _bounded_put(self._answers, push.key, answer)
        if isinstance(text, _Fixed):
            answer.set_result(text_reply(push, text.content) if text.content else None)
        else:
            self.tasks.start(
                self._run_turn(push, text, answer, on_new_message),
                f"WeChat turn of {short(push.from_user)}",
            )
        return await self._within_deadline(answer)

    async def _within_deadline(self, answer: asyncio.Future) -> str | None:
        try:
            await asyncio.wait_for(asyncio.shield(answer), self.reply_deadline_s)
        except asyncio.TimeoutError:
            if not answer.done():
                answer.set_result(None)  # too late for a passive reply: the API sends it
        return answer.result()

    def _turn_text(self, push: Push) -> str | _Fixed:
        """What the assistant is told, or a fixed answer that needs no turn."""
        if push.msg_type == "event":
            return _Fixed(render.WELCOME if push.event == "subscribe" else "")
        if push.msg_type == "text":
            text = clean_text(push.content)
        elif push.msg_type == "voice":
            text = clean_text(push.recognition)
            if not text:
                return _Fixed(render.VOICE_NOT_RECOGNISED)
        else:
            return _Fixed(render.UNSUPPORTED)
        if not text:
            return _Fixed("")
        return self._offers.choice(push.from_user, text)

    async def _run_turn(
        self, push: Push, text: str, answer: asyncio.Future, on_new_message: Callable
    ) -> None:
        output = WeChatOutput()
        message = UserMessage(
            text, output, push.from_user, input_channel=self.name(), message_id=push.msg_id
        )
        try:
            await on_new_message(message)
        except Exception:
            logger.exception("WeChat turn of %s failed", short(push.from_user))
            output.texts = [render.SORRY]
        if output.choices:
            self._offers.offer(push.from_user, output.choices)
        if not answer.done():  # still within the deadline
            if len(output.texts) == 1 and render.fits(output.texts[0]):
                answer.set_result(text_reply(push, output.texts[0]))
                return
            answer.set_result(None)
        await self._deliver(push.from_user, output.texts)

    async def _deliver(self, openid: str, texts: list[str]) -> None:
        """Every reply through the customer-service API, in order, split to fit."""
        chunks = [chunk for text in texts for chunk in render.split_text(text)]
        for sent, chunk in enumerate(chunks):
            try:
                await self.api.send_text(openid, chunk)
            except WeChatApiError as error:
                logger.error(
                    "WeChat replies to %s not delivered (%d of %d sent): %s",
                    short(openid),
                    sent,
                    len(chunks),
                    error,
                )
                return


class _Fixed:
    """A reply of the channel's own (empty: none), given without a turn."""

    def __init__(self, content: str) -> None:
        self.content = content
