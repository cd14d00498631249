"""Command line of the assistant: ``python -m bot COMMAND``.

run              train if needed, start the Rasa and action servers (what `make run` does)
train            train the model if its inputs changed; print its path
chat             talk to the running assistant in the terminal
detect-language  one text per line on stdin → one code per line (zh, vi or und)
"""

from __future__ import annotations

import argparse
import sys

from bot.settings import Settings


def detect_language_lines() -> int:
    from bot.language import detect

    for line in sys.stdin:
        print(detect(line.rstrip("\n")), flush=False)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("run", help="start the assistant")
    commands.add_parser("train", help="train the model if needed")
    commands.add_parser("chat", help="talk to the running assistant")
    commands.add_parser("detect-language", help="language of each line on stdin")
    args = parser.parse_args(argv)
    settings = Settings.from_env()

    if args.command == "detect-language":
        return detect_language_lines()
    if args.command == "train":
        from bot.training import ensure_model

        print(ensure_model(settings))
        return 0
    if args.command == "chat":
        from bot.chat import chat

        return chat(f"http://127.0.0.1:{settings.rasa_port}/webhooks/rest/webhook")
    from bot.launcher import run

    return run(settings)


if __name__ == "__main__":
    sys.exit(main())
