"""Real servers on loopback for the police deliveries: the reference intake (aiohttp), an
intake that hangs or fails, and an SMTP server (aiosmtpd)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiohttp import web

from actions.police import FraudReport
from actions.police.receiver import app as intake_app
from actions.police.routes import Route
from bot.launcher import free_port

SECRET = "test-intake-key"


class Server:
    """An aiohttp application served from its own thread until stopped."""

    def __init__(self, application: web.Application, port: int) -> None:
        self.application, self.port = application, port
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.runner = web.AppRunner(application)

    def start(self) -> Server:
        self.thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self.loop).result(10)
        return self

    async def _start(self) -> None:
        await self.runner.setup()
        await web.TCPSite(self.runner, "127.0.0.1", self.port).start()

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self.runner.cleanup(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)


@pytest.fixture
def intake_port() -> int:
    return free_port()


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    return tmp_path / "inbox"


@pytest.fixture
def start_intake(intake_port: int, inbox: Path) -> Iterator:
    """Start the reference intake (when the test decides); stopped at the end."""
    servers: list[Server] = []

    def start(delay_answer_s: float = 0.0) -> Server:
        application = intake_app(SECRET, inbox)
        if delay_answer_s:  # keeps the report, then is slow to say so

            @web.middleware
            async def slow(request: web.Request, handler):
                response = await handler(request)
                await asyncio.sleep(delay_answer_s)
                return response

            application.middlewares.append(slow)
        servers.append(Server(application, intake_port).start())
        return servers[-1]

    yield start
    for server in servers:
        server.stop()


def http_route(port: int, name: str = "intake", country: str = "CN") -> Route:
    return Route(name=name, country=country, url=f"http://127.0.0.1:{port}/intake", secret=SECRET)


def report(**changes: object) -> FraudReport:
    values = {
        "what_happened": "自称公安让我转账到安全账户", "when": "今天上午", "when_at": None,
        "scammer_contacts": "13800001111 6222 0000 1111 2222", "phones": ["13800001111"],
        "accounts": ["6222000011112222"], "loss": "5万元 手机银行转账", "amount": "50000",
        "victim_name": "李测试", "victim_phone": "13912345678", "region": "北京市",
        "country": "CN", "language": "zh", "urgent": True,
    }  # fmt: skip
    return FraudReport(**(values | changes))
