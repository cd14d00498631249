import asyncio

from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.fallback import ActionAnswerOrClarify
from tests.actions.conftest import tracker


def run(ranking: list[tuple[str, float]]) -> tuple[list[str], list]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(
        ActionAnswerOrClarify().run(dispatcher, tracker("nlu_fallback", ranking), {})
    )
    return [message["response"] for message in dispatcher.messages], events


def test_two_topics_at_once_get_both_answers() -> None:
    responses, events = run(
        [("nlu_fallback", 0.5), ("death_how_report", 0.46), ("overpay_after_death", 0.41)]
    )
    assert responses == ["utter_death_how_report", "utter_overpay_after_death"]
    assert events == [SlotSet("fallback_answered", True), SlotSet("topic", "death")]


def test_one_likely_answer_is_given_alone() -> None:
    responses, _ = run([("nlu_fallback", 0.5), ("cert_when", 0.45), ("greet", 0.3)])
    assert responses == ["utter_cert_when"]


def test_guesses_are_not_answered() -> None:
    responses, events = run([("nlu_fallback", 0.5), ("cert_when", 0.2), ("death_deadline", 0.19)])
    assert responses == []
    assert events == [SlotSet("fallback_answered", False)]


def test_base_intents_are_not_answered_from_the_fallback() -> None:
    responses, events = run([("nlu_fallback", 0.5), ("greet", 0.45), ("thank", 0.4)])
    assert responses == []
    assert events == [SlotSet("fallback_answered", False)]


def test_official_channels_answer_sets_no_topic() -> None:
    responses, events = run([("nlu_fallback", 0.5), ("official_hotline", 0.45)])
    assert responses == ["utter_official_hotline"]
    assert events == [SlotSet("fallback_answered", True)]
