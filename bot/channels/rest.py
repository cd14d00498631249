"""REST channel: ``POST /webhooks/rest/webhook`` with ``{"sender": ..., "message": ...}``.

Rasa's own REST channel accepts anything (a missing sender becomes the shared "default"
conversation, a missing text is silently dropped, an array crashes it with a 500) and logs the
user's text when it fails. This one validates the request and answers bad ones with a 4xx and a
JSON ``{"error": reason}``, and never logs message text.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.message_text import MessageError, clean_text

logger = logging.getLogger(__name__)

MAX_SENDER_CHARS = 128


def parse_request(body: bytes) -> tuple[str, str, dict[str, Any] | None]:
    """(sender, text, metadata) of a webhook body; raises MessageError when it is unusable."""
    try:
        payload = json.loads(body or b"")
    except (ValueError, UnicodeDecodeError):
        raise MessageError("body must be a JSON object") from None
    if not isinstance(payload, dict):
        raise MessageError("body must be a JSON object")
    sender = payload.get("sender")
    if not isinstance(sender, str) or not sender.strip() or len(sender) > MAX_SENDER_CHARS:
        raise MessageError(
            f'"sender" must be a non-empty string of at most {MAX_SENDER_CHARS} characters'
        )
    text = payload.get("message")
    if not isinstance(text, str):
        raise MessageError('"message" must be a string')
    metadata = payload.get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        raise MessageError('"metadata" must be a JSON object')
    return sender.strip(), clean_text(text), metadata


class RestInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "rest"

    def output_channel(self) -> CollectingOutputChannel:
        """Where one request's replies are collected, to be answered as its JSON list."""
        return CollectingOutputChannel()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint(f"hotline_{self.name()}_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                sender, text, metadata = parse_request(request.body)
            except MessageError as error:
                return response.json({"error": str(error)}, status=error.status)
            collector = self.output_channel()
            message = UserMessage(
                text, collector, sender, input_channel=self.name(), metadata=metadata
            )
            try:
                await on_new_message(message)
            except Exception:
                logger.exception(
                    "%s message %s could not be processed", self.name(), message.message_id
                )
                return response.json(
                    {"error": "the assistant could not process the message; try again"},
                    status=500,
                )
            return response.json(collector.messages)

        return webhook
