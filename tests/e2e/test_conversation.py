"""Conversations over the REST channel with both servers running, as a user would have them."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import uuid

import pytest

from bot.chat import send
from bot.language import detect


def new_sender() -> str:
    return f"test-{uuid.uuid4().hex[:8]}"


def reply_text(url: str, sender: str, message: str) -> str:
    replies = send(url, sender, message)
    assert replies, f"no reply to {message!r}"
    return "\n".join(reply["text"] for reply in replies)


def post_raw(url: str, body: bytes) -> tuple[int, dict | list]:
    request = urllib.request.Request(url, body, {"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def test_chinese_then_vietnamese_then_chinese(rest_url: str) -> None:
    sender = new_sender()

    greeting = reply_text(rest_url, sender, "您好，我想咨询一下")
    assert detect(greeting) == "zh"
    assert "养老金" in greeting

    handoff = reply_text(rest_url, sender, "cho tôi gặp nhân viên tư vấn")
    assert detect(handoff) == "vi"
    assert "1900 9068" in handoff
    assert "12333" not in handoff

    bot = reply_text(rest_url, sender, "你是机器人吗")
    assert detect(bot) == "zh"
    assert "不是真人" in bot
    assert "12333" in bot


def test_human_handoff_gives_each_country_its_own_hotline(rest_url: str) -> None:
    chinese = reply_text(rest_url, new_sender(), "我要转人工服务")
    vietnamese = reply_text(rest_url, new_sender(), "toi muon noi chuyen voi nhan vien")
    assert "12333" in chinese and "1900 9068" not in chinese
    assert "1900 9068" in vietnamese and "12333" not in vietnamese


def test_out_of_scope_is_polite_and_says_what_it_can_do(rest_url: str) -> None:
    answer = reply_text(rest_url, new_sender(), "明天北京天气怎么样")
    assert "抱歉" in answer
    assert "资格认证" in answer and "死亡申报" in answer and "诈骗" in answer


def test_a_message_without_language_keeps_the_conversation_language(rest_url: str) -> None:
    sender = new_sender()
    reply_text(rest_url, sender, "xin chào")
    assert detect(reply_text(rest_url, sender, "😀😀")) == "vi"


def test_first_message_without_language_gets_a_bilingual_answer(rest_url: str) -> None:
    answer = reply_text(rest_url, new_sender(), "🙏")
    assert any("\u4e00" <= ch <= "\u9fff" for ch in answer)
    assert "tiếng Việt" in answer


@pytest.mark.parametrize(
    "message",
    ["", "   ", "😀🎉", "\x00\x07\x1b[2J", "养老金" + "\u202e" + "lương hưu", "啊" * 9_000],
)
def test_odd_messages_get_a_reply(rest_url: str, message: str) -> None:
    status, replies = post_raw(
        rest_url, json.dumps({"sender": new_sender(), "message": message}).encode()
    )
    assert status == 200
    assert replies and all(reply.get("text") for reply in replies)


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"{not json", 400),
        (b"[]", 400),
        (json.dumps({"message": "hi"}).encode(), 400),
        (json.dumps({"sender": "x", "message": None}).encode(), 400),
        (json.dumps({"sender": "x", "message": "a" * 100_000}).encode(), 413),
    ],
)
def test_bad_requests_get_a_clear_client_error(rest_url: str, body: bytes, status: int) -> None:
    got_status, payload = post_raw(rest_url, body)
    assert got_status == status
    assert set(payload) == {"error"}
    assert "Traceback" not in payload["error"]


def test_conversations_are_stored_where_settings_say(rest_url: str, settings) -> None:
    reply_text(rest_url, new_sender(), "你好")
    assert settings.tracker_db.exists()
