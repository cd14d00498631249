"""A reference police intake: receives signed reports over HTTP and keeps one file per report.

For a police office without an intake system of its own, and for `make run`, which starts one
on loopback so that reports can be seen arriving (``var/police_inbox/``). It checks the HMAC
signature in constant time, refuses stale timestamps, and keeps each Idempotency-Key once.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import time
from pathlib import Path

from aiohttp import web

from actions.police.delivery import IDEMPOTENCY_HEADER, SIGNATURE_HEADER, signature

logger = logging.getLogger(__name__)

MAX_AGE_S = 300
MAX_BODY_BYTES = 256 * 1024


def verify(secret: str, header: str, body: bytes, now: float | None = None) -> bool:
    try:
        fields = dict(part.split("=", 1) for part in header.split(","))
        timestamp = int(fields["t"])
    except (ValueError, KeyError):
        return False
    if abs((now or time.time()) - timestamp) > MAX_AGE_S:
        return False
    return hmac.compare_digest(signature(secret, timestamp, body), header)


def app(secret: str, inbox: Path) -> web.Application:
    inbox.mkdir(parents=True, exist_ok=True)

    async def intake(request: web.Request) -> web.Response:
        body = await request.read()
        if not verify(secret, request.headers.get(SIGNATURE_HEADER, ""), body):
            return web.json_response({"error": "bad or stale signature"}, status=401)
        key = request.headers.get(IDEMPOTENCY_HEADER, "")
        if not key:
            return web.json_response({"error": "Idempotency-Key is required"}, status=400)
        try:
            report = json.loads(body)
        except ValueError:
            return web.json_response({"error": "body must be JSON"}, status=400)
        path = inbox / f"{hashlib.sha256(key.encode()).hexdigest()[:32]}.json"
        if path.exists():
            return web.json_response({"status": "duplicate"})
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps({"key": key, "report": report}, ensure_ascii=False))
        os.replace(temporary, path)  # whole or not at all, even if the intake dies here
        logger.info("report %s received", report.get("reference"))
        return web.json_response({"status": "received"}, status=201)

    application = web.Application(client_max_size=MAX_BODY_BYTES)
    application.router.add_post("/intake", intake)
    return application


def received(inbox: Path) -> list[dict]:
    """The reports kept, oldest first (each with its idempotency key)."""
    files = sorted(inbox.glob("*.json"), key=lambda p: p.stat().st_mtime)
    return [json.loads(p.read_text()) for p in files]
