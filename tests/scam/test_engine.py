"""The scam engine on messages written for these tests: each verdict, pattern and signal named
by the rule it comes from (FACTS.md §4)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from actions.scam import (
    GENUINE,
    SCAM,
    SCAM_SCORE,
    SUSPICIOUS,
    SUSPICIOUS_SCORE,
    UNCLEAR,
    assess,
    combined_score,
)
from actions.scam.links import LOOK_ALIKE, OFFICIAL, UNKNOWN, hosts, kind_of
from actions.scam.text import normalise
from bot.settings import PROJECT_DIR


@pytest.mark.parametrize(
    ("text", "language", "pattern", "signal"),
    [
        ("您有一笔社保卡补贴未领取，请回复身份证号和银行卡号登记", "zh", "C1", "asks_for_card_or_id"),
        ("【人社局】您的社保卡异常将被冻结，请按9转人工", "zh", "C2", "press_key"),
        ("警官说我涉嫌洗钱，要把存款转到国家安全账户配合调查", "zh", "C6", "safe_account"),
        ("民政局发高龄补贴，领取前要先交500元账户验证资金", "zh", "C7", "fee_before_payout"),
        ("收到短信说要重新认证养老金，点链接 http://si-12333.top/rz", "zh", None, "look_alike_link"),
        ("Cán bộ BHXH gọi bảo cập nhật VssID, kết bạn Zalo và đọc mã OTP", "vi", "V-S2", "asks_for_code"),
        ("Tai ung dung VssID 4.0 tai vssid-capnhat.com de dong bo CCCD", "vi", "V-S3", "look_alike_link"),
        ("Nhận t1en h0 trợ Tết, cung cấp mã 0TP cho cán bộ B.H.X.H", "vi", "V-S6", "asks_for_code"),
        ("công an gọi bảo tôi liên quan đường dây rửa tiền, chuyển tiền vào tài khoản tạm giữ", "vi", "police_impersonation", "safe_account"),
    ],
)  # fmt: skip
def test_known_scams_are_caught_with_their_pattern(text, language, pattern, signal) -> None:
    result = assess(text, language)
    assert result.verdict in (SCAM, SUSPICIOUS) and result.scam
    assert signal in result.signals
    if pattern:
        assert pattern in result.patterns


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("【工商银行】您的验证码为583920，请勿告诉他人。", "zh"),
        ("【12381】您疑似接到诈骗电话，凡是要求转账到安全账户的都是诈骗，切勿转账。", "zh"),
        ("社保部门不会打电话要求您提供验证码或转账。", "zh"),
        ("Ma OTP cua quy khach la 123456. Tuyet doi khong cung cap ma nay cho bat ky ai.", "vi"),
        ("Công an phường tuyên truyền: không có tài khoản an toàn, ai yêu cầu chuyển tiền đều là lừa đảo.", "vi"),
        ("请到 si.12333.gov.cn 或掌上12333做养老金资格认证，不收任何费用。", "zh"),
    ],
)  # fmt: skip
def test_genuine_messages_are_not_called_scams(text: str, language: str) -> None:
    result = assess(text, language)
    assert not result.scam, result


def test_a_call_from_96110_looks_genuine() -> None:
    assert assess("刚才96110给我打电话，提醒我别信陌生人", "zh").verdict == GENUINE


def test_too_little_to_tell() -> None:
    result = assess("有人给我打电话了", "zh")
    assert result.verdict == UNCLEAR
    assert "12333" in result.advice


def test_advice_is_in_the_callers_language_with_that_countrys_numbers() -> None:
    zh = assess("对方让我把验证码告诉他，说是社保局的", "zh").advice
    vi = assess("cán bộ bhxh bảo tôi đọc mã OTP", "vi").advice
    assert "12333" in zh and "110" in zh and "1900 9068" not in zh
    assert "1900 9068" in vi and "113" in vi and "12333" not in vi


@pytest.mark.parametrize(
    ("host", "kind"),
    [("si.12333.gov.cn", OFFICIAL), ("baohiemxahoi.gov.vn", OFFICIAL), ("mohrss-gov.cc", LOOK_ALIKE),
     ("baohiemxahoi.govvvn.com", LOOK_ALIKE), ("dichvuc0ng.com", LOOK_ALIKE),
     ("baohiemxahol.com", LOOK_ALIKE), ("shopee.vn", UNKNOWN)],
)  # fmt: skip
def test_links_are_told_apart(host: str, kind: str) -> None:
    assert kind_of(host) == kind


def test_links_are_found_but_dotted_words_are_not() -> None:
    text = "点 http://mohrss-gov.cc/card 或 bit.ly/x，v.v. 3.5 TP.HCM 2.5.2026"
    assert hosts(text) == ["mohrss-gov.cc", "bit.ly"]


def test_look_alike_characters_and_traditional_chinese_are_read() -> None:
    assert normalise("Nhận t1en h0 trợ, mã 0TP, cán bộ B.H.X.H").text == (
        "nhan tien ho tro, ma otp, can bo bhxh"
    )
    assert normalise("社保卡異常，請按9").text == "社保卡异常,请按9"
    assert normalise("mạng 4G, mã abc123").text == "mang 4g, ma abc123"


def test_the_command_line_reads_lines_and_writes_json() -> None:
    lines = "有人自称公安让我转账到安全账户\nma otp la 1234, dung cung cap cho ai\n"
    result = subprocess.run(
        [sys.executable, "-m", "actions.scam"], input=lines, capture_output=True, text=True,
        cwd=PROJECT_DIR, timeout=120, check=True,
    )  # fmt: skip
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["scam"] is True and first["language"] == "zh" and "C6" in first["patterns"]
    assert {"scam", "verdict", "score", "patterns", "signals"} <= set(second)
    assert second["scam"] is False and second["language"] == "vi"


def test_the_rules_and_the_learnt_model_each_decide_when_sure() -> None:
    assert combined_score(0.9, 0.5) == 0.9  # the rules alone call it a scam
    assert combined_score(0.0, 0.9) >= SUSPICIOUS_SCORE  # wording no rule foresaw
    assert combined_score(0.9, 0.1) < SUSPICIOUS_SCORE  # rules fired on a bank's code notice
    assert SUSPICIOUS_SCORE <= combined_score(0.6, 0.5) < SCAM_SCORE  # half each otherwise


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("有人打电话说是社保局的，让我说出短信验证码，是不是诈骗", "zh"),
        ("有人打电话说是社保局的，让我说出短信验证码，这是诈骗吗", "zh"),
        ("co nguoi xung can bo BHXH bao doc ma OTP, co phai la lua dao khong", "vi"),
    ],
)
def test_asking_whether_it_is_a_scam_is_not_a_warning(text: str, language: str) -> None:
    assessment = assess(text, language)
    assert assessment.verdict == SCAM and "asks_for_code" in assessment.signals
