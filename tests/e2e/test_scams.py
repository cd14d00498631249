"""Scam questions and fraud reports over REST, with the servers, the delivery worker and the
reference police intake running as `make run` starts them."""

from __future__ import annotations

import json
import re
import time

from bot.language import detect
from tests.e2e.test_forms import Caller


def test_a_scam_imitating_certification_gets_the_scam_answer(rest_url: str) -> None:
    answer = Caller(rest_url).says("收到短信说要重新认证养老金，点链接 http://si-12333.top/rz 办理")
    assert "诈骗" in answer and "12333" in answer
    assert "亲情服务" not in answer  # not the certification answer


def test_a_vietnamese_scam_question_in_its_own_words(rest_url: str) -> None:
    answer = Caller(rest_url).says(
        "co nguoi goi xung can bo BHXH bao doc ma 0TP de cap nhat VssID, co phai lua dao ko"
    )
    assert "lừa đảo" in answer and "1900 9068" in answer
    assert detect(answer) == "vi"


def inbox_reports(settings) -> list[dict]:
    inbox = settings.var_dir / "police_inbox"
    return [json.loads(p.read_text())["report"] for p in inbox.glob("*.json")]


def test_a_victim_is_told_to_call_the_police_first_and_the_report_reaches_them(
    rest_url: str, settings
) -> None:
    caller = Caller(rest_url)
    first = caller.says("我被骗了，刚才把两万块转到对方说的安全账户了")
    assert first.index("110") < first.index("登记")  # what to do now comes first
    assert "冻结" in first and "发生了什么" in first
    caller.says("对方自称公安说我涉嫌洗钱，让我把存款转到安全账户")
    caller.says("两小时前")
    caller.says("对方电话13800001111，账户6222 0000 1111 2222")
    caller.says("两万元，手机银行转账")
    caller.says("我叫李测试")
    caller.says("13912345678")
    summary = caller.says("北京市朝阳区")
    assert "13800001111" in summary and "两万元" in summary
    filed = caller.says("对")
    reference = re.search(r"FR-\d{8}-\d{4}", filed).group()
    assert "110" in filed  # urgent: told again to call now
    deadline = time.monotonic() + 60
    while not any(r["reference"] == reference for r in inbox_reports(settings)):
        assert time.monotonic() < deadline, "the report did not reach the police intake"
        time.sleep(0.5)
    [report] = [r for r in inbox_reports(settings) if r["reference"] == reference]
    assert report["urgent"] is True and report["amount"] == "20000"
    assert report["phones"] == ["13800001111"] and report["accounts"] == ["6222000011112222"]


def test_a_vietnamese_victim_can_stop_the_report(rest_url: str) -> None:
    caller = Caller(rest_url)
    first = caller.says("toi bi lua mat 20 trieu roi, gio lam sao")
    assert "113" in first and "ngân hàng" in first
    caller.says("có người gọi xưng công an bảo chuyển tiền vào tài khoản tạm giữ")
    assert "đã hủy" in caller.says("thôi").lower()
