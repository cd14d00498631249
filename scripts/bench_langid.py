"""Language-identification benchmark: the project's detector against plain langdetect.

Runs ``python -m bot detect-language`` (the user-facing tool) over the public short-text sets
(sentences, word pairs, single words; Chinese and Vietnamese) and prints accuracy per set for it
and for plain langdetect over all its languages, with the targets beside them.

Data: $HOTLINE_LANGID_DATA, default ../shared/data/langid (one text per line in
<set>/<language>.txt).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

from bot.language import langdetect_plain  # noqa: E402

SETS = ("sentences", "word-pairs", "single-words")
TARGETS = {  # percent, per (set, language)
    ("sentences", "zh"): 99.5,
    ("sentences", "vi"): 99.5,
    ("word-pairs", "zh"): 99.0,
    ("word-pairs", "vi"): 99.0,
    ("single-words", "zh"): 99.0,
    ("single-words", "vi"): 95.0,
}


def detect_with_cli(lines: list[str]) -> tuple[list[str], float]:
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "bot", "detect-language"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        cwd=PROJECT_DIR,
        check=True,
    )
    return result.stdout.splitlines(), time.perf_counter() - started


def accuracy(predicted: list[str], language: str) -> float:
    return 100 * sum(code == language for code in predicted) / len(predicted)


def main() -> int:
    data = Path(os.environ.get("HOTLINE_LANGID_DATA", PROJECT_DIR.parent / "shared/data/langid"))
    if not data.is_dir():
        print(f"No benchmark data at {data}: set HOTLINE_LANGID_DATA.", file=sys.stderr)
        return 1
    print(f"Language identification, accuracy in % (data: {data})")
    print(f"{'set':<14}{'lang':<6}{'texts':>6}{'project':>10}{'langdetect':>12}{'target':>8}  ")
    below = 0
    for set_name in SETS:
        for language in ("zh", "vi"):
            lines = (data / set_name / f"{language}.txt").read_text(encoding="utf-8").splitlines()
            ours, seconds = detect_with_cli(lines)
            ours_accuracy = accuracy(ours, language)
            plain_accuracy = accuracy([langdetect_plain(line) for line in lines], language)
            target = TARGETS[(set_name, language)]
            verdict = "ok" if ours_accuracy >= target else "BELOW TARGET"
            below += ours_accuracy < target
            print(
                f"{set_name:<14}{language:<6}{len(lines):>6}{ours_accuracy:>10.2f}"
                f"{plain_accuracy:>12.2f}{target:>8.1f}  {verdict}"
                f"   ({len(lines) / seconds:,.0f} texts/s through the CLI)"
            )
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
