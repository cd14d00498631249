"""The WeChat channel over real HTTP on loopback: pushes built and signed with wechatpy, the
channel's blueprint served by sanic, the customer-service API played by a loopback fake that
enforces tokens, and a tiny scripted assistant in place of Rasa."""

from __future__ import annotations

import asyncio
import base64
import http.client
import logging
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from rasa.core.channels.channel import UserMessage
from wechatpy import parse_message
from wechatpy.crypto import WeChatCrypto
from wechatpy.exceptions import InvalidSignatureException
from wechatpy.utils import WeChatSigner, check_signature

from bot.channels.message_text import MessageError
from bot.channels.wechat import WeChatInput, render
from bot.channels.wechat.protocol import Push, parse_xml
from bot.settings import PROJECT_DIR, WeChatSettings
from tests.channels.conftest import LoopThread
from tests.channels.fake_wechat_api import FakeWeChatApi

TOKEN = "hotline-test-token"
AES_KEY = base64.b64encode(bytes(range(32))).decode().rstrip("=")  # 43 characters
OTHER_AES_KEY = base64.b64encode(bytes(range(100, 132))).decode().rstrip("=")
APP_ID = "wx0123456789abcdef"
APP_SECRET = "0123456789abcdef0123456789abcdef"
ACCOUNT = "gh_0123456789ab"
OPENID = "oAbCdEfGhIjKlMnOpQrStUvWxYz0"
PREFIX = "/webhooks/wechat"

# ---------------------------------------------------------------- the WeChat side


def sign(*parts: str) -> str:
    signer = WeChatSigner()
    signer.add_data(*parts)
    return signer.signature


def signed_query(timestamp: str | None = None, nonce: str = "1234567890", **extra: str) -> dict:
    timestamp = timestamp or str(int(time.time()))
    return {
        "signature": sign(TOKEN, timestamp, nonce),
        "timestamp": timestamp,
        "nonce": nonce,
        "openid": OPENID,
        **extra,
    }


def message_xml(msg_type: str = "text", msg_id: str | None = None, **fields: str) -> str:
    """A push as WeChat writes it."""
    values = {
        "ToUserName": ACCOUNT,
        "FromUserName": OPENID,
        "CreateTime": str(int(time.time())),
        "MsgType": msg_type,
        **fields,
    }
    if msg_type != "event":
        values["MsgId"] = msg_id or str(uuid.uuid4().int % 10**16)
    body = "".join(
        f"<{name}>{value}</{name}>" if value.isdigit() else f"<{name}><![CDATA[{value}]]></{name}>"
        for name, value in values.items()
    )
    return f"<xml>{body}</xml>"


def text_xml(content: str, msg_id: str | None = None) -> str:
    return message_xml("text", msg_id, Content=content)


@dataclass
class Reply:
    status: int
    body: bytes
    content_type: str = ""

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def call(method: str, url: str, body: bytes | None = None) -> Reply:
    request = urllib.request.Request(url, body, method=method)
    if body is not None:
        request.add_header("Content-Type", "text/xml")
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return Reply(answer.status, answer.read(), answer.headers.get("Content-Type", ""))
    except urllib.error.HTTPError as error:
        return Reply(error.code, error.read(), error.headers.get("Content-Type", ""))


@dataclass
class WeChatServer:
    """What WeChat's servers do: sign and push to the webhook."""

    url: str
    crypto: WeChatCrypto = field(default_factory=lambda: WeChatCrypto(TOKEN, AES_KEY, APP_ID))

    def get(self, query: dict) -> Reply:
        return call("GET", f"{self.url}/webhook?{urllib.parse.urlencode(query)}")

    def post(self, body: bytes, query: dict) -> Reply:
        return call("POST", f"{self.url}/webhook?{urllib.parse.urlencode(query)}", body)

    def push(self, xml: str, **query: str) -> Reply:
        """A plaintext-mode push."""
        return self.post(xml.encode("utf-8"), signed_query(**query))

    def push_safe(self, xml: str, crypto: WeChatCrypto | None = None) -> Reply:
        """A safe-mode push: the body encrypted by wechatpy, msg_signature in the query."""
        nonce, timestamp = "987654321", str(int(time.time()))
        encrypted = (crypto or self.crypto).encrypt_message(xml, nonce, timestamp)
        fields = parse_xml(encrypted.encode("utf-8"))
        query = signed_query(
            timestamp, nonce, encrypt_type="aes", msg_signature=fields["MsgSignature"]
        )
        body = f"<xml><ToUserName><![CDATA[{ACCOUNT}]]></ToUserName>"
        body += f"<Encrypt><![CDATA[{fields['Encrypt']}]]></Encrypt></xml>"
        return self.post(body.encode("utf-8"), query)

    def decrypt(self, reply: Reply):
        """Our encrypted reply as wechatpy reads it."""
        fields = parse_xml(reply.body)
        plaintext = self.crypto.decrypt_message(
            reply.text, fields["MsgSignature"], fields["TimeStamp"], fields["Nonce"]
        )
        return parse_message(plaintext)


# ---------------------------------------------------------------- the assistant


class Assistant:
    """A scripted assistant, called as Rasa's on_new_message."""

    def __init__(self) -> None:
        self.turns: list[str] = []
        self.release = asyncio.Event()  # "slow" turns wait for it

    async def __call__(self, message: UserMessage) -> None:
        self.turns.append(message.text)
        out, sender, text = message.output_channel, message.sender_id, message.text
        if text.startswith("slow"):
            await self.release.wait()
            await out.send_text_message(sender, "慢慢来的回答")
        elif text == "two":
            await out.send_text_message(sender, "第一条回答")
            await out.send_text_message(sender, "第二条回答")
        elif text == "menu":
            buttons = [{"title": "是", "payload": "/affirm"}, {"title": "否", "payload": "/deny"}]
            await out.send_text_with_buttons(sender, "**您要现在申报吗？**", buttons)
        elif text == "long":
            await out.send_text_message(sender, LONG_REPLY)
        elif text == "boom":
            raise RuntimeError("the assistant failed")
        elif text == "paragraphs":
            await out.send_text_message(sender, "第一段。\n\n第二段。")
        elif text == "silent":
            pass
        else:
            await out.send_text_message(sender, f"收到：{text}")


LONG_REPLY = "\n".join(f"第{n}条：死亡申报需要在规定期限内完成，请带齐材料。" for n in range(200))


@dataclass
class Harness:
    channel: WeChatInput
    assistant: Assistant
    wechat: WeChatServer
    fake: FakeWeChatApi
    loop: LoopThread

    def finish_turns(self) -> None:
        """Let the slow turns go, and wait until every turn and its sending is over."""
        self.loop.loop.call_soon_threadsafe(self.assistant.release.set)
        self.loop.run(self.channel.tasks.wait())


@pytest.fixture
def fake_api(loop_thread: LoopThread) -> Iterator[FakeWeChatApi]:
    fake = FakeWeChatApi(APP_ID, APP_SECRET)
    loop_thread.run(fake.start())
    yield fake
    loop_thread.run(fake.stop())


def channel_settings(fake: FakeWeChatApi, **changes: str) -> WeChatSettings:
    values = {
        "token": TOKEN,
        "encoding_aes_key": AES_KEY,
        "app_id": APP_ID,
        "app_secret": APP_SECRET,
        "api_base": fake.url,
    }
    return WeChatSettings(**(values | changes))


@pytest.fixture
def make_harness(
    fake_api: FakeWeChatApi, serve_blueprint: Callable, loop_thread: LoopThread
) -> Callable[..., Harness]:
    def make(deadline_s: float = 3.0, **changes: str) -> Harness:
        channel = WeChatInput(channel_settings(fake_api, **changes), reply_deadline_s=deadline_s)
        assistant = Assistant()
        url = serve_blueprint(channel.blueprint(assistant), PREFIX)
        return Harness(channel, assistant, WeChatServer(url), fake_api, loop_thread)

    return make


@pytest.fixture
def harness(make_harness: Callable[..., Harness]) -> Harness:
    return make_harness()


def passive_text(reply: Reply) -> str:
    assert reply.status == 200, reply.text
    assert "xml" in reply.content_type
    message = parse_message(reply.text)
    assert message.type == "text"
    assert (message.source, message.target) == (ACCOUNT, OPENID)
    return message.content


# ---------------------------------------------------------------- configuration


def test_unconfigured_channel_answers_503_and_nothing_else(make_harness) -> None:
    h = make_harness(token="")
    for reply in (
        h.wechat.get(signed_query(echostr="abc")),
        h.wechat.push(text_xml("你好")),
    ):
        assert reply.status == 503
        assert reply.text == '{"error":"the WeChat channel is not configured"}'
    assert h.assistant.turns == []


def test_from_credentials_reads_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WECHAT_TOKEN", "from-env")
    monkeypatch.setenv("WECHAT_API_BASE", "http://127.0.0.1:9/")
    channel = WeChatInput.from_credentials(None)
    assert channel.settings.token == "from-env"
    assert channel.settings.api_base == "http://127.0.0.1:9"
    assert channel.url_prefix() == "wechat"


def test_registered_in_credentials_yml() -> None:
    from rasa.core.run import create_http_input_channels

    credentials = yaml.safe_load((PROJECT_DIR / "credentials.yml").read_text("utf-8"))
    assert "bot.channels.wechat.WeChatInput" in credentials
    channels = create_http_input_channels(
        "bot.channels.wechat.WeChatInput", str(PROJECT_DIR / "credentials.yml")
    )
    assert isinstance(channels[0], WeChatInput)


def test_a_wrong_encoding_aes_key_is_refused_at_start() -> None:
    with pytest.raises(ValueError, match="43-character"):
        WeChatInput(WeChatSettings(TOKEN, "too-short", APP_ID, APP_SECRET, "http://x"))


# ---------------------------------------------------------------- URL verification


def test_url_verification_answers_echostr(harness: Harness) -> None:
    query = signed_query(echostr="7260523512183452733")
    check_signature(TOKEN, query["signature"], query["timestamp"], query["nonce"])  # wechatpy
    reply = harness.wechat.get(query)
    assert (reply.status, reply.text) == (200, "7260523512183452733")


def test_url_verification_refuses_a_forged_signature(harness: Harness) -> None:
    query = signed_query(echostr="7260523512183452733")
    query["signature"] = sign("not-the-token", query["timestamp"], query["nonce"])
    with pytest.raises(InvalidSignatureException):
        check_signature(TOKEN, query["signature"], query["timestamp"], query["nonce"])
    reply = harness.wechat.get(query)
    assert reply.status == 403
    assert "7260523512183452733" not in reply.text


def test_url_verification_refuses_stale_and_incomplete_requests(harness: Harness) -> None:
    stale = signed_query(timestamp=str(int(time.time()) - 3600), echostr="x")
    assert harness.wechat.get(stale).status == 403
    incomplete = signed_query(echostr="x")
    del incomplete["nonce"]
    reply = harness.wechat.get(incomplete)
    assert reply.status == 400
    assert "nonce" in reply.text


# ---------------------------------------------------------------- replies


def test_plaintext_text_gets_a_passive_reply(harness: Harness) -> None:
    reply = harness.wechat.push(text_xml("养老金认证怎么办"))
    assert passive_text(reply) == "收到：养老金认证怎么办"
    assert harness.assistant.turns == ["养老金认证怎么办"]
    assert harness.fake.sent == [] and harness.fake.token_requests == 0


def test_safe_mode_text_gets_an_encrypted_passive_reply(harness: Harness) -> None:
    reply = harness.wechat.push_safe(text_xml("Tôi muốn hỏi về lương hưu"))
    assert reply.status == 200
    assert "lương hưu".encode() not in reply.body  # nothing in the clear
    message = harness.wechat.decrypt(reply)
    assert message.type == "text"
    assert (message.source, message.target) == (ACCOUNT, OPENID)
    assert message.content == "收到：Tôi muốn hỏi về lương hưu"
    assert harness.assistant.turns == ["Tôi muốn hỏi về lương hưu"]


def test_compatible_mode_is_answered_encrypted(harness: Harness) -> None:
    plain = text_xml("兼容模式")
    nonce, timestamp = "55555", str(int(time.time()))
    encrypted = parse_xml(harness.wechat.crypto.encrypt_message(plain, nonce, timestamp).encode())
    body = plain.replace("</xml>", f"<Encrypt><![CDATA[{encrypted['Encrypt']}]]></Encrypt></xml>")
    query = signed_query(
        timestamp, nonce, encrypt_type="aes", msg_signature=encrypted["MsgSignature"]
    )
    reply = harness.wechat.post(body.encode(), query)
    assert harness.wechat.decrypt(reply).content == "收到：兼容模式"


def test_compatible_mode_without_the_key_is_answered_in_plaintext(make_harness) -> None:
    h = make_harness(encoding_aes_key="")
    plain = text_xml("兼容模式")
    body = plain.replace("</xml>", "<Encrypt><![CDATA[opaque]]></Encrypt></xml>")
    reply = h.wechat.post(body.encode(), signed_query(encrypt_type="aes", msg_signature="x"))
    assert passive_text(reply) == "收到：兼容模式"
    assert h.wechat.push_safe(text_xml("安全模式")).status == 400  # safe mode needs the key


def test_a_slow_turn_answers_success_then_sends_through_the_api(make_harness) -> None:
    h = make_harness(deadline_s=0.2)
    started = time.monotonic()
    reply = h.wechat.push(text_xml("slow question"))
    assert (reply.status, reply.text) == (200, "success")
    assert time.monotonic() - started < 2
    assert h.fake.sent == []  # the turn is still running
    h.finish_turns()
    assert h.fake.messages_to(OPENID) == ["慢慢来的回答"]
    assert h.fake.token_requests == 1


def test_several_messages_go_through_the_api_in_order(harness: Harness) -> None:
    reply = harness.wechat.push(text_xml("two"))
    assert reply.text == "success"
    harness.finish_turns()
    assert harness.fake.messages_to(OPENID) == ["第一条回答", "第二条回答"]


def test_paragraphs_stay_one_passive_reply(harness: Harness) -> None:
    assert passive_text(harness.wechat.push(text_xml("paragraphs"))) == "第一段。\n\n第二段。"


def test_a_turn_without_replies_answers_success(harness: Harness) -> None:
    assert harness.wechat.push(text_xml("silent")).text == "success"
    harness.finish_turns()
    assert harness.fake.sent == [] and harness.assistant.turns == ["silent"]


def test_a_long_reply_is_split_under_the_limit(harness: Harness) -> None:
    assert harness.wechat.push(text_xml("long")).text == "success"
    harness.finish_turns()
    sent = harness.fake.messages_to(OPENID)
    assert len(sent) > 1
    assert all(len(chunk.encode()) <= 2048 for chunk in sent)
    assert "\n".join(sent) == LONG_REPLY


def test_buttons_become_numbered_lines_answered_by_number(harness: Harness) -> None:
    assert passive_text(harness.wechat.push(text_xml("menu"))) == "您要现在申报吗？\n1. 是\n2. 否"
    passive_text(harness.wechat.push(text_xml("1")))
    assert harness.assistant.turns == ["menu", "/affirm"]
    passive_text(harness.wechat.push(text_xml("1")))  # the menu was answered: "1" is text now
    assert harness.assistant.turns[-1] == "1"
    passive_text(harness.wechat.push(text_xml("menu")))
    passive_text(harness.wechat.push(text_xml("２")))  # full-width, as Chinese keyboards type
    passive_text(harness.wechat.push(text_xml("menu")))
    passive_text(harness.wechat.push(text_xml("3")))  # not on the menu: text
    assert harness.assistant.turns[-3:] == ["/deny", "menu", "3"]


def test_a_failed_turn_gets_an_apology(harness: Harness) -> None:
    content = passive_text(harness.wechat.push(text_xml("boom")))
    assert content == render.SORRY


def test_voice_uses_the_recognition(harness: Harness) -> None:
    xml = message_xml("voice", MediaId="media1", Format="amr", Recognition="我想问养老金认证")
    assert passive_text(harness.wechat.push(xml)) == "收到：我想问养老金认证"
    assert harness.assistant.turns == ["我想问养老金认证"]


def test_voice_without_recognition_asks_to_type(harness: Harness) -> None:
    xml = message_xml("voice", MediaId="media1", Format="amr", Recognition="")
    content = passive_text(harness.wechat.push(xml))
    assert content == render.VOICE_NOT_RECOGNISED
    assert "打字" in content and "gõ chữ" in content
    assert harness.assistant.turns == []


@pytest.mark.parametrize(
    "msg_type, fields",
    [
        ("image", {"PicUrl": "http://mmbiz.qpic.cn/x", "MediaId": "m"}),
        ("location", {"Location_X": "23.134521", "Location_Y": "113.358803", "Label": "x"}),
        ("link", {"Title": "t", "Description": "d", "Url": "http://example.com"}),
        ("video", {"MediaId": "m", "ThumbMediaId": "t"}),
        ("shortvideo", {"MediaId": "m", "ThumbMediaId": "t"}),
        ("file", {"Title": "a.pdf", "FileKey": "k"}),
    ],
)
def test_other_message_types_get_a_polite_reply(harness: Harness, msg_type, fields) -> None:
    content = passive_text(harness.wechat.push(message_xml(msg_type, **fields)))
    assert content == render.UNSUPPORTED
    assert "文字和语音" in content and "tin nhắn thoại" in content
    assert harness.assistant.turns == []


def test_subscribe_gets_the_bilingual_welcome(harness: Harness) -> None:
    content = passive_text(harness.wechat.push(message_xml("event", Event="subscribe")))
    for topic in ("养老金资格认证", "死亡申报", "防骗", "xác thực", "báo tử", "lừa đảo"):
        assert topic in content.lower()
    assert harness.assistant.turns == []


def test_unsubscribe_gets_no_reply(harness: Harness) -> None:
    reply = harness.wechat.push(message_xml("event", Event="unsubscribe"))
    assert (reply.status, reply.text) == (200, "success")
    assert harness.assistant.turns == []


# ---------------------------------------------------------------- tokens


def test_an_expired_token_is_renewed_once_and_the_message_delivered(harness: Harness) -> None:
    harness.wechat.push(text_xml("two"))
    harness.finish_turns()
    assert harness.fake.token_requests == 1
    harness.fake.expire_tokens()  # 42001 from now on for the cached token
    harness.wechat.push(text_xml("two"))
    harness.finish_turns()
    assert harness.fake.token_requests == 2
    assert harness.fake.messages_to(OPENID) == ["第一条回答", "第二条回答"] * 2


def test_an_unknown_token_is_renewed_too(harness: Harness) -> None:
    harness.loop.run(harness.channel.api.send_text(OPENID, "一"))
    harness.fake.forget_tokens()  # 40001
    harness.loop.run(harness.channel.api.send_text(OPENID, "二"))
    assert harness.fake.token_requests == 2
    assert harness.fake.messages_to(OPENID) == ["一", "二"]


def test_a_token_refused_again_is_not_renewed_forever(harness: Harness) -> None:
    from bot.channels.wechat.api import WeChatApiError

    harness.fake.accept_tokens = False
    with pytest.raises(WeChatApiError, match="40001"):
        harness.loop.run(harness.channel.api.send_text(OPENID, "一"))
    assert harness.fake.token_requests == 2  # the first, and one renewal
    assert harness.fake.send_requests == 2


def test_concurrent_sends_make_one_token_request(harness: Harness) -> None:
    harness.fake.token_delay_s = 0.05
    api = harness.channel.api

    async def send_many() -> None:
        await asyncio.gather(*(api.send_text(OPENID, f"消息{n}") for n in range(20)))

    harness.loop.run(send_many())
    assert harness.fake.token_requests == 1
    assert sorted(harness.fake.messages_to(OPENID)) == sorted(f"消息{n}" for n in range(20))
    harness.fake.expire_tokens()
    harness.loop.run(send_many())  # 20 refusals of the same token: still one renewal
    assert harness.fake.token_requests == 2
    assert len(harness.fake.sent) == 40


def test_wrong_app_credentials_are_logged_not_raised(make_harness, caplog) -> None:
    h = make_harness(app_secret="wrong-secret")
    with caplog.at_level(logging.ERROR):
        assert h.wechat.push(text_xml("two")).text == "success"
        h.finish_turns()
    assert h.fake.sent == []
    assert any("errcode 40125" in record.getMessage() for record in caplog.records)
    assert "wrong-secret" not in caplog.text


# ---------------------------------------------------------------- retries


def test_the_same_msgid_pushed_three_times_is_one_turn(make_harness) -> None:
    h = make_harness(deadline_s=0.2)
    xml = text_xml("slow question", msg_id="10000000000000001")
    replies = [h.wechat.push(xml) for _ in range(3)]  # WeChat's retries, the turn still running
    assert [reply.text for reply in replies] == ["success"] * 3
    h.finish_turns()
    assert h.wechat.push(xml).text == "success"  # a retry after the turn
    h.finish_turns()
    assert h.assistant.turns == ["slow question"]
    assert h.fake.messages_to(OPENID) == ["慢慢来的回答"]


def test_concurrent_retries_are_one_turn(make_harness) -> None:
    h = make_harness(deadline_s=0.2)
    xml = text_xml("slow question", msg_id="10000000000000002")
    with ThreadPoolExecutor(3) as pool:
        replies = list(pool.map(lambda _: h.wechat.push(xml), range(3)))
    assert [reply.text for reply in replies] == ["success"] * 3
    h.finish_turns()
    assert h.assistant.turns == ["slow question"]


def test_a_retry_gets_the_same_passive_reply(harness: Harness) -> None:
    xml = text_xml("问题", msg_id="10000000000000003")
    first, again = harness.wechat.push(xml), harness.wechat.push(xml)
    assert passive_text(first) == passive_text(again) == "收到：问题"
    assert harness.assistant.turns == ["问题"]


def test_events_are_told_apart_by_sender_and_time() -> None:
    def event(create_time: str, from_user: str = OPENID) -> Push:
        return Push.from_fields(
            {
                "ToUserName": ACCOUNT,
                "FromUserName": from_user,
                "CreateTime": create_time,
                "MsgType": "event",
                "Event": "subscribe",
            }
        )

    assert event("1700000000").key == event("1700000000").key
    assert event("1700000000").key != event("1700000001").key
    assert event("1700000000").key != event("1700000000", "oOtherUser").key


# ---------------------------------------------------------------- hostile input

_LAUGHS = '<!ENTITY lol0 "lol">' + "".join(
    f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)
)
BILLION_LAUGHS = f'<?xml version="1.0"?><!DOCTYPE xml [{_LAUGHS}]>' + text_xml("x").replace(
    "<![CDATA[x]]>", "&lol9;"
)
XXE = '<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' + text_xml(
    "x"
).replace("<![CDATA[x]]>", "&xxe;")
EXTERNAL_DTD = '<?xml version="1.0"?><!DOCTYPE xml SYSTEM "http://127.0.0.1:9/x.dtd">' + text_xml(
    "x"
)
DEEP = text_xml("x").replace("</xml>", "<a>" * 5000 + "</a>" * 5000 + "</xml>")
HOSTILE = {
    "billion laughs": BILLION_LAUGHS,
    "XXE with a file:// entity": XXE,
    "external DTD": EXTERNAL_DTD,
    "deep nesting": DEEP,
    "malformed": "<xml><ToUserName>gh_0123456789ab</ToUserName><MsgType>text",
    "not WeChat's root": text_xml("x").replace("xml>", "root>"),
    "not XML": "您好",
    "empty": "",
    "no sender": text_xml("x").replace(OPENID, ""),
    "a sender that is not an id": text_xml("x").replace(OPENID, "<b>x</b>"),
}


@pytest.mark.parametrize("body", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_xml_is_refused_without_a_turn(harness: Harness, body: str) -> None:
    reply = harness.wechat.push(body)
    assert reply.status == 400
    assert reply.text.startswith('{"error":')
    assert "root:" not in reply.text  # nothing of /etc/passwd
    assert harness.assistant.turns == []


@pytest.mark.parametrize("name", ["billion laughs", "XXE with a file:// entity", "deep nesting"])
def test_hostile_xml_inside_the_encryption_is_refused_too(harness: Harness, name: str) -> None:
    assert harness.wechat.push_safe(HOSTILE[name]).status == 400
    assert harness.assistant.turns == []


def test_an_oversize_body_is_refused(harness: Harness) -> None:
    body = text_xml("长" * 30_000)  # 90 KB
    assert harness.wechat.push(body).status == 413
    assert harness.assistant.turns == []


def test_an_oversize_chunked_body_is_refused_while_reading(harness: Harness) -> None:
    url = urllib.parse.urlsplit(harness.wechat.url)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    path = f"{url.path}/webhook?{urllib.parse.urlencode(signed_query())}"
    chunks = (b"<xml>" + b"x" * 1024 for _ in range(80))  # no Content-Length: read and cut
    try:
        connection.request("POST", path, body=chunks, encode_chunked=True)
        status = connection.getresponse().status
    finally:
        connection.close()
    assert status == 413
    assert harness.assistant.turns == []


def test_a_forged_signature_is_refused(harness: Harness) -> None:
    query = signed_query()
    query["signature"] = "0" * 40
    assert harness.wechat.post(text_xml("你好").encode(), query).status == 403
    assert harness.assistant.turns == []


def test_a_stale_timestamp_is_refused(harness: Harness) -> None:
    old = str(int(time.time()) - 600)
    assert harness.wechat.push(text_xml("你好"), timestamp=old).status == 403
    assert harness.assistant.turns == []


@pytest.mark.parametrize("missing", ["signature", "timestamp", "nonce"])
def test_missing_parameters_are_refused(harness: Harness, missing: str) -> None:
    query = signed_query()
    del query[missing]
    reply = harness.wechat.post(text_xml("你好").encode(), query)
    assert reply.status == 400 and missing in reply.text
    assert harness.assistant.turns == []


def test_a_forged_msg_signature_is_refused(harness: Harness) -> None:
    nonce, timestamp = "42", str(int(time.time()))
    encrypted = harness.wechat.crypto.encrypt_message(text_xml("你好"), nonce, timestamp)
    query = signed_query(timestamp, nonce, encrypt_type="aes", msg_signature="f" * 40)
    assert harness.wechat.post(encrypted.encode(), query).status == 403
    del query["msg_signature"]
    assert harness.wechat.post(encrypted.encode(), query).status == 400
    assert harness.assistant.turns == []


def test_a_message_encrypted_with_another_key_is_refused(harness: Harness) -> None:
    other = WeChatCrypto(TOKEN, OTHER_AES_KEY, APP_ID)  # signed right, encrypted wrong
    assert harness.wechat.push_safe(text_xml("你好"), crypto=other).status == 400
    other_app = WeChatCrypto(TOKEN, AES_KEY, "wxanotherapp0000")
    assert harness.wechat.push_safe(text_xml("你好"), crypto=other_app).status == 400
    assert harness.assistant.turns == []


def test_logs_hold_no_message_text_and_no_full_user_id(make_harness, caplog) -> None:
    h = make_harness(deadline_s=0.2)
    with caplog.at_level(logging.DEBUG):
        h.wechat.push(text_xml("我的身份证号是110101195001011234"))
        h.wechat.push(text_xml("slow 我叫张三"))
        h.finish_turns()
        h.wechat.push(XXE)
        h.wechat.push(text_xml("你好"), timestamp="1")
        h.wechat.push(text_xml("boom"))
    refusals = [r for r in caplog.records if "refused" in r.getMessage()]
    assert len(refusals) == 2
    for secret in ("110101195001011234", "张三", OPENID, "/etc/passwd", TOKEN, APP_SECRET):
        assert secret not in caplog.text


# ---------------------------------------------------------------- the parts


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=0, max_size=3000))
def test_split_text_keeps_every_character_within_the_limit(text: str) -> None:
    chunks = render.split_text(text, limit=300)
    assert all(len(chunk.encode("utf-8")) <= 300 for chunk in chunks)
    assert "".join("".join(chunks).split()) == "".join(text.split())


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000) | st.text(max_size=500).map(lambda t: f"<xml>{t}</xml>".encode()))
def test_parse_xml_refuses_anything_with_a_message_error(body: bytes) -> None:
    try:
        fields = parse_xml(body)
    except MessageError as error:
        assert error.status in (400, 413)
    else:
        assert isinstance(fields, dict)


def test_readme_documents_the_channel() -> None:
    readme = Path(PROJECT_DIR / "README.md").read_text("utf-8")
    assert "WECHAT_TOKEN" in readme and "/webhooks/wechat/webhook" in readme
