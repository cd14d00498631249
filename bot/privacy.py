"""Personal data kept out of logs and out of replies that do not need it.

ID numbers and phone numbers are masked wherever they appear in a log line; the values of the
slots that hold names, IDs and phones are masked too, so Rasa's debug log of slot events leaks
nothing either. Replies mask ID numbers with :func:`mask_id`.
"""

from __future__ import annotations

import logging
import re

# Runs of digits long enough to be an ID number, a bank account or a phone number (a CN ID may
# end in X), grouped by spaces or dashes as people write them ("138-1234-5678", "3710 2219 5003
# 0541 74"); inner groups of three digits or more, so that dates and times stay readable, and
# not after a letter and a dash, so that case references (DR-20261124-4821) do.
_DIGIT_GROUPS = re.compile(
    r"(?<![\dA-Za-z])(?<![A-Za-z]-)"
    r"\d{2,}(?:[ \-]\d{3,})*(?:[ \-]\d{1,2})?(?:[ \-]?[Xx])?(?![\dA-Za-z])"
)
_MIN_DIGITS = 9
# Slots that hold personal data, as Rasa and rasa_sdk print them in events and slot dicts.
PERSONAL_SLOTS = (
    "id_number",
    "person_name",
    "reporter_name",
    "reporter_phone",
    "victim_name",
    "victim_phone",
)
_SLOT_NAMES = "|".join(PERSONAL_SLOTS)
_SLOT_VALUE = re.compile(
    rf"""(?P<key>(?:\bkey: |['"])(?:{_SLOT_NAMES})(?:, value: |['"]: ))"""
    r"""(?P<value>'[^']*'|"[^"]*"|[^,)}\s]+)"""
)


def mask_id(number: str) -> str:
    """``371022195003054174`` → ``3710**********4174``: enough to recognise, not to use."""
    if len(number) <= 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def mask_phone(phone: str) -> str:
    """``13812345678`` → ``138******78``."""
    digits = re.sub(r"\D", "", phone)
    if len(digits) <= 5:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 5) + digits[-2:]


def _mask_number(match: re.Match) -> str:
    number = re.sub(r"[ \-]", "", match.group())
    if sum(ch.isdigit() for ch in number) < _MIN_DIGITS:
        return match.group()
    return mask_id(number) if len(number) >= 12 else mask_phone(number)


def redact(text: str) -> str:
    """``text`` with long numbers masked and personal slot values hidden."""
    text = _SLOT_VALUE.sub(lambda m: m.group("key") + "'***'", text)
    return _DIGIT_GROUPS.sub(_mask_number, text)


_installed = False


def install_log_redaction() -> None:
    """Mask personal data in every log record this process creates, whatever its handler.

    A record factory (rather than a handler filter) also covers handlers that libraries add
    later, such as Rasa's coloredlogs setup.
    """
    global _installed
    if _installed:
        return
    make_record = logging.getLogRecordFactory()

    def redacting_factory(*args, **kwargs) -> logging.LogRecord:
        record = make_record(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a malformed log call: leave it to logging's own error report
            return record
        record.msg, record.args = redact(message), ()
        return record

    logging.setLogRecordFactory(redacting_factory)
    _installed = True
