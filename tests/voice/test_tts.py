"""Speech synthesis with the real espeak-ng, at the line's 8 kHz."""

from __future__ import annotations

import numpy as np
import pytest

from voice.tts import SENTENCE_GAP, EspeakSynthesizer, to_line_rate


@pytest.fixture(scope="module")
def synthesizer() -> EspeakSynthesizer:
    return EspeakSynthesizer()


@pytest.mark.parametrize(
    ("text", "language"),
    [("您好，这里是社保服务热线。", "zh"), ("Xin chào, đây là tổng đài bảo hiểm xã hội.", "vi")],
)
def test_speech_in_each_language_at_8_khz(
    synthesizer: EspeakSynthesizer, text: str, language: str
) -> None:
    pcm = synthesizer.speak(text, language)
    seconds = len(pcm) / 2 / 8000
    assert 1.0 < seconds < 8.0
    samples = np.frombuffer(pcm, dtype="<i2")
    assert np.sqrt(np.mean(samples.astype(float) ** 2)) > 300  # speech, not silence


def test_sentences_are_spoken_apart_and_links_are_not_spoken(synthesizer) -> None:
    one = synthesizer.speak("请拨打幺二三三三。", "zh")
    two = synthesizer.speak("请拨打12333。详见 https://si.12333.gov.cn 。", "zh")
    # The number read as digits, the link left out: the same speech (espeak's samples differ
    # a little from one run to the next).
    assert abs(len(two) - len(one)) < 0.05 * len(one)
    both = synthesizer.speak("您好。请拨打12333。", "zh")
    assert SENTENCE_GAP in both


def test_resampling_keeps_duration_and_removes_what_the_line_cannot_carry() -> None:
    t = np.arange(22050) / 22050
    low = (8000 * np.sin(2 * np.pi * 440 * t)).astype("<i2").tobytes()
    high = (8000 * np.sin(2 * np.pi * 6000 * t)).astype("<i2").tobytes()
    low8k = np.frombuffer(to_line_rate(low, 22050), dtype="<i2").astype(float)
    high8k = np.frombuffer(to_line_rate(high, 22050), dtype="<i2").astype(float)
    assert len(low8k) == 8000
    assert np.sqrt(np.mean(low8k**2)) > 5000
    assert np.sqrt(np.mean(high8k**2)) < 300  # 6 kHz would fold to 2 kHz without the filter
