"""The website channel: the page at /webchat with the rasa-webchat widget, served by the project.

Two servers: a sanic app with the channels of credentials.yml registered by Rasa's own
`register` and a tiny scripted assistant (no model needed), and the real Rasa server with the
trained model (`rest_url`, started as `make run` starts it). The browser is Debian's Chromium,
driven by playwright; a screenshot of the real conversation is saved to results/webchat.png.
"""

from __future__ import annotations

import asyncio
import json
import re
import socket
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from rasa.core.channels.channel import UserMessage, register
from sanic import Sanic

from bot.channels import socket_io, webchat
from bot.channels.message_text import MAX_MESSAGE_CHARS
from bot.channels.socket_io import SocketIOInput
from bot.channels.webchat import WIDGET, WebchatPage, strip_remote_imports
from bot.language import detect
from bot.settings import PROJECT_DIR

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOT = PROJECT_DIR / "results" / "webchat.png"
WIDGET_FILE = PROJECT_DIR / "web" / WIDGET

HAN = re.compile(r"[\u4e00-\u9fff]")
# Letters only Vietnamese uses among the Latin scripts (đ, ơ, ư and the tone-marked vowels).
VIETNAMESE = re.compile(r"[đĐơƠưƯạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]")

# --- a sanic app with the channels of credentials.yml and a scripted assistant ----------------


@dataclass
class ScriptedAssistant:
    """Stands in for Rasa's agent (``app.ctx.agent``): answers by a tiny script, one reply with
    buttons, and keeps what it was sent."""

    received: list[UserMessage] = field(default_factory=list)

    async def handle_message(self, message: UserMessage) -> None:
        self.received.append(message)
        out, recipient = message.output_channel, message.sender_id
        if (message.text or "").startswith("/greet"):
            await out.send_text_message(recipient, "您好！")
        elif message.text == "/affirm":
            await out.send_text_message(recipient, "好的，请告诉我身份证号。")
        elif HAN.search(message.text or ""):
            await out.send_text_with_buttons(
                recipient,
                "可以用手机刷脸认证。要现在查询认证状态吗？",
                [
                    {"title": "查询状态", "payload": "/affirm"},
                    {"title": "不用了", "payload": "/deny"},
                ],
            )
        else:
            await out.send_text_message(recipient, "Bác có thể xác minh trên ứng dụng VssID.")


def channels_of_credentials() -> list[Any]:
    """The socket.io and page channels exactly as credentials.yml configures them."""
    credentials = yaml.safe_load((PROJECT_DIR / "credentials.yml").read_text())
    return [
        SocketIOInput.from_credentials(credentials["bot.channels.socket_io.SocketIOInput"]),
        WebchatPage.from_credentials(credentials["bot.channels.webchat.WebchatPage"]),
    ]


class Site:
    """The app served on 127.0.0.1 (a free port) from an event loop in a thread of its own."""

    def __init__(self) -> None:
        self.assistant = ScriptedAssistant()
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.server = self.run(self._start())
        self.origin = f"http://127.0.0.1:{self.port}"

    def run(self, coroutine: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(30)

    async def _start(self) -> Any:
        app = Sanic(f"webchat_test_{uuid.uuid4().hex}")
        app.config.ACCESS_LOG = False
        app.ctx.agent = self.assistant
        register(channels_of_credentials(), app, route="/webhooks/")  # as `rasa run` does
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        sock.listen(100)
        self.port = sock.getsockname()[1]
        server = await app.create_server(sock=sock, return_asyncio_server=True)
        await server.startup()
        await server.before_start()
        await server.after_start()
        await server.start_serving()
        return server

    async def _stop(self) -> None:
        await self.server.before_stop()
        self.server.close()
        await self.server.wait_closed()
        for connection in list(self.server.connections):
            connection.close()
        await self.server.after_stop()
        tasks = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    def close(self) -> None:
        self.run(self._stop())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)
        self.loop.close()


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    served = Site()
    yield served
    served.close()


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, Message, bytes]:
    """Status, headers (looked up in any case) and body of a GET."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


# --- the page and its files -------------------------------------------------------------------


def test_the_page_and_the_widget_are_served_by_the_project(site: Site) -> None:
    for path in ("/webchat", "/webchat/"):
        status, headers, body = get(site.origin + path)
        assert status == 200, path
        assert headers["Content-Type"].startswith("text/html")
        assert "default-src 'self'" in headers["Content-Security-Policy"]
        assert b'src="/webchat/widget.js"' in body and b"cdn" not in body.lower()

    assert WIDGET_FILE.is_file(), f"{WIDGET_FILE} is missing: scripts/setup.sh installs it"
    status, headers, widget = get(site.origin + "/webchat/widget.js")
    assert status == 200 and headers["Content-Type"].startswith("text/javascript")
    installed = WIDGET_FILE.read_bytes()
    assert b"fonts.googleapis.com" in installed  # what the stripping is for
    assert widget == strip_remote_imports(installed)
    assert b"fonts.googleapis.com" not in widget and b"@import url(http" not in widget
    assert len(widget) > 500_000  # the whole bundle (React included), not a stub

    for name, kind in (("style.css", "text/css"), ("webchat.js", "text/javascript")):
        status, headers, body = get(f"{site.origin}/webchat/{name}")
        assert status == 200 and headers["Content-Type"].startswith(kind)
        assert body == (PROJECT_DIR / "web" / name).read_bytes()


def test_rasa_webchat_is_pinned_at_1_0_1() -> None:
    package = json.loads((PROJECT_DIR / "web" / "package.json").read_text())
    assert package["dependencies"] == {"rasa-webchat": "1.0.1"}
    lock = json.loads((PROJECT_DIR / "web" / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/rasa-webchat"]["version"] == "1.0.1"
    installed = json.loads((WIDGET_FILE.parents[1] / "package.json").read_text())
    assert installed["version"] == "1.0.1"  # what `npm ci` installed


@pytest.mark.parametrize(
    "path",
    [
        "/webchat/index.html",  # the page is served as /webchat only
        "/webchat/package.json",
        "/webchat/node_modules",
        "/webchat/..%2Fcredentials.yml",
        "/webchat/%2e%2e/%2e%2e/credentials.yml",
        "/webchat/.npmrc",
        "/webchat/%2e%2e%2fcredentials.yml",
    ],
)
def test_nothing_but_the_page_files_is_served(site: Site, path: str) -> None:
    status, _, body = get(site.origin + path)
    assert status == 404
    assert b"rasa-webchat" not in body and b"socketio" not in body


def test_an_unknown_page_file_gets_a_json_error(site: Site) -> None:
    status, headers, body = get(site.origin + "/webchat/package-lock.json")
    assert status == 404 and headers["Content-Type"] == "application/json"
    assert json.loads(body) == {"error": "not found"}


def test_unchanged_files_are_revalidated_with_their_etag(site: Site) -> None:
    _, headers, _ = get(site.origin + "/webchat/widget.js")
    assert headers["Cache-Control"] == "no-cache"
    status, _, body = get(site.origin + "/webchat/widget.js", {"If-None-Match": headers["ETag"]})
    assert status == 304 and body == b""


def test_a_changed_file_is_served_anew(tmp_path: Path) -> None:
    (tmp_path / "style.css").write_text("body { color: black; }")
    files = webchat.PageFiles(tmp_path)
    first = files.get("style.css")
    (tmp_path / "style.css").write_text("body { color: navy; }  ")
    second = files.get("style.css")
    assert first is not None and second is not None
    assert second.body == b"body { color: navy; }  " and second.etag != first.etag
    assert files.get("widget.js") is None  # not installed there: a 404, not a crash


def test_the_socket_channel_is_configured_for_the_widget() -> None:
    socketio, page = channels_of_credentials()
    assert (socketio.user_message_evt, socketio.bot_message_evt) == ("user_uttered", "bot_uttered")
    assert socketio.session_persistence is True and socketio.metadata_key == "customData"
    assert isinstance(page, WebchatPage) and page.url_prefix() == "/webchat"


def test_the_socket_channel_is_mended_with_its_server() -> None:
    async def ignore(_: UserMessage) -> None:
        return None

    persistent = SocketIOInput(session_persistence=True)
    persistent.blueprint(ignore)
    handlers = persistent.sio.handlers["/"]
    assert handlers["session_request"].__module__ == "bot.channels.socket_io"
    assert handlers["user_uttered"].__module__ == "bot.channels.socket_io"

    plain = SocketIOInput(session_persistence=False)
    plain.blueprint(ignore)
    assert plain.sio.handlers["/"]["session_request"].__module__ == "rasa.core.channels.socketio"
    assert plain.sio.handlers["/"]["user_uttered"].__module__ == "bot.channels.socket_io"


class SocketClient:
    """A socket.io client speaking to the site as the widget does (python-socketio's own)."""

    def __init__(self, site: Site) -> None:
        import socketio

        self.site = site
        self.client = socketio.AsyncClient()
        self.replies: asyncio.Queue = asyncio.Queue()
        self.client.on("bot_uttered", self.replies.put)
        self.session_id = site.run(self._connect())

    async def _connect(self) -> str:
        confirmed: asyncio.Future = asyncio.get_running_loop().create_future()
        self.client.on("session_confirm", confirmed.set_result)
        await self.client.connect(self.site.origin, transports=["polling"])
        await self.client.emit("session_request", {"session_id": None})
        return await asyncio.wait_for(confirmed, 10)

    def say(self, payload: Any) -> None:
        self.site.run(self.client.emit("user_uttered", payload))

    def reply(self) -> dict:
        return self.site.run(asyncio.wait_for(self.replies.get(), 10))

    def close(self) -> None:
        # Without waiting for the long-poll under way (the server's ping interval, 25 s).
        self.site.run(self.client.eio.disconnect(abort=True))


def test_socket_messages_are_cleaned_and_unusable_ones_stopped(site: Site) -> None:
    client = SocketClient(site)
    try:
        session = {"session_id": client.session_id, "customData": {"language": "vi"}}
        before = len(site.assistant.received)
        client.say({**session, "message": "\x00 xin chào\x1b "})
        assert client.reply()["text"] == "Bác có thể xác minh trên ứng dụng VssID."
        [message] = site.assistant.received[before:]
        assert message.text == "xin chào" and message.sender_id == client.session_id
        assert message.metadata == {"language": "vi"}

        client.say({**session, "message": "啊" * (MAX_MESSAGE_CHARS + 1)})
        assert client.reply()["text"] == socket_io.TOO_LONG_REPLY
        for unusable in ({**session}, {**session, "message": None}, {**session, "message": " "}):
            client.say(unusable)
        client.say("not an object")
        client.say({**session, "message": "你好"})  # the next real message is the next one in
        assert client.reply()["text"].startswith("可以用手机刷脸认证")
        assert [m.text for m in site.assistant.received[before + 1 :]] == ["你好"]
    finally:
        client.close()


# --- in the browser ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (scripts/setup.sh installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


class ChatPage:
    """The page in a browser tab, and every request it made."""

    REPLY_TIMEOUT_MS = 60_000

    def __init__(self, browser: Any, url: str) -> None:
        self.context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("websocket", lambda ws: self.requests.append(ws.url))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(url)
        # The topic buttons are enabled once the widget's socket session is confirmed.
        self.page.wait_for_selector("button.topic[data-topic=certification]:enabled")

    # The assistant's messages after the user's last message `question`, once there is one
    # (that contains `needle`, if given); null until then.
    _ANSWER = """([question, needle]) => {
        const items = [...document.querySelectorAll("#webchat .rw-client, #webchat .rw-response")]
            .filter((item) => !item.closest(".rw-typing-indication"));
        const asked = items.map((item) => item.classList.contains("rw-client")
            && item.innerText.trim() === question).lastIndexOf(true);
        if (asked < 0) return null;
        const after = items.slice(asked + 1).map((item) => item.innerText.trim());
        if (!after.length || (needle && !after.some((text) => text.includes(needle)))) return null;
        return after;
    }"""

    def greeting(self) -> str:
        """The assistant's first message, which a new conversation starts with."""
        first = self.page.locator("#webchat .rw-response:not(.rw-typing-indication *)").first
        first.wait_for(timeout=self.REPLY_TIMEOUT_MS)
        return first.inner_text()

    def answer_to(self, question: str, needle: str = "", settle_s: float = 0) -> list[str]:
        """The replies shown after `question`, waiting for the first (or one with `needle`),
        then, with `settle_s`, until no more came for that long: the assistant may answer in
        several messages, and the next question must not overtake them."""
        handle = self.page.wait_for_function(
            self._ANSWER, arg=[question, needle], timeout=self.REPLY_TIMEOUT_MS
        )
        answer = handle.json_value()
        settled_at = time.monotonic() + settle_s
        while time.monotonic() < settled_at:
            self.page.wait_for_timeout(100)
            latest = self.page.evaluate(self._ANSWER, [question, needle])
            if latest != answer:
                answer, settled_at = latest, time.monotonic() + settle_s
        return answer

    def choose_language(self, label: str) -> None:
        self.page.get_by_role("button", name=label, exact=True).click()

    def ask_by_topic(self, topic: str) -> None:
        self.page.click(f"button.topic[data-topic={topic}]")

    def type_question(self, text: str) -> None:
        box = self.page.locator("#webchat .rw-new-message")
        box.fill(text)
        box.press("Enter")

    def off_origin_requests(self, origin: str) -> list[str]:
        host = urlsplit(origin).netloc
        return [
            url
            for url in self.requests
            if not url.startswith("data:") and urlsplit(url).netloc != host
        ]

    def close(self) -> None:
        self.context.close()


def test_the_language_toggle_switches_texts_and_topics(browser: Any, site: Site) -> None:
    chat = ChatPage(browser, site.origin + "/webchat")
    try:
        page = chat.page
        assert page.locator("h1").inner_text() == "在线咨询助手"
        assert page.locator("html").get_attribute("lang") == "zh-CN"
        assert "养老金资格认证" in page.locator("button.topic").first.inner_text()
        assert page.locator(".hotline").inner_text().count("12333") == 1

        chat.choose_language("Tiếng Việt")
        assert page.locator("html").get_attribute("lang") == "vi"
        assert page.locator("h1").inner_text() == "Trợ lý hỏi đáp trực tuyến"
        topics = page.locator("button.topic").all_inner_texts()
        assert all(VIETNAMESE.search(text) and not HAN.search(text) for text in topics)
        assert "1900 9068" in page.locator(".hotline").inner_text()
        assert page.get_by_role("button", name="Tiếng Việt").get_attribute("aria-pressed") == (
            "true"
        )
        box = page.locator("#webchat .rw-new-message")
        assert box.get_attribute("placeholder") == "Nhập câu hỏi tại đây"
        assert page.get_by_role("textbox", name="Nhập câu hỏi tại đây").count() == 1
        assert page.locator("#webchat [role=log][aria-live=polite]").count() == 1

        page.reload()  # the choice is kept
        page.wait_for_selector("button.topic:enabled")
        assert page.locator("h1").inner_text() == "Trợ lý hỏi đáp trực tuyến"
        chat.choose_language("中文")
        assert page.locator("h1").inner_text() == "在线咨询助手"
        assert chat.errors == []
    finally:
        chat.close()


def test_topic_buttons_ask_in_the_chosen_language_and_buttons_show_as_buttons(
    browser: Any, site: Site
) -> None:
    before = len(site.assistant.received)
    chat = ChatPage(browser, site.origin + "/webchat")
    try:
        assert chat.greeting() == "您好！"
        greet = site.assistant.received[before]
        assert greet.text == '/greet{"language":"zh"}'  # the greeting, in the page's language
        chat.ask_by_topic("certification")
        [reply] = chat.answer_to("养老金资格认证怎么做？")
        assert "刷脸认证" in reply
        question = site.assistant.received[before + 1]
        assert question.text == "养老金资格认证怎么做？"
        assert question.metadata == {"language": "zh"}  # customData, as credentials.yml says
        assert question.input_channel == "socketio"

        # The assistant's buttons are buttons; a click sends the payload, shows the title.
        buttons = chat.page.locator("#webchat .rw-replies .rw-reply")
        assert buttons.all_inner_texts() == ["查询状态", "不用了"]
        buttons.first.click()
        assert chat.answer_to("查询状态", "身份证号")
        assert site.assistant.received[-1].text == "/affirm"
        # One conversation: the widget's persistent session id, not the socket's id.
        assert site.assistant.received[-1].sender_id == question.sender_id

        chat.choose_language("Tiếng Việt")
        chat.ask_by_topic("scam")
        asked = "Có người gọi xưng là cán bộ BHXH bảo tôi đọc mã OTP, có phải lừa đảo không?"
        assert chat.answer_to(asked, "VssID")
        assert site.assistant.received[-1].text == asked
        assert site.assistant.received[-1].metadata == {"language": "vi"}

        chat.type_question("còn giấy tờ gì nữa?")
        assert chat.answer_to("còn giấy tờ gì nữa?")
        assert site.assistant.received[-1].text == "còn giấy tờ gì nữa?"

        assert chat.off_origin_requests(site.origin) == []
        assert chat.errors == []
    finally:
        chat.close()


# --- with the real assistant ------------------------------------------------------------------


def test_the_assistant_answers_on_the_page_in_each_language(browser: Any, rest_url: str) -> None:
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(rest_url))
    chat = ChatPage(browser, origin + "/webchat")
    settle_s = 2.0  # a turn's messages come one after another
    try:
        # Chinese is the page's language for a zh-CN browser: the greeting and the topic too.
        assert detect(chat.greeting()) == "zh"
        chat.ask_by_topic("certification")
        chinese = "\n".join(chat.answer_to("养老金资格认证怎么做？", "认证", settle_s))
        assert HAN.search(chinese) and not VIETNAMESE.search(chinese)
        assert detect(chinese) == "zh"

        chat.choose_language("Tiếng Việt")
        chat.ask_by_topic("death")
        asked = "Người hưởng lương hưu mất thì gia đình báo cho bảo hiểm xã hội thế nào?"
        vietnamese = "\n".join(chat.answer_to(asked, settle_s=settle_s))
        assert VIETNAMESE.search(vietnamese) and not HAN.search(vietnamese)
        assert detect(vietnamese) == "vi"

        # Typed into the widget, in Chinese again while the page is in Vietnamese.
        typed = "有人打电话说是社保局的，让我说出短信验证码，是不是诈骗"
        chat.type_question(typed)
        scam = "\n".join(chat.answer_to(typed, "诈骗", settle_s))
        assert detect(scam) == "zh" and not VIETNAMESE.search(scam)

        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        chat.page.screenshot(path=str(SCREENSHOT), full_page=True)
        assert chat.off_origin_requests(origin) == []
        assert chat.errors == []
    finally:
        chat.close()
