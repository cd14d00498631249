"""The registry, the cases and the lock-out, on SQLite and on PostgreSQL."""

import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

from actions import cases, lockout, registry
from tests.actions.people import CN_NAME, CN_PERSON, TODAY, VN_NAME, VN_PERSON, row


def test_upsert_inserts_then_updates_by_id_number(database) -> None:
    assert registry.upsert(database, [row(CN_PERSON, CN_NAME, "CN")]) == (1, 0)
    assert registry.upsert(
        database, [row(CN_PERSON, CN_NAME, "CN", status="suspended"), row(VN_PERSON, VN_NAME, "VN")]
    ) == (1, 1)
    assert registry.count(database) == 2
    assert registry.find(database, CN_PERSON).status == "suspended"
    assert registry.find(database, VN_PERSON).monthly_amount == Decimal("5000000")
    assert registry.find(database, "110101194803150000") is None


def test_the_same_id_twice_in_one_batch_keeps_the_last(database) -> None:
    rows = [row(CN_PERSON, CN_NAME, "CN"), row(CN_PERSON, CN_NAME, "CN", status="terminated")]
    assert registry.upsert(database, rows) == (1, 0)
    assert registry.find(database, CN_PERSON).status == "terminated"


def report(conversation: str = "c1") -> cases.DeathReport:
    return cases.DeathReport(
        id_number=CN_PERSON, deceased_name=CN_NAME, date_of_death=TODAY - dt.timedelta(days=70),
        reporter_name="周小测", reporter_relation="child", reporter_phone="13812345678",
        language="zh", conversation_id=conversation,
    )  # fmt: skip


def test_a_death_report_is_filed_once_and_stops_the_payment(database) -> None:
    registry.upsert(database, [row(CN_PERSON, CN_NAME, "CN")])
    beneficiary = registry.find(database, CN_PERSON)
    first = cases.file_death_report(database, report(), beneficiary)
    again = cases.file_death_report(database, report("c2"), beneficiary)
    assert not first.already_reported and again.already_reported
    assert again.reference == first.reference
    assert registry.find(database, CN_PERSON).stop_pending_case == first.reference
    assert [c["reference"] for c in cases.list_cases(database)] == [first.reference]


def test_concurrent_reports_of_one_death_make_one_case(database) -> None:
    registry.upsert(database, [row(CN_PERSON, CN_NAME, "CN")])
    beneficiary = registry.find(database, CN_PERSON)
    with ThreadPoolExecutor(4) as pool:
        filed = list(
            pool.map(
                lambda n: cases.file_death_report(database, report(f"c{n}"), beneficiary), range(8)
            )
        )
    assert len({f.reference for f in filed}) == 1
    assert len(cases.list_cases(database)) == 1


def test_a_reimport_keeps_the_payment_stopped(database) -> None:
    registry.upsert(database, [row(CN_PERSON, CN_NAME, "CN")])
    filed = cases.file_death_report(database, report(), registry.find(database, CN_PERSON))
    registry.upsert(database, [row(CN_PERSON, CN_NAME, "CN")])
    assert registry.find(database, CN_PERSON).stop_pending_case == filed.reference


def test_five_failures_within_an_hour_lock_the_conversation(database) -> None:
    now = dt.datetime(2026, 11, 24, 10, 0)
    for minute in range(4):
        lockout.record_failure(database, "caller", now + dt.timedelta(minutes=minute))
    assert not lockout.is_locked(database, "caller", now + dt.timedelta(minutes=5))
    lockout.record_failure(database, "caller", now + dt.timedelta(minutes=5))
    assert lockout.is_locked(database, "caller", now + dt.timedelta(minutes=6))
    assert not lockout.is_locked(database, "someone else", now + dt.timedelta(minutes=6))
    assert not lockout.is_locked(database, "caller", now + dt.timedelta(minutes=61))


def beneficiary(**changes: object) -> registry.Beneficiary:
    return registry.Beneficiary(**row(CN_PERSON, CN_NAME, "CN", **changes))


def test_months_paid_after_death_count_from_the_month_after() -> None:
    today = dt.date(2026, 11, 24)
    assert cases.months_paid_after_death(beneficiary(), dt.date(2026, 11, 2), today) == 0
    assert cases.months_paid_after_death(beneficiary(), dt.date(2026, 8, 31), today) == 3
    assert cases.months_paid_after_death(beneficiary(), dt.date(2025, 11, 30), today) == 12
    # Suspended after a missed certification: paid until the due date only.
    suspended = beneficiary(status="suspended", next_due=dt.date(2026, 6, 30))
    assert cases.months_paid_after_death(suspended, dt.date(2026, 3, 10), today) == 3
    assert (
        cases.months_paid_after_death(beneficiary(status="terminated"), dt.date(2026, 1, 1), today)
        == 0
    )
