""" "Is this call / SMS / link real?": the scam engine's verdict, reasons and advice, in the
caller's language (actions/scam/)."""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.scam import assess

logger = logging.getLogger(__name__)


class ActionAssessScam(Action):
    def name(self) -> str:
        return "action_assess_scam"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        language = tracker.get_slot("language") or "zh"
        assessment = assess(tracker.latest_message.get("text") or "", language)
        logger.info(
            "scam check in %s: %s %.2f %s",
            tracker.sender_id, assessment.verdict, assessment.score, assessment.patterns,
        )  # fmt: skip
        dispatcher.utter_message(text=assessment.advice)
        return []
