"""``python -m voice``: the phone gateway, with speech recognition and synthesis loaded once, until
SIGTERM or Ctrl+C. Started by ``make run`` next to the assistant."""

from __future__ import annotations

import asyncio
import logging
import signal
import sys

from bot.settings import Settings, VoiceSettings
from voice.asr import WhisperRecognizer
from voice.assistant import RasaAssistant
from voice.gateway import database_saver, serve_audiosocket, serve_sip
from voice.tts import EspeakSynthesizer


async def serve(settings: VoiceSettings, save_to: Settings) -> None:
    recognizer = WhisperRecognizer(
        settings.asr_model_dir, beam_size=settings.asr_beam_size, threads=settings.asr_threads
    )
    synthesizer = EspeakSynthesizer(settings.tts_rate)
    for greeting, language in (("您好", "zh"), ("Xin chào", "vi")):
        synthesizer.speak(greeting, language)  # espeak-ng loads each voice on first use
    assistant = RasaAssistant(settings.rasa_url, settings.rasa_timeout_s)
    save = database_saver(save_to)
    server = await serve_audiosocket(recognizer, synthesizer, assistant, settings, save)
    agent = None
    if settings.sip_port:
        agent = await serve_sip(recognizer, synthesizer, assistant, settings, save)
    stopped = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stopped.set)
    sip_line = f", SIP on {settings.sip_host}:{agent.port} (UDP)" if agent else ""
    print(
        f"Phone gateway ready: AudioSocket on {settings.audiosocket_host}:"
        f"{settings.audiosocket_port}{sip_line}",
        flush=True,
    )
    try:
        await stopped.wait()
    finally:
        if agent is not None:
            await agent.close()
        server.close()
        await server.wait_closed()
        await assistant.close()


def main() -> int:
    settings = Settings.from_env()
    logging.basicConfig(
        level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("faster_whisper").setLevel(logging.WARNING)  # a line per utterance
    try:
        asyncio.run(serve(VoiceSettings.from_env(), settings))
    except OSError as error:  # a missing model folder, a port already taken
        print(f"Phone gateway: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
