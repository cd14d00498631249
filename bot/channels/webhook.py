"""What every platform webhook needs: dropping the platform's retries of a message already
taken, refusing stale timestamps, and processing in the background once acknowledged."""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

logger = logging.getLogger(__name__)

# Platforms retry for a few minutes at most (WeChat three times within 15 s, Zalo briefly).
DEFAULT_TTL_S = 600.0
DEFAULT_MAX_IDS = 50_000
# How far a signed timestamp may be from our clock before the request counts as a replay.
MAX_CLOCK_SKEW_S = 300


class RecentIds:
    """Message ids seen in the last ``ttl_s`` seconds, at most ``max_ids`` of them."""

    def __init__(
        self,
        ttl_s: float = DEFAULT_TTL_S,
        max_ids: int = DEFAULT_MAX_IDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._ttl_s = ttl_s
        self._max_ids = max_ids
        self._clock = clock
        self._seen: OrderedDict[str, float] = OrderedDict()

    def first_time(self, message_id: str) -> bool:
        """True the first time an id is offered within the window; records it."""
        now = self._clock()
        while self._seen and (
            len(self._seen) >= self._max_ids or next(iter(self._seen.values())) < now - self._ttl_s
        ):
            self._seen.popitem(last=False)
        if message_id in self._seen:
            return False
        self._seen[message_id] = now
        return True


def is_fresh(timestamp: str | int | float, now: float | None = None) -> bool:
    """Whether a platform's timestamp (seconds or milliseconds since the epoch) is recent."""
    try:
        value = float(timestamp)
    except (TypeError, ValueError):
        return False
    if value > 1e11:  # milliseconds
        value /= 1000
    return abs((time.time() if now is None else now) - value) <= MAX_CLOCK_SKEW_S


class BackgroundTasks:
    """Tasks started after a webhook was acknowledged: kept referenced until done (asyncio
    keeps only weak references), and their failures logged instead of lost."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task] = set()

    def start(self, coroutine: Coroutine[Any, Any, Any], what: str) -> asyncio.Task:
        task = asyncio.ensure_future(coroutine)
        self._tasks.add(task)
        task.add_done_callback(lambda done: self._finished(done, what))
        return task

    def _finished(self, task: asyncio.Task, what: str) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            logger.error("%s failed", what, exc_info=task.exception())

    async def wait(self) -> None:
        """Until every task started so far has finished (for tests and shutdown)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)


OnNewMessage = Callable[..., Awaitable[Any]]
