"""The Zalo channel in the real Rasa server with the trained model: signed pushes from the fake
Zalo platform (tests/channels/fake_zalo.py) in, the assistant's answers out through the fake's
message API. The servers are started here, on free ports, with ZALO_* pointing at the fake."""

from __future__ import annotations

import os
import secrets
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.language import detect
from bot.launcher import start, stop
from bot.settings import Settings
from tests.channels.fake_zalo import FakeZalo


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def zalo(model: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, FakeZalo]]:
    """Both servers started as `make run` starts them, with the Zalo channel configured for a
    fake Zalo on loopback; the webhook URL and the fake."""
    fake = FakeZalo().start()
    var_dir = tmp_path_factory.mktemp("zalo_var")
    rasa_port, actions_port = free_port(), free_port()
    zalo_env = fake.env(var_dir / "zalo_tokens.json")
    settings = Settings.from_env(
        {
            **os.environ,
            "HOTLINE_HOST": "127.0.0.1",
            "HOTLINE_RASA_PORT": str(rasa_port),
            "HOTLINE_ACTIONS_PORT": str(actions_port),
            "HOTLINE_ACTION_ENDPOINT": f"http://127.0.0.1:{actions_port}/webhook",
            "HOTLINE_POLICE_INTAKE_PORT": str(free_port()),
            "HOTLINE_VAR_DIR": str(var_dir),
            "HOTLINE_TRACKER_DB": str(var_dir / "tracker.db"),
        }
    )
    # The servers' environment is this process's with the settings on top (Settings.rasa_env):
    # the ZALO_* variables are set here while they start.
    with pytest.MonkeyPatch.context() as patch:
        for name, value in zalo_env.items():
            patch.setenv(name, value)
        try:
            processes = start(settings)
        except BaseException:
            fake.stop()
            raise
    yield f"http://127.0.0.1:{rasa_port}/webhooks/zalo/webhook", fake
    stop(processes)
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
