"""NLU report: intent accuracy and macro-F1 per language on the held-out test sets
(tests/nlu/<language>/), for the project's model and for the same training data trained with
the pipeline of a stock `rasa init` project (Rasa's default pipeline), side by side.

The stock pipeline is trained once per language, on that language's training data, as an agency
would run a stock bot for each: one stock model on both languages spends about 80 s an epoch on
2 cores (its character n-grams of both scripts in one sparse layer), over two hours for its 100
epochs, while the two took about 75 minutes together here. Each is cached by what it is made
of.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

from bot.settings import Settings  # noqa: E402
from bot.training import ensure_model, hash_files  # noqa: E402

NLU_DATA_DIR = PROJECT_DIR / "data" / "nlu"
LANGUAGES = ("zh", "vi")


def default_pipeline_fingerprint(config: Path, rasa_version: str, language: str) -> str:
    """What a default-pipeline model depends on: its language's NLU data, the stock config and
    Rasa. Not the project's whole fingerprint: a domain or dependency change must not cost
    another hour of training on 2 cores."""
    digest = hashlib.sha256(rasa_version.encode())
    digest.update(config.read_bytes())
    hash_files(digest, NLU_DATA_DIR / language, PROJECT_DIR)
    return digest.hexdigest()[:16]


def default_pipeline_model(settings: Settings, language: str) -> Path:
    """``language``'s NLU training data trained with `rasa init`'s config.yml, cached."""
    import rasa

    config = Path(rasa.__file__).parent / "cli" / "initial_project" / "config.yml"
    out = settings.var_dir / "bench"
    fingerprint = default_pipeline_fingerprint(config, rasa.__version__, language)
    name = f"rasa-init-pipeline-{language}-{fingerprint}"
    model = out / f"{name}.tar.gz"
    if model.exists():
        return model
    out.mkdir(parents=True, exist_ok=True)
    print(f"Training the {language} NLU data with Rasa's default pipeline ({config})…", flush=True)
    subprocess.run(
        [sys.executable, "-m", "rasa", "train", "nlu", "--config", str(config),
         "--nlu", f"data/nlu/{language}", "--out", str(out), "--fixed-model-name", name],
        cwd=PROJECT_DIR, env=settings.rasa_env(), check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    return model


def main() -> int:
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    settings = Settings.from_env()

    from rasa.core.agent import Agent

    from bot.evaluation import evaluate

    project = Agent.load(str(ensure_model(settings)))
    results = {}
    for language in LANGUAGES:
        default = Agent.load(str(default_pipeline_model(settings, language)))
        results[language] = evaluate(project, language), evaluate(default, language)

    print("\nNLU, held-out test sets (tests/nlu/<language>/): intent accuracy / macro-F1")
    print(f"{'language':<10}{'examples':>9}{'project':>18}{'rasa init pipeline':>22}")
    for language, (ours, default) in results.items():
        print(
            f"{language:<10}{ours.examples:>9}"
            f"{ours.accuracy:>10.3f} / {ours.macro_f1:.3f}"
            f"{default.accuracy:>14.3f} / {default.macro_f1:.3f}"
        )
    for language, (ours, _) in results.items():
        print(f"\nProject model errors, {language} ({len(ours.errors)}): text | expected | got")
        for text, expected, predicted in ours.errors:
            print(f"  {text} | {expected} | {predicted}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
