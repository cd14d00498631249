"""Language identification for Chinese and Vietnamese messages.

Script first: Han characters mean Chinese, Vietnamese letters (tone marks, ă â đ ê ô ơ ư)
mean Vietnamese. Latin text without diacritics is Vietnamese when all its words are Vietnamese
syllables ("toi muon hoi luong huu"). Otherwise langdetect decides between the supported
languages: of those, only Vietnamese is written in Latin letters, unless langdetect is sure the
text is an English sentence. What none of these can tell is ``und`` (emoji, digits, English,
Japanese), and callers that know the conversation's previous language fall back to it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

ZH = "zh"
VI = "vi"
UNDETERMINED = "und"
SUPPORTED = (ZH, VI)

# langdetect names Chinese by script variant; both are Chinese here.
_LANGDETECT_CODES = {"zh-cn": ZH, "zh-tw": ZH, "vi": VI}
# langdetect recognises English sentences reliably but guesses wildly on a word or two, and
# on Vietnamese typed without diacritics (often "Finnish" at 0.99).
_ENGLISH_MIN_WORDS = 3
_ENGLISH_MIN_PROBABILITY = 0.9
# A Chinese word is about two characters: compare Han characters with Latin words on that scale.
_HAN_CHARS_PER_WORD = 2

# Combining marks that Vietnamese writes on vowels after NFD decomposition:
# grave, acute, circumflex, tilde, breve, hook above, horn, dot below.
_VIETNAMESE_MARKS = frozenset("\u0300\u0301\u0302\u0303\u0306\u0309\u031b\u0323")

_ONSETS = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx]"
_NUCLEI = (
    "oai|oay|oao|oeo|uay|uoi|uou|uya|uye|uyu|ieu|yeu|"
    "ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|oo|ua|ue|ui|uo|uu|uy|ye|"
    "a|e|i|o|u|y"
)
_FINALS = "ch|ng|nh|[cmnpt]"
_SYLLABLE = re.compile(rf"(?:{_ONSETS})?(?:{_NUCLEI})(?:{_FINALS})?")
# Letters touching digits are part of a number or code ("…021X", "4G"), not a word.
_LATIN_WORD = re.compile(r"\b[^\W\d_]+\b")

# Chat shorthand and agency acronyms that only Vietnamese writers use, and words that people
# of either language type, which say nothing about the language and are not counted.
_VIETNAMESE_SHORTHAND = frozenset(
    "ko kh dc j ng bt nx mn ak sdt cccd cmnd bhxh bhyt vneid vssid alo ntn bn ae".split()
)
_NEUTRAL_WORDS = frozenset(
    "ok okay oke okie hi hello hey bye thanks thank thx tks yes no sorry pls please vs k lol"
    " haha".split()
)


@dataclass(frozen=True)
class ScriptCounts:
    """What a text is written in: the evidence the script rules decide on."""

    han: int = 0
    kana_or_hangul: int = 0
    latin_words: int = 0
    vietnamese_words: int = 0
    syllable_words: int = 0


def fold(text: str) -> str:
    """Lowercase and strip Vietnamese diacritics: ``Lương hưu`` → ``luong huu``."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d").replace("Đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def is_han(ch: str) -> bool:
    code = ord(ch)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3134F
    )


def _is_kana_or_hangul(ch: str) -> bool:
    code = ord(ch)
    return 0x3040 <= code <= 0x30FF or 0xAC00 <= code <= 0xD7AF or 0x1100 <= code <= 0x11FF


def has_vietnamese_letters(word: str) -> bool:
    decomposed = unicodedata.normalize("NFD", word)
    return "đ" in word.lower() or any(ch in _VIETNAMESE_MARKS for ch in decomposed)


def is_vietnamese_syllable(word: str) -> bool:
    """True when ``word``, diacritics ignored, has the shape of a Vietnamese syllable."""
    folded = fold(word)
    return folded in _VIETNAMESE_SHORTHAND or _SYLLABLE.fullmatch(folded) is not None


def count_scripts(text: str) -> ScriptCounts:
    han = sum(1 for ch in text if is_han(ch))
    kana_or_hangul = sum(1 for ch in text if _is_kana_or_hangul(ch))
    words = [
        w
        for w in _LATIN_WORD.findall(text)
        if (w.isascii() or _is_latin(w)) and w.lower() not in _NEUTRAL_WORDS
    ]
    return ScriptCounts(
        han=han,
        kana_or_hangul=kana_or_hangul,
        latin_words=len(words),
        vietnamese_words=sum(1 for w in words if has_vietnamese_letters(w)),
        syllable_words=sum(1 for w in words if is_vietnamese_syllable(w)),
    )


def _is_latin(word: str) -> bool:
    return all("LATIN" in unicodedata.name(ch, "") for ch in word)


def detect(text: str, previous: str | None = None) -> str:
    """The language of ``text``: ``zh``, ``vi``, or ``previous`` (default ``und``) when unclear."""
    language = _detect_by_script(unicodedata.normalize("NFC", text))
    if language == UNDETERMINED and previous in SUPPORTED:
        return previous
    return language


def _detect_by_script(text: str) -> str:
    counts = count_scripts(text)
    if counts.kana_or_hangul:
        return UNDETERMINED  # Japanese or Korean, which the hotline does not serve
    if counts.han and counts.han >= counts.latin_words * _HAN_CHARS_PER_WORD:
        return ZH
    if counts.vietnamese_words:
        return VI
    if counts.han:
        return ZH
    if not counts.latin_words:
        return UNDETERMINED
    if counts.syllable_words == counts.latin_words:
        return VI
    if counts.latin_words >= _ENGLISH_MIN_WORDS and _is_surely_english(text):
        return UNDETERMINED
    return VI  # the only supported language written in Latin letters


def _is_surely_english(text: str) -> bool:
    from langdetect import detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    _seed_langdetect()
    try:
        best = detect_langs(text)[0]
    except LangDetectException:
        return False
    return best.lang == "en" and best.prob >= _ENGLISH_MIN_PROBABILITY


def langdetect_plain(text: str) -> str:
    """Plain langdetect over all its languages, mapped to our codes: the benchmark's baseline."""
    from langdetect import detect
    from langdetect.lang_detect_exception import LangDetectException

    _seed_langdetect()
    try:
        return _LANGDETECT_CODES.get(detect(text), UNDETERMINED)
    except LangDetectException:
        return UNDETERMINED


@lru_cache(maxsize=1)
def _seed_langdetect() -> None:
    # langdetect samples at random; a fixed seed makes the same text get the same answer.
    from langdetect import DetectorFactory

    DetectorFactory.seed = 0
