from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.settings import PROJECT_DIR, Settings


@pytest.fixture(scope="session")
def rasa_cli(settings: Settings):
    """Run the Rasa command line in the project, as `make` would."""

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "rasa", *args],
            cwd=PROJECT_DIR,
            env=settings.rasa_env(),
            capture_output=True,
            text=True,
        )

    return run


@pytest.fixture(scope="session")
def agent(model: Path):
    """The trained model loaded in this process, to parse messages directly."""
    from rasa.core.agent import Agent

    return Agent.load(str(model))
