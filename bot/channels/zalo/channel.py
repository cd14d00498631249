"""The Rasa input channel ``zalo`` and the output channel its turns reply through."""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.plain_text import (
    ButtonOffers,
    button_payload,
    plain_text,
    with_numbered_buttons,
)
from bot.channels.webhook import BackgroundTasks, RecentIds
from bot.channels.zalo.api import ZaloApi, short_id
from bot.channels.zalo.events import (
    FOLLOW_EVENT,
    MAX_BODY_BYTES,
    NON_TEXT_EVENTS,
    SIGNATURE_HEADER,
    TEXT_EVENT,
    WebhookError,
    ZaloEvent,
    read_event,
)
from bot.channels.zalo.replies import TEXT_ONLY, WELCOME, split_text
from bot.settings import ZaloSettings

logger = logging.getLogger(__name__)

NOT_CONFIGURED = "the Zalo channel is not configured"


class ZaloOutput(OutputChannel):
    """Sends a turn's replies to one user as plain-text CS messages quoting the user's message.
    After the first message Zalo refuses, the rest of the turn is dropped: it would be refused
    for the same reason."""

    def __init__(
        self,
        api: ZaloApi,
        quote_message_id: str | None,
        on_buttons: Callable[[str, list[str]], None] | None = None,
    ) -> None:
        self._api = api
        self._quote = quote_message_id
        self._on_buttons = on_buttons
        self.given_up = False

    @classmethod
    def name(cls) -> str:
        return "zalo"

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        for chunk in split_text(plain_text(text)):
            if self.given_up:
                return
            if not await self._api.send_text(recipient_id, chunk, self._quote):
                self.given_up = True

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        if self._on_buttons is not None:
            self._on_buttons(recipient_id, [button_payload(button) for button in buttons])
        await self.send_text_message(recipient_id, with_numbered_buttons(text, buttons))

    async def send_quick_replies(
        self, recipient_id: str, text: str, quick_replies: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        await self.send_text_with_buttons(recipient_id, text, quick_replies)

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        await self.send_text_message(recipient_id, image)

    async def send_attachment(self, recipient_id: str, attachment: Any, **kwargs: Any) -> None:
        await self.send_text_message(recipient_id, str(attachment))

    async def send_custom_json(
        self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any
    ) -> None:
        logger.debug("custom JSON reply to %s not sent: Zalo shows text", short_id(recipient_id))


class ZaloInput(InputChannel):
    """``POST /webhooks/zalo/webhook``: signed pushes from the Zalo OA, answered 200 at once
    and processed in the background."""

    def __init__(
        self,
        settings: ZaloSettings | None = None,
        *,
        api: ZaloApi | None = None,
        recent_ids: RecentIds | None = None,
        max_body_bytes: int = MAX_BODY_BYTES,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.settings = settings or ZaloSettings.from_env()
        self.api = api or ZaloApi(self.settings)
        self.tasks = BackgroundTasks()
        self._recent = recent_ids or RecentIds()
        self._max_body_bytes = max_body_bytes
        self._clock = clock
        self._offers = ButtonOffers()

    @classmethod
    def name(cls) -> str:
        return "zalo"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> ZaloInput:
        # Configuration comes from the environment (bot.settings), not from credentials.yml.
        return cls(ZaloSettings.from_env())

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("hotline_zalo_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            if not self.settings.oa_secret_key:
                return response.json({"error": NOT_CONFIGURED}, status=503)
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not self.settings.oa_secret_key:
                return response.json({"error": NOT_CONFIGURED}, status=503)
            try:
                event = read_event(
                    request.body or b"",
                    request.headers.get(SIGNATURE_HEADER),
                    self.settings,
                    self._max_body_bytes,
                    self._clock(),
                )
            except WebhookError as error:
                logger.warning("Zalo push refused with %s: %s", error.status, error)
                return response.json({"error": str(error)}, status=error.status)
            if not self._recent.first_time(event.key):
                logger.info("Zalo %s %s was already taken; ignored", event.name, event.msg_id or "")
                return response.json({"status": "duplicate"})
            self._dispatch(event, on_new_message)
            return response.json({"status": "ok"})

        @webhook.listener("after_server_stop")
        async def close(*_: Any) -> None:
            await self.tasks.wait()
            await self.api.close()

        return webhook

    def _dispatch(self, event: ZaloEvent, on_new_message: Callable[..., Awaitable[Any]]) -> None:
        user = short_id(event.user_id or "")
        if event.name == TEXT_EVENT and event.text:
            logger.info("Zalo text %s from %s", event.msg_id, user)
            self.tasks.start(self._turn(event, on_new_message), f"Zalo message {event.msg_id}")
        elif event.name in NON_TEXT_EVENTS:
            logger.info("Zalo %s %s from %s: asked for text", event.name, event.msg_id, user)
            self.tasks.start(self._reply(event, TEXT_ONLY), f"Zalo reply to {event.msg_id}")
        elif event.name == FOLLOW_EVENT:
            logger.info("Zalo follow by %s: welcome sent", user)
            self.tasks.start(self._reply(event, WELCOME), f"Zalo welcome to {user}")
        else:  # unfollow, an empty text, delivery receipts, the OA's own messages
            logger.debug("Zalo %s from %s: nothing to answer", event.name, user)

    async def _reply(self, event: ZaloEvent, text: str) -> None:
        assert event.user_id is not None
        await ZaloOutput(self.api, event.msg_id).send_text_message(event.user_id, text)

    async def _turn(self, event: ZaloEvent, on_new_message: Callable[..., Awaitable[Any]]) -> None:
        assert event.user_id is not None and event.text is not None
        output = ZaloOutput(self.api, event.msg_id, self._offers.offer)
        message = UserMessage(
            self._offers.choice(event.user_id, event.text),
            output,
            event.user_id,
            input_channel=self.name(),
            message_id=event.msg_id,
        )
        await on_new_message(message)
