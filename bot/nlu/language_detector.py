"""Rasa component that tags every message with its language (``zh`` or ``vi``).

It adds a ``language`` entity at position 0, which the domain maps onto the ``language`` slot
that responses choose their variation by. When the language cannot be told (emoji, digits,
English), it adds nothing, so the slot keeps the conversation's previous language.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot import language

LANGUAGE_ENTITY = "language"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class LanguageDetector(GraphComponent):
    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LanguageDetector:
        return cls()

    @staticmethod
    def supported_languages() -> list[str] | None:
        return None  # it is what tells the languages apart

    @staticmethod
    def required_packages() -> list[str]:
        return ["langdetect"]

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str):
                continue
            detected = language.detect(text)
            if detected in language.SUPPORTED:
                entity = {
                    "entity": LANGUAGE_ENTITY,
                    "value": detected,
                    "start": 0,
                    "end": 0,
                    "extractor": self.__class__.__name__,
                }
                message.set(ENTITIES, [*message.get(ENTITIES, []), entity], add_to_output=True)
        return messages
