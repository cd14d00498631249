"""Dates and amounts written as each language writes them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal


def format_date(date: dt.date, language: str | None) -> str:
    """``2026年3月5日`` in Chinese, ``05/03/2026`` in Vietnamese."""
    if language == "vi":
        return f"{date:%d/%m/%Y}"
    return f"{date.year}年{date.month}月{date.day}日"


def format_money(amount: Decimal, country: str) -> str:
    """``3,200.50元`` for China; ``6.500.000 đồng`` for Vietnam (no decimals)."""
    if country == "VN":
        return f"{amount:,.0f}".replace(",", ".") + " đồng"
    text = f"{amount:,.2f}".removesuffix(".00")
    return f"{text}元"
