"""How wrong speech recognition is: the character error rate for Chinese (it has no spaces between
words) and the word error rate for Vietnamese, over punctuation-free, lower-case text."""

from __future__ import annotations

import re

import zhconv


def units(text: str, language: str) -> list[str]:
    text = re.sub(r"[\W_]+", " ", text.lower()).strip()
    if language == "zh":
        return [character for character in zhconv.convert(text, "zh-cn") if not character.isspace()]
    return text.split()


def edit_distance(reference: list[str], hypothesis: list[str]) -> int:
    """Substitutions, insertions and deletions that turn ``hypothesis`` into ``reference``."""
    previous = list(range(len(hypothesis) + 1))
    for i, expected in enumerate(reference, 1):
        current = [i]
        for j, heard in enumerate(hypothesis, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (expected != heard))
            )
        previous = current
    return previous[-1]


def error_rate(pairs: list[tuple[str, str]], language: str) -> float:
    """Edits over reference units, for (reference, hypothesis) pairs taken together."""
    edits = total = 0
    for reference, hypothesis in pairs:
        expected = units(reference, language)
        edits += edit_distance(expected, units(hypothesis, language))
        total += len(expected)
    return edits / total if total else 0.0
