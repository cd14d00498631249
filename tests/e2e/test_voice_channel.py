"""The voice channel in the real Rasa server: the phone gateway's way in."""

from __future__ import annotations

import uuid

from bot.chat import send
from bot.language import detect


def test_a_request_for_a_person_is_answered_with_the_response_that_hands_off(
    rest_url: str,
) -> None:
    voice_url = rest_url.replace("/webhooks/rest/", "/webhooks/voice/")
    replies = send(voice_url, f"call-{uuid.uuid4().hex[:8]}", "我要转人工")
    assert replies and detect(replies[0]["text"]) == "zh"
    assert replies[0]["utter_action"] == "utter_human_handoff"
