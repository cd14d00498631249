"""What a Zalo chat can show: plain text (bot/channels/plain_text.py) of at most 2000 characters
a message, and the fixed bilingual replies the channel sends without asking the assistant."""

from __future__ import annotations

from bot.channels import plain_text

# Zalo's limit for the text of a consultation (CS) message. Counted here in UTF-16 code units,
# as the apps count, so that an emoji counts twice and a split never lands over the limit.
MAX_TEXT_CHARS = 2000

# Sent when a user follows the OA: what the assistant can help with, in both languages, since
# nothing tells the language of someone who has not written yet. A fixed text rather than a
# turn of the assistant: a follow is not something the user said, and the conversation should
# take its language from the user's first real message.
WELCOME = (
    "Xin chào! Tôi là trợ lý tự động của cơ quan bảo hiểm xã hội. Tôi có thể giúp bạn về:\n"
    "• xác thực lương hưu (xác thực thông tin người hưởng)\n"
    "• báo tử (báo giảm, trợ cấp mai táng, tuất)\n"
    "• lừa đảo mạo danh BHXH (cuộc gọi, tin nhắn, mã OTP)\n"
    "Bạn cứ nhắn câu hỏi bằng tiếng Việt.\n"
    "\n"
    "您好！我是社保经办机构的智能助手，可以为您解答：\n"
    "• 养老金资格认证\n"
    "• 死亡申报（停发、丧葬补助、遗属待遇）\n"
    "• 防范冒充社保的诈骗（电话、短信、验证码）\n"
    "请直接用中文输入您的问题。"
)

# Sent for an image, a sticker, a location, a file, a voice message…: the assistant reads text.
TEXT_ONLY = (
    "Xin lỗi, tôi chỉ đọc được tin nhắn chữ. Bạn vui lòng gõ câu hỏi bằng chữ nhé.\n"
    "抱歉，我只能读懂文字消息，请直接用文字输入您的问题。"
)


def zalo_length(text: str) -> int:
    """The length of a text as Zalo counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def split_text(text: str, limit: int = MAX_TEXT_CHARS) -> list[str]:
    """A reply as messages of at most ``limit`` characters, as Zalo counts them."""
    return plain_text.split_text(text, limit, zalo_length)
