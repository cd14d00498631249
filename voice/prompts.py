"""What the gateway itself says, in each language; the assistant's answers come from Rasa.

Short sentences without links or symbols: they are heard once, over a phone line.
"""

from __future__ import annotations

ZH = "zh"
VI = "vi"

# The menu is heard before a language is chosen: each half in its own language and voice.
GREETING = [
    (ZH, "您好，这里是社保服务热线。普通话请按1。转人工请按0。"),
    (VI, "Xin chào, đây là tổng đài bảo hiểm xã hội. Tiếng Việt xin nhấn phím 2."),
]
GOODBYE_BILINGUAL = [
    (ZH, "没有听到您的选择，感谢来电，再见。"),
    (VI, "Chúng tôi chưa nghe thấy lựa chọn của ông bà. Cảm ơn đã gọi, xin chào."),
]
TRANSFER_BILINGUAL = [
    (ZH, "正在为您转接人工服务，请稍候。"),
    (VI, "Đang chuyển máy tới tư vấn viên, xin chờ trong giây lát."),
]

WELCOME = {
    ZH: "请说出您的问题。输入身份证号码或日期时，可以用电话按键，X请按星号，最后按井号。",
    VI: "Xin mời ông bà nói câu hỏi. Khi nhập số căn cước hoặc ngày tháng, "
    "ông bà có thể bấm phím điện thoại, rồi bấm phím thăng để kết thúc.",
}
REPROMPT = {
    ZH: "您还在吗？请说出您的问题，或者按键输入。",
    VI: "Ông bà còn nghe máy không? Xin mời nói câu hỏi, hoặc bấm phím.",
}
NOT_UNDERSTOOD = {
    ZH: "抱歉，没有听清，请再说一遍。",
    VI: "Xin lỗi, chúng tôi nghe chưa rõ, xin ông bà nói lại.",
}
GOODBYE = {
    ZH: "没有听到您的声音，感谢来电，再见。",
    VI: "Chúng tôi không nghe thấy ông bà nói. Cảm ơn đã gọi, xin chào.",
}
TRANSFER = {
    ZH: "正在为您转接人工服务，请稍候。",
    VI: "Đang chuyển máy tới tư vấn viên, xin chờ trong giây lát.",
}
# Keypad entries are read back, because they are what matters most (ID numbers, dates).
KEYED = {ZH: "您输入的是：{}。", VI: "Ông bà đã nhập: {}."}
ASSISTANT_UNAVAILABLE = {
    ZH: "抱歉，系统暂时无法回答，请稍后再说一遍，或者拨打12333。",
    VI: "Xin lỗi, hệ thống tạm thời chưa trả lời được. Xin ông bà nói lại sau, "
    "hoặc gọi tổng đài 1900 9068.",
}


def spell(keys: str) -> str:
    """Keypad entry as separate characters, so that it is read digit by digit."""
    return " ".join(keys)
