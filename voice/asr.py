"""Speech recognition for the phone line: faster-whisper, one model loaded per process.

The language is the one the caller chose in the menu; before that, Whisper tells, choosing
between Chinese and Vietnamese only. Voice activity detection is on, since Whisper makes up
words ("subscribe…") from noise alone, and a short prompt of the hotline's own words makes
those words likelier. Whisper often writes traditional characters: they become simplified.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

import numpy as np
import speech_recognition
import zhconv

MODEL_RATE = 16000
LINE_RATE = 8000
LANGUAGES = ("zh", "vi")
# Words callers use that a general model hears wrongly without a hint. When it cannot make out
# the audio, Whisper may give back its prompt as the transcript: that is discarded.
PROMPTS = {
    "zh": "养老金，资格认证，人脸识别，死亡申报，丧葬补助金，社保卡，冒领，诈骗",
    "vi": "lương hưu, bảo hiểm xã hội, xác thực, VssID, VNeID, trợ cấp mai táng, lừa đảo",
}


def to_model_audio(pcm: bytes, rate: int = LINE_RATE) -> np.ndarray:
    """16-bit mono ``pcm`` as the float samples at 16 kHz that Whisper takes (the resampling
    is SpeechRecognition's)."""
    audio = speech_recognition.AudioData(pcm, rate, 2)
    raw = audio.get_raw_data(convert_rate=MODEL_RATE, convert_width=2)
    return np.frombuffer(raw, dtype="<i2").astype(np.float32) / 32768.0


def is_prompt_echo(text: str, prompt: str) -> bool:
    """Whether ``text`` is only words of the prompt (so nothing that was heard)."""
    words = [word for word in re.split(r"[\W_]+", text.lower()) if word]
    return bool(words) and " ".join(words) in " ".join(re.split(r"[\W_]+", prompt.lower()))


class WhisperRecognizer:
    def __init__(
        self, model_dir: Path, beam_size: int = 1, threads: int = 0, compute_type: str = "int8"
    ) -> None:
        from faster_whisper import WhisperModel

        if not (model_dir / "model.bin").exists():
            raise FileNotFoundError(
                f"no speech-recognition model in {model_dir} (the setup step assembles it: "
                "make setup)"
            )
        self._model = WhisperModel(
            str(model_dir), device="cpu", compute_type=compute_type, cpu_threads=threads
        )
        self._beam_size = beam_size
        self._lock = threading.Lock()  # one decoding at a time uses the cores best

    def transcribe(self, pcm: bytes, language: str | None) -> str:
        audio = to_model_audio(pcm)
        with self._lock:
            language = language or self._which_language(audio)
            segments, _ = self._model.transcribe(
                audio,
                language=language,
                beam_size=self._beam_size,
                vad_filter=True,
                initial_prompt=PROMPTS[language],
                condition_on_previous_text=False,
                without_timestamps=True,
            )
            text = "".join(segment.text for segment in segments).strip()
        if language == "zh":
            text = zhconv.convert(text, "zh-cn")
        return "" if is_prompt_echo(text, PROMPTS[language]) else text

    def _which_language(self, audio: np.ndarray) -> str:
        _, _, probabilities = self._model.detect_language(audio, vad_filter=True)
        by_language = dict(probabilities or [])
        return max(LANGUAGES, key=lambda language: by_language.get(language, 0.0))
