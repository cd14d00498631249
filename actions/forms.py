"""What every form of the assistant does with a message besides taking it as the value asked
for: the caller may leave the form (cancel, ask for a person, say goodbye) or ask a question
on the way, which is answered before the form asks again."""

from __future__ import annotations

from abc import abstractmethod

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions import form_input


class HotlineFormValidation(FormValidationAction):
    @abstractmethod
    def name(self) -> str:
        """``validate_<form name>``, in the subclass for its form."""

    def end_form(self, domain: DomainDict) -> list[EventType]:
        """Events that end the form now, forgetting what was given."""
        return [SlotSet(slot, None) for slot in self.domain_slots(domain)] + [
            SlotSet("requested_slot", None)
        ]

    def ending(self, domain: DomainDict) -> dict:
        """The same, as a validator's return value."""
        return {event["name"]: None for event in self.end_form(domain)}

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        leaving = form_input.leaving_response(tracker) if tracker.active_loop else None
        if leaving:
            dispatcher.utter_message(response=leaving)
            return self.end_form(domain)
        return await super().run(dispatcher, tracker, domain)

    def answered_aside(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
        """Answer a question asked instead of the value; True if there was one."""
        response = form_input.aside_response(tracker)
        if response:
            dispatcher.utter_message(response=response)
        return response is not None
