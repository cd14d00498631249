"""Scam engine report: recall and false-positive rate per language on the held-out evaluation
set (tests/scam/eval/, written apart from the engine and never used to tune or train it), the
same on the examples the engine was tuned and trained on (actions/scam/data/, not a test), and
throughput."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

from actions.scam import assess, assess_many  # noqa: E402

SETS = {
    "held-out evaluation": PROJECT_DIR / "tests/scam/eval",
    "learnt from (not a test)": PROJECT_DIR / "actions/scam/data",
}


def measure(path: Path, language: str) -> tuple[float, float, int, int]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    scams = [r for r in rows if r["label"] == "scam"]
    ordinary = [r for r in rows if r["label"] != "scam"]
    caught = sum(assess(r["text"], language).scam for r in scams)
    false_alarms = sum(assess(r["text"], language).scam for r in ordinary)
    return caught / len(scams), false_alarms / len(ordinary), len(scams), len(ordinary)


def throughput(path: Path, language: str, seconds: float = 3.0) -> float:
    """Messages per second, assessed in batches as the command line does."""
    texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        assess_many(texts, language)
        done += len(texts)
    return done / (time.perf_counter() - start)


def main() -> int:
    print("\nScam engine: recall (scams caught) / false-positive rate (ordinary messages flagged)")
    print(f"{'set':<26}{'language':<10}{'scams':>7}{'ordinary':>10}{'recall':>9}{'FPR':>8}")
    for name, directory in SETS.items():
        for language in ("zh", "vi"):
            recall, fpr, scams, ordinary = measure(directory / f"{language}.jsonl", language)
            print(f"{name:<26}{language:<10}{scams:>7}{ordinary:>10}{recall:>9.1%}{fpr:>8.1%}")
    for language in ("zh", "vi"):
        rate = throughput(SETS["held-out evaluation"] / f"{language}.jsonl", language)
        print(f"throughput, {language}: {rate:,.0f} messages/s (one core, in batches)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
