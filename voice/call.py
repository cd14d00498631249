"""The call loop: menu, turns, keypad, transfer and silence, whatever carries the call.

A call is a conversation between a Transport (AudioSocket or SIP: audio frames, keypad digits
and a hangup in; audio, hangup and transfer out), a Recognizer (speech to text), a Synthesizer
(text to 8 kHz audio) and the Assistant (Rasa). One task reads the transport's events into a
queue, so that a hangup is noticed at once, even while the loop waits for speech recognition,
the assistant or the end of a prompt, and a key pressed during a prompt cuts it short.

Recognizer and Synthesizer are blocking (they run models): the loop calls them in a thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from bot import language as languages
from voice import prompts
from voice.endpointing import EndpointConfig, Endpointer, NoSpeech, Utterance
from voice.records import CallRecord, utc_now

logger = logging.getLogger(__name__)

FRAME_BYTES = 320  # 20 ms of 8 kHz 16-bit mono: the unit of endpointing
GAP = b"\x00" * 4800  # 300 ms of silence between two sentences of one prompt


@dataclass(frozen=True)
class Audio:
    pcm: bytes


@dataclass(frozen=True)
class Dtmf:
    digit: str


@dataclass(frozen=True)
class HangUp:
    reason: str = "caller"


Event = Audio | Dtmf | HangUp


class Transport(Protocol):
    name: str  # audiosocket | sip: kept in the call record
    call_id: str

    async def next_event(self) -> Event: ...

    async def play(self, pcm: bytes) -> None:
        """Play 8 kHz 16-bit mono audio; returns when played. Cancelling stops it."""

    async def hang_up(self) -> None: ...

    async def transfer(self, target: str) -> bool:
        """Hand the caller to ``target``; False when this transport cannot."""


class Recognizer(Protocol):
    def transcribe(self, pcm: bytes, language: str | None) -> str:
        """Text of 8 kHz 16-bit mono speech; ``language`` None lets the model tell."""


class Synthesizer(Protocol):
    def speak(self, text: str, language: str) -> bytes:
        """8 kHz 16-bit mono audio of ``text``."""


class Assistant(Protocol):
    async def reply(self, sender: str, text: str, language: str) -> list[str]:
        """The assistant's replies: a list of texts, or Replies(..., transfer=True)."""


@dataclass(frozen=True)
class CallConfig:
    endpointing: EndpointConfig = field(default_factory=EndpointConfig)
    reprompts: int = 2  # silences answered with a reprompt before the goodbye
    keypad_timeout_ms: int = 5000  # a keypad entry without "#" is taken after this pause
    transfer_target: str = ""  # SIP URI of the human agents; empty: the transfer is noted only
    idle_timeout_s: float = 30.0  # no frame at all for this long: the line is dead


class CallEnded(Exception):
    def __init__(self, outcome: str) -> None:
        super().__init__(outcome)
        self.outcome = outcome


@dataclass(frozen=True)
class Speech:
    pcm: bytes
    ended_at: float


@dataclass(frozen=True)
class Keys:
    keys: str
    ended_at: float


@dataclass(frozen=True)
class Silence:
    pass


Heard = Speech | Keys | Silence
T = TypeVar("T")
SaveRecord = Callable[[CallRecord], Awaitable[None]]


class Replies(list[str]):
    """The assistant's replies (a plain list of texts), and whether it asked for a person."""

    def __init__(self, texts: list[str] | tuple[str, ...] = (), transfer: bool = False) -> None:
        super().__init__(texts)
        self.transfer = transfer


def wants_person(replies: list[str]) -> bool:
    return bool(getattr(replies, "transfer", False))


class CallLoop:
    def __init__(
        self,
        transport: Transport,
        recognizer: Recognizer,
        synthesizer: Synthesizer,
        assistant: Assistant,
        config: CallConfig | None = None,
        save_record: SaveRecord | None = None,
    ) -> None:
        self.transport = transport
        self.recognizer = recognizer
        self.synthesizer = synthesizer
        self.assistant = assistant
        self.config = config or CallConfig()
        self.save_record = save_record
        self.record = CallRecord(transport.call_id, transport.name)
        self.language: str | None = None
        self._endpointer = Endpointer(self.config.endpointing)
        self._events: asyncio.Queue[Event] = asyncio.Queue()
        self._hung_up = asyncio.Event()
        self._key_pressed = asyncio.Event()  # set while a key waits to be listened to
        self._keys_waiting = 0
        self._carry = b""

    # -- the call -------------------------------------------------------------------------

    async def run(self) -> CallRecord:
        """Hold the whole call; returns its record once it has ended and been saved."""
        pump = asyncio.create_task(self._pump())
        try:
            await self._converse()
        except CallEnded as ended:
            self.record.outcome = ended.outcome
        except Exception:
            logger.exception("call %s: the call loop failed", self.record.call_id)
            self.record.outcome = "error"
            with contextlib.suppress(Exception):
                await self.transport.hang_up()
        finally:
            pump.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await pump
            self.record.ended_at = utc_now()
            self.record.language = self.language
            await self._save()
        return self.record

    async def _converse(self) -> None:
        first = await self._menu()
        if first is None:
            await self._say([(self.language, prompts.WELCOME[self.language])])
        else:  # the caller has already asked: answer rather than invite a question
            await self._answer(first[0], "speech", first[1])
        silences = 0
        while True:
            heard = await self._listen()
            if isinstance(heard, Keys):
                silences = 0
                if heard.keys == "0":
                    await self._transfer()
                await self._answer(heard.keys, "keypad", heard.ended_at)
                continue
            text = "" if isinstance(heard, Silence) else await self._transcribe(heard.pcm)
            if text:
                silences = 0
                await self._answer(text, "speech", heard.ended_at)
                continue
            silences += 1
            if silences > self.config.reprompts:
                await self._goodbye([(self.language, prompts.GOODBYE[self.language])])
            prompt = prompts.REPROMPT if isinstance(heard, Silence) else prompts.NOT_UNDERSTOOD
            await self._say([(self.language, prompt[self.language])])

    async def _menu(self) -> tuple[str, float] | None:
        """Choose the language: a key, or speech in it. Returns the speech, to be answered."""
        for _ in range(self.config.reprompts + 1):
            await self._say(prompts.GREETING)
            heard = await self._listen(menu=True)
            if isinstance(heard, Keys):
                if heard.keys == "0":
                    await self._transfer()
                self.language = {"1": languages.ZH, "2": languages.VI}.get(heard.keys)
                if self.language:
                    return None
            elif isinstance(heard, Speech):
                text = await self._transcribe(heard.pcm)
                detected = languages.detect(text) if text else languages.UNDETERMINED
                if detected in languages.SUPPORTED:
                    self.language = detected
                    return text, heard.ended_at
        await self._goodbye(prompts.GOODBYE_BILINGUAL)
        return None  # not reached: the goodbye ends the call

    async def _answer(self, text: str, via: str, ended_at: float) -> None:
        """One turn: the caller's text to the assistant, its replies back as speech."""
        language = self.language or languages.ZH
        self.record.add("caller", text, via)
        replies = await self._while_connected(
            self.assistant.reply(self.record.call_id, text, language)
        )
        if wants_person(replies):
            await self._transfer()
        parts = [(language, reply) for reply in replies if reply.strip()]
        if via == "keypad":
            # Keyed digits are read back first: the caller hears what was understood.
            echo = prompts.KEYED[language].format(prompts.spell(text))
            parts.insert(0, (language, echo))
        pcm = await self._synthesize(parts)
        self.record.add_latency(time.monotonic() - ended_at)
        for _, reply in parts:
            self.record.add("assistant", reply)
        await self._play(pcm)

    async def _transfer(self) -> None:
        """To a person: over SIP a transfer; otherwise the call ends with the request noted."""
        if self.language:
            await self._say([(self.language, prompts.TRANSFER[self.language])])
        else:
            await self._say(prompts.TRANSFER_BILINGUAL)
        target = self.config.transfer_target
        self.record.transfer_target = target or None
        if target and await self._while_connected(self.transport.transfer(target)):
            raise CallEnded("transferred")
        await self.transport.hang_up()
        raise CallEnded("transfer_requested")

    async def _goodbye(self, parts: list[tuple[str, str]]) -> None:
        await self._say(parts)
        await self.transport.hang_up()
        raise CallEnded("silence")

    # -- listening ------------------------------------------------------------------------

    async def _listen(self, menu: bool = False) -> Heard:
        """The caller's next utterance, keypad entry (in the menu: one key), or silence."""
        self._drop_queued_audio()
        self._endpointer.reset()
        keys = ""
        quiet_frames = 0
        keypad_timeout = max(1, self.config.keypad_timeout_ms // 20)
        while True:
            event = await self._next_event()
            if isinstance(event, Dtmf):
                if menu:
                    return Keys(event.digit, time.monotonic())
                self._endpointer.reset()  # key tones are not speech
                quiet_frames = 0
                if event.digit == "#":
                    if keys:
                        return Keys(keys, time.monotonic())
                    continue
                keys += "X" if event.digit == "*" else event.digit
                continue
            for frame in self._frames(event.pcm):
                if keys:
                    quiet_frames += 1
                    if quiet_frames >= keypad_timeout:
                        return Keys(keys, time.monotonic())
                    continue
                result = self._endpointer.push(frame)
                if isinstance(result, Utterance):
                    return Speech(result.pcm, time.monotonic())
                if isinstance(result, NoSpeech):
                    return Silence()

    def _frames(self, pcm: bytes) -> list[bytes]:
        """Audio of any packet size as 20 ms frames (SIP packets need not be 20 ms)."""
        data = self._carry + pcm
        whole = len(data) // FRAME_BYTES * FRAME_BYTES
        self._carry = data[whole:]
        return [data[i : i + FRAME_BYTES] for i in range(0, whole, FRAME_BYTES)]

    async def _next_event(self) -> Audio | Dtmf:
        event = await self._events.get()
        if isinstance(event, HangUp):
            raise CallEnded("caller_hung_up")
        if isinstance(event, Dtmf):
            self._keys_waiting -= 1
            if not self._keys_waiting:
                self._key_pressed.clear()
        return event

    def _drop_queued_audio(self) -> None:
        """Audio that arrived while the gateway spoke is its own echo and the past: drop it."""
        kept = []
        while not self._events.empty():
            event = self._events.get_nowait()
            if not isinstance(event, Audio):
                kept.append(event)
        for event in kept:
            self._events.put_nowait(event)
        self._carry = b""

    async def _pump(self) -> None:
        """Read the transport's events into the queue; flag hangups and key presses."""
        while True:
            event = await self._read_event()
            self._events.put_nowait(event)
            if isinstance(event, HangUp):
                self._hung_up.set()
                return
            if isinstance(event, Dtmf):
                self._keys_waiting += 1
                self._key_pressed.set()

    async def _read_event(self) -> Event:
        # Not asyncio.wait_for: on Python 3.10 it can swallow the cancellation that ends the
        # pump when the read completes at the same moment, and the pump would run on.
        read = asyncio.ensure_future(self.transport.next_event())
        try:
            done, _ = await asyncio.wait([read], timeout=self.config.idle_timeout_s)
        except asyncio.CancelledError:
            read.cancel()
            raise
        if not done:  # a cancelled read is not cancelled() until it has run: test done
            read.cancel()
            logger.warning("call %s: no audio for a while; ending", self.record.call_id)
            return HangUp("idle")
        if read.cancelled():
            return HangUp("error")
        if read.exception() is not None:
            logger.error(
                "call %s: the transport failed", self.record.call_id, exc_info=read.exception()
            )
            return HangUp("error")
        return read.result()

    # -- speaking and waiting -------------------------------------------------------------

    async def _say(self, parts: list[tuple[str, str]]) -> None:
        await self._play(await self._synthesize(parts))
        for _, text in parts:
            self.record.add("assistant", text, "prompt")

    async def _synthesize(self, parts: list[tuple[str, str]]) -> bytes:
        clips = []
        for language, text in parts:
            clips.append(
                await self._while_connected(
                    asyncio.to_thread(self.synthesizer.speak, text, language)
                )
            )
        return GAP.join(clips)

    async def _transcribe(self, pcm: bytes) -> str:
        text = await self._while_connected(
            asyncio.to_thread(self.recognizer.transcribe, pcm, self.language)
        )
        return text.strip()

    async def _play(self, pcm: bytes) -> None:
        """Play ``pcm``; a key pressed meanwhile stops it (the key is kept for listening), and
        one pressed before it (while the prompt was being synthesized) skips it."""
        await self._while_connected(self.transport.play(pcm), stop_on_key=True)

    async def _while_connected(self, work: Awaitable[T], stop_on_key: bool = False) -> T:
        """Await ``work`` unless the caller hangs up first (or presses a key, if asked)."""
        task = asyncio.ensure_future(work)
        watchers = [asyncio.create_task(self._hung_up.wait())]
        if stop_on_key:
            watchers.append(asyncio.create_task(self._key_pressed.wait()))
        try:
            await asyncio.wait([task, *watchers], return_when=asyncio.FIRST_COMPLETED)
        finally:
            for pending in [*watchers, task] if not task.done() else watchers:
                pending.cancel()
            for pending in watchers:
                with contextlib.suppress(asyncio.CancelledError):
                    await pending
        if task.done() and not task.cancelled():
            return task.result()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await task
        if self._hung_up.is_set():
            raise CallEnded("caller_hung_up")
        return None  # type: ignore[return-value]  # only playback stops on a key

    async def _save(self) -> None:
        if self.save_record is None:
            return
        try:
            await self.save_record(self.record)
        except Exception:
            logger.exception("call %s: the call record could not be saved", self.record.call_id)
