"""All configuration, read from environment variables with documented defaults.

HOTLINE_HOST             interface the Rasa server listens on         0.0.0.0
HOTLINE_RASA_PORT        Rasa server: channels, REST                  5005
HOTLINE_ACTIONS_PORT     action server                                5055
HOTLINE_ACTION_ENDPOINT  where Rasa calls the actions     http://127.0.0.1:<actions port>/webhook
HOTLINE_MODELS_DIR       trained models                               models
HOTLINE_VAR_DIR          databases and other state                    var
HOTLINE_TRACKER_DB       SQLite file of the conversations             <var dir>/tracker.db
HOTLINE_DB_URL           the registry, cases and reports: a SQLAlchemy URL, e.g.
                         postgresql://user@host/db               sqlite:///<var dir>/hotline.db
HOTLINE_LOG_LEVEL        log level of both servers (DEBUG for more)   INFO

Relative paths are relative to the project directory.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent


def _path(value: str) -> Path:
    path = Path(value)
    return path if path.is_absolute() else PROJECT_DIR / path


@dataclass(frozen=True)
class Settings:
    host: str
    rasa_port: int
    actions_port: int
    action_endpoint: str
    models_dir: Path
    var_dir: Path
    tracker_db: Path
    db_url: str | None
    log_level: str

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        actions_port = int(env.get("HOTLINE_ACTIONS_PORT", "5055"))
        var_dir = _path(env.get("HOTLINE_VAR_DIR", "var"))
        return cls(
            host=env.get("HOTLINE_HOST", "0.0.0.0"),
            rasa_port=int(env.get("HOTLINE_RASA_PORT", "5005")),
            actions_port=actions_port,
            action_endpoint=env.get(
                "HOTLINE_ACTION_ENDPOINT", f"http://127.0.0.1:{actions_port}/webhook"
            ),
            models_dir=_path(env.get("HOTLINE_MODELS_DIR", "models")),
            var_dir=var_dir,
            tracker_db=_path(env.get("HOTLINE_TRACKER_DB", str(var_dir / "tracker.db"))),
            db_url=env.get("HOTLINE_DB_URL") or None,
            log_level=env.get("HOTLINE_LOG_LEVEL", "INFO").upper(),
        )

    def to_env(self) -> dict[str, str]:
        """These settings as the variables that give them, for the processes started."""
        env = {
            "HOTLINE_HOST": self.host,
            "HOTLINE_RASA_PORT": str(self.rasa_port),
            "HOTLINE_ACTIONS_PORT": str(self.actions_port),
            "HOTLINE_ACTION_ENDPOINT": self.action_endpoint,
            "HOTLINE_MODELS_DIR": str(self.models_dir),
            "HOTLINE_VAR_DIR": str(self.var_dir),
            "HOTLINE_TRACKER_DB": str(self.tracker_db),
            "HOTLINE_LOG_LEVEL": self.log_level,
        }
        if self.db_url:
            env["HOTLINE_DB_URL"] = self.db_url
        return env

    def rasa_env(self) -> dict[str, str]:
        """Environment for Rasa processes: what endpoints.yml reads, and no telemetry."""
        env = dict(os.environ)
        env.update(self.to_env())
        env.update(
            RASA_TELEMETRY_ENABLED="false",
            TF_CPP_MIN_LOG_LEVEL="2",
            SQLALCHEMY_SILENCE_UBER_WARNING="1",
            # Rasa 3.6's dependencies print pages of deprecation notices at every start.
            PYTHONWARNINGS="ignore::DeprecationWarning",
            PYTHONPATH=os.pathsep.join(filter(None, [str(PROJECT_DIR), env.get("PYTHONPATH")])),
        )
        return env
