"""Reading a Zalo webhook push: size and JSON limits, the app id, the signature, the timestamp,
then the fields the channel uses. Anything wrong raises a WebhookError with a 4xx status."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from dataclasses import dataclass
from typing import Any

from bot.channels.message_text import MessageError, clean_text
from bot.channels.webhook import is_fresh
from bot.settings import ZaloSettings

# A real push is a few hundred bytes; a text message of 2000 characters stays far below this.
MAX_BODY_BYTES = 64 * 1024
# JSON numbers longer than this are not ids or timestamps; refusing them keeps int() cheap.
MAX_NUMBER_CHARS = 20
SIGNATURE_HEADER = "X-ZEvent-Signature"

TEXT_EVENT = "user_send_text"
# What a user can send besides text (Zalo's event names); each gets the "text only" reply.
NON_TEXT_EVENTS = frozenset(
    {
        "user_send_image",
        "user_send_gif",
        "user_send_sticker",
        "user_send_location",
        "user_send_link",
        "user_send_file",
        "user_send_audio",
        "user_send_video",
        "user_send_business_card",
    }
)
FOLLOW_EVENT = "follow"
UNFOLLOW_EVENT = "unfollow"

_ID = re.compile(r"[0-9A-Za-z_\-]{1,64}")
_MSG_ID = re.compile(r"[0-9A-Za-z_\-]{1,128}")
_EVENT_NAME = re.compile(r"[a-z_]{1,64}")
_TIMESTAMP = re.compile(r"[0-9]{1,16}")


class WebhookError(MessageError):
    """A push the channel refuses; the message is safe to return and to log."""


@dataclass(frozen=True)
class ZaloEvent:
    name: str
    timestamp: str
    user_id: str | None = None
    msg_id: str | None = None
    text: str | None = None

    @property
    def key(self) -> str:
        """What identifies the event among Zalo's retries: the message id, or for events
        without one (follow, unfollow) the event, user and time."""
        return self.msg_id or f"{self.name}:{self.user_id}:{self.timestamp}"


def signature(app_id: str, body: bytes, timestamp: str, oa_secret_key: str) -> str:
    """The X-ZEvent-Signature Zalo sends: ``mac=`` and the SHA-256 (hex) of the app id, the
    raw body, the timestamp and the OA secret key, concatenated."""
    digest = hashlib.sha256(
        app_id.encode() + body + timestamp.encode() + oa_secret_key.encode()
    ).hexdigest()
    return f"mac={digest}"


def _number(text: str) -> int | float:
    if len(text) > MAX_NUMBER_CHARS:
        raise WebhookError("the body holds a number too long to be an id or a timestamp")
    return float(text) if any(char in text for char in ".eE") else int(text)


def _no_constant(name: str) -> Any:
    raise WebhookError(f"the body holds {name}, which is not JSON")


def load_body(body: bytes, max_bytes: int = MAX_BODY_BYTES) -> dict[str, Any]:
    """The push as a JSON object, refusing oversize bodies, deep nesting and huge numbers."""
    if len(body) > max_bytes:
        raise WebhookError(f"request body too large: at most {max_bytes} bytes", 413)
    try:
        payload = json.loads(
            body.decode("utf-8"),
            parse_int=_number,
            parse_float=_number,
            parse_constant=_no_constant,
        )
    except WebhookError:
        raise
    except RecursionError:
        raise WebhookError("the body nests too deeply") from None
    except (ValueError, UnicodeDecodeError):
        raise WebhookError("body must be a JSON object") from None
    if not isinstance(payload, dict):
        raise WebhookError("body must be a JSON object")
    return payload


def _timestamp(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not _TIMESTAMP.fullmatch(value):
        raise WebhookError('"timestamp" must be the time in milliseconds')
    return value


def verify(
    payload: dict[str, Any],
    body: bytes,
    header: str | None,
    settings: ZaloSettings,
    now: float | None = None,
) -> str:
    """Check the app id, the signature and the time of a push; return its timestamp."""
    app_id = payload.get("app_id")
    if not isinstance(app_id, str) or not _ID.fullmatch(app_id):
        raise WebhookError('"app_id" must be the id of the Zalo app')
    timestamp = _timestamp(payload.get("timestamp"))
    if settings.app_id and app_id != settings.app_id:
        raise WebhookError("the event is for another Zalo app", 403)
    if not header:
        raise WebhookError(f"the {SIGNATURE_HEADER} header is missing", 403)
    received = header.strip().lower()
    if not received.startswith("mac="):
        received = "mac=" + received
    expected = signature(app_id, body, timestamp, settings.oa_secret_key)
    if not hmac.compare_digest(received.encode(), expected.encode()):
        raise WebhookError("invalid signature", 403)
    if not is_fresh(timestamp, now):
        raise WebhookError("stale timestamp: the event is too old or from the future", 403)
    return timestamp


def _object(payload: dict[str, Any], field: str) -> dict[str, Any]:
    value = payload.get(field)
    if not isinstance(value, dict):
        raise WebhookError(f'"{field}" must be a JSON object')
    return value


def _id(container: dict[str, Any], field: str, where: str, pattern: re.Pattern = _ID) -> str:
    value = container.get(field)
    if not isinstance(value, str) or not pattern.fullmatch(value):
        raise WebhookError(f'"{where}" must be an id')
    return value


def read_event(
    body: bytes,
    header: str | None,
    settings: ZaloSettings,
    max_bytes: int = MAX_BODY_BYTES,
    now: float | None = None,
) -> ZaloEvent:
    """The event of a push that passed every check; raises WebhookError otherwise."""
    payload = load_body(body, max_bytes)
    timestamp = verify(payload, body, header, settings, now)
    name = payload.get("event_name")
    if not isinstance(name, str) or not _EVENT_NAME.fullmatch(name):
        raise WebhookError('"event_name" must be the name of a Zalo event')
    if name in (FOLLOW_EVENT, UNFOLLOW_EVENT):
        follower = _object(payload, "follower")
        return ZaloEvent(name, timestamp, user_id=_id(follower, "id", "follower.id"))
    if name != TEXT_EVENT and name not in NON_TEXT_EVENTS:
        return ZaloEvent(name, timestamp)  # delivery receipts, the OA's own messages…
    user_id = _id(_object(payload, "sender"), "id", "sender.id")
    message = _object(payload, "message")
    msg_id = _id(message, "msg_id", "message.msg_id", _MSG_ID)
    if name != TEXT_EVENT:
        return ZaloEvent(name, timestamp, user_id=user_id, msg_id=msg_id)
    text = message.get("text")
    if not isinstance(text, str):
        raise WebhookError('"message.text" must be a string')
    try:
        text = clean_text(text)
    except MessageError as error:
        raise WebhookError(str(error), error.status) from None
    return ZaloEvent(name, timestamp, user_id=user_id, msg_id=msg_id, text=text)
