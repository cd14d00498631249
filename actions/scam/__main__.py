"""Scam assessment of messages, one per line: ``python -m actions.scam [--language zh|vi]``.

Reads one message per line on stdin and writes one JSON object per line: "scam" (true for a
scam or a suspicious message), "verdict", "score", "patterns", "signals", "genuine_signals",
"advice", and "language" (detected per line unless given). No network.
"""

from __future__ import annotations

import argparse
import json
import sys

from actions.scam import assess
from bot.language import SUPPORTED, ZH, detect, is_han


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
    out = sys.stdout
    for line in sys.stdin:
        text = line.rstrip("\n")
        language = args.language or language_of(text)
        result = assess(text, language).as_dict() | {"language": language}
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
