import shutil
from pathlib import Path

from bot.settings import PROJECT_DIR
from bot.training import LOCK_FILE, TRAINING_INPUTS, fingerprint


def copy_training_inputs(target: Path) -> None:
    for name in TRAINING_INPUTS:
        source = PROJECT_DIR / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, target / name)
    shutil.copy(PROJECT_DIR / LOCK_FILE, target / LOCK_FILE)


def test_fingerprint_is_stable_and_follows_training_data(tmp_path: Path) -> None:
    copy_training_inputs(tmp_path)
    before = fingerprint(tmp_path)
    assert fingerprint(tmp_path) == before == fingerprint(PROJECT_DIR)

    with (tmp_path / "data/nlu/zh/base.yml").open("a") as data:
        data.write("\n")
    assert fingerprint(tmp_path) != before


def test_fingerprint_follows_the_nlu_components(tmp_path: Path) -> None:
    copy_training_inputs(tmp_path)
    before = fingerprint(tmp_path)
    with (tmp_path / "bot/nlu/zh_dictionary.txt").open("a") as dictionary:
        dictionary.write("医保卡 500 n\n")
    assert fingerprint(tmp_path) != before


def test_fingerprint_follows_the_packages_a_model_is_made_by(tmp_path: Path) -> None:
    copy_training_inputs(tmp_path)
    before = fingerprint(tmp_path)
    lock = tmp_path / LOCK_FILE
    pins = lock.read_text()
    lock.write_text(pins + "aiosmtpd==1.4.6\n")  # a dependency of a channel or a test
    assert fingerprint(tmp_path) == before

    lock.write_text(pins.replace("tensorflow==2.12.0", "tensorflow==2.12.1"))
    assert fingerprint(tmp_path) != before
