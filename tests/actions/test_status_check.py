"""The status-check form's validation and its answer, with a Tracker and a CollectingDispatcher
over the project's database."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import registry
from actions.status_check import ActionReportStatus, ValidateStatusCheckForm, status_answer
from tests.actions.conftest import form_tracker
from tests.actions.people import CN_NAME, CN_PERSON, TODAY, VN_NAME, VN_PERSON, row
from tests.knowledge.test_answers import DOMAIN

FORM = "status_check_form"


@pytest.fixture
def people(sqlite_database):
    registry.upsert(sqlite_database, [row(CN_PERSON, CN_NAME, "CN"), row(VN_PERSON, VN_NAME, "VN")])
    return sqlite_database


def validate(text: str, requested_slot: str, **kwargs) -> tuple[list[str], dict]:
    """The responses sent and the slots set when the form validates ``text``."""
    dispatcher = CollectingDispatcher()
    tracker = form_tracker(text, form=FORM, requested_slot=requested_slot, **kwargs)
    events = asyncio.run(ValidateStatusCheckForm().run(dispatcher, tracker, DOMAIN))
    slots = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    return [m["response"] for m in dispatcher.messages], slots


def test_a_valid_id_is_kept_normalised(people) -> None:
    spaced = " ".join([CN_PERSON[:6], CN_PERSON[6:14], CN_PERSON[14:]])
    assert validate(spaced, "id_number") == ([], {"id_number": CN_PERSON})


def test_an_invalid_id_is_explained(people) -> None:
    responses, slots = validate(CN_PERSON[:-2], "id_number")
    assert responses == ["utter_invalid_id_cn_length"]
    assert slots == {"id_number": None}
    responses, _ = validate("12345678901", "id_number", language="vi")
    assert responses == ["utter_invalid_id_vn_length"]


def test_a_question_instead_of_the_id_is_answered_and_the_id_asked_again(people) -> None:
    responses, slots = validate("认证一年要做几次", "id_number", intent="cert_when")
    assert responses == ["utter_cert_when"]
    assert slots == {"id_number": None}


def test_a_matching_name_is_accepted(people) -> None:
    responses, slots = validate(
        f"tên là {VN_NAME}", "person_name", language="vi", slots={"id_number": VN_PERSON}
    )
    assert responses == [] and slots == {"person_name": VN_NAME}
    _, slots = validate("do van kiem", "person_name", language="vi", slots={"id_number": VN_PERSON})
    assert slots == {"person_name": VN_NAME}


def test_a_wrong_name_and_an_unknown_id_get_the_same_answer(people) -> None:
    wrong_name = validate("王五", "person_name", slots={"id_number": CN_PERSON}, sender="a")
    unknown_id = validate(
        CN_NAME, "person_name", slots={"id_number": "11010519491231002X"}, sender="b"
    )
    assert (
        wrong_name
        == unknown_id
        == (["utter_lookup_no_match"], {"id_number": None, "person_name": None})
    )


def test_the_fifth_failure_locks_the_conversation(people) -> None:
    for _ in range(4):
        responses, _ = validate("王五", "person_name", slots={"id_number": CN_PERSON})
        assert responses == ["utter_lookup_no_match"]
    responses, slots = validate("王五", "person_name", slots={"id_number": CN_PERSON})
    assert responses == ["utter_lookup_locked"]
    assert slots["requested_slot"] is None and slots["id_number"] is None
    # Even the right name is not checked any more, from this conversation.
    responses, slots = validate(CN_NAME, "person_name", slots={"id_number": CN_PERSON})
    assert responses == ["utter_lookup_locked"]
    assert slots["requested_slot"] is None
    assert validate(CN_NAME, "person_name", slots={"id_number": CN_PERSON}, sender="other")[1] == {
        "person_name": CN_NAME
    }


@pytest.mark.parametrize(("text", "intent"), [("取消", "cancel"), ("不查了", "inform")])
def test_cancelling_ends_the_form_and_forgets(people, text: str, intent: str) -> None:
    responses, slots = validate(text, "person_name", intent=intent, slots={"id_number": CN_PERSON})
    assert responses == ["utter_form_cancelled"]
    assert slots == {"id_number": None, "person_name": None, "requested_slot": None}


def test_asking_for_a_person_ends_the_form_with_the_hotline(people) -> None:
    responses, _ = validate("转人工", "id_number", intent="request_human")
    assert responses == ["utter_human_handoff"]


def report(slots: dict) -> tuple[list[dict], list]:
    dispatcher = CollectingDispatcher()
    tracker = form_tracker("", form=FORM, requested_slot=None, slots=slots)
    events = asyncio.run(ActionReportStatus().run(dispatcher, tracker, DOMAIN))
    return dispatcher.messages, events


def test_the_status_is_reported_with_masked_id_and_the_slots_are_cleared(people) -> None:
    messages, events = report({"id_number": CN_PERSON, "person_name": CN_NAME})
    assert [m["response"] for m in messages] == ["utter_status_certified"]
    assert messages[0]["masked_id"] == CN_PERSON[:4] + "*" * 10 + CN_PERSON[-4:]
    due = TODAY + dt.timedelta(days=265)
    assert messages[0]["due"] == f"{due.year}年{due.month}月{due.day}日"
    assert events == [SlotSet("id_number", None), SlotSet("person_name", None)]


def test_nothing_is_reported_when_the_form_ended_early(people) -> None:
    messages, events = report({"id_number": None, "person_name": None})
    assert messages == []
    assert events == [SlotSet("id_number", None), SlotSet("person_name", None)]


def beneficiary(**changes) -> registry.Beneficiary:
    return registry.Beneficiary(**row(VN_PERSON, VN_NAME, "VN", **changes))


@pytest.mark.parametrize(
    ("changes", "response"),
    [
        ({}, "utter_status_certified"),
        ({"next_due": TODAY + dt.timedelta(days=30)}, "utter_status_due_soon"),
        ({"next_due": TODAY - dt.timedelta(days=1)}, "utter_status_overdue"),
        ({"next_due": None}, "utter_status_active_undated"),
        (
            {"status": "suspended", "next_due": TODAY - dt.timedelta(days=40)},
            "utter_status_suspended",
        ),
        ({"status": "suspended", "next_due": None}, "utter_status_suspended_undated"),
        ({"status": "terminated"}, "utter_status_terminated"),
        ({"stop_pending_case": "DR-20261124-0001"}, "utter_status_stop_pending"),
    ],
)
def test_each_status_has_its_answer(changes: dict, response: str) -> None:
    answer, values = status_answer(beneficiary(**changes), "vi", TODAY)
    assert answer == response
    texts = [v["text"] for v in DOMAIN["responses"][answer] if v.get("condition")]
    for text in texts:  # every placeholder of the answer gets a value
        assert text.format(**values)


def test_due_soon_says_how_many_days_in_the_callers_date_format() -> None:
    _, values = status_answer(
        beneficiary(next_due=dt.date(2026, 12, 1)), "vi", dt.date(2026, 11, 24)
    )
    assert values["days"] == "7" and values["due"] == "01/12/2026"


def test_a_valid_id_of_the_other_country_is_accepted(people) -> None:
    assert validate(CN_PERSON, "id_number", language="vi") == ([], {"id_number": CN_PERSON})
