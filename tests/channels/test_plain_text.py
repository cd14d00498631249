"""Replies made plain for the text-only chats (WeChat, Zalo)."""

from __future__ import annotations

import pytest

from bot.channels.plain_text import ButtonOffers, plain_text, with_numbered_buttons


def test_markdown_in_chinese_becomes_plain_text() -> None:
    assert plain_text("**注意**：请访问[12333网站](https://si.12333.gov.cn)。") == (
        "注意：请访问12333网站 (https://si.12333.gov.cn)。"
    )
    assert plain_text("[https://x.gov.vn](https://x.gov.vn)") == "https://x.gov.vn"
    assert plain_text("## Báo tử\n__Lưu ý__ `12333`") == "Báo tử\nLưu ý 12333"
    # Masked numbers keep their asterisks.
    masked = "身份证 3710**********4174，电话 138******78，**请核对**"
    assert plain_text(masked) == "身份证 3710**********4174，电话 138******78，请核对"


@pytest.mark.parametrize(
    ("markdown", "plain"),
    [
        ("**đậm** và __đậm__", "đậm và đậm"),
        (
            "[link](https://a.vn) và ![ảnh](https://a.vn/1.png)",
            "link (https://a.vn) và ảnh (https://a.vn/1.png)",
        ),
        ("## Tiêu đề\n* một\n* hai", "Tiêu đề\n• một\n• hai"),
        ("mã `DR-1`", "mã DR-1"),
        ("user_id và 2*3*4", "user_id và 2*3*4"),
    ],
)
def test_plain_text(markdown: str, plain: str) -> None:
    assert plain_text(markdown) == plain


def test_buttons_are_numbered_lines_and_a_number_chooses_one_for_the_next_message_only() -> None:
    buttons = [{"title": "**是**", "payload": "/affirm"}, {"title": "否", "payload": "/deny"}]
    assert with_numbered_buttons("要现在申报吗？", buttons) == "要现在申报吗？\n1. 是\n2. 否"
    offers = ButtonOffers()
    offers.offer("u1", ["/affirm", "/deny"])
    assert offers.choice("u2", "1") == "1"  # another user's offer
    assert offers.choice("u1", "2") == "/deny"
    assert offers.choice("u1", "2") == "2"  # the offer was for one message
    offers.offer("u1", ["/affirm", "/deny"])
    assert offers.choice("u1", "3") == "3"
