"""The fraud report: "我被骗了 刚转了两万", "tôi bị lừa mất 20 triệu rồi".

The first reply (a rule, domain/scam.yml) tells the victim to phone the police and the bank at
once; then a form takes what happened, when, the scammer's numbers, accounts, links and apps,
the money lost and how it was paid, and the victim's name, phone and region; reads it back;
and on confirmation commits it to the outbox for the police (actions/police/), marked urgent
when money or a code went in the last hours, and gives a reference number.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import logging
import re
from pathlib import Path
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import db, form_input
from actions.amounts import parse_amount
from actions.dates import parse_when
from actions.forms import AskToConfirm, HotlineFormValidation, confirmed
from actions.people import InvalidPhone, parse_phone
from actions.police import FraudReport, file_report, routes
from actions.registry_forms import COUNTRY_OF_LANGUAGE
from actions.scam.links import hosts
from bot.settings import Settings

logger = logging.getLogger(__name__)

FORM = "fraud_report_form"
SLOTS = (
    "fraud_what", "fraud_when", "fraud_contacts", "fraud_loss", "victim_name", "victim_phone",
    "victim_region", "fraud_report_confirmed",
)  # fmt: skip
DERIVED_SLOTS = ("fraud_when_at", "fraud_amount")
# Money or a code given this recently can still be stopped: the report is urgent.
URGENT_WITHIN = dt.timedelta(hours=24)
MAX_TEXT_CHARS = 1000
MAX_REGION_CHARS = 60
_CODE_GIVEN = re.compile(r"验证码|密码|otp|mat khau|ma xac|刷脸|quet mat|khuon mat", re.IGNORECASE)
_PHONE_LIKE = re.compile(r"(?<!\d)(?:\+?\d[\d \-]{6,30}\d)(?!\d)")
FIELD_WORDS = (
    ("victim_phone", ("我的电话", "我的手机", "联系电话", "dien thoai cua toi", "sdt cua toi")),
    ("victim_region", ("地区", "地址", "住在", "城市", "khu vuc", "dia chi", "tinh")),
    ("victim_name", ("我的名字", "我的姓名", "我叫", "ten toi", "toi ten", "ho ten")),
    ("fraud_loss", ("金额", "损失", "多少钱", "钱数", "so tien", "mat bao nhieu", "thiet hai")),
    ("fraud_when", ("时间", "日期", "什么时候", "哪天", "thoi gian", "luc nao", "ngay")),
    ("fraud_contacts", ("对方号码", "骗子", "账号", "链接", "网址", "app", "so cua", "tai khoan")),
    ("fraud_what", ("经过", "情况", "怎么回事", "su viec", "chuyen gi", "dien bien")),
)  # fmt: skip


@functools.lru_cache(maxsize=4)
def _routes(path: Path, modified: float) -> list[routes.Route]:
    return routes.load(path)


def police_routes(settings: Settings) -> list[routes.Route]:
    """The routes file, read again when it changes. When it cannot be used the report is
    still kept: it is listed as undeliverable for staff to forward (never lost)."""
    path = settings.police_routes
    try:
        return _routes(path, path.stat().st_mtime)
    except (OSError, routes.RoutesError):
        logger.exception("the police routes file %s cannot be used", path)
        return []


def contacts_in(text: str) -> dict[str, list[str]]:
    """Phone numbers, account numbers and links named in the scammer's contacts."""
    runs = [re.sub(r"\D", "", run) for run in _PHONE_LIKE.findall(text)]
    return {
        "phones": [r for r in runs if 7 <= len(r) <= 13],
        "accounts": [r for r in runs if len(r) > 13],
        "links": hosts(text),
    }


def is_urgent(when_at: dt.datetime | None, amount: float | None, said: str) -> bool:
    """Money or a code given in the last hours: the bank may still stop it."""
    recent = when_at is not None and dt.datetime.now() - when_at <= URGENT_WITHIN
    return recent and (bool(amount) or bool(_CODE_GIVEN.search(said)))


class ValidateFraudReportForm(HotlineFormValidation):
    def name(self) -> str:
        return f"validate_{FORM}"

    def free_text(self, slot: str, value: Any, dispatcher, tracker) -> dict[str, Any]:
        text = " ".join(str(value or "").split())[:MAX_TEXT_CHARS]
        if not text:
            dispatcher.utter_message(response="utter_fraud_need_answer")
            return {slot: None}
        return {slot: text}

    async def validate_fraud_what(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        return self.free_text("fraud_what", value, dispatcher, tracker)

    async def validate_fraud_contacts(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        return self.free_text("fraud_contacts", value, dispatcher, tracker)

    async def validate_fraud_when(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        text = " ".join(str(value or "").split())[:MAX_TEXT_CHARS]
        when_at = parse_when(text)
        if when_at and when_at > dt.datetime.now() + dt.timedelta(minutes=5):
            dispatcher.utter_message(response="utter_invalid_date_future")
            return {"fraud_when": None}
        found = self.free_text("fraud_when", text, dispatcher, tracker)
        return found | {"fraud_when_at": when_at.isoformat(timespec="minutes") if when_at else None}

    async def validate_fraud_loss(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        found = self.free_text("fraud_loss", value, dispatcher, tracker)
        amount = parse_amount(found["fraud_loss"] or "")
        return found | {"fraud_amount": str(amount) if amount is not None else None}

    async def validate_victim_name(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        return {"victim_name": self.name_in(value, dispatcher, tracker)}

    async def validate_victim_phone(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        country = COUNTRY_OF_LANGUAGE.get(tracker.get_slot("language"), "CN")
        try:
            return {"victim_phone": parse_phone(str(value or ""), country)}
        except InvalidPhone:
            if not self.answered_aside(dispatcher, tracker):
                dispatcher.utter_message(response="utter_invalid_phone")
            return {"victim_phone": None}

    async def validate_victim_region(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        region = " ".join(str(value or "").split())
        if not 0 < len(region) <= MAX_REGION_CHARS:
            dispatcher.utter_message(response="utter_invalid_region")
            return {"victim_region": None}
        return {"victim_region": region}

    async def validate_fraud_report_confirmed(
        self, value, dispatcher, tracker, domain
    ) -> dict[str, Any]:
        field = form_input.named_field(str(value or ""), FIELD_WORDS)
        if field:  # asked for again, then read back again
            return {field: None, "fraud_report_confirmed": None}
        answer = form_input.yes_or_no(tracker)
        return {"fraud_report_confirmed": True if answer else None}


class ActionAskFraudReportConfirmed(AskToConfirm):
    confirmation_slot = "fraud_report_confirmed"
    summary_response = "utter_fraud_report_summary"
    which_field_response = "utter_ask_which_fraud_field"

    def summary_values(self, tracker: Tracker) -> dict[str, str]:
        return {slot: str(tracker.get_slot(slot) or "") for slot in SLOTS[:-1]}


def report_of(tracker: Tracker) -> FraudReport:
    language = tracker.get_slot("language") or "zh"
    when_at = tracker.get_slot("fraud_when_at")
    amount = tracker.get_slot("fraud_amount")
    said = " ".join(str(tracker.get_slot(s) or "") for s in ("fraud_what", "fraud_loss"))
    found = contacts_in(tracker.get_slot("fraud_contacts") or "")
    return FraudReport(
        what_happened=tracker.get_slot("fraud_what"),
        when=tracker.get_slot("fraud_when"),
        when_at=when_at,
        scammer_contacts=tracker.get_slot("fraud_contacts"),
        phones=found["phones"],
        links=found["links"],
        accounts=found["accounts"],
        loss=tracker.get_slot("fraud_loss"),
        amount=amount,
        victim_name=tracker.get_slot("victim_name"),
        victim_phone=tracker.get_slot("victim_phone"),
        region=tracker.get_slot("victim_region"),
        country=COUNTRY_OF_LANGUAGE.get(language, "CN"),
        language=language,
        urgent=is_urgent(
            dt.datetime.fromisoformat(when_at) if when_at else None,
            float(amount) if amount else None,
            said,
        ),
    )


def submission_key(conversation_id: str, report: FraudReport) -> str:
    """The same report from the same conversation is one submission, however often it comes."""
    content = json.dumps(report.__dict__, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(f"{conversation_id}\n{content}".encode()).hexdigest()


class ActionSubmitFraudReport(Action):
    def name(self) -> str:
        return "action_submit_fraud_report"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if confirmed(tracker, SLOTS):
            report = report_of(tracker)
            try:
                settings = Settings.from_env()
                filed = await db.run_sync(
                    file_report, db.engine(settings), report, police_routes(settings),
                    tracker.sender_id, submission_key(tracker.sender_id, report),
                )  # fmt: skip
            except Exception:
                logger.exception("fraud report of conversation %s not filed", tracker.sender_id)
                dispatcher.utter_message(response="utter_fraud_report_failed")
            else:
                logger.info("fraud report %s filed, urgent: %s", filed.reference, report.urgent)
                dispatcher.utter_message(
                    response="utter_fraud_report_filed", reference=filed.reference
                )
                if report.urgent:
                    dispatcher.utter_message(response="utter_fraud_first_aid")
        return [SlotSet(slot, None) for slot in (*SLOTS, *DERIVED_SLOTS)]
