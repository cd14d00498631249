"""The Zalo channel in the real Rasa server with the trained model: signed pushes from the fake
Zalo platform (tests/channels/fake_zalo.py) in, the assistant's answers out through the fake's
message API. The servers are started here, on free ports, with ZALO_* pointing at the fake."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.language import detect
from tests.channels.fake_zalo import FakeZalo
from tests.e2e.conftest import servers_with


@pytest.fixture(scope="module")
def zalo(model: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, FakeZalo]]:
    """Both servers started as `make run` starts them, with the Zalo channel configured for a
    fake Zalo on loopback; the webhook URL and the fake."""
    fake = FakeZalo().start()
    var_dir = tmp_path_factory.mktemp("zalo_var")
    try:
        with servers_with(var_dir, fake.env(var_dir / "zalo_tokens.json")) as settings:
            yield f"http://127.0.0.1:{settings.rasa_port}/webhooks/zalo/webhook", fake
    finally:
        fake.stop()


def new_user() -> str:
    return "84" + "".join(secrets.choice("0123456789") for _ in range(17))


def answer_to(url: str, fake: FakeZalo, text: str) -> str:
    user, msg_id = new_user(), secrets.token_hex(10)
    assert fake.push(url, fake.text_event(user, text, msg_id=msg_id)) == (200, {"status": "ok"})
    [first, *_] = fake.wait_for_messages(1, user_id=user, timeout=60)
    assert first.quote_message_id == msg_id
    return first.text


def test_a_vietnamese_message_gets_a_vietnamese_answer(zalo: tuple[str, FakeZalo]) -> None:
    answer = answer_to(*zalo, "cho tôi gặp nhân viên tư vấn")
    assert detect(answer) == "vi"
    assert "1900 9068" in answer and "12333" not in answer


def test_a_chinese_message_gets_a_chinese_answer(zalo: tuple[str, FakeZalo]) -> None:
    answer = answer_to(*zalo, "我要转人工服务")
    assert detect(answer) == "zh"
    assert "12333" in answer and "1900 9068" not in answer


def test_a_forged_push_is_refused_by_the_real_server(zalo: tuple[str, FakeZalo]) -> None:
    url, fake = zalo
    body, headers = fake.signed(fake.text_event(new_user(), "xin chào"), key="not-the-key")
    status, answer = fake.post(url, body, headers)
    assert (status, answer) == (403, {"error": "invalid signature"})
