"""Fixtures shared by the whole suite: one trained model, reused by every module."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.settings import Settings
from bot.training import ensure_model

# Rasa reads these at import time: no telemetry, quiet TensorFlow.
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Project defaults, but with ports and state of the tests' own."""
    var_dir = tmp_path_factory.mktemp("var")
    return Settings.from_env(
        {
            **os.environ,
            "HOTLINE_RASA_PORT": os.environ.get("TEST_RASA_PORT", "15005"),
            "HOTLINE_ACTIONS_PORT": os.environ.get("TEST_ACTIONS_PORT", "15055"),
            "HOTLINE_HOST": "127.0.0.1",
            "HOTLINE_VAR_DIR": str(var_dir),
        }
    )


@pytest.fixture(scope="session")
def model(settings: Settings) -> Path:
    """The project's model, trained once if the training inputs changed."""
    return ensure_model(settings)
