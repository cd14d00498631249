"""The assistant as the call loop sees it: Rasa's ``voice`` channel over HTTP.

``POST /webhooks/voice/webhook`` (bot/channels/voice.py) answers like the REST channel, and
also names the response each reply came from, so a hand-off to a person is recognised
whatever its wording. One aiohttp session per gateway; a turn waits at most the timeout, and
when Rasa is down, slow or answers nonsense the caller hears an apology in their language.
"""

from __future__ import annotations

import asyncio
import logging

import aiohttp

from voice import prompts
from voice.call import Replies
from voice.spoken import without_links

logger = logging.getLogger(__name__)

HANDOFF_RESPONSES = frozenset({"utter_human_handoff"})


def replies_of(messages: object) -> Replies:
    """The texts of the channel's answer, and whether one of them hands over to a person."""
    if not isinstance(messages, list):
        raise ValueError("the answer is not a list of messages")
    texts, transfer = [], False
    for message in messages:
        if not isinstance(message, dict):
            continue
        transfer = transfer or message.get("utter_action") in HANDOFF_RESPONSES
        # Links and markup cannot be heard; until every response has a voice variation, they
        # are left out of what is said and recorded.
        text = without_links(message["text"]) if isinstance(message.get("text"), str) else ""
        if text:
            texts.append(text)
        for button in message.get("buttons") or []:
            # Buttons become sentences the caller can say back.
            title = button.get("title") if isinstance(button, dict) else None
            if isinstance(title, str) and title.strip():
                texts.append(title.strip())
    return Replies(texts, transfer=transfer)


class RasaAssistant:
    def __init__(self, url: str, timeout_s: float = 8.0) -> None:
        self.url = url
        self.timeout = aiohttp.ClientTimeout(total=timeout_s)
        self._session: aiohttp.ClientSession | None = None

    async def reply(self, sender: str, text: str, language: str) -> list[str]:
        body = {"sender": sender, "message": text, "metadata": {"language": language}}
        try:
            async with self._client().post(self.url, json=body) as response:
                response.raise_for_status()
                return replies_of(await response.json(content_type=None))
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as error:
            # The reason only: the caller's words stay out of the log.
            logger.warning("call %s: no answer from Rasa (%s)", sender, type(error).__name__)
            return Replies(
                [prompts.ASSISTANT_UNAVAILABLE.get(language, prompts.ASSISTANT_UNAVAILABLE["zh"])]
            )

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=self.timeout)
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None
