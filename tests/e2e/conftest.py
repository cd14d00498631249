from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bot.launcher import settings_on_free_ports, start, stop
from bot.settings import Settings


@pytest.fixture(scope="session")
def rest_url(settings: Settings, model: Path) -> Iterator[str]:
    """The servers started as `make run` starts them (but the phone gateway); the URL of the
    REST webhook."""
    processes = start(settings, phone_line=False)
    yield f"http://127.0.0.1:{settings.rasa_port}/webhooks/rest/webhook"
    stop(processes)


@contextmanager
def servers_with(
    var_dir: Path, env: dict[str, str], phone_line: bool = False
) -> Iterator[Settings]:
    """The servers started as `make run` starts them, on free ports, with ``env`` (a
    channel's configuration) in their environment; their settings. The phone gateway only
    when asked for."""
    settings = settings_on_free_ports(var_dir)
    # The servers' environment is this process's with the settings on top (Settings.rasa_env).
    with pytest.MonkeyPatch.context() as patch:
        for name, value in env.items():
            patch.setenv(name, value)
        processes = start(settings, phone_line=phone_line)
    try:
        yield settings
    finally:
        stop(processes)
