"""Sums of money as callers say them: "5万元", "五千块", "3000元", "20 triệu", "20tr", "500k",
"1.500.000đ"; and "没有损失" / "chưa mất tiền" as nothing lost."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from actions.dates import chinese_numerals_to_digits
from bot.language import fold

_NOTHING_LOST = (
    "没有损失", "没损失", "没转", "没有转", "没给钱", "一分没",
    "chua mat", "khong mat", "chua chuyen", "khong chuyen", "chua bi mat",
)  # fmt: skip
_UNITS = {"万": 10_000, "千": 1_000, "k": 1_000, "nghin": 1_000, "ngan": 1_000, "tr": 1_000_000,
          "trieu": 1_000_000, "ty": 1_000_000_000, "亿": 100_000_000}  # fmt: skip
_AMOUNT = re.compile(
    r"(\d+(?:[.,]\d+)*)\s*(万|千|亿|k\b|nghin|ngan|trieu|tr\b|ty\b)?\s*(?:元|块|rmb|d\b|dong|vnd)?"
)


def _number(text: str) -> Decimal | None:
    # 1.500.000 and 1,500,000 group thousands; 1,5 or 1.5 (one group of one or two) is decimal.
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", text):
        text = re.sub(r"[.,]", "", text)
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None


def parse_amount(text: str) -> Decimal | None:
    """The largest sum named in ``text`` (0 when nothing was lost), or None when none is."""
    digits = chinese_numerals_to_digits(text)
    # 一万二 is 12,000 and 三千五 is 3,500: the digit after the unit is the next place.
    digits = re.sub(
        r"(\d+)万(\d)(?![\d千百])", lambda m: str(int(m[1]) * 10_000 + int(m[2]) * 1_000), digits
    )
    digits = re.sub(
        r"(\d+)千(\d)(?![\d百])", lambda m: str(int(m[1]) * 1_000 + int(m[2]) * 100), digits
    )
    folded = fold(unicodedata.normalize("NFKC", digits))
    if any(phrase in folded for phrase in _NOTHING_LOST):
        return Decimal(0)
    sums = []
    for match in _AMOUNT.finditer(folded):
        number = _number(match.group(1))
        if number is None:
            continue
        unit = (match.group(2) or "").strip()
        sums.append(number * _UNITS.get(unit, 1))
    return max(sums) if sums else None
