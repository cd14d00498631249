"""Rasa component: a scam signal wins over topic words.

"收到短信说要重新认证养老金，点链接" is full of certification words, and a plain intent
classifier calls it a certification question. This component runs the scam engine
(actions/scam/) on every message after the classifier; when the engine finds a scam, or a
suspicious message on more than one sign, the intent becomes ``scam_check`` (unless the
classifier already heard a scam question or a victim), so the caller is warned instead of
being helped to certify.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot import language

SCAM_CHECK = "scam_check"
# Intents that already lead to the scam answers.
_SCAM_INTENTS = {SCAM_CHECK, "fraud_victim"}
# Above the next intent by this much, so the fallback classifier does not call it ambiguous.
_MARGIN = 0.05


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class ScamSignalClassifier(GraphComponent):
    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> ScamSignalClassifier:
        return cls()

    @staticmethod
    def supported_languages() -> list[str] | None:
        return None

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        from actions.scam import assess

        for message in messages:
            text, intent = message.get(TEXT), message.get(INTENT) or {}
            if not isinstance(text, str) or intent.get("name") in _SCAM_INTENTS:
                continue
            assessment = assess(text, _language_of(message, text))
            if not assessment.decisive:
                continue
            top = intent.get("confidence") or 0.0
            confidence = min(1.0, max(assessment.score, top + _MARGIN))
            ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r["name"] != SCAM_CHECK]
            message.set(INTENT, {"name": SCAM_CHECK, "confidence": confidence}, add_to_output=True)
            message.set(
                INTENT_RANKING_KEY,
                [{"name": SCAM_CHECK, "confidence": confidence}, *ranking],
                add_to_output=True,
            )
        return messages


def _language_of(message: Message, text: str) -> str:
    for entity in message.get(ENTITIES) or []:
        if entity.get("entity") == "language":
            return entity["value"]
    detected = language.detect(text)
    return detected if detected in language.SUPPORTED else language.ZH
