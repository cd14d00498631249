"""Every knowledge answer, in both languages: its language, its key facts, its length, and no
phone number that is not an official one. tests/knowledge/<topic>.yml lists the key facts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from actions.topics import answer_of, is_knowledge_intent, topic_of
from bot.language import detect
from bot.settings import PROJECT_DIR

KEY_FACTS_DIR = Path(__file__).resolve().parent
LANGUAGES = ("zh", "vi")
# Read out on the phone, an answer must stay short.
MAX_ZH_CHARS = 220
MAX_VI_WORDS = 140
# Every number that may be given as a phone number (FACTS.md §5).
OFFICIAL_NUMBERS = {
    "12333", "110", "96110", "12381", "114", "19009068", "113", "156", "5656",
    "02373753850", "02253265616",
}  # fmt: skip


def load_domain() -> dict:
    merged: dict = {"intents": [], "responses": {}, "slots": {}, "forms": {}}
    for path in sorted((PROJECT_DIR / "domain").glob("*.yml")):
        part = yaml.safe_load(path.read_text(encoding="utf-8"))
        merged["intents"] += [
            i if isinstance(i, str) else next(iter(i)) for i in part.get("intents", [])
        ]
        merged["responses"].update(part.get("responses") or {})
        merged["slots"].update(part.get("slots") or {})
        merged["forms"].update(part.get("forms") or {})
    return merged


DOMAIN = load_domain()
KNOWLEDGE_INTENTS = sorted(i for i in DOMAIN["intents"] if is_knowledge_intent(i))
KEY_FACTS = {
    name: facts
    for path in sorted(KEY_FACTS_DIR.glob("*.yml"))
    for name, facts in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items()
}


def variation(response: str, language: str) -> str:
    texts = [
        v["text"]
        for v in DOMAIN["responses"][response]
        if {"type": "slot", "name": "language", "value": language} in v.get("condition", [])
    ]
    assert len(texts) == 1, f"{response} needs exactly one {language} variation"
    return texts[0]


def test_there_are_knowledge_intents() -> None:
    assert len(KNOWLEDGE_INTENTS) >= 20


@pytest.mark.parametrize("intent", KNOWLEDGE_INTENTS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_answer_is_in_its_language_with_its_key_facts(intent: str, language: str) -> None:
    response = answer_of(intent)
    text = variation(response, language)
    assert detect(text) == language
    facts = KEY_FACTS.get(response, {}).get(language)
    assert facts, f"tests/knowledge: no key facts listed for {response} in {language}"
    missing = [fact for fact in facts if fact not in text]
    assert missing == [], f"{response} ({language}) lost {missing}"


@pytest.mark.parametrize("intent", KNOWLEDGE_INTENTS)
def test_answer_is_short_enough_for_the_phone(intent: str) -> None:
    response = answer_of(intent)
    assert len(variation(response, "zh")) <= MAX_ZH_CHARS
    assert len(variation(response, "vi").split()) <= MAX_VI_WORDS


def phone_numbers(text: str) -> list[str]:
    """Digit runs of five or more (spaces, dots, dashes allowed) that are not amounts or years."""
    numbers = []
    for match in re.finditer(r"\d(?:[\d .\-]*\d)?", text):
        digits = re.sub(r"\D", "", match.group())
        unit = re.match(r"\s*(元|万|年|đồng|VND|triệu|tỷ|%)", text[match.end() :])
        if len(digits) >= 5 and not unit:
            numbers.append(digits)
    return numbers


def test_phone_numbers_are_found_and_amounts_are_not() -> None:
    text = "请拨打12333；gọi 1900 9068, 0225.326.5616；23.400.000 đồng、2018年、10000元"
    assert phone_numbers(text) == ["12333", "19009068", "02253265616"]


@pytest.mark.parametrize("intent", KNOWLEDGE_INTENTS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_answer_gives_no_unofficial_phone_number(intent: str, language: str) -> None:
    numbers = phone_numbers(variation(answer_of(intent), language))
    assert [n for n in numbers if n not in OFFICIAL_NUMBERS] == []


def test_every_answer_has_a_rule_and_the_topic_slot_knows_its_intent() -> None:
    rules = "\n".join(
        p.read_text(encoding="utf-8") for p in (PROJECT_DIR / "data/rules").glob("*.yml")
    )
    mappings = DOMAIN["slots"]["topic"]["mappings"]
    mapped = {intent: m["value"] for m in mappings for intent in m["intent"]}
    for intent in KNOWLEDGE_INTENTS:
        assert f"action: {answer_of(intent)}" in rules, f"no rule answers {intent}"
        assert mapped.get(intent) == topic_of(intent), f"topic slot mapping of {intent}"
