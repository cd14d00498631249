from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bot.launcher import start, stop
from bot.settings import Settings


@pytest.fixture(scope="session")
def rest_url(settings: Settings, model: Path) -> Iterator[str]:
    """The servers started as `make run` starts them (but the phone gateway); the URL of the
    REST webhook."""
    processes = start(settings, phone_line=False)
    yield f"http://127.0.0.1:{settings.rasa_port}/webhooks/rest/webhook"
    stop(processes)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def servers_with(
    var_dir: Path, env: dict[str, str], phone_line: bool = False
) -> Iterator[Settings]:
    """The servers started as `make run` starts them, on free ports, with ``env`` (a
    channel's configuration) in their environment; their settings. The phone gateway only
    when asked for."""
    actions_port = free_port()
    settings = Settings.from_env(
        {
            **os.environ,
            "HOTLINE_HOST": "127.0.0.1",
            "HOTLINE_RASA_PORT": str(free_port()),
            "HOTLINE_ACTIONS_PORT": str(actions_port),
            "HOTLINE_ACTION_ENDPOINT": f"http://127.0.0.1:{actions_port}/webhook",
            "HOTLINE_POLICE_INTAKE_PORT": str(free_port()),
            "HOTLINE_VAR_DIR": str(var_dir),
            "HOTLINE_TRACKER_DB": str(var_dir / "tracker.db"),
        }
    )
    # The servers' environment is this process's with the settings on top (Settings.rasa_env).
    with pytest.MonkeyPatch.context() as patch:
        for name, value in env.items():
            patch.setenv(name, value)
        processes = start(settings, phone_line=phone_line)
    try:
        yield settings
    finally:
        stop(processes)
