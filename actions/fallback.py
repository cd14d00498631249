"""What to say when the classifier is unsure.

A question about two topics at once ("老人去世了要申报，多领的养老金要退吗") splits the
classifier's confidence between two knowledge intents, and the fallback classifier reports it
as ambiguous: then both answers are the right reply. When no answer is likely, the action says
so with the `fallback_answered` slot, and a rule asks the caller to rephrase.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.topics import answer_of, is_knowledge_intent, topic_of

# Below this a knowledge intent is a guess, and a wrong answer misleads more than a question.
MIN_CONFIDENCE = 0.3
MAX_ANSWERS = 2


def likely_knowledge_intents(latest_message: dict[str, Any]) -> list[str]:
    ranking = [
        ranked
        for ranked in latest_message.get("intent_ranking", [])
        if ranked.get("name") != "nlu_fallback"
    ]
    return [
        ranked["name"]
        for ranked in ranking[:MAX_ANSWERS]
        if is_knowledge_intent(ranked.get("name")) and ranked.get("confidence", 0) >= MIN_CONFIDENCE
    ]


class ActionAnswerOrClarify(Action):
    def name(self) -> str:
        return "action_answer_or_clarify"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        intents = likely_knowledge_intents(tracker.latest_message)
        for intent in intents:
            dispatcher.utter_message(response=answer_of(intent))
        topic = topic_of(intents[0]) if intents else None
        events = [SlotSet("fallback_answered", bool(intents))]
        return [*events, SlotSet("topic", topic)] if topic else events
