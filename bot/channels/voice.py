"""Voice channel: the phone gateway's way in, ``POST /webhooks/voice/webhook``.

The same requests and answers as the REST channel (bot/channels/rest.py), under the name
``voice``, so that responses can have short, link-free variations with ``channel: voice``.
Each reply also names the response it came from (``utter_action``), which lets the gateway
recognise a hand-off to a person and transfer the call.
"""

from __future__ import annotations

from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel

from bot.channels.rest import RestInput


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


class VoiceInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "voice"

    def output_channel(self) -> CollectingOutputChannel:
        return VoiceOutputChannel()
