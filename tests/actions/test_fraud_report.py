"""The fraud report form's validation, read-back and filing into the police outbox, with a
Tracker and a CollectingDispatcher; and the scam check's answer."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.fraud_report import (
    ActionAskFraudReportConfirmed,
    ActionSubmitFraudReport,
    ValidateFraudReportForm,
    contacts_in,
    is_urgent,
)
from actions.police import outbox
from actions.scam_check import ActionAssessScam
from tests.actions.conftest import form_tracker, tracker
from tests.knowledge.test_answers import DOMAIN

FORM = "fraud_report_form"
FILLED = {
    "fraud_what": "自称公安让我把钱转到安全账户", "fraud_when": "两小时前",
    "fraud_when_at": (dt.datetime.now() - dt.timedelta(hours=2)).isoformat(timespec="minutes"),
    "fraud_contacts": "13800001111 卡号6222 0000 1111 2222 网址 gov-anquan.cc",
    "fraud_loss": "5万元 手机银行转账", "fraud_amount": "50000", "victim_name": "李测试",
    "victim_phone": "13912345678", "victim_region": "北京市朝阳区",
}  # fmt: skip


@pytest.fixture
def police(sqlite_database, tmp_path, monkeypatch):
    routes = tmp_path / "routes.yml"
    routes.write_text(
        "routes:\n  - name: intake\n    country: CN\n    http:\n"
        "      url: http://127.0.0.1:9/intake\n      secret_env: TEST_KEY\n"
        "  - name: intake-vn\n    country: VN\n    email: {to: police@example.vn}\n"
    )
    monkeypatch.setenv("HOTLINE_POLICE_ROUTES", str(routes))
    monkeypatch.setenv("TEST_KEY", "k")
    return sqlite_database


def validate(text: str, requested_slot: str, **kwargs) -> tuple[list[str], dict]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(
        ValidateFraudReportForm().run(
            dispatcher,
            form_tracker(text, form=FORM, requested_slot=requested_slot, **kwargs),
            DOMAIN,
        )
    )
    return [m["response"] for m in dispatcher.messages], {
        e["name"]: e["value"] for e in events if e["event"] == "slot"
    }


def test_when_and_how_much_are_read_from_the_answers() -> None:
    _, slots = validate("两小时前", "fraud_when")
    assert slots["fraud_when"] == "两小时前"
    when_at = dt.datetime.fromisoformat(slots["fraud_when_at"])
    assert (
        dt.timedelta(hours=1, minutes=55)
        < dt.datetime.now() - when_at
        < dt.timedelta(hours=2, minutes=5)
    )
    _, slots = validate("mất 20 triệu, chuyển khoản", "fraud_loss", language="vi")
    assert slots == {"fraud_loss": "mất 20 triệu, chuyển khoản", "fraud_amount": "20000000"}


def test_victim_details_are_checked() -> None:
    assert validate("我叫李测试", "victim_name")[1] == {"victim_name": "李测试"}
    assert validate("139 1234 5678", "victim_phone")[1] == {"victim_phone": "13912345678"}
    assert validate("12345", "victim_phone")[0] == ["utter_invalid_phone"]
    assert validate("x" * 80, "victim_region")[0] == ["utter_invalid_region"]


def test_a_correction_asks_for_the_field_again() -> None:
    _, slots = validate("金额说错了", "fraud_report_confirmed", slots=FILLED)
    assert slots == {"fraud_loss": None, "fraud_report_confirmed": None}
    _, slots = validate("đúng rồi", "fraud_report_confirmed", slots=FILLED, language="vi")
    assert slots == {"fraud_report_confirmed": True}


def test_cancelling_forgets_the_report() -> None:
    responses, slots = validate("算了不报了", "fraud_report_confirmed", slots=FILLED)
    assert responses == ["utter_form_cancelled"]
    assert slots["fraud_what"] is None and slots["requested_slot"] is None


def test_the_scammers_numbers_accounts_and_links_are_picked_out() -> None:
    assert contacts_in(FILLED["fraud_contacts"]) == {
        "phones": ["13800001111"], "accounts": ["6222000011112222"], "links": ["gov-anquan.cc"],
    }  # fmt: skip


def test_money_or_a_code_given_in_the_last_hours_is_urgent() -> None:
    now = dt.datetime.now()
    assert is_urgent(now - dt.timedelta(hours=2), 50000, "")
    assert is_urgent(now - dt.timedelta(minutes=10), 0, "我把验证码告诉他了")
    assert not is_urgent(now - dt.timedelta(days=3), 50000, "")
    assert not is_urgent(now - dt.timedelta(hours=1), 0, "对方让我转账我没转")
    assert not is_urgent(None, 50000, "")


def submit(slots: dict, sender: str = "victim-1") -> list[str]:
    dispatcher = CollectingDispatcher()
    state = form_tracker("对", form=FORM, requested_slot=None, slots=slots, sender=sender)
    asyncio.run(ActionSubmitFraudReport().run(dispatcher, state, DOMAIN))
    return [m.get("response") for m in dispatcher.messages]


def test_a_confirmed_report_is_committed_to_the_outbox_urgent(police) -> None:
    assert submit(FILLED | {"fraud_report_confirmed": True}) == [
        "utter_fraud_report_filed", "utter_fraud_first_aid",
    ]  # fmt: skip
    [delivery] = outbox.listing(police)
    assert (delivery["route"], delivery["status"], delivery["urgent"]) == (
        "intake",
        "pending",
        True,
    )
    # The same submission again (a client retrying) is still one report.
    submit(FILLED | {"fraud_report_confirmed": True})
    assert len(outbox.listing(police)) == 1


def test_nothing_is_filed_without_confirmation(police) -> None:
    assert submit(FILLED | {"fraud_report_confirmed": None}) == []
    assert outbox.listing(police) == []


def test_the_read_back_shows_every_field() -> None:
    dispatcher = CollectingDispatcher()
    state = form_tracker(
        "北京市朝阳区", form=FORM, requested_slot="fraud_report_confirmed", slots=FILLED
    )
    asyncio.run(ActionAskFraudReportConfirmed().run(dispatcher, state, DOMAIN))
    [summary] = dispatcher.messages
    assert summary["response"] == "utter_fraud_report_summary"
    assert summary["victim_phone"] == "13912345678" and summary["fraud_loss"].startswith("5万元")


def test_the_scam_check_answers_with_the_engines_verdict() -> None:
    dispatcher = CollectingDispatcher()
    state = tracker("scam_check", slots={"language": "zh"})
    state.latest_message["text"] = "有人自称社保局让我把验证码告诉他"
    asyncio.run(ActionAssessScam().run(dispatcher, state, DOMAIN))
    [answer] = dispatcher.messages
    assert answer["text"].startswith("这是诈骗") and "12333" in answer["text"]


def test_a_report_is_kept_even_when_the_routes_file_is_broken(
    police, tmp_path, monkeypatch
) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("routes: [{country: CN}]")
    monkeypatch.setenv("HOTLINE_POLICE_ROUTES", str(broken))
    assert submit(FILLED | {"fraud_report_confirmed": True})[0] == "utter_fraud_report_filed"
    [delivery] = outbox.listing(police)
    assert (delivery["route"], delivery["status"]) == ("(no route)", "dead")
