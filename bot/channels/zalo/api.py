"""The Zalo OA message API and its tokens.

Replies are consultation (CS) messages: ``POST {api_base}/v3.0/oa/message/cs`` with the header
``access_token``. An access token lasts about 25 hours; it is renewed with the refresh token at
``POST {oauth_base}/v4/oa/access_token`` (header ``secret_key``: the app secret). A refresh token
works once and the old access token dies with the refresh, so the new pair is written to the
token file (atomically, mode 0600) before it is used, one refresh runs at a time, and the pair
in the file wins over the environment's at start: the environment holds only the first pair.

Errors are Zalo's ``{"error": <code>, "message": ...}`` in an HTTP 200. An expired token is
refreshed and the message sent once more; anything else (rate limit, quota, a user outside the
interaction window) is logged without personal data and the message is given up.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp

from bot.settings import ZaloSettings

logger = logging.getLogger(__name__)

# Access token invalid (-216) or expired (-220; -124 in Zalo's older error table).
TOKEN_ERRORS = frozenset({-216, -220, -124})
# Zalo's codes for limits: retrying at once cannot help, so the message is given up.
LIMIT_ERRORS = {
    -32: "the app or OA reached Zalo's API rate limit",
    -211: "the OA's message quota is used up",
    -218: "the limit of messages to this user is reached",
}
# The user cannot be sent consultation messages now (Zalo's interaction rules).
WINDOW_ERRORS = {
    -213: "the user does not follow the OA",
    -227: "the user's account is locked or has been inactive too long",
    -230: "the user has not interacted with the OA in the last 7 days",
    -232: "the user has not interacted with the OA, or the interaction expired",
    -244: "the user refuses this kind of message",
}
DEFAULT_TIMEOUT_S = 10.0
# A token whose expiry is known is renewed this long before it, rather than on a refusal.
DEFAULT_REFRESH_MARGIN_S = 600.0


def short_id(user_id: str) -> str:
    """A platform user id as logs may show it: enough to follow one conversation, not more."""
    return user_id[:4] + "…" if len(user_id) > 4 else user_id


@dataclass(frozen=True)
class TokenPair:
    access_token: str
    refresh_token: str
    expires_at: float | None = None  # seconds since the epoch, when Zalo said so


class TokenFile:
    """The current token pair as JSON in one file, replaced atomically, readable by its owner
    only."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> TokenPair | None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as error:
            logger.warning(
                "Zalo token file %s is unreadable (%s); using the configured pair",
                self.path,
                type(error).__name__,
            )
            return None
        access, refresh = data.get("access_token"), data.get("refresh_token")
        if not (isinstance(access, str) and isinstance(refresh, str) and access and refresh):
            logger.warning(
                "Zalo token file %s holds no token pair; using the configured pair", self.path
            )
            return None
        expires_at = data.get("expires_at")
        return TokenPair(
            access, refresh, float(expires_at) if isinstance(expires_at, int | float) else None
        )

    def save(self, pair: TokenPair) -> None:
        """Write the pair to a temporary file beside the real one, then rename it over: a
        reader sees the old pair or the new one, never half of one."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {
            "access_token": pair.access_token,
            "refresh_token": pair.refresh_token,
            "expires_at": pair.expires_at,
            "saved_at": time.time(),
        }
        descriptor, temporary = tempfile.mkstemp(
            dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp"
        )
        try:
            os.fchmod(descriptor, 0o600)
            with os.fdopen(descriptor, "w", encoding="utf-8") as file:
                json.dump(data, file)
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        directory = os.open(self.path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)


class ZaloApi:
    """Sends text messages for one OA, keeping its tokens fresh; one HTTP session."""

    def __init__(
        self,
        settings: ZaloSettings,
        *,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        refresh_margin_s: float = DEFAULT_REFRESH_MARGIN_S,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.settings = settings
        self._timeout = aiohttp.ClientTimeout(total=timeout_s)
        self._refresh_margin_s = refresh_margin_s
        self._clock = clock
        self._file = TokenFile(settings.token_file)
        self.tokens = self._file.load() or TokenPair(settings.access_token, settings.refresh_token)
        self._lock = asyncio.Lock()
        self._session: aiohttp.ClientSession | None = None
        self._rejected_refresh_token: str | None = None

    def _http(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=self._timeout)
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def send_text(self, user_id: str, text: str, quote_message_id: str | None) -> bool:
        """Send one text message; True once Zalo accepted it. Quoting the user's message makes
        it a reply to that message, which Zalo counts as such rather than as a message the OA
        starts (those are limited and may be charged)."""
        message: dict[str, str] = {"text": text}
        if quote_message_id:
            message["quote_message_id"] = quote_message_id
        body = {"recipient": {"user_id": user_id}, "message": message}
        token = await self._current_token()
        code, reason = await self._post_message(token, body)
        if code in TOKEN_ERRORS:
            if not await self.refresh(token):
                logger.error(
                    "Zalo reply to %s not sent: the access token was refused and "
                    "could not be renewed",
                    short_id(user_id),
                )
                return False
            code, reason = await self._post_message(self.tokens.access_token, body)
            if code in TOKEN_ERRORS:
                logger.error(
                    "Zalo reply to %s not sent: the renewed access token was refused "
                    "too (error %s); giving up",
                    short_id(user_id),
                    code,
                )
                return False
        if code == 0:
            return True
        if code in LIMIT_ERRORS:
            why = LIMIT_ERRORS[code]
        elif code in WINDOW_ERRORS:
            why = WINDOW_ERRORS[code]
        else:
            why = reason
        logger.warning(
            "Zalo reply to %s not sent, not retried: %s (error %s)", short_id(user_id), why, code
        )
        return False

    async def _current_token(self) -> str:
        pair = self.tokens
        due = pair.expires_at is not None and pair.expires_at - self._refresh_margin_s
        if due and self._clock() >= due:
            await self.refresh(pair.access_token)
        return self.tokens.access_token

    async def _post_message(self, token: str, body: dict[str, Any]) -> tuple[int | None, str]:
        """Zalo's error code for one send (0 is success), or None and why when there was no
        usable answer."""
        url = f"{self.settings.api_base}/v3.0/oa/message/cs"
        try:
            async with self._http().post(url, json=body, headers={"access_token": token}) as reply:
                if reply.status != 200:
                    return None, f"HTTP {reply.status} from the message API"
                answer = await reply.json(content_type=None)
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as error:
            return None, f"the message API failed ({type(error).__name__})"
        code = answer.get("error") if isinstance(answer, dict) else None
        if not isinstance(code, int) or isinstance(code, bool):
            return None, "the message API gave no error code"
        return code, str(answer.get("message", ""))[:200]

    async def refresh(self, rejected_access_token: str) -> bool:
        """Renew the token pair unless another task already replaced ``rejected_access_token``;
        True when a usable access token is in place."""
        async with self._lock:
            pair = self.tokens
            if pair.access_token != rejected_access_token:
                return True  # renewed while this task waited for the lock
            if not (self.settings.app_secret and self.settings.app_id and pair.refresh_token):
                logger.error(
                    "Zalo access token cannot be renewed: ZALO_APP_ID, ZALO_APP_SECRET "
                    "or a refresh token is missing"
                )
                return False
            if pair.refresh_token == self._rejected_refresh_token:
                return False  # Zalo refused it already; asking again cannot help
            new_pair = await self._request_pair(pair.refresh_token)
            if new_pair is None:
                return False
            try:
                await asyncio.to_thread(self._file.save, new_pair)
            except OSError as error:
                # The old refresh token is spent: keep the new pair in memory all the same.
                logger.error(
                    "Zalo token file %s could not be written (%s): the renewed tokens "
                    "will be lost at restart",
                    self._file.path,
                    type(error).__name__,
                )
            self.tokens = new_pair
            logger.info("Zalo access token renewed")
            return True

    async def _request_pair(self, refresh_token: str) -> TokenPair | None:
        url = f"{self.settings.oauth_base}/v4/oa/access_token"
        form = {
            "refresh_token": refresh_token,
            "app_id": self.settings.app_id,
            "grant_type": "refresh_token",
        }
        try:
            async with self._http().post(
                url, data=form, headers={"secret_key": self.settings.app_secret}
            ) as reply:
                status = reply.status
                answer = await reply.json(content_type=None)
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as error:
            logger.error("Zalo token renewal failed: %s", type(error).__name__)
            return None
        if not isinstance(answer, dict):
            answer = {}
        access, refresh = answer.get("access_token"), answer.get("refresh_token")
        if status == 200 and isinstance(access, str) and isinstance(refresh, str) and access:
            return TokenPair(access, refresh, self._expiry(answer.get("expires_in")))
        if status == 200 or answer.get("error") is not None:
            self._rejected_refresh_token = refresh_token
        logger.error(
            "Zalo refused to renew the access token (HTTP %s, error %s: %s); replies "
            "cannot be sent until the token file or ZALO_REFRESH_TOKEN holds a valid "
            "pair",
            status,
            answer.get("error"),
            str(answer.get("error_name", ""))[:100],
        )
        return None

    def _expiry(self, expires_in: Any) -> float | None:
        try:
            seconds = float(expires_in)  # Zalo sends it as a string of seconds
        except (TypeError, ValueError):
            return None
        return self._clock() + seconds if seconds > 0 else None
