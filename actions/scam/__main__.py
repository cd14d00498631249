"""Scam assessment of messages, one per line: ``python -m actions.scam [--language zh|vi]``.

Reads one message per line on stdin and writes one JSON object per line: "scam" (true for a
scam or a suspicious message), "verdict", "score", "patterns", "signals", "genuine_signals",
"advice", and "language" (detected per line unless given). No network.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys

from actions.scam import assess_many
from bot.language import SUPPORTED, ZH, detect, is_han

# Lines read and assessed together: the learnt model scores a batch much faster than one line.
BATCH = 1000


def language_of(text: str) -> str:
    language = detect(text)
    if language in SUPPORTED:
        return language
    return ZH if any(is_han(ch) for ch in text) else "vi"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m actions.scam", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--language", choices=SUPPORTED, help="the language of every line")
    args = parser.parse_args(argv)
    lines = (line.rstrip("\n") for line in sys.stdin)
    while batch := list(itertools.islice(lines, BATCH)):
        languages = [args.language or language_of(text) for text in batch]
        results: list[dict] = [{}] * len(batch)
        for language in set(languages):
            indexes = [i for i, lang in enumerate(languages) if lang == language]
            assessed = assess_many([batch[i] for i in indexes], language)
            for i, assessment in zip(indexes, assessed, strict=True):
                results[i] = assessment.as_dict() | {"language": language}
        sys.stdout.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in results))
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
