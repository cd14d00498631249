"""Text written for the screen made fit for the ear: no links or markup, phone numbers read
digit by digit as a person reads them out, one sentence at a time.

A chat answer may carry a web address, "**bold**", list bullets or "12333". Read aloud by the
synthesizer, an address is noise, and "12333" becomes "twelve thousand three hundred…", which
no caller can dial. Amounts and durations ("60天", "18 tháng") stay numbers.
"""

from __future__ import annotations

import re

ZH = "zh"

_DIGIT_WORDS = {
    # 1 is "幺" when read as a phone number, so that it is not mistaken for 7.
    "zh": dict(zip("0123456789", "零幺二三四五六七八九", strict=True)),
    "vi": dict(
        zip(
            "0123456789",
            ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"],
            strict=True,
        )
    ),
}
_LINK = re.compile(
    r"(?:https?://|www\.)[\x21-\x7e]+"
    r"|(?<![A-Za-z0-9-])[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:gov|com|net|org|cn|vn)\b"
    r"(?:\.[a-z]{2,})*(?:/[\x21-\x7e]*)?"
)
_MARKUP = re.compile(r"[*_`#>|]+|^\s*[-•]\s*|[（(]\s*[）)]", re.MULTILINE)
# What is left of a sentence that only pointed to a link ("详见", "Xem tại") is not said.
_TOO_SHORT = {"zh": 4, "vi": 2}
# Digits, possibly in groups ("1900 9068", "0243.936.xxx"); phone-like when there are three or
# more and no unit follows (an amount or a duration: "380元", "46.800.000đ", "60 ngày").
_NUMBER = re.compile(r"(?<![\d.,])\d+(?:[ .-]\d{3,})*")
_UNITS = {
    "zh": re.compile(r"\s*(?:元|块|天|日|个|倍|岁|年|月|号|万|千|百|%|％|分钟|小时|周)"),
    "vi": re.compile(r"\s*(?:đồng|đ\b|triệu|nghìn|ngàn|ngày|tháng|năm|tuổi|lần|%|giờ|phút|tuần)"),
}
_SENTENCE_END = {
    "zh": re.compile(r"(?<=[。！？；])"),
    "vi": re.compile(r"(?<=[.!?;])\s+"),
}


def without_links(text: str) -> str:
    return re.sub(r"[ \t]{2,}", " ", _MARKUP.sub("", _LINK.sub("", text))).strip()


def digits_spoken(number: str, language: str) -> str:
    words = _DIGIT_WORDS[language]
    digits = [words[d] for d in number if d.isdigit()]
    return "".join(digits) if language == ZH else " ".join(digits)


def phone_numbers_spoken(text: str, language: str) -> str:
    """Each phone-like number in ``text`` as its digits in words."""
    unit = _UNITS[language]

    def spoken(match: re.Match) -> str:
        number = match.group()
        phone_like = sum(c.isdigit() for c in number) >= 3 and not unit.match(text, match.end())
        return digits_spoken(number, language) if phone_like else number

    return _NUMBER.sub(spoken, text)


def spoken_sentences(text: str, language: str) -> list[str]:
    """``text`` as short sentences to be spoken one after another."""
    text = phone_numbers_spoken(without_links(text), language)
    sentences: list[str] = []
    for line in text.splitlines():
        for sentence in _SENTENCE_END[language].split(line):
            sentence = re.sub(r"\s+", " ", sentence).strip(" ,，:：")
            if _length(sentence, language) > _TOO_SHORT[language]:
                sentences.append(sentence)
    return sentences


def _length(sentence: str, language: str) -> int:
    """Characters of Chinese, words of Vietnamese; punctuation not counted."""
    if language == ZH:
        return sum(character.isalnum() for character in sentence)
    return len(re.findall(r"\w+", sentence))
