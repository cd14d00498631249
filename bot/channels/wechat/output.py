"""The output channel of a WeChat turn: the assistant's replies collected as WeChat text."""

from __future__ import annotations

from typing import Any

from rasa.core.channels.channel import OutputChannel

from bot.channels.plain_text import button_payload, plain_text, with_numbered_buttons


class WeChatOutput(OutputChannel):
    """Collects the replies of one turn as WeChat text; the input channel sends them."""

    @classmethod
    def name(cls) -> str:
        return "wechat"

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.choices: list[str] = []  # payloads of the last numbered buttons

    def _add(self, text: str) -> None:
        if text.strip():
            self.texts.append(text.strip())

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        # One WeChat message per response, paragraphs and all (Rasa's chat channels make a
        # bubble of each paragraph; here that would rule out the passive reply).
        self._add(plain_text(text))

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        self._add(with_numbered_buttons(text, buttons))
        self.choices = [button_payload(button) for button in buttons]

    async def send_quick_replies(
        self, recipient_id: str, text: str, quick_replies: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        await self.send_text_with_buttons(recipient_id, text, quick_replies)

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        self._add(image)

    async def send_attachment(self, recipient_id: str, attachment: str, **kwargs: Any) -> None:
        self._add(str(attachment))

    async def send_elements(
        self, recipient_id: str, elements: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        for element in elements:
            lines = [element.get("title") or "", element.get("subtitle") or ""]
            self._add(plain_text("\n".join(line for line in lines if line)))

    async def send_custom_json(
        self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any
    ) -> None:
        text = json_message.get("text") if isinstance(json_message, dict) else None
        if isinstance(text, str):
            self._add(plain_text(text))
