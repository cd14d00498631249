"""A loopback fake of WeChat's API (aiohttp, 127.0.0.1, a free port) that enforces access
tokens as WeChat does: issued by ``/cgi-bin/token`` for the right appid and secret, expiring
after ``token_ttl_s``, an older token kept valid only ``overlap_s`` after a newer one is
issued; 42001 for an expired token, 40001 for an unknown one, 41001 for none. It counts token
requests and records the customer-service messages it accepted."""

from __future__ import annotations

import asyncio
import contextlib
import json
import secrets
import time
from dataclasses import dataclass

from aiohttp import web

MAX_TEXT_BYTES = 2048


@dataclass(frozen=True)
class Sent:
    touser: str
    content: str


class FakeWeChatApi:
    def __init__(
        self,
        app_id: str,
        app_secret: str,
        *,
        token_ttl_s: int = 7200,
        overlap_s: float = 300,
        token_delay_s: float = 0.0,
    ) -> None:
        self.app_id = app_id
        self.app_secret = app_secret
        self.token_ttl_s = token_ttl_s
        self.overlap_s = overlap_s
        self.token_delay_s = token_delay_s  # how long /cgi-bin/token takes to answer
        self.accept_tokens = True  # False: every token gets 40001, even a new one
        self.token_requests = 0
        self.send_requests = 0
        self.sent: list[Sent] = []
        self._tokens: dict[str, float] = {}  # token → when it expires (monotonic)
        self._runner: web.AppRunner | None = None
        self._arrived: asyncio.Event | None = None
        self.url = ""

    async def start(self) -> str:
        app = web.Application()
        app.router.add_get("/cgi-bin/token", self._token)
        app.router.add_post("/cgi-bin/message/custom/send", self._send)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self._arrived = asyncio.Event()
        self.url = f"http://127.0.0.1:{port}"
        return self.url

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def expire_tokens(self) -> None:
        """Every token issued so far expires now (as after 7200 s)."""
        self._tokens = dict.fromkeys(self._tokens, 0.0)

    def forget_tokens(self) -> None:
        """WeChat no longer knows the tokens issued so far (another server fetched new ones
        and the overlap passed): they get 40001."""
        self._tokens.clear()

    def messages_to(self, openid: str) -> list[str]:
        return [sent.content for sent in self.sent if sent.touser == openid]

    async def wait_for_messages(
        self, openid: str, count: int = 1, timeout: float = 10
    ) -> list[str]:
        """The messages to ``openid`` once there are ``count`` of them (TimeoutError if not)."""
        assert self._arrived is not None
        deadline = time.monotonic() + timeout
        while len(self.messages_to(openid)) < count:
            self._arrived.clear()
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"{len(self.messages_to(openid))} of {count} messages")
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._arrived.wait(), remaining)
        return self.messages_to(openid)

    async def _token(self, request: web.Request) -> web.Response:
        self.token_requests += 1
        query = request.query
        if query.get("grant_type") != "client_credential":
            return _error(40002, "invalid grant_type")
        if query.get("appid") != self.app_id:
            return _error(40013, "invalid appid")
        if query.get("secret") != self.app_secret:
            return _error(40125, "invalid appsecret")
        if self.token_delay_s:
            await asyncio.sleep(self.token_delay_s)
        now = time.monotonic()
        for token, expires in self._tokens.items():  # the older ones live on a little
            self._tokens[token] = min(expires, now + self.overlap_s)
        token = secrets.token_urlsafe(48)
        self._tokens[token] = now + self.token_ttl_s
        return web.json_response({"access_token": token, "expires_in": self.token_ttl_s})

    async def _send(self, request: web.Request) -> web.Response:
        self.send_requests += 1
        token = request.query.get("access_token")
        if not token:
            return _error(41001, "access_token missing")
        if token not in self._tokens or not self.accept_tokens:
            return _error(40001, "invalid credential, access_token is invalid or not latest")
        if self._tokens[token] <= time.monotonic():
            return _error(42001, "access_token expired")
        try:
            payload = json.loads(await request.read())
            touser, msgtype = payload["touser"], payload["msgtype"]
            content = payload["text"]["content"]
        except (ValueError, KeyError, TypeError):
            return _error(47001, "data format error")
        if msgtype != "text" or not isinstance(touser, str) or not isinstance(content, str):
            return _error(47001, "data format error")
        if len(content.encode("utf-8")) > MAX_TEXT_BYTES:
            return _error(45002, "content size out of limit")
        self.sent.append(Sent(touser, content))
        assert self._arrived is not None
        self._arrived.set()
        return web.json_response({"errcode": 0, "errmsg": "ok"})


def _error(errcode: int, errmsg: str) -> web.Response:
    return web.json_response({"errcode": errcode, "errmsg": errmsg})
