from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.language_detector import LanguageDetector
from bot.nlu.tokenizer import BilingualTokenizer, to_simplified, tokenize


def lemmas(text: str) -> list[str]:
    return [token.lemma for token in tokenize(text)]


def test_domain_words_stay_whole() -> None:
    assert lemmas("养老金资格认证怎么做") == ["养老金", "资格认证", "怎么", "做"]
    assert "丧葬补助金" in lemmas("丧葬补助金能领多少")
    assert "12333" in lemmas("打12333问问")


def test_traditional_and_simplified_share_lemmas() -> None:
    assert lemmas("養老金資格認證") == lemmas("养老金资格认证")


def test_tokens_keep_the_text_and_offsets_as_written() -> None:
    text = "請問養老金"
    for token in tokenize(text):
        assert text[token.start : token.end] == token.text


def test_vietnamese_lemmas_match_text_without_diacritics() -> None:
    assert (
        lemmas("Lương hưu của TÔI") == lemmas("luong huu cua toi") == ["luong", "huu", "cua", "toi"]
    )
    token = tokenize("Lương")[0]
    assert (token.text, token.start, token.end) == ("Lương", 0, 5)


def test_mixed_scripts_are_split_by_script() -> None:
    assert lemmas("社保卡của tôi") == ["社保卡", "cua", "toi"]


def test_full_width_digits_are_normalised() -> None:
    assert lemmas("１２３３３") == ["12333"]


def test_punctuation_emoji_and_control_characters_make_no_tokens() -> None:
    assert tokenize("😀 ?! \x00\x07 ...") == []


def test_long_input_is_capped() -> None:
    assert len(tokenize("养老金认证" * 20_000, max_tokens=50)) == 50
    assert len(tokenize("lương hưu " * 20_000, max_tokens=50)) == 50


def test_to_simplified_keeps_length() -> None:
    text = "計程車資格認證"
    assert len(to_simplified(text)) == len(text)


def test_components_tag_language_and_tokenize_messages() -> None:
    messages = [
        Message({TEXT: "養老金認證"}),
        Message({TEXT: "toi muon hoi"}),
        Message({TEXT: "😀"}),
    ]
    LanguageDetector().process(messages)
    tokenizer = BilingualTokenizer(BilingualTokenizer.get_default_config())
    tokenizer.process(messages)

    assert [m.get(ENTITIES, []) for m in messages][2] == []
    assert messages[0].get(ENTITIES)[0]["value"] == "zh"
    assert messages[1].get(ENTITIES)[0] == {
        "entity": "language",
        "value": "vi",
        "start": 0,
        "end": 0,
        "extractor": "LanguageDetector",
    }
    assert [t.lemma for t in messages[0].get("text_tokens")] == ["养老金", "认证"]
