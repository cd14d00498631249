"""Answers made fit for the ear: phone numbers digit by digit, no links, one sentence at a time."""

from __future__ import annotations

from voice.spoken import spoken_sentences


def test_hotlines_are_read_digit_by_digit_and_amounts_stay_numbers() -> None:
    assert spoken_sentences("请拨打12333或110。死亡后60天内申报，补助金380元。", "zh") == [
        "请拨打幺二三三三或幺幺零。",
        "死亡后60天内申报，补助金380元。",
    ]
    assert spoken_sentences("Gọi 1900 9068 hoặc 113. Trợ cấp 46.800.000đ trong 60 ngày.", "vi") == [
        "Gọi một chín không không chín không sáu tám hoặc một một ba.",
        "Trợ cấp 46.800.000đ trong 60 ngày.",
    ]


def test_links_and_markup_are_not_spoken() -> None:
    text = "**注意**：登录平台（si.12333.gov.cn）认证。详见 https://www.mohrss.gov.cn/x?a=1 。"
    assert spoken_sentences(text, "zh") == ["注意：登录平台认证。"]
    text = "- Cài VssID trên CH Play.\n- Xem tại baohiemxahoi.gov.vn."
    assert spoken_sentences(text, "vi") == ["Cài VssID trên CH Play."]
