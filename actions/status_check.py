"""The status check: "查一下我的认证状态", "kiểm tra tình trạng lương hưu".

The form asks for the ID number and the holder's name; nothing is disclosed unless both match
the registry. The answer states the certification (CN) / verification (VN) status in plain
words with its date, and what to do next.
"""

from __future__ import annotations

import datetime as dt

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import db, registry
from actions.formatting import format_date
from actions.registry import Beneficiary
from actions.registry_forms import RegistryFormValidation
from bot.privacy import mask_id

FORM = "status_check_form"
SLOTS = ("id_number", "person_name")
# Certification due within this many days is "due soon".
DUE_SOON_DAYS = 30


def status_answer(
    beneficiary: Beneficiary, language: str | None, today: dt.date
) -> tuple[str, dict[str, str]]:
    """The response that states the beneficiary's status, and its values."""
    values = {"name": beneficiary.name, "masked_id": mask_id(beneficiary.id_number)}
    due = beneficiary.next_due
    if due:
        values["due"] = format_date(due, language)
    if beneficiary.last_certified:
        values["certified"] = format_date(beneficiary.last_certified, language)
    if beneficiary.stop_pending_case:
        return "utter_status_stop_pending", values | {"reference": beneficiary.stop_pending_case}
    if beneficiary.status == "terminated":
        return "utter_status_terminated", values
    if beneficiary.status == "suspended":
        return ("utter_status_suspended" if due else "utter_status_suspended_undated"), values
    if due is None:
        return "utter_status_active_undated", values
    if due < today:
        return "utter_status_overdue", values
    if (due - today).days <= DUE_SOON_DAYS:
        return "utter_status_due_soon", values | {"days": str((due - today).days)}
    return "utter_status_certified", values


class ValidateStatusCheckForm(RegistryFormValidation):
    def name(self) -> str:
        return f"validate_{FORM}"


class ActionReportStatus(Action):
    """After the form: the status of the person whose ID and name matched; slots cleared."""

    def name(self) -> str:
        return "action_report_status"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        number, name = (tracker.get_slot(slot) for slot in SLOTS)
        if number and name:  # else the form ended early and has said why
            beneficiary = await db.run_sync(registry.find, db.engine(), number)
            if beneficiary:
                response, values = status_answer(
                    beneficiary, tracker.get_slot("language"), dt.date.today()
                )
                dispatcher.utter_message(response=response, **values)
        return forget(SLOTS)


def forget(slots: tuple[str, ...]) -> list[EventType]:
    """Clear the personal data a form collected once it has been used."""
    return [SlotSet(slot, None) for slot in slots]
