"""Speech synthesis for the phone line: pyttsx3 on espeak-ng, resampled to the line's 8 kHz.

espeak-ng runs on the agency's machine with no model files to fetch. Its plain `cmn` voice
reads Chinese characters as English pinyin; `cmn-latn-pinyin` reads them as Mandarin.
"""

from __future__ import annotations

import contextlib
import io
import tempfile
import threading
import time
import wave
from pathlib import Path

import numpy as np

from voice.spoken import spoken_sentences

LINE_RATE = 8000
VOICES = {"zh": "sit/cmn-latn-pinyin", "vi": "aav/vi"}
SENTENCE_GAP = b"\x00\x00" * (LINE_RATE // 4)  # 250 ms between two sentences
FILE_WAIT_S = 2.0  # espeak-ng may finish writing the file a moment after runAndWait returns


class SynthesisError(RuntimeError):
    pass


class EspeakSynthesizer:
    """Text to 8 kHz 16-bit mono speech. espeak-ng initialises once per process and is not
    thread-safe, so there is one engine and one synthesis at a time (each takes a few
    milliseconds per sentence)."""

    def __init__(self, words_per_minute: int = 150) -> None:
        import pyttsx3

        self._engine = pyttsx3.init("espeak")
        # Slower than espeak's 175 words a minute: most callers are elderly.
        self._engine.setProperty("rate", words_per_minute)
        self._lock = threading.Lock()

    def speak(self, text: str, language: str) -> bytes:
        clips = [
            self._synthesize(sentence, language) for sentence in spoken_sentences(text, language)
        ]
        return SENTENCE_GAP.join(clip for clip in clips if clip)

    def _synthesize(self, sentence: str, language: str) -> bytes:
        with self._lock, tempfile.TemporaryDirectory(prefix="hotline-tts-") as directory:
            path = Path(directory) / "speech.wav"
            self._engine.setProperty("voice", VOICES[language])
            # The espeak driver prints "Audio saved to …" for every file, at times only once
            # runAndWait has returned.
            with contextlib.redirect_stdout(io.StringIO()):
                self._engine.save_to_file(sentence, str(path))
                self._engine.runAndWait()
                wait_for(path)
            return to_line_rate(*read_wav(path))


def wait_for(path: Path, timeout_s: float = FILE_WAIT_S) -> Path:
    """``path`` once it is a whole WAV file: the first one of a process can still be being
    written when runAndWait returns."""
    deadline = time.monotonic() + timeout_s
    while not is_whole_wav(path):
        if time.monotonic() > deadline:
            raise SynthesisError(f"espeak-ng wrote no audio within {timeout_s} s")
        time.sleep(0.01)
    return path


def is_whole_wav(path: Path) -> bool:
    try:
        with wave.open(str(path), "rb") as audio:
            frames = audio.getnframes()
            expected = 44 + frames * audio.getsampwidth() * audio.getnchannels()
        return frames > 0 and path.stat().st_size >= expected
    except (OSError, EOFError, wave.Error):
        return False


def read_wav(path: Path) -> tuple[bytes, int]:
    with wave.open(str(path), "rb") as audio:
        if audio.getsampwidth() != 2 or audio.getnchannels() != 1:
            raise SynthesisError("espeak-ng wrote audio that is not 16-bit mono")
        return audio.readframes(audio.getnframes()), audio.getframerate()


def to_line_rate(pcm: bytes, rate: int) -> bytes:
    """16-bit mono ``pcm`` at ``rate`` resampled to 8 kHz, with an anti-aliasing filter (a
    plain decimation would fold espeak's high frequencies into the band and blur it)."""
    from scipy.signal import resample_poly

    if rate == LINE_RATE or not pcm:
        return pcm
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float32)
    divisor = np.gcd(rate, LINE_RATE)
    resampled = resample_poly(samples, LINE_RATE // divisor, rate // divisor)
    return np.clip(np.round(resampled), -32768, 32767).astype("<i2").tobytes()
