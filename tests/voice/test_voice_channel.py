"""The voice channel keeps the name of each reply's response."""

from __future__ import annotations

import asyncio

from bot.channels.voice import VoiceInput, VoiceOutputChannel


def test_replies_keep_their_response_name() -> None:
    channel = VoiceOutputChannel()
    asyncio.run(
        channel.send_response("c1", {"text": "请拨打12333", "utter_action": "utter_human_handoff"})
    )
    asyncio.run(channel.send_response("c1", {"text": "您好"}))
    assert channel.messages[0]["utter_action"] == "utter_human_handoff"
    assert channel.messages[0]["text"] == "请拨打12333"
    assert "utter_action" not in channel.messages[1]
    assert VoiceInput.name() == "voice"


def test_registered_in_credentials_yml() -> None:
    import yaml

    from bot.settings import PROJECT_DIR

    credentials = yaml.safe_load((PROJECT_DIR / "credentials.yml").read_text("utf-8"))
    assert "bot.channels.voice.VoiceInput" in credentials
