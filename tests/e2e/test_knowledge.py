"""Knowledge answers over REST: each language gets its own country's rules, and follow-ups
without a topic word are answered for the topic in context."""

from __future__ import annotations

from bot.language import detect
from tests.e2e.test_conversation import new_sender, reply_text


def test_chinese_death_report_with_follow_ups(rest_url: str) -> None:
    sender = new_sender()
    how = reply_text(rest_url, sender, "我妈前几天走了，她的养老金要怎么去报停")
    assert detect(how) == "zh" and "社保经办机构" in how

    documents = reply_text(rest_url, sender, "那要带什么材料？")
    assert "死亡证明" in documents

    deadline = reply_text(rest_url, sender, "有没有时间限制")
    assert "20个工作日" in deadline


def test_vietnamese_death_report_with_a_follow_up(rest_url: str) -> None:
    sender = new_sender()
    how = reply_text(rest_url, sender, "ba tôi mới mất, giờ báo giảm lương hưu ở đâu")
    assert detect(how) == "vi" and "VNeID" in how

    documents = reply_text(rest_url, sender, "còn giấy tờ gì nữa?")
    assert detect(documents) == "vi" and "giấy báo tử" in documents


def test_each_language_gets_its_own_countrys_rules(rest_url: str) -> None:
    chinese = reply_text(rest_url, new_sender(), "养老金资格认证多久做一次")
    vietnamese = reply_text(
        rest_url, new_sender(), "xác minh thông tin lương hưu bao lâu làm một lần"
    )
    assert "12个月" in chinese and "1900 9068" not in chinese
    assert "mỗi năm một lần" in vietnamese and "12333" not in vietnamese


def test_pension_paid_after_death_must_be_refunded(rest_url: str) -> None:
    chinese = reply_text(rest_url, new_sender(), "老人去世后卡里还在打养老金，这钱能不能用")
    assert "退还" in chinese
    vietnamese = reply_text(rest_url, new_sender(), "me toi mat roi ma luong huu van ve tai khoan")
    assert detect(vietnamese) == "vi" and "thu hồi" in vietnamese
