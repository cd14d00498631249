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


def form_tracker(
    text: str,
    *,
    form: str,
    requested_slot: str | None,
    slots: dict[str, Any] | None = None,
    intent: str = "inform",
    confidence: float = 0.95,
    language: str = "zh",
    sender: str = "caller-1",
) -> Tracker:
    """A tracker inside ``form``, whose latest user message ``text`` fills ``requested_slot``."""
    values = {"language": language, "requested_slot": requested_slot, **(slots or {})}
    latest_message = {
        "text": text,
        "intent": {"name": intent, "confidence": confidence},
        "intent_ranking": [{"name": intent, "confidence": confidence}],
        "entities": [],
    }
    events: list[dict[str, Any]] = [{"event": "user", "text": text, "parse_data": latest_message}]
    if requested_slot:
        # As Rasa's FormAction sends it: the extracted value last, for the validation action.
        values[requested_slot] = text
        events.append({"event": "slot", "name": requested_slot, "value": text})
    return Tracker(
        sender_id=sender,
        slots=values,
        latest_message=latest_message,
        events=events,
        paused=False,
        followup_action=None,
        active_loop={"name": form},
        latest_action_name="action_listen",
    )
