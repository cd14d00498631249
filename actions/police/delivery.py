"""Sending one report to one police intake: an HTTP webhook or an e-mail.

HTTP: JSON body, signed with HMAC-SHA256 over "<timestamp>.<body>" in the header
``X-Hotline-Signature: t=<unix time>,v1=<hex>``, and an ``Idempotency-Key`` (the delivery's
own key, the same on every retry) so that the receiver keeps one copy however often it is sent.
Only a 2xx answer counts as delivered.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import smtplib
import time
from email.message import EmailMessage

import aiohttp

from actions.police.routes import Route

SIGNATURE_HEADER = "X-Hotline-Signature"
IDEMPOTENCY_HEADER = "Idempotency-Key"


class DeliveryError(Exception):
    """The intake did not take the report; the message says why (kept in the outbox)."""


def signature(secret: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def body_of(payload: dict) -> bytes:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True).encode()


async def send_http(
    session: aiohttp.ClientSession, route: Route, payload: dict, key: str, timeout_s: float
) -> None:
    body = body_of(payload)
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        SIGNATURE_HEADER: signature(route.secret, int(time.time()), body),
        IDEMPOTENCY_HEADER: key,
    }
    try:
        async with session.post(
            route.url, data=body, headers=headers, timeout=aiohttp.ClientTimeout(total=timeout_s)
        ) as response:
            if not 200 <= response.status < 300:
                text = (await response.text())[:200]
                raise DeliveryError(f"HTTP {response.status}: {text}")
    except (aiohttp.ClientError, asyncio.TimeoutError) as error:
        raise DeliveryError(f"{type(error).__name__}: {error}") from None


def email_text(payload: dict) -> str:
    """The report as plain text for an inbox, every field on its own line."""
    lines = [f"{key}: {value}" for key, value in payload.items() if value not in (None, "", [])]
    return "\n".join(lines) + "\n"


async def send_email(
    route: Route, payload: dict, key: str, host: str, port: int, sender: str, timeout_s: float
) -> None:
    message = EmailMessage()
    urgent = "[URGENT] " if payload.get("urgent") else ""
    message["Subject"] = f"{urgent}Fraud report {payload['reference']}"
    message["From"] = sender
    message["To"] = route.email_to
    message["Message-ID"] = f"<{key}@hotline>"  # the same on every retry: mail systems dedupe
    message.set_content(email_text(payload))

    def send() -> None:
        with smtplib.SMTP(host, port, timeout=timeout_s) as smtp:
            refused = smtp.send_message(message)
        if refused:
            raise DeliveryError(f"refused recipients: {', '.join(refused)}")

    try:
        await asyncio.to_thread(send)
    except (OSError, smtplib.SMTPException) as error:
        raise DeliveryError(f"{type(error).__name__}: {error}") from None
