import datetime as dt

import pytest

from actions.dates import InvalidDate, parse_date, parse_when

TODAY = dt.date(2026, 11, 24)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-05", dt.date(2026, 3, 5)),
        ("2026/3/5", dt.date(2026, 3, 5)),
        ("2026.3.5", dt.date(2026, 3, 5)),
        ("2026年3月5日", dt.date(2026, 3, 5)),
        ("二〇二六年三月五号", dt.date(2026, 3, 5)),
        ("老人是三月十五号走的", dt.date(2026, 3, 15)),
        ("去年十二月三号", dt.date(2025, 12, 3)),
        ("5/3/2026", dt.date(2026, 3, 5)),  # day first, as both countries write it
        ("05-03-2026", dt.date(2026, 3, 5)),
        ("ngày 5 tháng 3 năm 2026", dt.date(2026, 3, 5)),
        ("bố tôi mất ngày 10/11", dt.date(2026, 11, 10)),
        ("mùng 5 tháng 3", dt.date(2026, 3, 5)),
        ("ngay 3 thang 12 nam ngoai", dt.date(2025, 12, 3)),
        ("20260305", dt.date(2026, 3, 5)),  # keyed in
        ("昨天", dt.date(2026, 11, 23)),
        ("前天晚上走的", dt.date(2026, 11, 22)),
        ("hôm qua", dt.date(2026, 11, 23)),
        ("hom kia", dt.date(2026, 11, 22)),
    ],
)
def test_dates_as_people_write_them(text: str, expected: dt.date) -> None:
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize("text", ["不记得了", "2026年2月30日", "31/02/2026", "không nhớ"])
def test_no_date_or_an_impossible_one_is_refused(text: str) -> None:
    with pytest.raises(InvalidDate):
        parse_date(text, TODAY)


NOW = dt.datetime(2026, 11, 24, 10, 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("刚才", NOW),
        ("两小时前", NOW - dt.timedelta(hours=2)),
        ("半小时前", NOW - dt.timedelta(minutes=30)),
        ("3 tiếng trước", NOW - dt.timedelta(hours=3)),
        ("vừa xong", NOW),
        ("昨天下午", dt.datetime(2026, 11, 23, 12, 0)),
        ("2026年3月5日", dt.datetime(2026, 3, 5, 12, 0)),
        ("不记得了", None),
    ],
)
def test_when_something_happened(text: str, expected: dt.datetime | None) -> None:
    assert parse_when(text, NOW) == expected
