"""Dates as people write or say them, in Chinese or Vietnamese.

``2026-03-05``, ``2026/3/5``, ``2026年3月5日``, ``二〇二六年三月五号``, ``3月5日`` (this year),
``5/3/2026`` and ``05-03-2026`` (day first, as both countries write it), ``ngày 5 tháng 3 năm
2026``, ``5 tháng 3``, ``20260305`` (keyed in), 今天/昨天/前天, hôm nay/hôm qua/hôm kia, and a
day of 去年 / năm ngoái.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from bot.language import fold

_CN_NUMERALS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
                "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
_RELATIVE_DAYS = {
    "今天": 0, "今日": 0, "昨天": 1, "昨日": 1, "前天": 2, "大前天": 3,
    "hom nay": 0, "hom qua": 1, "hom kia": 2,
}  # fmt: skip
_LAST_YEAR = ("去年", "nam ngoai", "nam truoc")

_PATTERNS = (
    # year first: 2026-03-05, 2026/3/5, 2026.3.5, 2026年3月5日
    (re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})"), ("y", "m", "d")),
    # day first with year: 5/3/2026, 05-03-2026, 5.3.2026
    (re.compile(r"(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})"), ("d", "m", "y")),
    # ngày 5 tháng 3 năm 2026, 5 tháng 3 năm 2026
    (re.compile(r"(\d{1,2})\s*thang\s*(\d{1,2})\s*(?:nam|,)?\s*(\d{4})"), ("d", "m", "y")),
    # keyed in: 20260305
    (re.compile(r"(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)"), ("y", "m", "d")),
    # without a year: 3月5日, 5 tháng 3, 5/3
    (re.compile(r"(\d{1,2})\s*月\s*(\d{1,2})"), ("m", "d")),
    (re.compile(r"(\d{1,2})\s*thang\s*(\d{1,2})"), ("d", "m")),
    (re.compile(r"(?<![\d/])(\d{1,2})\s*/\s*(\d{1,2})(?![\d/])"), ("d", "m")),
)


class InvalidDate(ValueError):
    """No date could be read, or it does not exist (31 February)."""


def chinese_numerals_to_digits(text: str) -> str:
    """二〇二六年三月十五号 → 2026年3月15号: years digit by digit, months and days as numbers."""

    def number(match: re.Match) -> str:
        word = match.group()
        if "十" not in word:
            return "".join(str(_CN_NUMERALS[ch]) for ch in word)
        tens, _, units = word.partition("十")
        return str((_CN_NUMERALS[tens] if tens else 1) * 10 + (_CN_NUMERALS[units] if units else 0))

    return re.sub(r"[零〇一二两三四五六七八九十]+", number, text)


def parse_date(text: str, today: dt.date | None = None) -> dt.date:
    """The date written in ``text``; a date without a year is in ``today``'s year."""
    today = today or dt.date.today()
    text = fold(chinese_numerals_to_digits(unicodedata.normalize("NFKC", text)))
    text = text.replace("号", "日")
    for word, days_ago in sorted(_RELATIVE_DAYS.items(), key=lambda item: -len(item[0])):
        if word in text:
            return today - dt.timedelta(days=days_ago)
    for pattern, order in _PATTERNS:
        match = pattern.search(text)
        if not match:
            continue
        parts = dict(zip(order, (int(group) for group in match.groups()), strict=True))
        year = parts.get("y", today.year - 1 if any(w in text for w in _LAST_YEAR) else today.year)
        try:
            return dt.date(year, parts["m"], parts["d"])
        except ValueError:
            raise InvalidDate(f"no such date: {match.group()}") from None
    raise InvalidDate("no date found")


_JUST_NOW = ("刚才", "刚刚", "刚", "方才", "vua xong", "vua moi", "moi day", "vua nay", "luc nay")
_AGO = re.compile(
    r"(\d+|[一二两三四五六七八九十半]+)\s*(?:个)?\s*(分钟|小时|钟头|天|phut|tieng|gio|ngay)\s*(?:前|以前|之前|truoc)"
)
_UNIT_SECONDS = {"分钟": 60, "phut": 60, "小时": 3600, "钟头": 3600, "tieng": 3600, "gio": 3600,
                 "天": 86400, "ngay": 86400}  # fmt: skip


def parse_when(text: str, now: dt.datetime | None = None) -> dt.datetime | None:
    """When something happened, as a caller says it: "刚才", "两小时前", "3 tiếng trước",
    "昨天", "2026年3月5日"; None when the text gives no time."""
    now = now or dt.datetime.now()
    folded = fold(unicodedata.normalize("NFKC", text))
    ago = _AGO.search(folded)
    if ago:
        amount = ago.group(1)
        count = 0.5 if amount == "半" else float(chinese_numerals_to_digits(amount))
        return now - dt.timedelta(seconds=count * _UNIT_SECONDS[ago.group(2)])
    if any(word in folded for word in _JUST_NOW):
        return now
    try:
        day = parse_date(text, now.date())
    except InvalidDate:
        return None
    return now if day == now.date() else dt.datetime.combine(day, dt.time(12, 0))
