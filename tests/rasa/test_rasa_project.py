"""Rasa's own checks of the project: data validation and the test stories."""

from pathlib import Path


def test_training_data_and_domain_validate_without_warnings(rasa_cli) -> None:
    result = rasa_cli(
        "data", "validate", "--fail-on-warnings", "--domain", "domain", "--data", "data"
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "UserWarning" not in result.stderr


def test_test_stories_pass_without_prediction_errors(rasa_cli, model: Path, tmp_path: Path) -> None:
    result = rasa_cli(
        "test",
        "core",
        "--model",
        str(model),
        "--stories",
        "tests/stories",
        "--fail-on-prediction-errors",
        "--out",
        str(tmp_path),
    )
    failed = tmp_path / "failed_test_stories.yml"
    details = failed.read_text() if failed.exists() else result.stdout[-3000:]
    assert result.returncode == 0, details
