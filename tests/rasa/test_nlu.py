"""The model on the held-out test examples of each language (tests/nlu/<language>/)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from rasa.shared.nlu.training_data.loading import load_data

TEST_DATA = Path(__file__).resolve().parent.parent / "nlu"
MIN_INTENT_ACCURACY = 0.85


def parse_all(agent, language: str) -> list[tuple[str, str, dict]]:
    examples = load_data(str(TEST_DATA / language)).intent_examples

    async def parse() -> list[dict]:
        return [await agent.parse_message(example.get("text")) for example in examples]

    return [
        (example.get("text"), example.get("intent"), parsed)
        for example, parsed in zip(examples, asyncio.run(parse()), strict=True)
    ]


@pytest.mark.parametrize("language", ["zh", "vi"])
def test_no_test_message_is_tagged_with_the_other_language(agent, language: str) -> None:
    tags = {
        text: [e["value"] for e in parsed["entities"] if e["entity"] == "language"]
        for text, _, parsed in parse_all(agent, language)
    }
    # Untagged ("bye bye", "thx") keeps the conversation's language; a wrong tag would switch it.
    assert [text for text, tag in tags.items() if tag not in ([language], [])] == []
    assert sum(tag == [language] for tag in tags.values()) >= 0.95 * len(tags)


@pytest.mark.parametrize("language", ["zh", "vi"])
def test_intent_accuracy_on_held_out_examples(agent, language: str) -> None:
    results = parse_all(agent, language)
    wrong = [
        (text, expected, parsed["intent"]["name"])
        for text, expected, parsed in results
        if parsed["intent"]["name"] != expected
    ]
    accuracy = 1 - len(wrong) / len(results)
    assert accuracy >= MIN_INTENT_ACCURACY, f"{language}: {accuracy:.1%}, wrong: {wrong}"
