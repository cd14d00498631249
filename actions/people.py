"""Names, family relations and phone numbers as callers give them.

Names are compared the way people write them: Chinese in traditional or simplified characters,
Vietnamese with or without diacritics, in any case and spacing.
"""

from __future__ import annotations

import re
import unicodedata

from actions.id_numbers import CN, VN
from bot.language import fold

# What people put before the value: "我叫王秀英", "他的名字是…", "tên là …", "số điện thoại là …".
_LEAD_INS = re.compile(
    r"^(?:我|他|她|老人|死者|去世的人|逝者)?(?:的)?(?:名字|姓名|全名)?(?:叫做|叫|是|为)[:：\s]*"
    r"|^(?:t[eê]n\s+(?:l[aà]|c[uủ]a\s+\S+\s+l[aà])|h[oọ]\s+t[eê]n\s+l[aà]|t[oô]i\s+l[aà]|t[oô]i\s+t[eê]n\s+l[aà])[:\s]*",
    re.IGNORECASE,
)
_CHINESE_NAME = re.compile(
    r"[\u4e00-\u9fff]{2,6}|[\u4e00-\u9fff]{1,8}(?:[·•][\u4e00-\u9fff]{1,8})+"
)
_LATIN_NAME = re.compile(r"[^\W\d_]+(?:\s+[^\W\d_]+){1,5}")


def fold_name(text: str) -> str:
    """Lowercase, no diacritics, no spaces: ``Nguyễn Văn  An`` → ``nguyenvanan``."""
    return "".join(fold(text).split())


def _simplified(text: str) -> str:
    import zhconv

    return zhconv.convert(text, "zh-cn")


def comparable_name(name: str) -> str:
    """The form two names are compared in: simplified, folded, without separators."""
    name = unicodedata.normalize("NFKC", name)
    return fold_name(re.sub(r"[·•.\-]", "", _simplified(name)))


def same_name(given: str, registered: str) -> bool:
    return comparable_name(given) == comparable_name(registered)


def extract_name(text: str) -> str | None:
    """The person's name in ``text``, or None when the text does not look like a name."""
    text = unicodedata.normalize("NFKC", text).strip().strip("。.!！,，")
    text = _LEAD_INS.sub("", text).strip()
    if _CHINESE_NAME.fullmatch(text):
        return _simplified(text)
    if _LATIN_NAME.fullmatch(text) and len(text) <= 60:
        return " ".join(word.capitalize() for word in text.split())
    return None


# Relations of the reporter to the deceased: canonical label → words that name it.
RELATIONS = {
    "child": ("儿子", "女儿", "子女", "儿女", "闺女", "孩子", "兒子", "con trai", "con gai", "con"),
    "spouse": ("老伴", "妻子", "丈夫", "老婆", "老公", "爱人", "配偶", "愛人", "vo", "chong"),
    "parent": ("父亲", "母亲", "爸爸", "妈妈", "父母", "bo", "me", "cha", "ba"),
    "sibling": ("哥哥", "弟弟", "姐姐", "妹妹", "兄弟", "姐妹", "anh", "chi", "em"),
    "grandchild": ("孙子", "孙女", "外孙", "外孙女", "chau"),
    "in_law": ("儿媳", "媳妇", "女婿", "con dau", "con re"),
    "relative": ("亲戚", "侄子", "侄女", "外甥", "外甥女", "họ hàng", "ho hang", "chau ho"),
    "neighbour": ("邻居", "hang xom"),
    "organisation": ("单位", "居委会", "村委会", "社区", "co quan", "to dan pho", "uy ban"),
}


def extract_relation(text: str) -> str | None:
    """The canonical relation named in ``text`` (longest matching word wins), else None."""
    folded = " " + re.sub(r"\s+", " ", fold(_simplified(text))) + " "
    best: tuple[int, str] | None = None
    for label, words in RELATIONS.items():
        for word in words:
            needle = fold(word)
            # Latin words must stand alone ("con" is not inside "cong"); Han words need not.
            found = needle in folded if not needle.isascii() else f" {needle} " in folded
            if found and (best is None or len(needle) > best[0]):
                best = (len(needle), label)
    return best[1] if best else None


class InvalidPhone(ValueError):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


_CN_MOBILE = re.compile(r"1[3-9]\d{9}")
# Area code and number: 010 and 02x with 8 digits; the 4-digit codes with 7 or 8.
_CN_LANDLINE = re.compile(r"0(?:10|2\d)\d{8}|0[3-9]\d{9,10}")
_VN_MOBILE = re.compile(r"0[35789]\d{8}")
_VN_LANDLINE = re.compile(r"02\d{9}")


def parse_phone(text: str, country: str) -> str:
    """A callable phone number in ``text`` for ``country``, digits only (national form)."""
    text = unicodedata.normalize("NFKC", text)
    runs = re.findall(r"\+?\d(?:[ .\-()]*\d)*", text)
    if not runs:
        raise InvalidPhone("no_digits")
    digits = re.sub(r"\D", "", max(runs, key=len))
    if country == CN:
        digits = re.sub(r"^(?:0086|86)(?=1\d{10}$)", "", digits)
        if _CN_MOBILE.fullmatch(digits) or _CN_LANDLINE.fullmatch(digits):
            return digits
    elif country == VN:
        digits = re.sub(r"^(?:0084|84)(?=\d{9,10}$)", "0", digits)
        if _VN_MOBILE.fullmatch(digits) or _VN_LANDLINE.fullmatch(digits):
            return digits
    raise InvalidPhone("wrong_length" if len(digits) not in (10, 11) else "wrong_format")
