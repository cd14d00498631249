"""Rasa's own checks of the project: data validation and the test stories."""

import re
from pathlib import Path

from bot.settings import PROJECT_DIR
from tests.knowledge.test_answers import DOMAIN

# Responses that custom actions send (and forms ask with) never appear in a rule, so Rasa's
# validator reports them as unused; every other warning is a real problem.
_UNUSED = re.compile(r"The utterance '(utter_\w+)' is not used in any story or rule\.")


def responses_sent_by_actions() -> set[str]:
    """Every response an action can send: named in the code, or an ID error code's."""
    code = "\n".join(p.read_text(encoding="utf-8") for p in (PROJECT_DIR / "actions").rglob("*.py"))
    names = set(re.findall(r'"(utter_\w+)"', code))
    error_codes = re.findall(r'InvalidId\("(\w+)"', code)
    return names | {f"utter_invalid_id_{error}" for error in error_codes}


def form_questions() -> set[str]:
    return {
        name
        for form, spec in DOMAIN["forms"].items()
        for slot in spec["required_slots"]
        for name in (f"utter_ask_{slot}", f"utter_ask_{form}_{slot}")
        if name in DOMAIN["responses"]
    }


def test_responses_sent_by_actions_exist() -> None:
    assert responses_sent_by_actions() - set(DOMAIN["responses"]) == set()


def test_training_data_and_domain_validate_without_warnings(rasa_cli) -> None:
    result = rasa_cli("data", "validate", "--domain", "domain", "--data", "data")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    sent_elsewhere = responses_sent_by_actions() | form_questions()
    unexpected = []
    for warning in re.findall(r"UserWarning: (.*)", result.stderr):
        unused = _UNUSED.fullmatch(warning)
        if not (unused and unused.group(1) in sent_elsewhere):
            unexpected.append(warning)
    assert unexpected == []


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
