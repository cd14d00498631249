"""What the status check and the death report forms share: asking for a person's ID number
and name, matching them against the registry, and the lock after too many failed matches."""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import db, id_numbers, lockout, registry
from actions.forms import HotlineFormValidation
from actions.people import same_name
from actions.registry import Beneficiary
from bot.privacy import mask_id

logger = logging.getLogger(__name__)

COUNTRY_OF_LANGUAGE = {"zh": id_numbers.CN, "vi": id_numbers.VN}


def country_for(tracker: Tracker, number_text: str = "") -> str:
    """The country whose ID the caller gives: first the one of their language."""
    language = tracker.get_slot("language")
    if language in COUNTRY_OF_LANGUAGE:
        return COUNTRY_OF_LANGUAGE[language]
    return id_numbers.CN if len(id_numbers.candidate(number_text)) == 18 else id_numbers.VN


def parsed_id(tracker: Tracker) -> id_numbers.IdNumber | None:
    number = tracker.get_slot("id_number")
    country = id_numbers.country_of(number) if number else None
    return id_numbers.parse(number, country) if country else None


class RegistryFormValidation(HotlineFormValidation):
    """Validates the ID number and the name of a form that looks a person up."""

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if await db.run_sync(lockout.is_locked, db.engine(), tracker.sender_id):
            dispatcher.utter_message(response="utter_lookup_locked")
            return self.end_form(domain)
        return await super().run(dispatcher, tracker, domain)

    async def validate_id_number(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = str(value or "")
        try:
            number = id_numbers.parse(text, country_for(tracker, text)).number
        except id_numbers.InvalidId as error:
            # A valid ID of the other country (a family abroad) is still an ID.
            number = id_numbers.candidate(text)
            if id_numbers.country_of(number) is None:
                if not self.answered_aside(dispatcher, tracker):
                    dispatcher.utter_message(
                        response=f"utter_invalid_id_{error.code}", **_str_values(error.details)
                    )
                return {"id_number": None}
        return {"id_number": number}

    async def validate_person_name(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        name = self.name_in(value, dispatcher, tracker)
        if name is None:
            return {"person_name": None}
        beneficiary = await self.matching_beneficiary(tracker, name)
        if beneficiary is None:
            return await self.no_match(dispatcher, tracker, domain)
        return await self.matched(beneficiary, name, dispatcher, tracker, domain)

    async def matching_beneficiary(self, tracker: Tracker, name: str) -> Beneficiary | None:
        number = tracker.get_slot("id_number")
        beneficiary = await db.run_sync(registry.find, db.engine(), number) if number else None
        if beneficiary and same_name(name, beneficiary.name):
            return beneficiary
        return None

    async def no_match(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        # An unknown ID and a wrong name get the same answer and count the same, so that
        # nobody can learn from the assistant who is in the registry.
        engine = db.engine()
        await db.run_sync(lockout.record_failure, engine, tracker.sender_id)
        logger.info(
            "registry lookup failed for %s in conversation %s",
            mask_id(tracker.get_slot("id_number") or ""),
            tracker.sender_id,
        )
        if await db.run_sync(lockout.is_locked, engine, tracker.sender_id):
            dispatcher.utter_message(response="utter_lookup_locked")
            return self.ending(domain)
        dispatcher.utter_message(response="utter_lookup_no_match")
        return {"id_number": None, "person_name": None}

    async def matched(
        self,
        beneficiary: Beneficiary,
        name: str,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        return {"person_name": beneficiary.name}


def _str_values(details: dict[str, object]) -> dict[str, str]:
    return {key: str(value) for key, value in details.items()}
