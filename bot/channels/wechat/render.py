"""WeChat's limit for a text message, and the channel's own fixed bilingual texts; the
assistant's replies are made plain by bot/channels/plain_text.py."""

from __future__ import annotations

from bot.channels import plain_text

# WeChat's limit for the content of a text message (customer-service API and passive reply).
MAX_TEXT_BYTES = 2048

# The subscribe event gets this fixed bilingual welcome rather than a turn of the assistant
# with a made-up "你好": a new follower has not said anything yet, so there is no language to
# answer in (a "你好" would set the conversation to Chinese for a Vietnamese follower), and no
# words of theirs should enter the conversation history. It needs no model, so it is always
# fast enough for a passive reply.
WELCOME = (
    "您好！这里是社保咨询助手，可以用中文或越南语提问：\n"
    "• 养老金资格认证\n"
    "• 死亡申报\n"
    "• 防骗\n"
    "请直接发文字或语音告诉我您的问题。\n"
    "\n"
    "Xin chào! Đây là trợ lý tư vấn bảo hiểm xã hội, bạn có thể hỏi bằng tiếng Việt hoặc "
    "tiếng Trung:\n"
    "• Xác thực thông tin hưởng lương hưu\n"
    "• Báo tử\n"
    "• Phòng chống lừa đảo\n"
    "Hãy gửi câu hỏi bằng chữ hoặc tin nhắn thoại."
)
UNSUPPORTED = (
    "抱歉，我目前只能看懂文字和语音消息，请用文字或语音提问。\n"
    "Xin lỗi, hiện tôi chỉ hiểu tin nhắn chữ và tin nhắn thoại. Bạn hãy gửi câu hỏi bằng chữ "
    "hoặc giọng nói."
)
VOICE_NOT_RECOGNISED = (
    "抱歉，这条语音没能识别出文字，请打字告诉我您的问题。\n"
    "Xin lỗi, tôi chưa nhận ra nội dung tin nhắn thoại này. Bạn vui lòng gõ chữ câu hỏi của "
    "mình."
)
SORRY = (
    "抱歉，系统暂时出了问题，请稍后再试，或拨打 12333。\n"
    "Xin lỗi, hệ thống đang gặp sự cố. Vui lòng thử lại sau hoặc gọi 1900 9068."
)


def utf8_size(text: str) -> int:
    return len(text.encode("utf-8"))


def fits(text: str) -> bool:
    return utf8_size(text) <= MAX_TEXT_BYTES


def split_text(text: str, limit: int = MAX_TEXT_BYTES) -> list[str]:
    """Messages of at most ``limit`` UTF-8 bytes that together say ``text``."""
    return plain_text.split_text(text, limit, utf8_size)
