"""The status check and the death report over REST, with both servers and the registry."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from actions import cases, db, registry
from bot.language import detect
from tests.actions.people import CN_NAME, CN_PERSON, TODAY, VN_NAME, VN_PERSON, row
from tests.e2e.test_conversation import new_sender, reply_text

VN_SUSPENDED = "031048000303"


@pytest.fixture(scope="session")
def people(settings, rest_url: str):
    engine = db.engine(settings)
    registry.upsert(
        engine,
        [
            row(CN_PERSON, CN_NAME, "CN"),
            row(VN_PERSON, VN_NAME, "VN"),
            row(VN_SUSPENDED, "Lê Thị Hoãn", "VN", status="suspended",
                next_due=TODAY - dt.timedelta(days=40)),
        ],
    )  # fmt: skip
    return engine


class Caller:
    """One conversation: what the caller says, and everything the assistant said back."""

    def __init__(self, url: str) -> None:
        self.url, self.sender, self.heard = url, new_sender(), []

    def says(self, text: str) -> str:
        answer = reply_text(self.url, self.sender, text)
        self.heard.append(answer)
        return answer


def masked(number: str) -> str:
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def test_chinese_status_check(rest_url: str, people) -> None:
    caller = Caller(rest_url)
    assert "身份证号码" in caller.says("帮我查一下我的养老金认证状态")
    assert "姓名" in caller.says(" ".join([CN_PERSON[:6], CN_PERSON[6:14], CN_PERSON[14:]]))
    answer = caller.says(CN_NAME)
    due = TODAY + dt.timedelta(days=265)
    assert masked(CN_PERSON) in answer
    assert f"{due.year}年{due.month}月{due.day}日" in answer
    assert detect(answer) == "zh"
    assert not any(CN_PERSON in said for said in caller.heard)


def test_vietnamese_status_check_after_a_wrong_id_and_a_wrong_name(rest_url: str, people) -> None:
    caller = Caller(rest_url)
    assert "CCCD" in caller.says("kiểm tra giúp tôi tình trạng lương hưu của mẹ tôi")
    assert "11 chữ số" in caller.says(VN_SUSPENDED[:-1])
    caller.says(VN_SUSPENDED)
    assert "không khớp" in caller.says("Lê Thị Hoa")
    caller.says(VN_SUSPENDED)
    answer = caller.says("le thi hoan")
    assert "tạm dừng" in answer and "các tháng chưa nhận" in answer
    assert f"{TODAY - dt.timedelta(days=40):%d/%m/%Y}" in answer
    assert detect(answer) == "vi"


def test_an_unknown_id_and_a_wrong_name_are_answered_alike(rest_url: str, people) -> None:
    unknown, wrong = Caller(rest_url), Caller(rest_url)
    for caller, number in (
        (unknown, "11010519491231002X"),
        (wrong, CN_PERSON),
    ):
        caller.says("查询认证状态")
        caller.says(number)
    assert unknown.says(CN_NAME) == wrong.says("王五")


def test_five_failed_matches_lock_the_lookup(rest_url: str, people) -> None:
    caller = Caller(rest_url)
    caller.says("帮我查查认证状态")
    for _ in range(4):
        caller.says(CN_PERSON)
        assert "对不上" in caller.says("王五")
    caller.says(CN_PERSON)
    locked = caller.says("王五")
    assert "12333" in locked and "一小时" in locked
    again = caller.says("再帮我查一下认证状态")
    assert "12333" in again and "一小时" in again


def test_a_question_in_the_middle_is_answered_and_the_form_goes_on(rest_url: str, people) -> None:
    caller = Caller(rest_url)
    caller.says("帮我查一下认证状态")
    answer = caller.says("人脸识别认证在哪个APP上做")
    assert "掌上12333" in answer and "身份证号码" in answer


def test_chinese_death_report_with_a_correction(rest_url: str, people) -> None:
    caller = Caller(rest_url)
    assert "要登记吗" in caller.says("我父亲去世了，我要报告")
    assert "身份证号码" in caller.says("好的，帮我登记")
    caller.says(CN_PERSON)
    assert "哪天" in caller.says(CN_NAME)
    assert "还没到" in caller.says("2099年1月1日")
    died = TODAY - dt.timedelta(days=3)
    caller.says(f"{died.year}年{died.month}月{died.day}日")
    caller.says("我叫周小测")
    caller.says("我是他儿子")
    summary = caller.says("13812345678")
    assert masked(CN_PERSON) in summary and "13812345678" in summary and "子女" in summary
    corrected = caller.says("电话号码错了，应该是13912345678")
    assert "13912345678" in corrected and "13812345678" not in corrected
    filed = caller.says("对")
    reference = re.search(r"DR-\d{8}-\d{4}", filed).group()
    assert "期限内" in filed and "死亡证明" in filed and "丧葬补助金" in filed
    [case] = [c for c in cases.list_cases(people) if c["reference"] == reference]
    assert (case["reporter_phone"], case["date_of_death"]) == ("13912345678", died)
    assert registry.find(people, CN_PERSON).stop_pending_case == reference
    assert "已经受理" in _report_again(rest_url)
    assert not any(CN_PERSON in said for said in caller.heard)


def _report_again(url: str) -> str:
    caller = Caller(url)
    caller.says("我母亲去世了，我要报告")
    caller.says("好的，帮我登记")
    caller.says(CN_PERSON)
    return caller.says(CN_NAME)


def test_vietnamese_death_report_cancelled_at_the_read_back(rest_url: str, people) -> None:
    caller = Caller(rest_url)
    assert "muốn báo" in caller.says("bố tôi mất rồi, tôi muốn báo tử cho bố")
    assert "CCCD" in caller.says("có")
    caller.says(VN_PERSON)
    caller.says(VN_NAME)
    caller.says("hôm qua")
    caller.says("Đỗ Văn Con")
    caller.says("con trai")
    summary = caller.says("0912 345 678")
    assert masked(VN_PERSON) in summary and "0912345678" in summary
    assert "đã hủy" in caller.says("thôi hủy đi").lower()
    assert registry.find(people, VN_PERSON).stop_pending_case is None


def test_the_answer_on_how_to_report_offers_to_file_it(rest_url: str, people) -> None:
    caller = Caller(rest_url)
    assert "muốn báo" in caller.says("bố tôi mất, báo giảm thế nào")
    assert "CCCD" in caller.says("vâng, báo giúp tôi")
