"""What every form of the assistant does with a message besides taking it as the value asked
for: the caller may leave the form (cancel, ask for a person, say goodbye) or ask a question
on the way, which is answered before the form asks again."""

from __future__ import annotations

from abc import ABC, abstractmethod

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions import form_input
from actions.people import extract_name


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

    def name_in(
        self, value: object, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> str | None:
        """The person's name the caller gave, or None after answering a question asked instead
        or saying that no name was heard."""
        if self.answered_aside(dispatcher, tracker):
            return None
        name = None if form_input.is_small_talk(tracker) else extract_name(str(value or ""))
        if name is None:
            dispatcher.utter_message(response="utter_invalid_name")
        return name

    def answered_aside(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
        """Answer a question asked instead of the value; True if there was one."""
        response = form_input.aside_response(tracker)
        if response:
            dispatcher.utter_message(response=response)
        return response is not None


class AskToConfirm(Action, ABC):
    """Reads a form's answers back for confirmation, or, after a bare "no", asks which one is
    wrong. A subclass names the confirmation slot, its two responses and the values."""

    confirmation_slot: str
    summary_response: str
    which_field_response: str

    def name(self) -> str:
        return f"action_ask_{self.confirmation_slot}"

    @abstractmethod
    def summary_values(self, tracker: Tracker) -> dict[str, str]:
        """The values the read-back response names."""

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        said_no = (
            tracker.get_slot("requested_slot") == self.confirmation_slot
            and form_input.yes_or_no(tracker) is False
        )
        if said_no:
            dispatcher.utter_message(response=self.which_field_response)
        else:
            dispatcher.utter_message(response=self.summary_response, **self.summary_values(tracker))
        return []


def confirmed(tracker: Tracker, slots: tuple[str, ...]) -> bool:
    """Every slot of the form given and the last one, the confirmation, a yes."""
    return tracker.get_slot(slots[-1]) is True and all(tracker.get_slot(s) for s in slots)
