"""The WeChat customer-service API: text messages to a user outside the 5-second passive
reply, with the access token cached, refreshed by one holder at a time, and renewed once
when WeChat says it expired."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Callable
from typing import Any

import aiohttp

logger = logging.getLogger(__name__)

# invalid credential (not the latest token), invalid access_token, access_token expired
TOKEN_ERRORS = frozenset({40001, 40014, 42001})
# Renew a token this long before WeChat's expiry (it lasts 7200 s), or at half its life.
REFRESH_MARGIN_S = 300.0


class WeChatApiError(RuntimeError):
    """A call that WeChat refused or that did not reach it; never carries a secret."""

    def __init__(self, what: str, errcode: int | None = None) -> None:
        super().__init__(what if errcode is None else f"{what}: errcode {errcode}")
        self.errcode = errcode


class WeChatApi:
    """One aiohttp session per channel, created on first use in the running loop."""

    def __init__(
        self,
        api_base: str,
        app_id: str,
        app_secret: str,
        *,
        timeout_s: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._api_base = api_base.rstrip("/")
        self._app_id = app_id
        self._app_secret = app_secret
        self._timeout = aiohttp.ClientTimeout(total=timeout_s)
        self._clock = clock
        self._session: aiohttp.ClientSession | None = None
        self._lock = asyncio.Lock()  # "one holder": one token request at a time
        self._token: str | None = None
        self._valid_until = 0.0

    @property
    def configured(self) -> bool:
        return bool(self._app_id and self._app_secret)

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=self._timeout)
        return self._session

    async def close(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None

    def _usable(self, stale: str | None) -> bool:
        token = self._token
        return token is not None and token != stale and self._clock() < self._valid_until

    async def access_token(self, stale: str | None = None) -> str:
        """The cached token, or a new one; ``stale`` is a token WeChat just refused, which is
        renewed unless another sender renewed it meanwhile."""
        if self._usable(stale):
            return self._token  # type: ignore[return-value]
        async with self._lock:
            if not self._usable(stale):
                await self._fetch_token()
            return self._token  # type: ignore[return-value]

    async def _fetch_token(self) -> None:
        if not self.configured:
            raise WeChatApiError("WECHAT_APP_ID and WECHAT_APP_SECRET are not set")
        params = {
            "grant_type": "client_credential",
            "appid": self._app_id,
            "secret": self._app_secret,
        }
        result = await self._call("GET", "/cgi-bin/token", params=params)
        token, expires_in = result.get("access_token"), result.get("expires_in", 7200)
        if not isinstance(token, str) or not token:
            raise WeChatApiError("no access token", _errcode(result))
        if not isinstance(expires_in, int | float) or expires_in <= 0:
            expires_in = 7200
        self._token = token
        self._valid_until = self._clock() + max(expires_in - REFRESH_MARGIN_S, expires_in / 2)
        logger.info("WeChat access token renewed, valid for %d s", expires_in)

    async def send_text(self, openid: str, content: str) -> None:
        """One text message through ``/cgi-bin/message/custom/send``; raises WeChatApiError."""
        payload = {"touser": openid, "msgtype": "text", "text": {"content": content}}
        token = await self.access_token()
        result = await self._send(token, payload)
        if _errcode(result) in TOKEN_ERRORS:
            logger.info("WeChat refused the access token (errcode %s): renewing", _errcode(result))
            token = await self.access_token(stale=token)
            result = await self._send(token, payload)
        if _errcode(result) != 0:
            raise WeChatApiError("message refused", _errcode(result))

    async def _send(self, token: str, payload: dict[str, Any]) -> dict[str, Any]:
        # WeChat wants the characters themselves, not \u escapes.
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        return await self._call(
            "POST",
            "/cgi-bin/message/custom/send",
            params={"access_token": token},
            data=body,
            headers={"Content-Type": "application/json; charset=utf-8"},
        )

    async def _call(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        # The URL carries the secret or the token: errors name the path only.
        try:
            async with self._client().request(method, self._api_base + path, **kwargs) as reply:
                if reply.status != 200:
                    raise WeChatApiError(f"{path} answered HTTP {reply.status}")
                result = json.loads(await reply.read())
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as error:
            raise WeChatApiError(f"{path} failed: {type(error).__name__}") from None
        if not isinstance(result, dict):
            raise WeChatApiError(f"{path} answered something other than a JSON object")
        return result


def _errcode(result: dict[str, Any]) -> int:
    try:
        return int(result.get("errcode", 0))
    except (TypeError, ValueError):
        return -1
