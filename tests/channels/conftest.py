"""Fixtures for channel tests: an event loop in a thread of its own, and a sanic app on
loopback that serves a given blueprint, so a test talks to a channel over real HTTP.

    def test_it(serve_blueprint, loop_thread):
        url = serve_blueprint(channel.blueprint(on_new_message), "/webhooks/mine")
        ...                                   # plain HTTP to f"{url}/webhook"
        loop_thread.run(some_coroutine())     # anything async, on the server's loop
"""

from __future__ import annotations

import asyncio
import socket
import threading
import uuid
from collections.abc import Callable, Coroutine, Iterator
from typing import Any, TypeVar

import pytest
from sanic import Blueprint, Sanic

T = TypeVar("T")


class LoopThread:
    """An asyncio loop running in a daemon thread; ``run`` waits for a coroutine on it."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self._thread.start()

    def run(self, coroutine: Coroutine[Any, Any, T], timeout: float = 30) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def close(self) -> None:
        """Cancel what is still running on the loop, then stop it."""

        async def cancel_the_rest() -> None:
            tasks = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

        self.run(cancel_the_rest())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout=10)
        self.loop.close()


@pytest.fixture
def loop_thread() -> Iterator[LoopThread]:
    thread = LoopThread()
    yield thread
    thread.close()


@pytest.fixture
def serve_blueprint(
    loop_thread: LoopThread, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[[Blueprint, str], str]]:
    """``serve_blueprint(blueprint, url_prefix)`` serves the blueprint on 127.0.0.1 (a free
    port) and returns its base URL, ``http://127.0.0.1:<port><url_prefix>``; the servers are
    stopped, with their after_server_stop listeners run, when the test ends."""
    # Sanic's test mode: apps may come and go in one process (its start-up rewrites sanic's
    # own code once, and fails on a second app otherwise).
    monkeypatch.setattr(Sanic, "test_mode", True)
    servers = []

    async def start(blueprint: Blueprint, url_prefix: str) -> str:
        app = Sanic(f"test_{uuid.uuid4().hex}")
        app.config.ACCESS_LOG = False
        app.blueprint(blueprint, url_prefix=url_prefix)
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        sock.listen(100)
        server = await app.create_server(sock=sock, return_asyncio_server=True)
        await server.startup()
        await server.before_start()
        await server.after_start()
        await server.start_serving()
        servers.append(server)
        return f"http://127.0.0.1:{sock.getsockname()[1]}{url_prefix}"

    async def stop(server: Any) -> None:
        await server.before_stop()
        server.close()
        await server.wait_closed()
        for connection in list(server.connections):  # keep-alive connections of the clients
            connection.close_if_idle()
        for _ in range(50):
            if not server.connections:
                break
            await asyncio.sleep(0.01)
        for connection in list(server.connections):
            connection.close()
        await server.after_stop()

    yield lambda blueprint, url_prefix: loop_thread.run(start(blueprint, url_prefix))
    for server in servers:
        loop_thread.run(stop(server))
