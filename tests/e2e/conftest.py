from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.launcher import start, stop
from bot.settings import Settings


@pytest.fixture(scope="session")
def rest_url(settings: Settings, model: Path) -> Iterator[str]:
    """Both servers started as `make run` starts them; the URL of the REST webhook."""
    processes = start(settings)
    yield f"http://127.0.0.1:{settings.rasa_port}/webhooks/rest/webhook"
    stop(processes)
