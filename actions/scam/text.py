"""A message made comparable before the scam rules read it.

Chinese in simplified characters; Vietnamese without diacritics; full-width forms and look-alike
characters that scammers use to slip past filters ("k!en" → "kien", "t1en" → "tien", "0TP" →
"otp", "B.H.X.H" → "bhxh") turned back into letters.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.language import fold

# Characters that stand for letters inside a word of letters.
_LOOK_ALIKES = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t",
                              "!": "i", "@": "a", "$": "s", "|": "l"})  # fmt: skip
_MIXED_WORD = re.compile(r"[a-z0-9!@$|]*[a-z][a-z0-9!@$|]*")
_NETWORK = re.compile(r"\d+g")
_SPELLED_OUT = re.compile(r"\b(?:[a-z][.\- ]){2,}[a-z]\b")  # b.h.x.h, o t p


@dataclass(frozen=True)
class Message:
    original: str
    text: str  # normalised: lowercase, simplified, no diacritics, look-alikes undone


def _undo_look_alike(match: re.Match) -> str:
    word = match.group()
    # A word of letters with one or two digits or symbols in it ("t1en", "h0", "0tp"), not a
    # code ("abc123") nor a network ("4g").
    others = sum(not ch.isalpha() for ch in word)
    if not 0 < others <= 2 or len(word) < 2 or _NETWORK.fullmatch(word):
        return word
    return word.translate(_LOOK_ALIKES)


def normalise(text: str) -> Message:
    import zhconv

    plain = unicodedata.normalize("NFKC", text)
    plain = zhconv.convert(plain, "zh-cn") if re.search(r"[\u4e00-\u9fff]", plain) else plain
    plain = fold(plain)
    plain = _SPELLED_OUT.sub(lambda m: re.sub(r"[.\- ]", "", m.group()), plain)
    plain = _MIXED_WORD.sub(_undo_look_alike, plain)
    return Message(original=text, text=" ".join(plain.split()))
