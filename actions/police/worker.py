"""The delivery worker: takes due deliveries from the outbox, urgent first, sends them, and
records the outcome; retries with exponential backoff; after the configured attempts a
delivery is dead and an alert is raised (an ERROR log line, and a mail if an alert address is
set). Run it with ``python -m actions.police worker``; `make run` starts one."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import smtplib
from email.message import EmailMessage

import aiohttp
from sqlalchemy.engine import Engine

from actions.police import outbox
from actions.police.delivery import DeliveryError, send_email, send_http
from actions.police.routes import Route
from bot.settings import Settings

logger = logging.getLogger(__name__)

POLL_S = 0.5
BATCH = 10


class Worker:
    def __init__(self, engine: Engine, routes: list[Route], settings: Settings) -> None:
        self.engine = engine
        self.routes = {route.name: route for route in routes}
        self.settings = settings

    async def run(self, stop: asyncio.Event) -> None:
        async with aiohttp.ClientSession() as session:
            while not stop.is_set():
                try:
                    busy = await self.run_once(session)
                except Exception:  # the database may be briefly away: keep going
                    logger.exception("outbox pass failed; trying again")
                    busy = 0
                if not busy:
                    with contextlib.suppress(asyncio.TimeoutError):
                        await asyncio.wait_for(stop.wait(), POLL_S)

    async def run_once(self, session: aiohttp.ClientSession) -> int:
        """Deliver what is due now; how many deliveries were attempted."""
        due = await asyncio.to_thread(
            outbox.claim, self.engine, BATCH, self.settings.outbox_lease_s
        )
        await asyncio.gather(*(self.attempt(session, delivery) for delivery in due))
        return len(due)

    async def attempt(self, session: aiohttp.ClientSession, delivery: outbox.Delivery) -> None:
        settings = self.settings
        key = f"{delivery.reference}:{delivery.route}"
        try:
            route = self.routes.get(delivery.route)
            if route is None:
                raise DeliveryError(f"route {delivery.route!r} is not in the routes file")
            if route.url:
                await send_http(session, route, delivery.payload, key, settings.delivery_timeout_s)
            else:
                await send_email(
                    route, delivery.payload, key, settings.smtp_host, settings.smtp_port,
                    settings.smtp_from, settings.delivery_timeout_s,
                )  # fmt: skip
        except DeliveryError as error:
            dead = await asyncio.to_thread(
                outbox.failed, self.engine, delivery, str(error),
                settings.outbox_max_attempts, settings.outbox_backoff_s,
            )  # fmt: skip
            logger.warning(
                "report %s to %s: attempt %d failed: %s",
                delivery.reference, delivery.route, delivery.attempts + 1, error,
            )  # fmt: skip
            if dead:
                await asyncio.to_thread(self.alert, delivery, str(error))
            return
        await asyncio.to_thread(outbox.delivered, self.engine, delivery.id)
        logger.info(
            "report %s delivered to %s%s",
            delivery.reference, delivery.route, " (urgent)" if delivery.urgent else "",
        )  # fmt: skip

    def alert(self, delivery: outbox.Delivery, error: str) -> None:
        text = (
            f"ALERT: fraud report {delivery.reference} could not be delivered to "
            f"{delivery.route} after {self.settings.outbox_max_attempts} attempts ({error}). "
            f"Fix the route, then: python -m actions.police retry {delivery.id}"
        )
        logger.error(text)
        if not self.settings.alert_email:
            return
        message = EmailMessage()
        message["Subject"] = f"Undelivered fraud report {delivery.reference}"
        message["From"] = self.settings.smtp_from
        message["To"] = self.settings.alert_email
        message.set_content(text)
        try:
            with smtplib.SMTP(self.settings.smtp_host, self.settings.smtp_port, timeout=10) as smtp:
                smtp.send_message(message)
        except (OSError, smtplib.SMTPException):
            logger.exception("the alert mail for %s could not be sent", delivery.reference)
