"""Resident ID numbers: China's 18-character ID (GB 11643) and Vietnam's 12-digit CCCD.

People type them with spaces, dashes or full-width digits, say them in words on the phone, or
key them in (``*`` stands for the X that a keypad lacks, ``#`` ends the entry). Parsing gives
either the normalised number or the precise reason it is not valid.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

CN = "CN"
VN = "VN"

_CN_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CN_CHECK_CHARS = "10X98765432"
# First two digits of a mainland resident ID: the province (GB/T 2260).
_CN_PROVINCES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54"
    " 61 62 63 64 65".split()
)
# First three digits of a CCCD: the province where the birth was registered (Thông tư
# 07/2016/TT-BCA, the 63 provinces and cities).
_VN_PROVINCES = frozenset(
    "001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033"
    " 034 035 036 037 038 040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 066"
    " 067 068 070 072 074 075 077 079 080 082 083 084 086 087 089 091 092 093 094 095 096".split()
)

# Digits said in words, as speech recognition writes them.
_SPOKEN_DIGITS = {
    "零": "0", "〇": "0", "一": "1", "幺": "1", "二": "2", "两": "2", "三": "3", "四": "4",
    "五": "5", "六": "6", "七": "7", "八": "8", "九": "9",
}  # fmt: skip
_VI_DIGIT_WORDS = {
    "khong": "0", "mot": "1", "hai": "2", "ba": "3", "bon": "4", "tu": "4", "nam": "5",
    "lam": "5", "sau": "6", "bay": "7", "tam": "8", "chin": "9",
}  # fmt: skip


_DIGIT_RUN = re.compile(r"\d(?:[ \t\-]*\d)*(?:[ \t\-]*[Xx](?![A-Za-z]))?")


@dataclass(frozen=True)
class IdNumber:
    number: str
    country: str
    birth_date: dt.date | None  # CN: the full date; VN: 1 January of the birth year
    birth_year_only: bool = False


class InvalidId(ValueError):
    """Why a number is not a valid ID, as a code the dialogue turns into words."""

    def __init__(self, code: str, **details: object) -> None:
        super().__init__(code)
        self.code = code
        self.details = details


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def candidate(text: str) -> str:
    """The ID-like characters of ``text``: digits (full-width, spoken) and a final X."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(_SPOKEN_DIGITS.get(ch, ch) for ch in text)
    words = re.findall(r"[a-z]+", _fold(text))
    if words and all(w in _VI_DIGIT_WORDS for w in words):
        return "".join(_VI_DIGIT_WORDS[w] for w in words)
    text = text.replace("*", "X")
    # The longest group of digits (spaced or dashed as people group them): other numbers in
    # the sentence ("我今年75岁") are not part of it.
    runs = _DIGIT_RUN.findall(text)
    return re.sub(r"[\s\-]", "", max(runs, key=len)).upper() if runs else ""


def parse(text: str, country: str) -> IdNumber:
    """The ID number in ``text`` for ``country`` (CN or VN); raises InvalidId with the reason."""
    number = candidate(text)
    if not number:
        raise InvalidId("no_digits")
    return parse_cn(number) if country == CN else parse_vn(number)


def parse_cn(number: str) -> IdNumber:
    if len(number) != 18:
        raise InvalidId("cn_length", length=len(number))
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise InvalidId("cn_characters")
    if number[:2] not in _CN_PROVINCES:
        raise InvalidId("cn_region")
    try:
        birth = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise InvalidId("cn_birth_date") from None
    if not dt.date(1890, 1, 1) <= birth <= dt.date.today():
        raise InvalidId("cn_birth_date")
    if number[17] != cn_check_char(number[:17]):
        raise InvalidId("cn_check_digit")
    return IdNumber(number, CN, birth)


def cn_check_char(first17: str) -> str:
    """The 18th character of a Chinese ID (ISO 7064 MOD 11-2, as GB 11643 specifies)."""
    total = sum(int(d) * w for d, w in zip(first17, _CN_WEIGHTS, strict=True))
    return _CN_CHECK_CHARS[total % 11]


def parse_vn(number: str) -> IdNumber:
    if not number.isdigit():
        raise InvalidId("vn_characters")
    if len(number) == 9:
        raise InvalidId("vn_old_cmnd")
    if len(number) != 12:
        raise InvalidId("vn_length", length=len(number))
    if number[:3] not in _VN_PROVINCES:
        raise InvalidId("vn_province")
    # 4th digit: sex and century (0/1: 1900s, 2/3: 2000s, 4/5: 2100s …); 5th–6th: the year.
    century = 1900 + 100 * (int(number[3]) // 2)
    year = century + int(number[4:6])
    if not 1890 <= year <= dt.date.today().year:
        raise InvalidId("vn_birth_year")
    return IdNumber(number, VN, dt.date(year, 1, 1), birth_year_only=True)


def country_of(number: str) -> str | None:
    """CN or VN for a valid ID number of either country, else None."""
    for country in (CN, VN):
        try:
            parse(number, country)
        except InvalidId:
            continue
        return country
    return None
