"""Fixtures shared by the whole suite: one trained model, reused by every module."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
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


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A new, empty database on the machine's PostgreSQL, dropped afterwards."""
    import sqlalchemy as sa

    from actions import db

    server = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT", future=True)
    name = f"hotline_test_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as connection:
            connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except sa.exc.OperationalError as error:
        pytest.skip(f"PostgreSQL is not reachable at {server}: {error}")
    url = sa.engine.make_url(server).set(database=name)
    yield url.render_as_string(hide_password=False)
    db.engine_for(url.render_as_string(hide_password=False)).dispose()
    db.engine_for.cache_clear()
    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The project's database, empty, on SQLite and on PostgreSQL; the actions use it."""
    from actions import db

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'hotline.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
    monkeypatch.setenv("HOTLINE_DB_URL", url)
    return db.engine_for(url)


@pytest.fixture
def sqlite_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The project's database in a new SQLite file; the actions use it."""
    from actions import db

    url = f"sqlite:///{tmp_path / 'hotline.db'}"
    monkeypatch.setenv("HOTLINE_DB_URL", url)
    return db.engine_for(url)
