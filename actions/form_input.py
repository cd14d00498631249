"""What a caller's message means inside a form, beyond the value asked for.

A form takes every message as the value it asked for; these decide first whether the caller
wants out (cancel, a person, goodbye), asked a question on the way (answered, then the form
asks again), or answered yes, no, or "change the date" at the read-back.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from actions.topics import answer_of, is_knowledge_intent
from bot.language import fold

# Above this, the classifier's intent is trusted over the shape of the value.
SURE = 0.85
# Intents that end the form, and what is said then.
LEAVING = {
    "cancel": "utter_form_cancelled",
    "request_human": "utter_human_handoff",
    "goodbye": "utter_goodbye",
}
# Questions answered on the way, after which the form asks again.
ASIDES = {"bot_challenge": "utter_iamabot"}
# Not names, whatever their shape.
_SMALL_TALK_INTENTS = {"greet", "thank", "goodbye", "affirm", "deny", "bot_challenge", "cancel"}

# Words that stop a form inside a short message, and short messages that stop it on their own
# ("thôi" or "不用了" in answer to a question mean no more). Typed without diacritics, "huy"
# is also a name, so it stops a form only on its own.
_CANCEL_WORDS = (
    "取消", "不办了", "不报了", "不查了", "不登记", "算了", "退出",
    "hủy", "huỷ", "thôi không", "dừng lại", "không báo nữa",
)  # fmt: skip
_CANCEL_ALONE = {
    "不用了", "不用", "不需要", "不要了", "thoi", "thoi khoi", "khong can", "khong can dau",
    "huy", "huy bo", "huy di", "dung lai", "thoi khong bao nua",
}  # fmt: skip
_YES = {
    "对", "是", "是的", "对的", "没错", "确认", "正确", "好", "好的", "可以", "行", "嗯", "嗯嗯",
    "提交", "对没错", "确认提交", "没问题",
    "dung", "dung roi", "vang", "u", "co", "xac nhan", "chinh xac", "ok", "oke", "duoc", "da dung",
    "da vang", "phai", "dung vay", "gui di",
}  # fmt: skip
_PARTICLES = {"da", "a", "nhe", "nha", "em", "chau", "con", "oi", "vay", "ha"}
_NO = {"不对", "不是", "错了", "不", "不正确", "有错", "khong", "sai", "sai roi", "chua dung", "ko",
       "k", "khong phai", "khong dung"}  # fmt: skip


def fold_words(text: str) -> str:
    """Lowercase, no diacritics, no punctuation, single spaces."""
    text = re.sub(r"[^\w\s]", " ", fold(unicodedata.normalize("NFKC", text)))
    return " ".join(text.split())


def intent_of(tracker: Any, min_confidence: float = 0.0) -> str | None:
    intent = tracker.latest_message.get("intent") or {}
    if intent.get("confidence", 0) >= min_confidence:
        return intent.get("name")
    return None


def leaving_response(tracker: Any) -> str | None:
    """The response that ends the form when the caller wants out of it, else None."""
    intent = intent_of(tracker, SURE)
    if intent in LEAVING:
        return LEAVING[intent]
    raw = tracker.latest_message.get("text") or ""
    lower = " ".join(unicodedata.normalize("NFC", raw).lower().split())
    said = any(word in lower for word in _CANCEL_WORDS)
    if (said and len(lower) <= 20) or fold_words(raw) in _CANCEL_ALONE:
        return LEAVING["cancel"]
    return None


def aside_response(tracker: Any) -> str | None:
    """The answer to a question asked in the middle of the form, if the caller asked one."""
    intent = intent_of(tracker, SURE)
    if intent in ASIDES:
        return ASIDES[intent]
    top = intent_of(tracker)
    if is_knowledge_intent(top) and _knowledge_confidence(tracker) >= SURE:
        return answer_of(top)
    return None


def _knowledge_confidence(tracker: Any) -> float:
    """How sure the classifier is that the message is a question of the knowledge topics, even
    when it hesitates between two of them (人脸识别认证: online face check or a failed one?)."""
    ranking = tracker.latest_message.get("intent_ranking") or []
    return sum(r.get("confidence", 0) for r in ranking if is_knowledge_intent(r.get("name")))


def is_small_talk(tracker: Any) -> bool:
    intent = intent_of(tracker, SURE)
    if intent in ("affirm", "deny"):
        # A two-character name ("王五") can look like a yes to the classifier: only a yes or a
        # no in so many words is one.
        return said_yes_or_no(tracker.latest_message.get("text") or "") is not None
    return intent in _SMALL_TALK_INTENTS


def yes_or_no(tracker: Any) -> bool | None:
    """True for yes, False for no, None when the message is neither."""
    answer = said_yes_or_no(tracker.latest_message.get("text") or "")
    if answer is not None:
        return answer
    return {"affirm": True, "deny": False}.get(intent_of(tracker, SURE))


def said_yes_or_no(text: str) -> bool | None:
    """Yes or no in so many words, else None."""
    words = fold_words(text).split()
    # Politeness around the answer ("dạ đúng rồi ạ", "ok em") says nothing either way.
    while words and words[0] in _PARTICLES:
        words.pop(0)
    while words and words[-1] in _PARTICLES:
        words.pop()
    text = " ".join(words)
    # "对的，没错！" is two yeses; Chinese sentence particles add nothing.
    parts = [re.sub(r"[吧啊呀呢了哈]+$", "", part) for part in words]
    if text in _YES or (parts and all(part in _YES for part in parts)):
        return True
    if text in _NO or (parts and all(part in _NO for part in parts)):
        return False
    return None


def named_field(text: str, fields: tuple[tuple[str, tuple[str, ...]], ...]) -> str | None:
    """The field a correction names ("电话号码错了", "sửa ngày mất"), if any: ``fields`` lists
    each slot with the words that name it, most specific first."""
    folded = f" {fold_words(text)} "
    for field, words in fields:
        for word in words:
            needle = fold_words(word)
            if (f" {needle} " in folded) if needle.isascii() else (needle in folded):
                return field
    return None
