"""Energy-based endpointing: where an utterance starts and ends in a stream of 20 ms frames.

An utterance starts after a few voiced frames in a row (a click or a breath is shorter) and
ends after a stretch of silence; a frame is voiced when it is well above the line's background
noise, which is learnt as the call goes (with a floor for a silent line), so a noisy line does
not count as speech. Time is counted in frames, not on a clock: the transport delivers
audio in real time, and tests can feed seconds of audio in milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

FRAME_MS = 20


@dataclass(frozen=True)
class EndpointConfig:
    noise_floor_rms: float = 150.0  # about -47 dBFS: the background is never taken as quieter
    noise_ratio: float = 3.0  # voiced = this many times louder than the background (~10 dB)
    noise_rise: float = 1.01  # the background estimate rises at most 1 % a frame (~4 dB/s)
    start_ms: int = 100  # voiced audio in a row that starts an utterance
    end_silence_ms: int = 700  # silence that ends it
    no_speech_ms: int = 7000  # nothing said for this long: the caller gets a reprompt
    max_utterance_ms: int = 20000  # an utterance is cut here (and sent) however it goes on
    pre_roll_ms: int = 200  # audio kept from before the start, so the first syllable is whole


@dataclass(frozen=True)
class Utterance:
    pcm: bytes
    cut: bool = False  # True when it reached the maximum length rather than ending in silence


@dataclass(frozen=True)
class NoSpeech:
    """The no-speech timeout passed without an utterance starting."""


def frame_rms(frame: bytes) -> float:
    samples = np.frombuffer(frame[: len(frame) // 2 * 2], dtype="<i2").astype(np.float64)
    return float(np.sqrt(np.mean(samples**2))) if samples.size else 0.0


def _frames(ms: int) -> int:
    return max(1, round(ms / FRAME_MS))


class Endpointer:
    """Feed frames with :meth:`push`; it returns an Utterance or NoSpeech when one is complete."""

    def __init__(self, config: EndpointConfig | None = None) -> None:
        self.config = config or EndpointConfig()
        self._start = _frames(self.config.start_ms)
        self._end = _frames(self.config.end_silence_ms)
        self._timeout = _frames(self.config.no_speech_ms)
        self._max = _frames(self.config.max_utterance_ms)
        self._pre_roll = _frames(self.config.pre_roll_ms)
        self._noise = self.config.noise_floor_rms
        self.reset()

    @property
    def in_speech(self) -> bool:
        return self._speaking

    def reset(self) -> None:
        """Start listening afresh (after a prompt, or a key press); the noise level is kept."""
        self._speaking = False
        self._waited = 0
        self._voiced_run: list[bytes] = []
        self._recent: list[bytes] = []
        self._speech: list[bytes] = []
        self._silence = 0

    def is_voiced(self, frame: bytes) -> bool:
        rms = frame_rms(frame)
        voiced = rms >= self._noise * self.config.noise_ratio
        # The background: follows quiet frames down at once, loud ones up only slowly, so a
        # steady noise is learnt in a second or two while speech, with its pauses, is not.
        if rms < self._noise:
            self._noise = max(self.config.noise_floor_rms, 0.8 * self._noise + 0.2 * rms)
        else:
            self._noise = min(rms, self._noise * self.config.noise_rise)
        return voiced

    def push(self, frame: bytes) -> Utterance | NoSpeech | None:
        voiced = self.is_voiced(frame)
        if self._speaking:
            return self._continue(frame, voiced)
        return self._wait_for_start(frame, voiced)

    def _wait_for_start(self, frame: bytes, voiced: bool) -> NoSpeech | None:
        self._waited += 1
        if voiced:
            self._voiced_run.append(frame)
            if len(self._voiced_run) >= self._start:
                self._speaking = True
                self._speech = self._recent[-self._pre_roll :] + self._voiced_run
                self._silence = 0
                return None
        else:
            self._recent.extend(self._voiced_run)
            self._recent.append(frame)
            self._recent = self._recent[-self._pre_roll :]
            self._voiced_run = []
        if self._waited >= self._timeout:
            self.reset()
            return NoSpeech()
        return None

    def _continue(self, frame: bytes, voiced: bool) -> Utterance | None:
        self._speech.append(frame)
        self._silence = 0 if voiced else self._silence + 1
        if self._silence >= self._end:
            # The trailing silence is not speech: drop all but a little of it.
            pcm = b"".join(self._speech[: len(self._speech) - self._silence + 5])
            self.reset()
            return Utterance(pcm)
        if len(self._speech) >= self._max:
            pcm = b"".join(self._speech)
            self.reset()
            return Utterance(pcm, cut=True)
        return None
