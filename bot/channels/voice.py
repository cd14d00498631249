"""Voice channel: the phone gateway's way in, ``POST /webhooks/voice/webhook``.

The same requests and answers as the REST channel (bot/channels/rest.py), under the name
``voice``, so that responses can have short, link-free variations with ``channel: voice``.
Each reply also names the response it came from (``utter_action``), which lets the gateway
recognise a hand-off to a person and transfer the call.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.message_text import MessageError
from bot.channels.rest import parse_request

logger = logging.getLogger(__name__)


class VoiceOutputChannel(CollectingOutputChannel):
    """Collects the replies as the REST channel does, keeping the name of their response."""

    @classmethod
    def name(cls) -> str:
        return "voice"

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        utter_action = message.get("utter_action")
        before = len(self.messages)
        await super().send_response(recipient_id, message)
        if utter_action:
            for collected in self.messages[before:]:
                collected["utter_action"] = utter_action


class VoiceInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "voice"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("hotline_voice_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                sender, text, metadata = parse_request(request.body)
            except MessageError as error:
                return response.json({"error": str(error)}, status=error.status)
            collector = VoiceOutputChannel()
            message = UserMessage(
                text, collector, sender, input_channel=self.name(), metadata=metadata
            )
            try:
                await on_new_message(message)
            except Exception:
                logger.exception("voice message %s could not be processed", message.message_id)
                return response.json(
                    {"error": "the assistant could not process the message; try again"},
                    status=500,
                )
            return response.json(collector.messages)

        return webhook
