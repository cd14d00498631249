"""The death report: "我父亲去世了要报告", "bố tôi mất, báo giảm thế nào".

A form asks for the deceased's ID number and name (matched against the registry), the date of
death, and the reporter's name, relation and phone; reads the report back; takes corrections
("电话号码错了", "sửa ngày mất") or a cancellation; and on confirmation files a case, stops the
payment pending verification, and tells the caller the reference number, the documents, the
deadline, the benefits they may claim, and any pension paid after the death to refund.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import cases, db, form_input, registry
from actions.dates import InvalidDate, parse_date
from actions.death_rules import deadline_for
from actions.formatting import format_date, format_money
from actions.forms import AskToConfirm, confirmed
from actions.people import InvalidPhone, extract_relation, parse_phone
from actions.registry import Beneficiary
from actions.registry_forms import RegistryFormValidation, country_for, parsed_id
from actions.status_check import forget
from bot.privacy import mask_id

logger = logging.getLogger(__name__)

FORM = "death_report_form"
SLOTS = (
    "id_number", "person_name", "date_of_death", "reporter_name", "reporter_relation",
    "reporter_phone", "death_report_confirmed",
)  # fmt: skip
MAX_RELATION_CHARS = 20
# Words that name a field in a correction, most specific first.
FIELD_WORDS = (
    ("reporter_phone", ("电话", "手机", "dien thoai", "sdt", "so dt", "so may")),
    ("reporter_relation", ("关系", "quan he")),
    ("date_of_death", ("日期", "哪天", "时间", "去世时间", "ngay mat", "ngay", "thoi gian")),
    (
        "reporter_name",
        ("我的名字", "我的姓名", "报告人", "我叫", "ten toi", "toi ten", "nguoi bao"),
    ),
    ("person_name", ("名字", "姓名", "ten")),
    ("id_number", ("身份证", "证件", "号码", "cccd", "can cuoc", "dinh danh", "cmnd")),
)

RELATION_LABELS = {
    "child": ("子女", "con"),
    "spouse": ("配偶", "vợ/chồng"),
    "parent": ("父母", "cha/mẹ"),
    "sibling": ("兄弟姐妹", "anh chị em"),
    "grandchild": ("孙子女", "cháu"),
    "in_law": ("儿媳/女婿", "con dâu/con rể"),
    "relative": ("其他亲属", "họ hàng"),
    "neighbour": ("邻居", "hàng xóm"),
    "organisation": ("单位或社区", "cơ quan, tổ dân phố"),
}


def relation_label(relation: str, language: str | None) -> str:
    labels = RELATION_LABELS.get(relation)
    if not labels:
        return relation  # the caller's own words
    return labels[1] if language == "vi" else labels[0]


def relation_in(text: str) -> str | None:
    """A known relation, or the caller's own short description of it."""
    relation = extract_relation(text)
    if relation:
        return relation
    text = " ".join(text.split())
    if 0 < len(text) <= MAX_RELATION_CHARS and not any(ch.isdigit() for ch in text):
        return text
    return None


class ValidateDeathReportForm(RegistryFormValidation):
    def name(self) -> str:
        return f"validate_{FORM}"

    async def matched(
        self,
        beneficiary: Beneficiary,
        name: str,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        if beneficiary.stop_pending_case:
            dispatcher.utter_message(
                response="utter_death_already_reported", reference=beneficiary.stop_pending_case
            )
            return self.ending(domain)
        if beneficiary.status == "terminated":
            dispatcher.utter_message(response="utter_death_report_not_paid")
            return self.ending(domain)
        return {"person_name": beneficiary.name}

    def date_problem(self, date: dt.date, tracker: Tracker) -> tuple[str, dict[str, str]] | None:
        """Why the date of death cannot be right (response and values), else None."""
        language = tracker.get_slot("language")
        if date > dt.date.today():
            return "utter_invalid_date_future", {}
        person = parsed_id(tracker)
        if person and person.birth_date and date < person.birth_date:
            born = (
                str(person.birth_date.year)
                if person.birth_year_only
                else format_date(person.birth_date, language)
            )
            return "utter_invalid_date_before_birth", {"born": born}
        return None

    async def validate_date_of_death(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        try:
            date = parse_date(str(value or ""))
        except InvalidDate:
            if not self.answered_aside(dispatcher, tracker):
                dispatcher.utter_message(response="utter_invalid_date")
            return {"date_of_death": None}
        problem = self.date_problem(date, tracker)
        if problem:
            dispatcher.utter_message(response=problem[0], **problem[1])
            return {"date_of_death": None}
        return {"date_of_death": date.isoformat()}

    async def validate_reporter_name(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return {"reporter_name": self.name_in(value, dispatcher, tracker)}

    async def validate_reporter_relation(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        # Free text is accepted as a relation, so a question must be recognised first.
        if self.answered_aside(dispatcher, tracker):
            return {"reporter_relation": None}
        relation = relation_in(str(value or ""))
        if relation is None:
            dispatcher.utter_message(response="utter_invalid_relation")
        return {"reporter_relation": relation}

    async def validate_reporter_phone(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = str(value or "")
        try:
            return {"reporter_phone": parse_phone(text, country_for(tracker))}
        except InvalidPhone:
            if not self.answered_aside(dispatcher, tracker):
                dispatcher.utter_message(response="utter_invalid_phone")
            return {"reporter_phone": None}

    async def validate_death_report_confirmed(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = str(value or "")
        field = form_input.named_field(text, FIELD_WORDS)
        if field:
            return self.correction(field, text, tracker)
        answer = form_input.yes_or_no(tracker)
        if answer is None:
            self.answered_aside(dispatcher, tracker)
        # No: action_ask_death_report_confirmed asks which field is wrong.
        return {"death_report_confirmed": True if answer else None}

    def correction(self, field: str, text: str, tracker: Tracker) -> dict[str, Any]:
        """Take the corrected value if the message gives one, else ask for the field again."""
        updates: dict[str, Any] = {"death_report_confirmed": None}
        if field in ("id_number", "person_name"):
            # The person must be matched against the registry again.
            return updates | {"id_number": None, "person_name": None}
        return updates | {field: self.corrected_value(field, text, tracker)}

    def corrected_value(self, field: str, text: str, tracker: Tracker) -> str | None:
        """The new value a correction gives ("电话改成139…"), or None to ask for it."""
        with contextlib.suppress(InvalidDate, InvalidPhone):
            if field == "date_of_death":
                date = parse_date(text)
                return None if self.date_problem(date, tracker) else date.isoformat()
            if field == "reporter_phone":
                return parse_phone(text, country_for(tracker))
        if field == "reporter_relation":
            return extract_relation(text)
        return None


class ActionAskDeathReportConfirmed(AskToConfirm):
    confirmation_slot = "death_report_confirmed"
    summary_response = "utter_death_report_summary"
    which_field_response = "utter_ask_which_field"

    def summary_values(self, tracker: Tracker) -> dict[str, str]:
        language = tracker.get_slot("language")
        date = dt.date.fromisoformat(tracker.get_slot("date_of_death"))
        return {
            "name": tracker.get_slot("person_name"),
            "masked_id": mask_id(tracker.get_slot("id_number") or ""),
            "date": format_date(date, language),
            "reporter": tracker.get_slot("reporter_name"),
            "relation": relation_label(tracker.get_slot("reporter_relation"), language),
            "phone": tracker.get_slot("reporter_phone"),
        }


class ActionSubmitDeathReport(Action):
    """Files the confirmed report and tells the caller what follows; slots cleared."""

    def name(self) -> str:
        return "action_submit_death_report"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if confirmed(tracker, SLOTS):
            try:
                await self.file(dispatcher, tracker)
            except Exception:
                logger.exception("death report of conversation %s not filed", tracker.sender_id)
                dispatcher.utter_message(response="utter_death_report_failed")
        return forget(SLOTS)

    async def file(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
        engine = db.engine()
        language = tracker.get_slot("language") or "zh"
        beneficiary = await db.run_sync(registry.find, engine, tracker.get_slot("id_number"))
        report = cases.DeathReport(
            id_number=beneficiary.id_number,
            deceased_name=beneficiary.name,
            date_of_death=dt.date.fromisoformat(tracker.get_slot("date_of_death")),
            reporter_name=tracker.get_slot("reporter_name"),
            reporter_relation=tracker.get_slot("reporter_relation"),
            reporter_phone=tracker.get_slot("reporter_phone"),
            language=language,
            conversation_id=tracker.sender_id,
        )
        filed = await db.run_sync(cases.file_death_report, engine, report, beneficiary)
        logger.info("death report %s filed for %s", filed.reference, mask_id(report.id_number))
        if filed.already_reported:
            dispatcher.utter_message(
                response="utter_death_already_reported", reference=filed.reference
            )
            return
        dispatcher.utter_message(
            response="utter_death_report_filed", reference=filed.reference, name=beneficiary.name
        )
        deadline = deadline_for(beneficiary.country, beneficiary.region)
        due = deadline.due(report.date_of_death)
        dispatcher.utter_message(
            response="utter_death_report_in_time"
            if dt.date.today() <= due
            else "utter_death_report_late",
            rule=deadline.rule_vi if language == "vi" else deadline.rule_zh,
            due=format_date(due, language),
        )
        dispatcher.utter_message(response="utter_death_documents")
        dispatcher.utter_message(response="utter_death_report_benefits")
        if filed.overpaid_months and filed.overpaid_amount:
            dispatcher.utter_message(
                response="utter_death_report_overpaid",
                months=str(filed.overpaid_months),
                amount=format_money(filed.overpaid_amount, beneficiary.country),
            )
