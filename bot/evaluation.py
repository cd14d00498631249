"""Intent classification measured on held-out examples: accuracy and macro-F1.

Used by the quality gate in the tests and by `make bench`.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.settings import PROJECT_DIR

TEST_NLU_DIR = PROJECT_DIR / "tests" / "nlu"


@dataclass(frozen=True)
class IntentReport:
    examples: int
    accuracy: float
    macro_f1: float
    errors: list[tuple[str, str, str]]  # (text, expected, predicted)


def load_examples(directory: Path) -> list[tuple[str, str]]:
    from rasa.shared.nlu.training_data.loading import load_data

    return [(m.get("text"), m.get("intent")) for m in load_data(str(directory)).intent_examples]


def parse_all(agent: Any, texts: list[str]) -> list[dict]:
    async def parse() -> list[dict]:
        return [await agent.parse_message(text) for text in texts]

    return asyncio.run(parse())


def report(expected: list[str], predicted: list[str], texts: list[str]) -> IntentReport:
    from sklearn.metrics import accuracy_score, f1_score

    labels = sorted(set(expected))
    return IntentReport(
        examples=len(expected),
        accuracy=accuracy_score(expected, predicted),
        # Over the intents of the test set: a prediction outside it (nlu_fallback) is an error.
        macro_f1=f1_score(expected, predicted, labels=labels, average="macro", zero_division=0),
        errors=[(t, e, p) for t, e, p in zip(texts, expected, predicted, strict=True) if e != p],
    )


def evaluate(agent: Any, language: str, test_dir: Path = TEST_NLU_DIR) -> IntentReport:
    examples = load_examples(test_dir / language)
    texts = [text for text, _ in examples]
    predicted = [parsed["intent"]["name"] for parsed in parse_all(agent, texts)]
    return report([intent for _, intent in examples], predicted, texts)
