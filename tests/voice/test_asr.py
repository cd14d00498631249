"""Speech recognition with the real model on the committed audio fixtures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.settings import VoiceSettings
from tests.voice.fakes import noise, silence
from voice.accuracy import error_rate
from voice.asr import PROMPTS, WhisperRecognizer, is_prompt_echo
from voice.caller import read_line_audio

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TRANSCRIPTS = json.loads((FIXTURES / "transcripts.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def recognizer() -> WhisperRecognizer:
    return WhisperRecognizer(VoiceSettings.from_env({}).asr_model_dir)


def fixtures(language: str) -> list[tuple[Path, str]]:
    return [
        (FIXTURES / name, text) for name, text in TRANSCRIPTS.items() if name.startswith(language)
    ]


def test_chinese_questions_are_recognised_in_simplified_characters(recognizer) -> None:
    pairs = [
        (text, recognizer.transcribe(read_line_audio(path), "zh")) for path, text in fixtures("zh")
    ]
    assert error_rate(pairs, "zh") < 0.2
    heard = "".join(hypothesis for _, hypothesis in pairs)
    assert "认证" in heard and "認證" not in heard


def test_vietnamese_recordings_are_recognised(recognizer) -> None:
    pairs = [
        (text, recognizer.transcribe(read_line_audio(path), "vi")) for path, text in fixtures("vi")
    ]
    assert error_rate(pairs, "vi") < 0.35  # words; Whisper base, telephone band


@pytest.mark.parametrize("language", ["zh", "vi"])
def test_before_the_menu_the_language_is_told_from_the_speech(recognizer, language) -> None:
    path, text = fixtures(language)[1]
    pairs = [(text, recognizer.transcribe(read_line_audio(path), None))]
    assert error_rate(pairs, language) < 0.3


def test_silence_and_line_noise_are_not_words(recognizer) -> None:
    assert recognizer.transcribe(silence(2000), "vi") == ""
    assert recognizer.transcribe(noise(2000, rms=300), "zh") == ""


def test_a_transcript_that_only_repeats_the_vocabulary_prompt_is_discarded() -> None:
    assert is_prompt_echo("Bảo hiểm xã hội.", PROMPTS["vi"])
    assert is_prompt_echo("养老金，资格认证", PROMPTS["zh"])
    assert not is_prompt_echo("tôi muốn hỏi về lương hưu", PROMPTS["vi"])
    assert not is_prompt_echo("", PROMPTS["zh"])
