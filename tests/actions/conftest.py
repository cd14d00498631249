from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker


def tracker(
    intent: str,
    ranking: list[tuple[str, float]] | None = None,
    slots: dict[str, Any] | None = None,
) -> Tracker:
    """A tracker whose latest user message was classified as ``intent``."""
    ranking = ranking or [(intent, 0.9)]
    latest_message = {
        "text": "…",
        "intent": {"name": intent, "confidence": ranking[0][1]},
        "intent_ranking": [{"name": name, "confidence": c} for name, c in ranking],
        "entities": [],
    }
    return Tracker(
        sender_id="test",
        slots={"language": "zh", "topic": None, **(slots or {})},
        latest_message=latest_message,
        events=[],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )
