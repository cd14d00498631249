"""A terminal chat with the running assistant over its REST channel, as a user would talk."""

from __future__ import annotations

import json
import sys
import urllib.request
import uuid


def send(url: str, sender: str, text: str, timeout: float = 30) -> list[dict]:
    """One user message; the assistant's replies (each a dict with ``text`` and more)."""
    body = json.dumps({"sender": sender, "message": text}).encode()
    request = urllib.request.Request(url, body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.load(response)


def chat(url: str) -> int:
    sender = f"terminal-{uuid.uuid4().hex[:8]}"
    print("Type a message (Chinese or Vietnamese); Ctrl+D to end.")
    for line in sys.stdin:
        text = line.strip()
        if not text:
            continue
        for reply in send(url, sender, text):
            print(f"  🤖 {reply.get('text', reply)}")
    return 0
