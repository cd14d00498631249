"""`python -m actions.registry import FILE.csv`, run as agency staff run it."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from actions import registry
from actions.registry import demo
from actions.registry.demo import cn_id
from bot.settings import PROJECT_DIR
from tests.actions.people import CN_NAME, CN_PERSON, VN_NAME, VN_PERSON, row, write_csv


def run_cli(*args: str, db_url: str) -> subprocess.CompletedProcess:
    env = {"HOTLINE_DB_URL": db_url, "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        [sys.executable, "-m", "actions.registry", *args],
        cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


@pytest.fixture
def db_url(database) -> str:
    return database.url.render_as_string(hide_password=False)


def test_a_good_file_is_imported_and_a_second_import_updates(database, db_url, tmp_path) -> None:
    path = write_csv(
        tmp_path / "export.csv", [row(CN_PERSON, CN_NAME, "CN"), row(VN_PERSON, VN_NAME, "VN")]
    )
    result = run_cli("import", str(path), db_url=db_url)
    assert result.returncode == 0, result.stderr
    assert "2 rows: 2 imported (2 new, 0 updated), 0 rejected" in result.stdout
    assert registry.find(database, VN_PERSON).name == VN_NAME

    write_csv(path, [row(CN_PERSON, CN_NAME, "CN", status="suspended", phone="13812345678")])
    result = run_cli("import", str(path), db_url=db_url)
    assert "1 imported (0 new, 1 updated)" in result.stdout
    updated = registry.find(database, CN_PERSON)
    assert (updated.status, updated.phone) == ("suspended", "13812345678")


def test_bad_rows_are_listed_with_the_reason_and_the_good_ones_imported(
    database, db_url, tmp_path
) -> None:
    bad_check_digit = CN_PERSON[:-1] + ("0" if CN_PERSON[-1] != "0" else "1")
    rows = [
        row(CN_PERSON, CN_NAME, "CN"),
        row(bad_check_digit, "甲", "CN"),
        row(VN_PERSON, VN_NAME, "CN"),  # a CCCD said to be Chinese
        row(cn_id("110101", "19500101", "031"), "乙", "CN", status="dead"),
        row(cn_id("110101", "19500101", "041"), "丙", "CN", next_due="2026-13-01"),
        row(cn_id("110101", "19500101", "051"), "丁", "CN", monthly_amount="lots"),
        row("999052000101", "Trần Văn B", "VN"),
        row(cn_id("110101", "19500101", "061"), "", "CN"),
        row(cn_id("110101", "19500101", "071"), "戊", "CN", phone="12345"),
    ]
    path = write_csv(tmp_path / "export.csv", rows)
    result = run_cli("import", str(path), db_url=db_url)
    assert result.returncode == 0
    rejected = [line for line in result.stdout.splitlines() if line.startswith("rejected")]
    assert len(rejected) == 8
    assert rejected[0] == (
        f"rejected line 3 ({bad_check_digit[:4]}**********{bad_check_digit[-4:]}): "
        "id_number is not a valid CN ID (wrong check digit)"
    )
    for line, reason in zip(
        rejected[1:],
        ["18 expected", "status must be one of", "next_due must be a date",
         "monthly_amount must be", "unknown province code", "name must be",
         "phone is not a CN phone number"],
        strict=True,
    ):  # fmt: skip
        assert reason in line
    assert "9 rows: 1 imported (1 new, 0 updated), 8 rejected" in result.stdout
    assert registry.count(database) == 1
    # The output may be kept in a log: no ID number in it is readable.
    assert bad_check_digit not in result.stdout and VN_PERSON not in result.stdout


def test_nothing_importable_exits_non_zero(database, db_url, tmp_path) -> None:
    path = write_csv(tmp_path / "export.csv", [row("123", "甲", "CN")])
    result = run_cli("import", str(path), db_url=db_url)
    assert result.returncode == 1
    assert "0 imported" in result.stdout


def test_an_unusable_file_is_refused_with_the_reason(sqlite_database, tmp_path) -> None:
    db_url = str(sqlite_database.url)
    missing = run_cli("import", str(tmp_path / "nope.csv"), db_url=db_url)
    assert missing.returncode == 2 and "no such file" in missing.stderr
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("id,name\n1,a\n", encoding="utf-8")
    result = run_cli("import", str(wrong), db_url=db_url)
    assert result.returncode == 2
    assert "missing columns: id_number, country" in result.stderr


def test_an_export_from_chinese_excel_is_read(sqlite_database, tmp_path) -> None:
    path = write_csv(tmp_path / "export.csv", [row(CN_PERSON, CN_NAME, "CN")])
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes(path.read_text(encoding="utf-8").encode("gb18030"))
    result = run_cli("import", str(gbk), db_url=str(sqlite_database.url))
    assert result.returncode == 0, result.stdout + result.stderr
    assert registry.find(sqlite_database, CN_PERSON).name == CN_NAME


def test_a_large_file_shows_progress(sqlite_database, tmp_path: Path) -> None:
    first_birthday = dt.date(1940, 1, 1)
    rows = [
        row(
            cn_id(
                "110101",
                f"{first_birthday + dt.timedelta(days=n // 1000):%Y%m%d}",
                f"{n % 1000:03d}",
            ),
            "张三",
            "CN",
        )
        for n in range(20_000)
    ]
    path = write_csv(tmp_path / "big.csv", rows)
    result = run_cli("import", str(path), db_url=str(sqlite_database.url))
    assert result.returncode == 0
    assert "… 10000 rows read (" in result.stderr
    assert "20000 rows: 20000 imported (20000 new" in result.stdout


def test_demo_people_are_loaded_only_into_an_empty_registry(sqlite_database) -> None:
    db_url = str(sqlite_database.url)
    assert "8 demo people loaded" in run_cli("demo", db_url=db_url).stdout
    assert "nothing loaded" in run_cli("demo", db_url=db_url).stdout
    statuses = {registry.find(sqlite_database, p["id_number"]).status for p in demo.people()}
    assert statuses == {"active", "suspended", "terminated"}
