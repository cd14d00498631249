"""A Zalo platform on loopback for the channel's tests: it signs webhook pushes as Zalo does,
and serves the OA message API and the OAuth token endpoint with Zalo's rules.

- Access tokens expire (``expire_access_token``, or their lifetime), and every refresh kills
  the previous access token at once, as Zalo's does.
- A refresh token works once: presenting a used or unknown one is refused.
- The message API answers HTTP 200 with ``{"error": 0, ...}`` or an error code: -216 for an
  unknown or superseded token, ``expired_code`` for an expired one, -210 for a text over 2000
  characters, -201 for a malformed request, or whatever ``fail_user`` scripted for a user.
- Every send and every refresh is recorded; ``wait_for_messages`` waits for deliveries.

The signature is computed here independently of the channel's code: ``mac=`` and the SHA-256
hex of app id + raw body + timestamp + OA secret key (Zalo OA webhook docs).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import secrets
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import web

from bot.settings import ZaloSettings

TEXT_LIMIT = 2000
TOKEN_LIFETIME_S = 90_000  # Zalo's access tokens last 25 hours


@dataclass(frozen=True)
class SentMessage:
    user_id: str
    text: str
    quote_message_id: str | None
    access_token: str


@dataclass
class _Token:
    expires_at: float
    alive: bool = True  # False once a newer token was issued


@dataclass
class Attempt:
    """One call of the message API, successful or not."""

    user_id: str | None
    access_token: str
    error: int


@dataclass
class FakeZalo:
    app_id: str = "4291763606161179100"
    app_secret: str = "fake-app-secret"
    oa_secret_key: str = "fake-oa-secret-key"
    oa_id: str = "388613280878808645"
    expired_code: int = -216
    refresh_delay_s: float = 0.0
    sent: list[SentMessage] = field(default_factory=list)
    attempts: list[Attempt] = field(default_factory=list)
    refresh_requests: list[str] = field(default_factory=list)
    refreshes: int = 0

    def __post_init__(self) -> None:
        self._condition = threading.Condition()
        self._access: dict[str, _Token] = {}
        self._refresh_tokens: set[str] = set()
        self._failures: dict[str, tuple[int, str]] = {}
        self.access_token, self.refresh_token = self._issue()
        self.initial_pair = (self.access_token, self.refresh_token)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._runner: web.AppRunner | None = None
        self.port = 0

    # --- running -------------------------------------------------------------------------

    def start(self) -> FakeZalo:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(10)
        return self

    async def _start(self) -> None:
        app = web.Application()
        app.router.add_post("/v3.0/oa/message/cs", self._send_message)
        app.router.add_post("/v4/oa/access_token", self._access_token)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]

    def stop(self) -> None:
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def env(self, token_file: Path) -> dict[str, str]:
        """The ZALO_* variables of a channel that talks to this fake, with its first pair."""
        return {
            "ZALO_APP_ID": self.app_id,
            "ZALO_OA_SECRET_KEY": self.oa_secret_key,
            "ZALO_APP_SECRET": self.app_secret,
            "ZALO_ACCESS_TOKEN": self.initial_pair[0],
            "ZALO_REFRESH_TOKEN": self.initial_pair[1],
            "ZALO_TOKEN_FILE": str(token_file),
            "ZALO_API_BASE": self.base_url,
            "ZALO_OAUTH_BASE": self.base_url,
        }

    def settings(self, token_file: Path) -> ZaloSettings:
        return ZaloSettings.from_env(self.env(token_file))

    # --- scripting -----------------------------------------------------------------------

    def _issue(self) -> tuple[str, str]:
        for token in self._access.values():
            token.alive = False
        access, refresh = secrets.token_urlsafe(24), secrets.token_urlsafe(32)
        self._access[access] = _Token(time.time() + TOKEN_LIFETIME_S)
        self._refresh_tokens = {refresh}
        return access, refresh

    def expire_access_token(self) -> None:
        """The current access token expires now."""
        with self._condition:
            self._access[self.access_token].expires_at = time.time() - 1

    def fail_user(self, user_id: str, code: int, message: str = "scripted failure") -> None:
        """Every send to this user answers with this error code from now on."""
        with self._condition:
            self._failures[user_id] = (code, message)

    def attempts_for(self, user_id: str) -> list[Attempt]:
        with self._condition:
            return [attempt for attempt in self.attempts if attempt.user_id == user_id]

    def messages_to(self, user_id: str) -> list[SentMessage]:
        with self._condition:
            return [message for message in self.sent if message.user_id == user_id]

    def wait_for_messages(
        self, count: int, user_id: str | None = None, timeout: float = 10
    ) -> list[SentMessage]:
        """The messages delivered (to one user, or to anyone), once there are ``count``."""

        def matching() -> list[SentMessage]:
            return [m for m in self.sent if user_id is None or m.user_id == user_id]

        with self._condition:
            if not self._condition.wait_for(lambda: len(matching()) >= count, timeout):
                raise AssertionError(f"{len(matching())} of {count} messages after {timeout} s")
            return matching()

    # --- Zalo's side of a webhook ----------------------------------------------------------

    def sign(self, body: bytes, timestamp: str, app_id: str | None = None, key: str | None = None):
        data = (app_id or self.app_id).encode() + body + timestamp.encode()
        return "mac=" + hashlib.sha256(data + (key or self.oa_secret_key).encode()).hexdigest()

    def event(self, event_name: str, user_id: str, **fields: Any) -> dict[str, Any]:
        """A push as Zalo sends it, ``timestamp`` in milliseconds (now unless given)."""
        timestamp = fields.pop("timestamp", str(int(time.time() * 1000)))
        push: dict[str, Any] = {"app_id": fields.pop("app_id", self.app_id)}
        if event_name in ("follow", "unfollow"):
            push.update(oa_id=self.oa_id, follower={"id": user_id}, source="oa_profile")
        else:
            push.update(sender={"id": user_id}, recipient={"id": self.oa_id})
        push.update(event_name=event_name, user_id_by_app="5521772797" + user_id[-6:])
        push.update(fields)
        push["timestamp"] = timestamp
        return push

    def text_event(self, user_id: str, text: str, msg_id: str | None = None, **fields: Any):
        message = {"text": text, "msg_id": msg_id or secrets.token_hex(10)}
        return self.event("user_send_text", user_id, message=message, **fields)

    def signed(self, push: dict[str, Any], **sign: str) -> tuple[bytes, dict[str, str]]:
        body = json.dumps(push, ensure_ascii=False).encode()
        timestamp = str(push.get("timestamp", ""))
        header = self.sign(body, timestamp, **sign)
        return body, {"Content-Type": "application/json", "X-ZEvent-Signature": header}

    @staticmethod
    def post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, Any]:
        """POST as Zalo does; the status and the JSON answer."""
        request = urllib.request.Request(url, body, headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=30) as reply:
                return reply.status, json.load(reply)
        except urllib.error.HTTPError as error:
            return error.code, json.load(error)

    def push(self, url: str, push: dict[str, Any], **sign: str) -> tuple[int, Any]:
        return self.post(url, *self.signed(push, **sign))

    # --- the APIs --------------------------------------------------------------------------

    async def _send_message(self, request: web.Request) -> web.Response:
        token = request.headers.get("access_token", "")
        try:
            payload = await request.json()
            user_id = payload["recipient"]["user_id"]
            message = payload["message"]
            text, quote = message["text"], message.get("quote_message_id")
            assert isinstance(user_id, str) and isinstance(text, str)
            assert quote is None or isinstance(quote, str)
        except (ValueError, KeyError, TypeError, AssertionError):
            return self._record(None, token, -201, "Parameters are invalid")
        with self._condition:
            known = self._access.get(token)
            if known is None or not known.alive:
                return self._record(user_id, token, -216, "Access token is invalid")
            if known.expires_at <= time.time():
                return self._record(user_id, token, self.expired_code, "Access token expired")
            if user_id in self._failures:
                return self._record(user_id, token, *self._failures[user_id])
            if len(text.encode("utf-16-le")) // 2 > TEXT_LIMIT or not text.strip():
                return self._record(user_id, token, -210, "Text is empty or over the limit")
            self.sent.append(SentMessage(user_id, text, quote, token))
            self._condition.notify_all()
            return self._record(user_id, token, 0, "Success")

    def _record(self, user_id: str | None, token: str, code: int, message: str) -> web.Response:
        with self._condition:
            self.attempts.append(Attempt(user_id, token, code))
        answer: dict[str, Any] = {"error": code, "message": message}
        if code == 0:
            answer["data"] = {
                "message_id": secrets.token_hex(16),
                "user_id": user_id,
                "quota": {"quota_type": "reply"},
            }
        return web.json_response(answer)

    async def _access_token(self, request: web.Request) -> web.Response:
        form = await request.post()
        refresh_token = str(form.get("refresh_token", ""))
        with self._condition:
            self.refresh_requests.append(refresh_token)
        if self.refresh_delay_s:
            await asyncio.sleep(self.refresh_delay_s)  # the OAuth server's latency
        if request.headers.get("secret_key") != self.app_secret:
            return self._oauth_error(-14014, "Invalid secret key")
        if form.get("app_id") != self.app_id or form.get("grant_type") != "refresh_token":
            return self._oauth_error(-14003, "Invalid parameter")
        with self._condition:
            if refresh_token not in self._refresh_tokens:
                return self._oauth_error(-14020, "Invalid refresh token")
            self.access_token, self.refresh_token = self._issue()
            self.refreshes += 1
            pair = {"access_token": self.access_token, "refresh_token": self.refresh_token}
        return web.json_response({**pair, "expires_in": str(TOKEN_LIFETIME_S)})

    @staticmethod
    def _oauth_error(code: int, name: str) -> web.Response:
        # Zalo's OAuth errors are negative codes with a name and a description; the codes here
        # are the fake's own.
        return web.json_response(
            {"error": code, "error_name": name, "error_description": name, "error_reason": name}
        )
