"""The outbox on SQLite and on PostgreSQL: filing, claiming, retrying, giving up."""

import datetime as dt
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

from actions.police import file_report, outbox
from bot.settings import PROJECT_DIR
from tests.police.conftest import http_route, report

ROUTES = [http_route(1, "cn-intake"), http_route(1, "vn-intake", country="VN")]


def test_the_same_submission_twice_is_one_report(database) -> None:
    first = file_report(database, report(), ROUTES, "conv-1", "conv-1:7")
    again = file_report(database, report(), ROUTES, "conv-1", "conv-1:7")
    assert again.reference == first.reference and again.already_filed
    assert first.routes == ["cn-intake"]
    assert len(outbox.listing(database)) == 1


def test_urgent_reports_are_claimed_first(database) -> None:
    calm = file_report(database, report(urgent=False), ROUTES, "c", "calm")
    urgent = file_report(database, report(urgent=True), ROUTES, "c", "urgent")
    claimed = outbox.claim(database, 10, 60)
    assert [d.reference for d in claimed] == [urgent.reference, calm.reference]


def test_a_claim_is_a_lease(database) -> None:
    file_report(database, report(), ROUTES, "c", "k")
    at = outbox.now()
    assert len(outbox.claim(database, 10, 60, at)) == 1
    assert outbox.claim(database, 10, 60, at + dt.timedelta(seconds=30)) == []
    # The worker holding it died: after the lease another one takes it up.
    assert len(outbox.claim(database, 10, 60, at + dt.timedelta(seconds=61))) == 1


def test_failures_back_off_then_the_delivery_is_dead_until_retried(database) -> None:
    file_report(database, report(), ROUTES, "c", "k")
    for attempt in range(1, 4):
        [delivery] = outbox.claim(database, 10, 60, outbox.now() + dt.timedelta(hours=attempt))
        dead = outbox.failed(database, delivery, "HTTP 500", max_attempts=3, backoff_s=2)
        assert dead == (attempt == 3)
    [row] = outbox.listing(database)
    assert (row["status"], row["attempts"], row["last_error"]) == ("dead", 3, "HTTP 500")
    assert outbox.claim(database, 10, 60, outbox.now() + dt.timedelta(days=1)) == []
    assert outbox.retry(database, row["id"])
    assert len(outbox.claim(database, 10, 60)) == 1


def test_the_wait_before_a_retry_doubles_each_time(database) -> None:
    file_report(database, report(), ROUTES, "c", "k")
    waits = []
    for attempt in range(1, 4):
        [delivery] = outbox.claim(database, 10, 60, outbox.now() + dt.timedelta(hours=attempt))
        before = outbox.now()
        outbox.failed(database, delivery, "timeout", max_attempts=10, backoff_s=2)
        [row] = outbox.listing(database)
        waits.append(round((row["next_attempt_at"] - before).total_seconds()))
    assert waits == [2, 4, 8]


def test_concurrent_workers_never_claim_the_same_delivery(database) -> None:
    for n in range(30):
        file_report(database, report(), ROUTES, "c", f"k{n}")
    claimed: list[int] = []
    with ThreadPoolExecutor(4) as pool:
        while len(claimed) < 30:
            batches = list(pool.map(lambda _: outbox.claim(database, 5, 60), range(4)))
            assert any(batches), "deliveries are due but none could be claimed"
            claimed += [d.id for batch in batches for d in batch]
    assert len(claimed) == len(set(claimed)) == 30


def police_cli(*args: str, db_url: str) -> subprocess.CompletedProcess:
    env = {"HOTLINE_DB_URL": db_url, "PATH": "/usr/bin:/bin"}
    command = [sys.executable, "-m", "actions.police", *args]
    return subprocess.run(command, cwd=PROJECT_DIR, env=env, capture_output=True, text=True)


def test_staff_list_the_outbox_and_requeue_a_dead_delivery(sqlite_database) -> None:
    filed = file_report(sqlite_database, report(), ROUTES, "c", "k")
    [delivery] = outbox.claim(sqlite_database, 10, 60)
    outbox.failed(sqlite_database, delivery, "HTTP 503", max_attempts=1, backoff_s=1)
    url = str(sqlite_database.url)
    listed = police_cli("outbox", db_url=url)
    assert (
        filed.reference in listed.stdout and "dead" in listed.stdout and "HTTP 503" in listed.stdout
    )
    assert "0 pending, 0 delivered, 1 dead" in listed.stderr
    assert "李测试" not in listed.stdout  # the victim's details stay in the report
    retried = police_cli("retry", str(delivery.id), db_url=url)
    assert retried.returncode == 0 and "queued again" in retried.stdout
    assert "1 pending" in police_cli("outbox", "--status", "pending", db_url=url).stderr
    assert police_cli("retry", "999", db_url=url).returncode == 1
