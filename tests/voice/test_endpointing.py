"""Energy-based endpointing on synthetic 8 kHz audio."""

from __future__ import annotations

from tests.voice.fakes import frames, noise, silence, tone
from voice.endpointing import EndpointConfig, Endpointer, NoSpeech, Utterance, frame_rms


def feed(endpointer: Endpointer, pcm: bytes) -> list[tuple[int, object]]:
    """(frame index, result) of every frame that completed something."""
    results = []
    for index, frame in enumerate(frames(pcm)):
        result = endpointer.push(frame)
        if result is not None:
            results.append((index, result))
    return results


def test_rms_of_silence_and_of_a_tone() -> None:
    assert frame_rms(silence(20)) == 0
    assert 5500 < frame_rms(tone(20, amplitude=8000)) < 5800  # amplitude / sqrt(2)


def test_an_utterance_ends_after_the_configured_silence() -> None:
    endpointer = Endpointer(EndpointConfig(end_silence_ms=700))
    results = feed(endpointer, silence(300) + tone(1000) + silence(2000))
    assert len(results) == 1
    index, utterance = results[0]
    assert isinstance(utterance, Utterance) and not utterance.cut
    # Ends 700 ms (35 frames) after the tone stopped at frame 65.
    assert index == 65 + 35 - 1
    # The whole tone, a little before it and a little after it.
    assert 1000 * 16 <= len(utterance.pcm) <= 1500 * 16


def test_a_shorter_pause_does_not_end_the_utterance() -> None:
    endpointer = Endpointer(EndpointConfig(end_silence_ms=700))
    results = feed(endpointer, tone(500) + silence(400) + tone(500) + silence(800))
    assert [type(r) for _, r in results] == [Utterance]
    assert len(results[0][1].pcm) >= 1400 * 16


def test_a_click_is_not_speech() -> None:
    endpointer = Endpointer(EndpointConfig(no_speech_ms=2000))
    results = feed(endpointer, silence(500) + tone(40) + silence(1500))
    assert [type(r) for _, r in results] == [NoSpeech]


def test_no_speech_times_out_for_a_reprompt() -> None:
    endpointer = Endpointer(EndpointConfig(no_speech_ms=3000))
    results = feed(endpointer, silence(7000))
    assert [index for index, _ in results] == [149, 299]
    assert all(isinstance(r, NoSpeech) for _, r in results)


def test_a_long_utterance_is_cut_at_the_maximum() -> None:
    endpointer = Endpointer(EndpointConfig(max_utterance_ms=2000))
    results = feed(endpointer, tone(3000))
    _, utterance = results[0]
    assert isinstance(utterance, Utterance) and utterance.cut
    assert len(utterance.pcm) == 2000 * 16


def test_quiet_line_noise_is_silence() -> None:
    endpointer = Endpointer(EndpointConfig(no_speech_ms=2000))
    assert [type(r) for _, r in feed(endpointer, noise(2000, rms=100))] == [NoSpeech]


def test_steady_loud_noise_is_learnt_and_speech_above_it_still_heard() -> None:
    endpointer = Endpointer(EndpointConfig(no_speech_ms=3000, max_utterance_ms=5000))
    feed(endpointer, noise(4000, rms=1000))  # the line's background, learnt
    endpointer.reset()
    assert [type(r) for _, r in feed(endpointer, noise(3000, rms=1000, seed=2))] == [NoSpeech]
    speech = noise(300, rms=1000, seed=3) + tone(800, amplitude=12000) + noise(1000, 1000, 4)
    assert [type(r) for _, r in feed(endpointer, speech)] == [Utterance]


def test_reset_starts_listening_afresh() -> None:
    endpointer = Endpointer(EndpointConfig(no_speech_ms=1000))
    feed(endpointer, tone(300))
    assert endpointer.in_speech
    endpointer.reset()
    assert not endpointer.in_speech
    assert [type(r) for _, r in feed(endpointer, silence(1000))] == [NoSpeech]
