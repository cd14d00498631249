"""The Zalo channel over real HTTP: signed pushes from the fake platform (tests/channels/
fake_zalo.py) to the channel's blueprint on loopback, replies through the fake's message API,
tokens renewed through the fake's OAuth endpoint."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import stat
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rasa.core.channels.channel import UserMessage
from sanic import Sanic

from bot.channels.zalo import ZaloInput
from bot.channels.zalo.api import TokenPair, ZaloApi
from bot.channels.zalo.replies import TEXT_ONLY, split_text, zalo_length
from bot.settings import ZaloSettings
from tests.channels.fake_zalo import FakeZalo

# Sanic 21.12 rewrites some of its own methods from their source when an app starts, and fails
# to for a second app in the same process (KeyError: '_run_request_middleware') unless in test
# mode, which keeps the originals. Set before any app of the session starts.
Sanic.test_mode = True

USER = "2468458835296197922"
SECRET_TEXT = "CCCD của tôi là 001099012345, số điện thoại 0912345678"
LONG_ANSWER = "\n\n".join(
    f"Đoạn {number}: " + "Người hưởng lương hưu cần xác thực thông tin hằng năm. " * 12
    for number in range(1, 8)
)


@dataclass
class Assistant:
    """A tiny scripted assistant: what it was told, and its replies through the channel."""

    turns: list[UserMessage] = field(default_factory=list)
    gate: threading.Event | None = None

    async def __call__(self, message: UserMessage) -> None:
        self.turns.append(message)
        out, sender, text = message.output_channel, message.sender_id, message.text or ""
        if self.gate is not None:
            await asyncio.to_thread(self.gate.wait, 10)
        if text == "nút":
            buttons = [
                {"title": "Có", "payload": "/affirm"},
                {"title": "Không", "payload": "/deny"},
            ]
            await out.send_text_with_buttons(sender, "Bạn muốn báo tử ngay không?", buttons)
        elif text == "dài":
            await out.send_text_message(sender, LONG_ANSWER)
        elif text == "markdown":
            await out.send_text_message(
                sender, "**Chú ý**: xem [BHXH](https://baohiemxahoi.gov.vn)"
            )
        else:
            await out.send_text_message(sender, f"Trả lời: {text}")

    @property
    def texts(self) -> list[str | None]:
        return [turn.text for turn in self.turns]


@pytest.fixture
def fake() -> Iterator[FakeZalo]:
    platform = FakeZalo().start()
    yield platform
    platform.stop()


@pytest.fixture
def assistant() -> Assistant:
    return Assistant()


@dataclass
class Channel:
    channel: ZaloInput
    url: str
    settle: Callable[[], None]
    token_file: Path


@pytest.fixture
def serve(fake, assistant, serve_blueprint, loop_thread, tmp_path) -> Callable[..., Channel]:
    """``serve(**changes)``: a Zalo channel configured for the fake (settings changed as
    given), served on loopback; ``settle()`` waits for its background work."""

    def start(api_options: dict[str, Any] | None = None, **changes: Any) -> Channel:
        token_file = tmp_path / "var" / "zalo_tokens.json"
        settings_ = replace(fake.settings(token_file), **changes)
        api = ZaloApi(settings_, timeout_s=5, **(api_options or {}))
        channel = ZaloInput(settings_, api=api)
        url = serve_blueprint(channel.blueprint(assistant), "/webhooks/zalo")
        return Channel(
            channel, f"{url}/webhook", lambda: loop_thread.run(channel.tasks.wait()), token_file
        )

    return start


@pytest.fixture
def zalo(serve) -> Channel:
    return serve()


def test_a_signed_text_is_acknowledged_at_once_and_answered_quoting_it(
    zalo: Channel, fake: FakeZalo, assistant: Assistant
) -> None:
    assistant.gate = threading.Event()
    push = fake.text_event(USER, "xin chào", msg_id="96d3cdf3af150460909")
    assert fake.push(zalo.url, push) == (200, {"status": "ok"})
    # Acknowledged while the turn is still waiting: nothing has been sent yet.
    assert fake.sent == []
    assistant.gate.set()
    [reply] = fake.wait_for_messages(1)
    assert reply.user_id == USER
    assert reply.text == "Trả lời: xin chào"
    assert reply.quote_message_id == "96d3cdf3af150460909"
    [turn] = assistant.turns
    assert (turn.sender_id, turn.message_id, turn.input_channel) == (
        USER,
        "96d3cdf3af150460909",
        "zalo",
    )


def test_the_channel_is_off_without_the_oa_secret_key(serve, fake, assistant) -> None:
    zalo = serve(oa_secret_key="")
    status, answer = fake.push(zalo.url, fake.text_event(USER, "xin chào"))
    assert (status, answer) == (503, {"error": "the Zalo channel is not configured"})
    zalo.settle()
    assert assistant.turns == []


@pytest.mark.parametrize(
    ("forge", "reason"),
    [
        (
            lambda fake, body, headers: (body, headers | {"X-ZEvent-Signature": "mac=" + "0" * 64}),
            "invalid signature",
        ),
        (
            lambda fake, body, headers: (body.replace(b"hello", b"HELLO"), headers),
            "invalid signature",
        ),
        (
            lambda fake, body, headers: (body, fake.signed(json.loads(body), key="guessed")[1]),
            "invalid signature",
        ),
        (lambda fake, body, headers: (body, {"Content-Type": "application/json"}), "missing"),
    ],
    ids=["zero-mac", "tampered-body", "wrong-secret", "no-signature"],
)
def test_forged_pushes_are_refused_without_a_turn(
    zalo: Channel, fake: FakeZalo, assistant: Assistant, forge, reason: str, caplog
) -> None:
    body, headers = forge(fake, *fake.signed(fake.text_event(USER, "hello")))
    with caplog.at_level(logging.WARNING, logger="bot.channels.zalo"):
        status, answer = fake.post(zalo.url, body, headers)
    assert status == 403 and reason in answer["error"]
    zalo.settle()
    assert assistant.turns == [] and fake.attempts == []
    assert "refused with 403" in caplog.text


def test_a_push_for_another_app_is_refused(zalo, fake, assistant) -> None:
    push = fake.text_event(USER, "xin chào", app_id="999999999")
    status, answer = fake.push(zalo.url, push, app_id="999999999")
    assert (status, answer) == (403, {"error": "the event is for another Zalo app"})
    zalo.settle()
    assert assistant.turns == []


@pytest.mark.parametrize("offset_s", [-3600, -301, 3600])
def test_stale_or_future_timestamps_are_refused(zalo, fake, assistant, offset_s: int) -> None:
    timestamp = str(int((time.time() + offset_s) * 1000))
    status, answer = fake.push(zalo.url, fake.text_event(USER, "xin chào", timestamp=timestamp))
    assert status == 403 and "stale" in answer["error"]
    zalo.settle()
    assert assistant.turns == []


def test_the_same_message_twice_makes_one_turn(zalo, fake, assistant) -> None:
    body, headers = fake.signed(fake.text_event(USER, "xin chào", msg_id="m-1"))
    assert fake.post(zalo.url, body, headers) == (200, {"status": "ok"})
    assert fake.post(zalo.url, body, headers) == (200, {"status": "duplicate"})
    zalo.settle()
    assert assistant.texts == ["xin chào"]
    assert len(fake.sent) == 1


def test_an_expired_token_is_renewed_once_stored_and_the_new_refresh_token_used_next(
    zalo: Channel, fake: FakeZalo, assistant: Assistant
) -> None:
    first_refresh_token = fake.refresh_token
    fake.expire_access_token()
    fake.push(zalo.url, fake.text_event(USER, "một"))
    [reply] = fake.wait_for_messages(1)
    assert fake.refreshes == 1 and fake.refresh_requests == [first_refresh_token]
    assert reply.access_token == fake.access_token
    stored = json.loads(zalo.token_file.read_text())
    assert (stored["access_token"], stored["refresh_token"]) == (
        fake.access_token,
        fake.refresh_token,
    )
    assert stat.S_IMODE(os.stat(zalo.token_file).st_mode) == 0o600
    assert os.listdir(zalo.token_file.parent) == [zalo.token_file.name]  # no temporary left

    second_refresh_token = fake.refresh_token
    fake.expire_access_token()
    fake.push(zalo.url, fake.text_event(USER, "hai"))
    fake.wait_for_messages(2)
    # The rotated refresh token was used; the first one would have been refused.
    assert fake.refresh_requests == [first_refresh_token, second_refresh_token]
    assert fake.refreshes == 2
    assert json.loads(zalo.token_file.read_text())["refresh_token"] == fake.refresh_token


def test_the_stored_pair_wins_over_the_environment_at_start(fake, tmp_path, loop_thread) -> None:
    settings_ = fake.settings(tmp_path / "zalo_tokens.json")
    first = ZaloApi(settings_)
    fake.expire_access_token()
    assert loop_thread.run(first.send_text(USER, "một", None))
    loop_thread.run(first.close())
    # A restart with the environment's first pair, which Zalo no longer accepts.
    restarted = ZaloApi(settings_)
    assert restarted.tokens.access_token == fake.access_token
    assert loop_thread.run(restarted.send_text(USER, "hai", None))
    loop_thread.run(restarted.close())
    assert fake.refreshes == 1 and len(fake.sent) == 2


def test_concurrent_expiry_makes_one_refresh(serve, fake, assistant) -> None:
    fake.refresh_delay_s = 0.2  # the refresh is slow, so every turn finds the token expired
    zalo = serve()
    fake.expire_access_token()
    users = [f"10000000000000000{number:02d}" for number in range(8)]
    for user in users:
        assert fake.push(zalo.url, fake.text_event(user, "xin chào"))[0] == 200
    fake.wait_for_messages(len(users))
    zalo.settle()
    assert fake.refreshes == 1 and len(fake.refresh_requests) == 1
    assert sorted(message.user_id for message in fake.sent) == users


def test_concurrent_sends_share_one_refresh(fake, tmp_path, loop_thread) -> None:
    api = ZaloApi(fake.settings(tmp_path / "tokens.json"))
    fake.expire_access_token()

    async def send_all() -> list[bool]:
        return await asyncio.gather(*(api.send_text(USER, f"{n}", None) for n in range(20)))

    assert loop_thread.run(send_all()) == [True] * 20
    loop_thread.run(api.close())
    assert fake.refreshes == 1 and len(fake.sent) == 20


def test_a_token_due_to_expire_is_renewed_before_sending(fake, tmp_path, loop_thread) -> None:
    now = [time.time()]
    api = ZaloApi(fake.settings(tmp_path / "tokens.json"), clock=lambda: now[0])
    api.tokens = TokenPair(fake.access_token, fake.refresh_token, expires_at=now[0] + 60)
    assert loop_thread.run(api.send_text(USER, "một", None))
    loop_thread.run(api.close())
    assert fake.refreshes == 1
    assert [attempt.error for attempt in fake.attempts] == [0]  # no refusal first


@pytest.mark.parametrize("code", [-124, -220])
def test_other_expiry_codes_also_renew_the_token(tmp_path, loop_thread, code: int) -> None:
    platform = FakeZalo(expired_code=code).start()
    try:
        api = ZaloApi(platform.settings(tmp_path / "tokens.json"))
        platform.expire_access_token()
        assert loop_thread.run(api.send_text(USER, "một", None))
        loop_thread.run(api.close())
        assert platform.refreshes == 1
    finally:
        platform.stop()


def test_a_refused_refresh_token_is_not_tried_again(serve, fake, assistant, caplog) -> None:
    zalo = serve(refresh_token="spent-long-ago")
    fake.expire_access_token()
    with caplog.at_level(logging.ERROR, logger="bot.channels.zalo"):
        for text in ("một", "hai"):
            fake.push(zalo.url, fake.text_event(USER, text))
            zalo.settle()
    assert fake.refresh_requests == ["spent-long-ago"]  # once, not once a message
    assert fake.sent == []
    assert "refused to renew" in caplog.text
    assert not zalo.token_file.exists()


@pytest.mark.parametrize(
    ("code", "logged"),
    [(-32, "rate limit"), (-211, "quota"), (-230, "7 days"), (-213, "does not follow")],
)
def test_limits_and_closed_windows_are_logged_and_not_retried(
    zalo, fake, assistant, caplog, code: int, logged: str
) -> None:
    fake.fail_user(USER, code)
    with caplog.at_level(logging.INFO):
        fake.push(zalo.url, fake.text_event(USER, "dài"))  # several messages' worth of reply
        zalo.settle()
    assert assistant.texts == ["dài"]
    assert len(fake.attempts_for(USER)) == 1  # the first refusal ends the turn's sending
    assert logged in caplog.text and "not retried" in caplog.text
    assert USER not in caplog.text and "dài" not in caplog.text


def test_a_token_refused_even_after_a_refresh_is_given_up(zalo, fake, assistant, caplog) -> None:
    fake.fail_user(USER, -216, "Access token is invalid")
    with caplog.at_level(logging.ERROR, logger="bot.channels.zalo"):
        fake.push(zalo.url, fake.text_event(USER, "xin chào"))
        zalo.settle()
    assert len(fake.attempts_for(USER)) == 2 and fake.refreshes == 1
    assert "giving up" in caplog.text


@pytest.mark.parametrize(
    ("event_name", "message"),
    [
        (
            "user_send_image",
            {"attachments": [{"type": "image", "payload": {"url": "https://x/1"}}]},
        ),
        ("user_send_sticker", {"attachments": [{"type": "sticker", "payload": {"id": "bfe4"}}]}),
        (
            "user_send_location",
            {"attachments": [{"type": "location", "payload": {"coordinates": {"latitude": "1"}}}]},
        ),
        ("user_send_file", {"attachments": [{"type": "file", "payload": {"name": "a.pdf"}}]}),
        ("user_send_audio", {"attachments": [{"type": "audio", "payload": {"url": "https://x"}}]}),
    ],
)
def test_non_text_messages_get_a_polite_bilingual_reply(
    zalo, fake, assistant, event_name: str, message: dict
) -> None:
    push = fake.event(event_name, USER, message={**message, "msg_id": "img-1"})
    assert fake.push(zalo.url, push) == (200, {"status": "ok"})
    [reply] = fake.wait_for_messages(1)
    assert reply.text == TEXT_ONLY and reply.quote_message_id == "img-1"
    assert "chữ" in reply.text and "文字" in reply.text
    zalo.settle()
    assert assistant.turns == []


def test_a_follow_gets_the_welcome_and_an_unfollow_nothing(zalo, fake, assistant) -> None:
    assert fake.push(zalo.url, fake.event("follow", USER)) == (200, {"status": "ok"})
    [welcome] = fake.wait_for_messages(1)
    assert welcome.user_id == USER and welcome.quote_message_id is None
    for topic in ("xác thực lương hưu", "báo tử", "lừa đảo", "养老金资格认证", "死亡申报", "诈骗"):
        assert topic in welcome.text
    assert fake.push(zalo.url, fake.event("unfollow", USER)) == (200, {"status": "ok"})
    zalo.settle()
    assert len(fake.sent) == 1 and assistant.turns == []


def test_buttons_become_numbered_lines_and_a_number_answers_them(zalo, fake, assistant) -> None:
    fake.push(zalo.url, fake.text_event(USER, "nút"))
    [offer] = fake.wait_for_messages(1)
    assert offer.text == "Bạn muốn báo tử ngay không?\n1. Có\n2. Không"
    fake.push(zalo.url, fake.text_event(USER, "2"))
    fake.wait_for_messages(2)
    fake.push(zalo.url, fake.text_event(USER, "2"))  # the offer held for one message only
    fake.wait_for_messages(3)
    assert assistant.texts == ["nút", "/deny", "2"]


def test_markdown_becomes_plain_text(zalo, fake) -> None:
    fake.push(zalo.url, fake.text_event(USER, "markdown"))
    [reply] = fake.wait_for_messages(1)
    assert reply.text == "Chú ý: xem BHXH (https://baohiemxahoi.gov.vn)"


def test_a_long_reply_is_split_under_the_limit_quoting_each_part(zalo, fake) -> None:
    fake.push(zalo.url, fake.text_event(USER, "dài", msg_id="long-1"))
    zalo.settle()
    parts = fake.messages_to(USER)
    assert len(parts) >= 3  # the fake refuses any text over 2000 characters
    assert all(zalo_length(part.text) <= 2000 for part in parts)
    assert all(part.quote_message_id == "long-1" for part in parts)
    assert "\n".join(part.text for part in parts).split() == LONG_ANSWER.split()
    assert all(part.text.startswith("Đoạn") for part in parts)  # cut between paragraphs


def _hostile_pushes(fake: FakeZalo) -> list[tuple[str, bytes, dict[str, str]]]:
    def signed_raw(body: bytes, timestamp: str) -> dict[str, str]:
        return {"X-ZEvent-Signature": fake.sign(body, timestamp)}

    now = str(int(time.time() * 1000))
    deep = b'{"app_id": "' + fake.app_id.encode() + b'", "x": ' + b"[" * 5000 + b"]" * 5000 + b"}"
    huge = (
        b'{"app_id": "' + fake.app_id.encode() + b'", "timestamp": "' + now.encode() + b'", '
        b'"n": ' + b"9" * 5000 + b"}"
    )
    cases = [
        ("not json", b"{not json", {}),
        ("array", b"[1, 2, 3]", {}),
        ("not utf-8", b"\xff\xfe\x00", {}),
        ("deep nesting", deep, signed_raw(deep, now)),
        ("huge number", huge, signed_raw(huge, now)),
        ("NaN", b'{"app_id": NaN}', {}),
    ]
    wrong_types = {
        "sender is a list": {"sender": [USER]},
        "sender id is a number": {"sender": {"id": 12345}},
        "text is a number": {"message": {"text": 42, "msg_id": "m"}},
        "msg_id is an object": {"message": {"text": "hi", "msg_id": {"$gt": ""}}},
        "event name is a list": {"event_name": ["user_send_text"]},
        "timestamp is a float": {"timestamp": 1.7e12},
        "timestamp is a word": {"timestamp": "yesterday"},
        "app id is null": {"app_id": None},
    }
    for name, change in wrong_types.items():
        push = fake.text_event(USER, "hi") | change
        body, headers = fake.signed(push)
        cases.append((name, body, headers))
    return cases


def test_hostile_json_is_refused_with_a_4xx_and_no_turn(zalo, fake, assistant, caplog) -> None:
    with caplog.at_level(logging.WARNING, logger="bot.channels.zalo"):
        for name, body, headers in _hostile_pushes(fake):
            status, answer = fake.post(zalo.url, body, headers)
            assert 400 <= status < 500 and "error" in answer, name
    zalo.settle()
    assert assistant.turns == [] and fake.attempts == []
    # Still serving after all that.
    assert fake.push(zalo.url, fake.text_event(USER, "xin chào"))[0] == 200
    fake.wait_for_messages(1)
    assert caplog.text.count("refused with 4") == len(_hostile_pushes(fake))


def test_an_oversize_body_is_refused_with_413(zalo, fake, assistant) -> None:
    push = fake.text_event(USER, "a" * 9_000, padding="x" * (64 * 1024))
    status, answer = fake.push(zalo.url, push)
    assert status == 413 and "too large" in answer["error"]
    too_long = fake.text_event(USER, "啊" * 10_001)  # under 64 KiB, over the message limit
    assert fake.push(zalo.url, too_long)[0] == 413
    zalo.settle()
    assert assistant.turns == []


def test_logs_hold_no_message_text_and_no_full_user_id(zalo, fake, caplog) -> None:
    with caplog.at_level(logging.DEBUG, logger="bot.channels.zalo"):
        fake.push(zalo.url, fake.text_event(USER, SECRET_TEXT))
        fake.push(zalo.url, fake.text_event(USER, SECRET_TEXT, timestamp="1000"))  # stale
        fake.wait_for_messages(1)
        zalo.settle()
    assert "2468…" in caplog.text
    assert USER not in caplog.text and "001099012345" not in caplog.text
    assert "0912345678" not in caplog.text and "CCCD" not in caplog.text


def test_from_credentials_reads_the_environment(monkeypatch, fake, tmp_path) -> None:
    for name, value in fake.env(tmp_path / "t.json").items():
        monkeypatch.setenv(name, value)
    channel = ZaloInput.from_credentials(None)
    assert channel.name() == "zalo"
    assert channel.settings == ZaloSettings.from_env()
    assert channel.settings.api_base == fake.base_url


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from([*"ab cđ\n\n。，.?😀", "lương ", "养老金"]), max_size=800).map(
        "".join
    ),
    st.integers(min_value=5, max_value=300),
)
def test_split_text_keeps_everything_and_stays_under_the_limit(text: str, limit: int) -> None:
    parts = split_text(text, limit)
    assert all(part and part == part.strip() and zalo_length(part) <= limit for part in parts)
    assert "".join(parts).replace(" ", "").replace("\n", "") == text.replace(" ", "").replace(
        "\n", ""
    )
