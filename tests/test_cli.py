import subprocess
import sys

from bot.settings import PROJECT_DIR


def test_detect_language_prints_one_code_per_line() -> None:
    lines = [
        "养老金怎么认证",
        "lương hưu",
        "luong huu cua toi",
        "😀",
        "",
        "hello, how can I apply for this",
    ]
    result = subprocess.run(
        [sys.executable, "-m", "bot", "detect-language"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        cwd=PROJECT_DIR,
        check=True,
    )
    assert result.stdout.splitlines() == ["zh", "vi", "vi", "und", "und", "und"]
