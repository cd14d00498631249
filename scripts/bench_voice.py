"""Phone line report: speech-recognition error rate on the audio fixtures per language; turn
latency from the end of the caller's speech to the first reply audio frame (p50, p95), with
the servers and the gateway started as `make run` starts them and callers over AudioSocket
sending their speech in real time; and how many calls at once the machine carries.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

from bot.settings import VoiceSettings  # noqa: E402

FIXTURES = PROJECT_DIR / "tests" / "voice" / "fixtures"
TRANSCRIPTS = json.loads((FIXTURES / "transcripts.json").read_text(encoding="utf-8"))
KEYS = {"zh": "1", "vi": "2"}
CALLS_PER_LEVEL = {1: 4, 2: 2, 4: 1, 8: 1}  # rounds of calls at each number of calls at once
ACCEPTABLE_P95_S = 3.0  # beyond this a caller hears a long silence: the line is overloaded


def recognition_report() -> None:
    from voice.accuracy import error_rate
    from voice.asr import WhisperRecognizer
    from voice.caller import read_line_audio

    voice = VoiceSettings.from_env()
    recognizer = WhisperRecognizer(voice.asr_model_dir, voice.asr_beam_size, voice.asr_threads)
    print("\nSpeech recognition on tests/voice/fixtures (faster-whisper base, int8, 2 cores)")
    print(f"{'language':<10}{'clips':>6}{'error rate':>12}  {'unit':<10}{'seconds per clip':>18}")
    for language, unit in (("zh", "characters"), ("vi", "words")):
        pairs, seconds = [], []
        for name, text in TRANSCRIPTS.items():
            if name.startswith(language):
                audio = read_line_audio(FIXTURES / name)
                started = time.perf_counter()
                pairs.append((text, recognizer.transcribe(audio, language)))
                seconds.append(time.perf_counter() - started)
        rate = error_rate(pairs, language)
        print(
            f"{language:<10}{len(pairs):>6}{rate:>11.1%}  {unit:<10}"
            f"{statistics.mean(seconds):>18.2f}"
        )
        for reference, heard in pairs:
            print(f"    {reference} → {heard}")


async def one_call(port: int, clip: str) -> float | None:
    """A call that asks one question in real time; seconds from the end of the speech to the
    first reply audio frame, or None when no answer came."""
    from voice.caller import Caller, read_line_audio

    language = clip.split("/")[0]
    caller = await Caller.dial("127.0.0.1", port)  # silence between utterances, as a telephone
    try:
        # The whole greeting, then the welcome: what is said while a prompt plays is dropped.
        await caller.listen(gap_s=1.0, timeout_s=60)
        await caller.key(KEYS[language])
        await caller.listen(gap_s=1.0, timeout_s=60)
        speech_ended = await caller.say(read_line_audio(FIXTURES / clip), paced=True)
        answered = await caller.first_audio(30)
        return None if answered is None else answered - speech_ended
    except (asyncio.TimeoutError, ConnectionError):
        return None
    finally:
        await caller.hang_up()


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


async def latency_levels(port: int) -> list[tuple[int, list[float], int]]:
    questions = [name for name in TRANSCRIPTS if name.startswith("zh")]
    results = []
    for at_once, rounds in CALLS_PER_LEVEL.items():
        latencies, failures = [], 0
        for round_number in range(rounds):
            clips = [
                questions[(round_number * at_once + n) % len(questions)] for n in range(at_once)
            ]
            for latency in await asyncio.gather(*(one_call(port, clip) for clip in clips)):
                if latency is None:
                    failures += 1
                else:
                    latencies.append(latency)
        results.append((at_once, latencies, failures))
    return results


def latency_report() -> None:
    from bot.launcher import free_port, settings_on_free_ports, start, stop

    port = free_port()
    with tempfile.TemporaryDirectory(prefix="hotline-bench-") as var_dir:
        os.environ["HOTLINE_VOICE_AUDIOSOCKET_PORT"] = str(port)
        os.environ["HOTLINE_VOICE_SIP_PORT"] = "0"  # measured over AudioSocket: no SIP needed
        processes = start(settings_on_free_ports(Path(var_dir)))
        try:
            levels = asyncio.run(latency_levels(port))
        finally:
            stop(processes)
    end_silence = VoiceSettings.from_env().end_silence_ms
    print(
        "\nTurn latency: end of the caller's speech to the first reply audio frame "
        f"(includes the {end_silence} ms of silence that ends an utterance), Chinese questions"
    )
    print(f"{'calls at once':>14}{'turns':>7}{'failed':>8}{'p50 s':>8}{'p95 s':>8}")
    carried = 0
    for at_once, latencies, failures in levels:
        p50 = percentile(latencies, 50) if latencies else float("nan")
        p95 = percentile(latencies, 95) if latencies else float("nan")
        print(f"{at_once:>14}{len(latencies):>7}{failures:>8}{p50:>8.2f}{p95:>8.2f}")
        if not failures and latencies and p95 <= ACCEPTABLE_P95_S:
            carried = at_once
    print(f"Calls at once with every turn answered and p95 ≤ {ACCEPTABLE_P95_S:.0f} s: {carried}")


def main() -> int:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    recognition_report()
    latency_report()
    return 0


if __name__ == "__main__":
    sys.exit(main())
