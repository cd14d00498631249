"""Synthetic audio, stub models and a scripted caller for the call loop's tests."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import numpy as np

from voice.call import Audio, Dtmf, Event, HangUp, Replies

FRAME_SAMPLES = 160  # 20 ms at 8 kHz


def tone(ms: int, amplitude: int = 8000, hz: float = 440.0) -> bytes:
    t = np.arange(ms * 8) / 8000
    return (amplitude * np.sin(2 * np.pi * hz * t)).astype("<i2").tobytes()


def silence(ms: int) -> bytes:
    return b"\x00\x00" * (ms * 8)


def noise(ms: int, rms: float, seed: int = 1) -> bytes:
    samples = np.random.default_rng(seed).normal(0, rms, ms * 8)
    return np.clip(samples, -32768, 32767).astype("<i2").tobytes()


def frames(pcm: bytes) -> list[bytes]:
    return [pcm[i : i + 320] for i in range(0, len(pcm), 320)]


def spoken(ms: int = 1000) -> list[Event]:
    """A caller's utterance as the transport delivers it: speech, then the silence that ends it."""
    return [Audio(frame) for frame in frames(tone(ms) + silence(900))]


def keyed(keys: str) -> list[Event]:
    return [Dtmf(key) for key in keys]


class StubRecognizer:
    def __init__(self, *texts: str) -> None:
        self.texts = list(texts)
        self.calls: list[str | None] = []

    def transcribe(self, pcm: bytes, language: str | None) -> str:
        assert pcm, "the recognizer gets the utterance's audio"
        self.calls.append(language)
        return self.texts.pop(0) if self.texts else ""


class StubSynthesizer:
    def __init__(self) -> None:
        self.spoken: list[tuple[str, str]] = []

    def speak(self, text: str, language: str) -> bytes:
        self.spoken.append((text, language))
        return silence(20)


class StubAssistant:
    def __init__(self, answer: Callable[[str, str], list[str]] | None = None) -> None:
        self.answer = answer or (lambda text, language: [f"answer to {text}"])
        self.calls: list[tuple[str, str, str]] = []
        self.entered = asyncio.Event()
        self.block = False

    async def reply(self, sender: str, text: str, language: str) -> list[str]:
        self.calls.append((sender, text, language))
        self.entered.set()
        if self.block:
            await asyncio.Event().wait()  # Rasa never answers
        return self.answer(text, language)


def handoff(text: str, language: str) -> list[str]:
    return Replies(["请拨打12333"], transfer=True)


class ScriptedTransport:
    """A caller who answers each prompt with the next step of a script, and otherwise keeps a
    silent line open (audio frames of silence, as Asterisk sends them).

    A step is a list of events; an asyncio.Event in a step makes the caller wait for it first.
    """

    name = "scripted"

    def __init__(self, *steps: list[Event | asyncio.Event], call_id: str = "call-1") -> None:
        self.call_id = call_id
        self.steps = list(steps)
        self.pending: list[Event | asyncio.Event] = []
        self.played: list[bytes] = []
        self.hung_up = False
        self.transferred_to: str | None = None
        self.can_transfer = True

    async def next_event(self) -> Event:
        await asyncio.sleep(0)
        if self.hung_up:
            await asyncio.Event().wait()  # the loop ends the call; nothing more comes
        while self.pending:
            item = self.pending.pop(0)
            if isinstance(item, asyncio.Event):
                await item.wait()
                continue
            return item
        return Audio(silence(20))

    async def play(self, pcm: bytes) -> None:
        self.played.append(pcm)
        if self.steps:
            self.pending.extend(self.steps.pop(0))
        await asyncio.sleep(0)

    async def hang_up(self) -> None:
        self.hung_up = True

    async def transfer(self, target: str) -> bool:
        if not self.can_transfer:
            return False
        self.transferred_to = target
        return True


__all__ = ["HangUp"]
