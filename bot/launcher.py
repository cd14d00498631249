"""Start the action server, the Rasa server, the fraud-report delivery worker, the reference
police intake and the phone gateway; wait until the servers answer; stop them all together."""

from __future__ import annotations

import dataclasses
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from bot.settings import PROJECT_DIR, Settings, VoiceSettings
from bot.training import ensure_model

STARTUP_TIMEOUT_S = 300


def action_server_command(settings: Settings) -> list[str]:
    return [
        sys.executable,
        "-m",
        "rasa",
        "run",
        "actions",
        "--actions",
        "actions",
        "--port",
        str(settings.actions_port),
    ]


def rasa_server_command(settings: Settings, model: Path) -> list[str]:
    command = [
        sys.executable,
        "-m",
        "rasa",
        "run",
        "--model",
        str(model),
        "--endpoints",
        "endpoints.yml",
        "--credentials",
        "credentials.yml",
        "--interface",
        settings.host,
        "--port",
        str(settings.rasa_port),
        "--cors",
        "*",
    ]
    if settings.log_level == "DEBUG":
        command.append("--debug")
    return command


def police_commands() -> list[list[str]]:
    """The delivery worker of the fraud-report outbox, and the reference police intake that
    the default routes file sends to."""
    return [[sys.executable, "-m", "actions.police", command] for command in ("worker", "intake")]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def settings_on_free_ports(var_dir: Path) -> Settings:
    """The project's settings with every server on a free loopback port and state in
    ``var_dir``: for tests and benchmarks that run beside `make run`."""
    actions_port = free_port()
    return Settings.from_env(
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


def voice_gateway_command() -> list[str]:
    return [sys.executable, "-m", "voice"]


def start(settings: Settings, phone_line: bool = True) -> list[subprocess.Popen]:
    """Start the servers and return once they answer; raise if one fails to come up.
    ``phone_line`` False leaves out the phone gateway (tests of the other channels)."""
    model = ensure_model(settings)
    settings.var_dir.mkdir(parents=True, exist_ok=True)
    load_demo_people(settings)
    if not settings.police_secret:  # the local intake and the worker share a key per run
        settings = dataclasses.replace(settings, police_secret=secrets.token_hex(16))
    env = settings.rasa_env()
    commands = [action_server_command(settings), rasa_server_command(settings, model)]
    processes = [
        subprocess.Popen(command, cwd=PROJECT_DIR, env=env)
        for command in [*commands, *police_commands()]
    ]
    if phone_line:
        processes.append(subprocess.Popen(voice_gateway_command(), cwd=PROJECT_DIR, env=env))
    try:
        wait_until_up(f"http://127.0.0.1:{settings.actions_port}/health", processes)
        wait_until_up(f"http://127.0.0.1:{settings.rasa_port}/webhooks/rest/", processes)
        if phone_line:
            voice = VoiceSettings.from_env(env)
            wait_until_listening(voice.audiosocket_host, voice.audiosocket_port, processes)
    except BaseException:
        stop(processes)
        raise
    return processes


def load_demo_people(settings: Settings) -> None:
    """An empty registry gets the fictional demo people, so the assistant can be tried at once."""
    from actions import db
    from actions.registry import demo

    loaded = demo.load_if_empty(db.engine(settings))
    if loaded:
        print(f"The registry was empty: {loaded} fictional demo people loaded.", flush=True)


def wait_until_up(url: str, processes: list[subprocess.Popen]) -> None:
    def answers() -> bool:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return True
        except (urllib.error.URLError, OSError):
            return False

    wait_for(answers, url, processes)


def wait_until_listening(host: str, port: int, processes: list[subprocess.Popen]) -> None:
    def listening() -> bool:
        try:
            with socket.create_connection((host, port), timeout=2):
                return True
        except OSError:
            return False

    wait_for(listening, f"{host}:{port}", processes)


def wait_for(ready: Callable[[], bool], what: str, processes: list[subprocess.Popen]) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        for process in processes:
            if process.poll() is not None:
                raise RuntimeError(
                    f"{' '.join(process.args[2:5])} exited with {process.returncode}"
                )
        if ready():
            return
        time.sleep(0.5)
    raise TimeoutError(f"{what} did not answer within {STARTUP_TIMEOUT_S} s")


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def run(settings: Settings) -> int:
    """Run the assistant until Ctrl+C, SIGTERM, or one of the servers exits."""
    processes = start(settings)
    port = settings.rasa_port
    voice = VoiceSettings.from_env(settings.rasa_env())
    sip_line = (
        f"SIP on {voice.sip_host}:{voice.sip_port} (UDP), sip:{voice.sip_user}@<this host>"
        if voice.sip_port
        else "SIP off (HOTLINE_VOICE_SIP_PORT=0)"
    )
    print(
        f"""
The assistant is running.
  REST channel:  curl -s http://localhost:{port}/webhooks/rest/webhook \\
                   -d '{{"sender": "me", "message": "你好"}}'
  Chat in a terminal:  make shell
  Website chat:  http://localhost:{port}/webchat
  WeChat, Zalo:  /webhooks/wechat/webhook, /webhooks/zalo/webhook (set WECHAT_*, ZALO_*)
  Action server: http://localhost:{settings.actions_port}/health
  Staff:  .venv/bin/python -m actions.cases list            death reports filed
          .venv/bin/python -m actions.police outbox         fraud reports and their delivery
  Police intake (reference, on :{settings.police_intake_port}): {settings.var_dir}/police_inbox/
  Phone line:  AudioSocket on {voice.audiosocket_host}:{voice.audiosocket_port} (Asterisk dialplan:
               AudioSocket(${{UUID()}},<this host>:{voice.audiosocket_port}))
               {sip_line}
Stop with Ctrl+C.
""",
        flush=True,
    )
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        while all(process.poll() is None for process in processes):
            time.sleep(1)
        return 1
    except (KeyboardInterrupt, SystemExit):
        return 0
    finally:
        stop(processes)
