"""What every channel does to a user's text before the assistant sees it."""

from __future__ import annotations

import re
import unicodedata

# Longer than any real question or pasted SMS thread; longer input is refused with a clear
# error rather than stored in the conversation history.
MAX_MESSAGE_CHARS = 10_000

# C0/C1 control characters other than tab and newlines: terminal escapes, NUL (which
# PostgreSQL refuses in text) and the like carry no meaning for the assistant.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class MessageError(ValueError):
    """The input cannot be processed; the message says why, in words a client can show."""

    def __init__(self, reason: str, status: int = 400) -> None:
        super().__init__(reason)
        self.status = status


def clean_text(text: str) -> str:
    """NFC-normalised text without control characters; raises MessageError if too long."""
    if len(text) > MAX_MESSAGE_CHARS:
        raise MessageError(
            f"message too long: {len(text)} characters, at most {MAX_MESSAGE_CHARS}", 413
        )
    return _CONTROL.sub("", unicodedata.normalize("NFC", text)).strip()
