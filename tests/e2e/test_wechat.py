"""The WeChat channel in the real Rasa server with the trained model: safe-mode pushes built
with wechatpy in, the answer back as the encrypted passive reply or through the fake
customer-service API (tests/channels/fake_wechat_api.py). The servers are started here, on
free ports, with WECHAT_* pointing at the fake."""

from __future__ import annotations

import base64
import secrets
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from wechatpy import parse_message
from wechatpy.crypto import WeChatCrypto
from wechatpy.utils import WeChatSigner

from bot.channels.wechat.protocol import parse_xml
from bot.language import detect
from tests.channels.conftest import LoopThread
from tests.channels.fake_wechat_api import FakeWeChatApi
from tests.e2e.conftest import servers_with

TOKEN = "e2e-wechat-token"
AES_KEY = base64.b64encode(secrets.token_bytes(32)).decode().rstrip("=")
APP_ID = "wxe2e0000000000000"
APP_SECRET = secrets.token_hex(16)
ACCOUNT = "gh_e2e000000000"


@dataclass
class WeChat:
    url: str
    fake: FakeWeChatApi
    loop: LoopThread
    crypto: WeChatCrypto

    def answer_to(self, text: str) -> str:
        """Push ``text`` as a new user in safe mode; the assistant's answer, all its
        messages."""
        openid = "oE2e" + secrets.token_urlsafe(18)[:24].replace("-", "_")
        now, nonce = str(int(time.time())), str(secrets.randbelow(10**9))
        xml = (
            f"<xml><ToUserName><![CDATA[{ACCOUNT}]]></ToUserName>"
            f"<FromUserName><![CDATA[{openid}]]></FromUserName><CreateTime>{now}</CreateTime>"
            f"<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{text}]]></Content>"
            f"<MsgId>{secrets.randbelow(10**16)}</MsgId></xml>"
        )
        encrypted = parse_xml(self.crypto.encrypt_message(xml, nonce, now).encode())
        signer = WeChatSigner()
        signer.add_data(TOKEN, now, nonce)
        query = urllib.parse.urlencode(
            {
                "signature": signer.signature,
                "timestamp": now,
                "nonce": nonce,
                "openid": openid,
                "encrypt_type": "aes",
                "msg_signature": encrypted["MsgSignature"],
            }
        )
        body = f"<xml><Encrypt><![CDATA[{encrypted['Encrypt']}]]></Encrypt></xml>".encode()
        with urllib.request.urlopen(f"{self.url}?{query}", body, timeout=30) as reply:
            assert reply.status == 200
            answer = reply.read()
        if answer != b"success":  # the passive reply
            fields = parse_xml(answer)
            plaintext = self.crypto.decrypt_message(
                answer, fields["MsgSignature"], fields["TimeStamp"], fields["Nonce"]
            )
            message = parse_message(plaintext)
            assert (message.source, message.target) == (ACCOUNT, openid)
            return message.content
        messages = self.loop.run(self.fake.wait_for_messages(openid, timeout=60), timeout=90)
        while True:  # the rest of the turn's messages follow at once
            try:
                messages = self.loop.run(
                    self.fake.wait_for_messages(openid, len(messages) + 1, timeout=1)
                )
            except TimeoutError:
                return "\n".join(messages)


@pytest.fixture(scope="module")
def wechat(model: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WeChat]:
    """Both servers started as `make run` starts them, with the WeChat channel configured for
    the fake API on loopback."""
    loop = LoopThread()
    fake = FakeWeChatApi(APP_ID, APP_SECRET)
    api_base = loop.run(fake.start())
    wechat_env = {
        "WECHAT_TOKEN": TOKEN,
        "WECHAT_ENCODING_AES_KEY": AES_KEY,
        "WECHAT_APP_ID": APP_ID,
        "WECHAT_APP_SECRET": APP_SECRET,
        "WECHAT_API_BASE": api_base,
    }
    try:
        with servers_with(tmp_path_factory.mktemp("wechat_var"), wechat_env) as settings:
            yield WeChat(
                f"http://127.0.0.1:{settings.rasa_port}/webhooks/wechat/webhook",
                fake,
                loop,
                WeChatCrypto(TOKEN, AES_KEY, APP_ID),
            )
    finally:
        loop.run(fake.stop())
        loop.close()


def test_a_chinese_message_gets_a_chinese_answer(wechat: WeChat) -> None:
    answer = wechat.answer_to("我要转人工服务")
    assert detect(answer) == "zh"
    assert "12333" in answer and "1900 9068" not in answer


def test_a_vietnamese_message_gets_a_vietnamese_answer(wechat: WeChat) -> None:
    answer = wechat.answer_to("cho tôi gặp nhân viên tư vấn")
    assert detect(answer) == "vi"
    assert "1900 9068" in answer and "12333" not in answer
