"""The gateway: settings to a running AudioSocket server and SIP user agent whose calls go
through one call loop.

Speech recognition and synthesis are given by the caller of :func:`serve_audiosocket` and
:func:`serve_sip` (the models are loaded once per process, not per call).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from bot.settings import Settings, VoiceSettings
from voice import audiosocket, records, sip
from voice.call import (
    Assistant,
    CallConfig,
    CallLoop,
    Recognizer,
    SaveRecord,
    Synthesizer,
    Transport,
)
from voice.endpointing import EndpointConfig

logger = logging.getLogger(__name__)


def call_config(settings: VoiceSettings) -> CallConfig:
    return CallConfig(
        endpointing=EndpointConfig(
            end_silence_ms=settings.end_silence_ms,
            no_speech_ms=round(settings.no_speech_s * 1000),
            max_utterance_ms=round(settings.max_utterance_s * 1000),
        ),
        reprompts=settings.reprompts,
        keypad_timeout_ms=round(settings.keypad_timeout_s * 1000),
        transfer_target=settings.transfer_uri,
    )


def database_saver(settings: Settings | None = None) -> SaveRecord:
    """Saves call records in the project's database, off the event loop."""
    from actions import db

    async def save(record: records.CallRecord) -> None:
        await asyncio.to_thread(records.save, db.engine(settings), record)

    return save


async def run_call(
    transport: Transport,
    recognizer: Recognizer,
    synthesizer: Synthesizer,
    assistant: Assistant,
    config: CallConfig,
    save_record: SaveRecord | None,
) -> records.CallRecord:
    logger.info("call %s: answered (%s)", transport.call_id, transport.name)
    record = await CallLoop(
        transport, recognizer, synthesizer, assistant, config, save_record
    ).run()
    logger.info(
        "call %s: ended (%s, %s, %d turns)",
        record.call_id,
        record.outcome,
        record.language or "no language",
        len(record.latencies_ms),
    )
    return record


def call_handler(
    recognizer: Recognizer,
    synthesizer: Synthesizer,
    assistant: Assistant,
    settings: VoiceSettings,
    save_record: SaveRecord | None,
) -> Callable[[Transport], Awaitable[None]]:
    """What each transport does with a call it has answered: the call loop, with the models."""
    config = call_config(settings)

    async def handle(transport: Transport) -> None:
        await run_call(transport, recognizer, synthesizer, assistant, config, save_record)

    return handle


async def serve_audiosocket(
    recognizer: Recognizer,
    synthesizer: Synthesizer,
    assistant: Assistant,
    settings: VoiceSettings,
    save_record: SaveRecord | None,
) -> asyncio.AbstractServer:
    handle = call_handler(recognizer, synthesizer, assistant, settings, save_record)
    server = await audiosocket.serve(handle, settings.audiosocket_host, settings.audiosocket_port)
    logger.info("AudioSocket server on %s:%d", settings.audiosocket_host, settings.audiosocket_port)
    return server


def sip_config(settings: VoiceSettings) -> sip.SipConfig:
    return sip.SipConfig(
        host=settings.sip_host,
        port=settings.sip_port,
        address=settings.sip_address,
        rtp_ports=settings.sip_rtp_ports,
        registrar=settings.sip_registrar,
        user=settings.sip_user,
        password=settings.sip_password,
        domain=settings.sip_domain,
        register_expires=settings.sip_expires,
    )


async def serve_sip(
    recognizer: Recognizer,
    synthesizer: Synthesizer,
    assistant: Assistant,
    settings: VoiceSettings,
    save_record: SaveRecord | None,
) -> sip.SipAgent:
    handle = call_handler(recognizer, synthesizer, assistant, settings, save_record)
    agent = await sip.SipAgent.start(sip_config(settings), handle)
    logger.info("SIP user agent on %s:%d (UDP)", settings.sip_host, agent.port)
    return agent
