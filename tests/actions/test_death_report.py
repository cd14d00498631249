"""The death-report form's validation, read-back, corrections and filing, with a Tracker and a
CollectingDispatcher over the project's database."""

from __future__ import annotations

import asyncio
import datetime as dt
import subprocess
import sys

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import cases, registry
from actions.death_report import (
    ActionAskDeathReportConfirmed,
    ActionSubmitDeathReport,
    ValidateDeathReportForm,
)
from bot.settings import PROJECT_DIR
from tests.actions.conftest import form_tracker
from tests.actions.people import CN_NAME, CN_PERSON, TODAY, VN_NAME, VN_PERSON, row
from tests.knowledge.test_answers import DOMAIN

FORM = "death_report_form"
DIED = TODAY - dt.timedelta(days=10)
FILLED = {
    "id_number": CN_PERSON, "person_name": CN_NAME, "date_of_death": DIED.isoformat(),
    "reporter_name": "周小测", "reporter_relation": "child", "reporter_phone": "13812345678",
}  # fmt: skip


@pytest.fixture
def people(sqlite_database):
    registry.upsert(sqlite_database, [row(CN_PERSON, CN_NAME, "CN"), row(VN_PERSON, VN_NAME, "VN")])
    return sqlite_database


def validate(text: str, requested_slot: str, **kwargs) -> tuple[list[dict], dict]:
    dispatcher = CollectingDispatcher()
    tracker = form_tracker(text, form=FORM, requested_slot=requested_slot, **kwargs)
    events = asyncio.run(ValidateDeathReportForm().run(dispatcher, tracker, DOMAIN))
    return dispatcher.messages, {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def responses(messages: list[dict]) -> list[str]:
    return [m["response"] for m in messages]


def test_the_deceased_must_match_the_registry(people) -> None:
    messages, slots = validate(CN_NAME, "person_name", slots={"id_number": CN_PERSON})
    assert messages == [] and slots == {"person_name": CN_NAME}
    messages, slots = validate("周某", "person_name", slots={"id_number": CN_PERSON})
    assert responses(messages) == ["utter_lookup_no_match"]


def test_a_death_already_reported_is_not_reported_again(people) -> None:
    filed = cases.file_death_report(
        people,
        cases.DeathReport(CN_PERSON, CN_NAME, DIED, "周小测", "child", "13812345678", "zh", "x"),
        registry.find(people, CN_PERSON),
    )
    messages, slots = validate(CN_NAME, "person_name", slots={"id_number": CN_PERSON})
    assert responses(messages) == ["utter_death_already_reported"]
    assert messages[0]["reference"] == filed.reference
    assert slots["requested_slot"] is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("昨天", TODAY - dt.timedelta(days=1)), ("2025年12月3日", dt.date(2025, 12, 3))],
)
def test_a_date_of_death_is_kept_as_iso(people, text: str, expected: dt.date) -> None:
    assert validate(text, "date_of_death", slots={"id_number": CN_PERSON}) == (
        [],
        {"date_of_death": expected.isoformat()},
    )


@pytest.mark.parametrize(
    ("text", "language", "response"),
    [
        ((TODAY + dt.timedelta(days=3)).isoformat(), "zh", "utter_invalid_date_future"),
        ("1947年5月1日", "zh", "utter_invalid_date_before_birth"),  # born 15 March 1948
        ("1/1/1947", "vi", "utter_invalid_date_before_birth"),  # born 1948
        ("không nhớ rõ", "vi", "utter_invalid_date"),
    ],
)
def test_impossible_dates_are_refused_with_the_reason(people, text, language, response) -> None:
    number = CN_PERSON if language == "zh" else VN_PERSON
    messages, slots = validate(
        text, "date_of_death", language=language, slots={"id_number": number}
    )
    assert responses(messages) == [response]
    assert slots == {"date_of_death": None}
    if response == "utter_invalid_date_before_birth":
        assert messages[0]["born"] in ("1948年3月15日", "1948")


def test_reporter_details(people) -> None:
    assert validate("我叫周小测", "reporter_name")[1] == {"reporter_name": "周小测"}
    assert validate("我是他闺女", "reporter_relation")[1] == {"reporter_relation": "child"}
    assert validate("远房表亲", "reporter_relation")[1] == {"reporter_relation": "远房表亲"}
    assert validate("138 1234 5678", "reporter_phone")[1] == {"reporter_phone": "13812345678"}
    assert validate("0912 345 678", "reporter_phone", language="vi")[1] == {
        "reporter_phone": "0912345678"
    }
    messages, slots = validate("12345", "reporter_phone")
    assert responses(messages) == ["utter_invalid_phone"] and slots == {"reporter_phone": None}


def confirm(text: str, intent: str = "inform", language: str = "zh") -> dict:
    _, slots = validate(
        text, "death_report_confirmed", intent=intent, language=language, slots=FILLED
    )
    return slots


def test_yes_confirms(people) -> None:
    assert confirm("对的，没错！") == {"death_report_confirmed": True}
    assert confirm("dạ đúng rồi", language="vi") == {"death_report_confirmed": True}
    assert confirm("好的 你提交吧", intent="affirm") == {"death_report_confirmed": True}


def test_a_bare_no_asks_which_field_is_wrong(people) -> None:
    assert confirm("不对") == {"death_report_confirmed": None}
    dispatcher = CollectingDispatcher()
    tracker = form_tracker("不对", form=FORM, requested_slot="death_report_confirmed", slots=FILLED)
    asyncio.run(ActionAskDeathReportConfirmed().run(dispatcher, tracker, DOMAIN))
    assert responses(dispatcher.messages) == ["utter_ask_which_field"]


def test_a_correction_with_the_new_value_takes_it(people) -> None:
    assert confirm("电话错了，应该是13912345678") == {
        "death_report_confirmed": None,
        "reporter_phone": "13912345678",
    }
    new_date = TODAY - dt.timedelta(days=12)
    assert confirm(f"sửa ngày mất thành {new_date:%d/%m/%Y}", language="vi") == {
        "death_report_confirmed": None,
        "date_of_death": new_date.isoformat(),
    }


def test_a_correction_without_a_value_asks_for_the_field_again(people) -> None:
    assert confirm("关系说错了") == {"death_report_confirmed": None, "reporter_relation": None}
    # A different person: ID and name are matched against the registry again.
    assert confirm("身份证号码输错了") == {
        "death_report_confirmed": None,
        "id_number": None,
        "person_name": None,
    }


def test_cancelling_at_the_read_back_forgets_everything(people) -> None:
    messages, slots = validate("算了不报了", "death_report_confirmed", slots=FILLED)
    assert responses(messages) == ["utter_form_cancelled"]
    assert all(slots[slot] is None for slot in [*FILLED, "requested_slot"])


def test_the_read_back_masks_the_id(people) -> None:
    dispatcher = CollectingDispatcher()
    tracker = form_tracker(
        "13812345678", form=FORM, requested_slot="death_report_confirmed", slots=FILLED
    )
    asyncio.run(ActionAskDeathReportConfirmed().run(dispatcher, tracker, DOMAIN))
    [summary] = dispatcher.messages
    assert summary["response"] == "utter_death_report_summary"
    assert summary["masked_id"] == CN_PERSON[:4] + "**********" + CN_PERSON[-4:]
    assert CN_PERSON not in str(summary)
    assert summary["relation"] == "子女"


def submit(slots: dict, language: str = "zh") -> tuple[list[dict], list]:
    dispatcher = CollectingDispatcher()
    tracker = form_tracker("对", form=FORM, requested_slot=None, slots=slots, language=language)
    events = asyncio.run(ActionSubmitDeathReport().run(dispatcher, tracker, DOMAIN))
    return dispatcher.messages, events


def test_a_confirmed_report_is_filed_and_answered_in_full(people) -> None:
    died = dt.date(TODAY.year - 1, TODAY.month, 1)  # a year of pension paid after the death
    messages, events = submit(
        FILLED | {"date_of_death": died.isoformat(), "death_report_confirmed": True}
    )
    assert responses(messages) == [
        "utter_death_report_filed",
        "utter_death_report_late",
        "utter_death_documents",
        "utter_death_report_benefits",
        "utter_death_report_overpaid",
    ]
    reference = messages[0]["reference"]
    assert registry.find(people, CN_PERSON).stop_pending_case == reference
    [case] = cases.list_cases(people)
    assert (case["reference"], case["reporter_phone"], case["overpaid_months"]) == (
        reference,
        "13812345678",
        12,
    )
    assert messages[-1]["months"] == "12" and messages[-1]["amount"] == "36,000元"
    assert all(e["value"] is None for e in events)


def test_a_recent_death_is_reported_in_time_and_nothing_was_overpaid(people) -> None:
    messages, _ = submit(
        FILLED
        | {"id_number": VN_PERSON, "person_name": VN_NAME, "date_of_death": TODAY.isoformat()}
        | {"death_report_confirmed": True},
        language="vi",
    )
    assert "utter_death_report_in_time" in responses(messages)
    assert "utter_death_report_overpaid" not in responses(messages)
    in_time = next(m for m in messages if m["response"] == "utter_death_report_in_time")
    assert in_time["due"] == f"{TODAY + dt.timedelta(days=90):%d/%m/%Y}"


def test_nothing_is_filed_without_confirmation(people) -> None:
    messages, events = submit(FILLED | {"death_report_confirmed": None})
    assert messages == [] and cases.list_cases(people) == []
    assert all(e["value"] is None for e in events)


def test_cases_are_listed_for_staff_with_masked_ids(people) -> None:
    submit(FILLED | {"death_report_confirmed": True})
    env = {"HOTLINE_DB_URL": str(people.url), "PATH": "/usr/bin:/bin"}
    command = [sys.executable, "-m", "actions.cases", "list"]
    listed = subprocess.run(command, cwd=PROJECT_DIR, env=env, capture_output=True, text=True)
    assert listed.returncode == 0, listed.stderr
    assert "DR-" in listed.stdout and CN_NAME in listed.stdout and "13812345678" in listed.stdout
    assert CN_PERSON not in listed.stdout
    unmasked = subprocess.run(
        [*command, "--unmasked"], cwd=PROJECT_DIR, env=env, capture_output=True, text=True
    )
    assert CN_PERSON in unmasked.stdout
