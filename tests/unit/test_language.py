import pytest

from bot.language import detect, fold, is_vietnamese_syllable


@pytest.mark.parametrize(
    "text",
    [
        "我想问一下养老金资格认证",
        "養老金資格認證怎麼做",  # traditional characters
        "12333是真的吗",
        "我的VssID怎么登录",  # a Latin word inside Chinese
        "社保",
        "工",
    ],
)
def test_chinese_script_is_chinese(text: str) -> None:
    assert detect(text) == "zh"


@pytest.mark.parametrize(
    "text",
    [
        "Tôi muốn hỏi về lương hưu",
        "đ",
        "bố tôi mất rồi, báo giảm thế nào",
        "toi muon hoi luong huu",  # typed without diacritics
        "cho toi gap nhan vien",
        "xin chao",
        "cảm ơn 社保",  # mixed, mostly Vietnamese
        "社保卡 của tôi bị mất ở đâu làm lại",
    ],
)
def test_vietnamese_is_vietnamese(text: str) -> None:
    assert detect(text) == "vi"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "😀🙏",
        "12345",
        "１２３３３",
        "110101 19480315 021X",  # the X of a Chinese ID is not a Latin word
        "4G",
        "hello I need help please",
        "こんにちは",
        "안녕하세요",
        "?!",
    ],
)
def test_undetermined_without_previous_language(text: str) -> None:
    assert detect(text) == "und"


def test_undetermined_falls_back_to_the_previous_language() -> None:
    assert detect("😀", previous="vi") == "vi"
    assert detect("ok thanks", previous="zh") == "zh"
    # A clear signal wins over the previous language.
    assert detect("谢谢", previous="vi") == "zh"
    assert detect("cảm ơn", previous="zh") == "vi"


def test_unsupported_previous_language_is_ignored() -> None:
    assert detect("😀", previous="en") == "und"


def test_decomposed_vietnamese_is_recognised() -> None:
    import unicodedata

    assert detect(unicodedata.normalize("NFD", "lương hưu")) == "vi"


def test_fold_strips_vietnamese_diacritics() -> None:
    assert fold("Lương Hưu ĐÃ NHẬN") == "luong huu da nhan"


@pytest.mark.parametrize("word", ["nghieng", "khuya", "thuong", "quyen", "giay", "an", "o"])
def test_vietnamese_syllables(word: str) -> None:
    assert is_vietnamese_syllable(word)


@pytest.mark.parametrize("word", ["hello", "help", "thanks", "website", "strong", "need"])
def test_english_words_are_not_vietnamese_syllables(word: str) -> None:
    assert not is_vietnamese_syllable(word)


def test_vietnamese_chat_shorthand_counts_as_vietnamese() -> None:
    assert detect("muon noi voi con nguoi ko phai may") == "vi"
    assert detect("ko dc a") == "vi"
    assert detect("so bhxh la gi") == "vi"


def test_words_both_languages_type_decide_nothing() -> None:
    assert detect("ok") == "und"
    assert detect("hi", previous="zh") == "zh"
    assert detect("ok cảm ơn") == "vi"
    assert detect("ok 谢谢") == "zh"


def test_latin_text_is_vietnamese_unless_surely_english() -> None:
    # Loanwords and acronyms in Vietnamese text, of which langdetect makes anything.
    assert detect("cosplayer trung") == "vi"
    assert detect("team") == "vi"
    assert detect("cho toi hoi ve app vssid") == "vi"
    assert detect("can I talk to someone about my pension") == "und"
