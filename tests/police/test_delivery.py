"""Reports reach the police whatever goes wrong on the way, against real servers on loopback:
the reference intake (aiohttp), a failing and a hanging intake, an SMTP server (aiosmtpd)."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web
from aiosmtpd.controller import Controller

from actions.police import file_report, outbox
from actions.police.delivery import IDEMPOTENCY_HEADER, SIGNATURE_HEADER, signature
from actions.police.receiver import received
from actions.police.routes import Route
from actions.police.worker import Worker
from bot.settings import PROJECT_DIR, Settings
from tests.police.conftest import SECRET, Server, free_port, http_route, report


def worker_settings(**env: str) -> Settings:
    return Settings.from_env(
        {"HOTLINE_OUTBOX_BACKOFF_S": "0.05", "HOTLINE_OUTBOX_MAX_ATTEMPTS": "50",
         "HOTLINE_DELIVERY_TIMEOUT_S": "2", "HOTLINE_OUTBOX_LEASE_S": "30", **env}
    )  # fmt: skip


def deliver_until(worker: Worker, done, timeout_s: float = 30) -> None:
    """Run the worker's passes until ``done()`` holds."""

    async def passes() -> None:
        async with aiohttp.ClientSession() as session:
            deadline = time.monotonic() + timeout_s
            while not done():
                assert time.monotonic() < deadline, "not done in time"
                await worker.run_once(session)
                await asyncio.sleep(0.05)

    asyncio.run(passes())


def statuses(database) -> list[str]:
    return [row["status"] for row in outbox.listing(database)]


def test_reports_filed_while_the_intake_is_down_arrive_once_when_it_is_back(
    database, start_intake, intake_port, inbox
) -> None:
    routes = [http_route(intake_port)]
    filed = [
        file_report(database, report(urgent=n % 2 == 0), routes, f"c{n}", f"c{n}:1")
        for n in range(5)
    ]
    worker = Worker(database, routes, worker_settings())
    deliver_until(worker, lambda: all(r["attempts"] >= 2 for r in outbox.listing(database)))
    assert set(statuses(database)) == {"pending"}
    start_intake()
    deliver_until(worker, lambda: set(statuses(database)) == {"delivered"})
    kept = received(inbox)
    assert sorted(r["report"]["reference"] for r in kept) == sorted(f.reference for f in filed)
    assert kept[0]["report"]["victim_phone"] == "13912345678"


def run_worker_process(db_url: str, routes_file: Path) -> subprocess.Popen:
    env = {
        **os.environ, "HOTLINE_DB_URL": db_url, "HOTLINE_POLICE_ROUTES": str(routes_file),
        "TEST_INTAKE_SECRET": SECRET, "HOTLINE_OUTBOX_LEASE_S": "1",
        "HOTLINE_OUTBOX_BACKOFF_S": "0.1", "HOTLINE_DELIVERY_TIMEOUT_S": "30",
    }  # fmt: skip
    command = [sys.executable, "-m", "actions.police", "worker"]
    return subprocess.Popen(command, cwd=PROJECT_DIR, env=env)


def wait_for(condition, timeout_s: float = 30) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.1)


def test_a_worker_killed_mid_delivery_delivers_after_restart_without_a_duplicate(
    sqlite_database, start_intake, intake_port, inbox, tmp_path
) -> None:
    routes_file = tmp_path / "routes.yml"
    routes_file.write_text(
        "routes:\n  - name: intake\n    country: CN\n    http:\n"
        f"      url: http://127.0.0.1:{intake_port}/intake\n"
        "      secret_env: TEST_INTAKE_SECRET\n"
    )
    # The intake keeps the report, then takes its time to answer: the worker dies meanwhile.
    start_intake(delay_answer_s=4)
    filed = file_report(sqlite_database, report(), [http_route(intake_port)], "c", "c:1")
    first = run_worker_process(str(sqlite_database.url), routes_file)
    try:
        wait_for(lambda: len(received(inbox)) == 1)
        first.send_signal(signal.SIGKILL)
        first.wait(10)
        assert statuses(sqlite_database) == ["pending"]
    finally:
        first.kill()
    second = run_worker_process(str(sqlite_database.url), routes_file)
    try:
        wait_for(lambda: statuses(sqlite_database) == ["delivered"])
    finally:
        second.terminate()
        second.wait(10)
    [kept] = received(inbox)
    assert kept["report"]["reference"] == filed.reference


def test_a_hanging_intake_holds_up_neither_filing_nor_other_deliveries(
    sqlite_database, start_intake, intake_port, inbox
) -> None:
    async def hang(_: web.Request) -> web.Response:
        await asyncio.sleep(3600)
        return web.Response()

    hanging_app = web.Application()
    hanging_app.router.add_post("/intake", hang)
    hanging = Server(hanging_app, free_port()).start()
    start_intake()
    try:
        routes = [http_route(hanging.port, "hanging"), http_route(intake_port, "working")]
        # Two routes for one country: the report goes to both.
        routes = [Route(r.name, "CN", ("北京",), r.url, r.secret) for r in routes]
        filed = file_report(sqlite_database, report(), routes, "c", "c:1")
        worker = Worker(sqlite_database, routes, worker_settings(HOTLINE_DELIVERY_TIMEOUT_S="0.5"))
        deliver_until(
            worker,
            lambda: any(
                r["attempts"] >= 1
                for r in outbox.listing(sqlite_database)
                if r["route"] == "hanging"
            ),
        )
        by_route = {r["route"]: r for r in outbox.listing(sqlite_database)}
        assert by_route["working"]["status"] == "delivered"
        assert by_route["hanging"]["status"] == "pending"
        assert "Timeout" in by_route["hanging"]["last_error"]
        # Filing never touches the network: it is done while the intake still hangs.
        again = file_report(sqlite_database, report(), routes, "c", "c:2")
        assert again.reference != filed.reference
    finally:
        hanging.stop()


class Mailbox:
    def __init__(self) -> None:
        self.messages: list = []

    async def handle_DATA(self, server, session, envelope) -> str:
        self.messages.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp() -> tuple[Mailbox, int]:
    mailbox, port = Mailbox(), free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield mailbox, port
    controller.stop()


def test_an_email_route_delivers_the_report_as_mail(sqlite_database, smtp) -> None:
    mailbox, port = smtp
    routes = [Route("hanoi", "VN", (), email_to="tiepnhan@police.example.vn")]
    filed = file_report(sqlite_database, report(country="VN", region="Hà Nội"), routes, "c", "k")
    worker = Worker(sqlite_database, routes, worker_settings(HOTLINE_SMTP_PORT=str(port)))
    deliver_until(worker, lambda: statuses(sqlite_database) == ["delivered"])
    [mail] = mailbox.messages
    text = mail.content.decode()
    assert mail.rcpt_tos == ["tiepnhan@police.example.vn"]
    assert f"[URGENT] Fraud report {filed.reference}" in text
    assert "victim_phone: 13912345678" in text


def test_an_undeliverable_report_goes_dead_and_raises_an_alert(
    sqlite_database, smtp, caplog
) -> None:
    async def refuse(_: web.Request) -> web.Response:
        return web.json_response({"error": "intake broken"}, status=500)

    broken_app = web.Application()
    broken_app.router.add_post("/intake", refuse)
    broken = Server(broken_app, free_port()).start()
    mailbox, port = smtp
    try:
        routes = [http_route(broken.port)]
        filed = file_report(sqlite_database, report(), routes, "c", "k")
        settings = worker_settings(
            HOTLINE_OUTBOX_MAX_ATTEMPTS="3", HOTLINE_SMTP_PORT=str(port),
            HOTLINE_ALERT_EMAIL="duty-officer@agency.example",
        )  # fmt: skip
        worker = Worker(sqlite_database, routes, settings)
        with caplog.at_level(logging.ERROR):
            deliver_until(worker, lambda: statuses(sqlite_database) == ["dead"])
    finally:
        broken.stop()
    [row] = outbox.listing(sqlite_database)
    assert row["attempts"] == 3 and "HTTP 500" in row["last_error"]
    assert any("ALERT" in r.message and filed.reference in r.message for r in caplog.records)
    [alert] = mailbox.messages
    assert alert.rcpt_tos == ["duty-officer@agency.example"]
    assert f"retry {row['id']}" in alert.content.decode()


def post(url: str, body: bytes, headers: dict) -> tuple[int, dict]:
    request = urllib.request.Request(url, body, headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def test_the_intake_checks_signatures_and_keeps_each_report_once(
    start_intake, intake_port, inbox
) -> None:
    start_intake()
    url = f"http://127.0.0.1:{intake_port}/intake"
    body = json.dumps({"reference": "FR-1"}).encode()
    now = int(time.time())
    good = {SIGNATURE_HEADER: signature(SECRET, now, body), IDEMPOTENCY_HEADER: "FR-1:intake"}
    assert post(url, body, {**good, SIGNATURE_HEADER: signature("wrong", now, body)})[0] == 401
    stale = signature(SECRET, now - 3600, body)
    assert post(url, body, {**good, SIGNATURE_HEADER: stale})[0] == 401
    assert post(url, body, {SIGNATURE_HEADER: good[SIGNATURE_HEADER]})[0] == 400
    assert post(url, body + b" ", good)[0] == 401  # the body was changed on the way
    assert post(url, body, good) == (201, {"status": "received"})
    assert post(url, body, good) == (200, {"status": "duplicate"})
    assert len(received(inbox)) == 1
