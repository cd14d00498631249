"""Train the model only when what it is trained from has changed.

The model's name carries a fingerprint of the config, domain, training data and the project's
NLU components, so an unchanged project reuses its model without loading Rasa at all.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from bot.settings import PROJECT_DIR, Settings

TRAINING_INPUTS = (
    "config.yml",
    "domain",
    "data",
    "bot/nlu",
    "bot/language.py",  # the tokenizer's lemmas
)
LOCK_FILE = "requirements.lock"
# The packages a model is made by: a new version of one of them retrains, while a dependency
# added for a channel or the phone line does not.
MODEL_PACKAGES = frozenset(
    {"rasa", "tensorflow", "tensorflow-text", "scikit-learn", "numpy", "scipy", "jieba",
     "zhconv", "langdetect"}
)  # fmt: skip


def model_package_pins(lock_file: Path) -> list[str]:
    """The pinned lines of ``MODEL_PACKAGES`` in the lock file ("rasa==3.6.21", …)."""
    lines = lock_file.read_text(encoding="utf-8").splitlines()
    return [
        line.strip()
        for line in lines
        if line.split("==")[0].strip().lower().replace("_", "-") in MODEL_PACKAGES
    ]


def hash_files(digest: hashlib._Hash, root: Path, relative_to: Path) -> None:
    """Add every file under ``root`` (or ``root`` itself), its path and its bytes, to
    ``digest``, in a stable order."""
    files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
    for path in files:
        if "__pycache__" in path.parts:
            continue
        digest.update(str(path.relative_to(relative_to)).encode())
        digest.update(path.read_bytes())


def fingerprint(project_dir: Path = PROJECT_DIR) -> str:
    digest = hashlib.sha256()
    for name in TRAINING_INPUTS:
        hash_files(digest, project_dir / name, project_dir)
    for pin in model_package_pins(project_dir / LOCK_FILE):
        digest.update(pin.encode())
    return digest.hexdigest()[:16]


def model_path(settings: Settings) -> Path:
    return settings.models_dir / f"hotline-{fingerprint()}.tar.gz"


def ensure_model(settings: Settings) -> Path:
    """The trained model for the current project files, training it first if needed."""
    path = model_path(settings)
    if path.exists():
        return path
    print(f"Training the model (inputs changed): {path.name}", flush=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "rasa",
            "train",
            "--force",  # the fingerprint above already decided that training is due
            "--config",
            "config.yml",
            "--domain",
            "domain",
            "--data",
            "data",
            "--out",
            str(settings.models_dir),
            "--fixed-model-name",
            path.name.removesuffix(".tar.gz"),
        ],
        cwd=PROJECT_DIR,
        env=settings.rasa_env(),
        check=True,
    )
    for old in settings.models_dir.glob("hotline-*.tar.gz"):
        if old != path:
            old.unlink()
    return path
