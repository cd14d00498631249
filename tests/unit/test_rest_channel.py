import json

import pytest

from bot.channels.message_text import MAX_MESSAGE_CHARS, MessageError, clean_text
from bot.channels.rest import parse_request


def body(**fields: object) -> bytes:
    return json.dumps(fields).encode()


def test_a_valid_request_is_parsed() -> None:
    assert parse_request(body(sender="u1", message=" 你好 ", metadata={"a": 1})) == (
        "u1",
        "你好",
        {"a": 1},
    )


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"not json", "JSON object"),
        (b"", "JSON object"),
        (b"[1, 2]", "JSON object"),
        (b"\xff\xfe", "JSON object"),
        (body(message="hi"), '"sender"'),
        (body(sender="", message="hi"), '"sender"'),
        (body(sender={"a": 1}, message="hi"), '"sender"'),
        (body(sender="x" * 200, message="hi"), '"sender"'),
        (body(sender="u1"), '"message"'),
        (body(sender="u1", message=42), '"message"'),
        (body(sender="u1", message="hi", metadata=[1]), '"metadata"'),
    ],
)
def test_unusable_requests_are_refused_with_a_reason(raw: bytes, reason: str) -> None:
    with pytest.raises(MessageError, match=reason) as error:
        parse_request(raw)
    assert error.value.status == 400


def test_too_long_messages_are_refused_as_too_large() -> None:
    with pytest.raises(MessageError, match="too long") as error:
        parse_request(body(sender="u1", message="啊" * (MAX_MESSAGE_CHARS + 1)))
    assert error.value.status == 413


def test_clean_text_drops_control_characters_and_normalises() -> None:
    assert clean_text("a\x00b\x07c\x1b[31m\x85 ") == "abc[31m"
    assert clean_text("  hai\ndòng\t ") == "hai\ndòng"
    # Decomposed Vietnamese (as some phones send it) becomes the composed form.
    assert clean_text("lu\u031bo\u031b\u0300ng") == "lường"
