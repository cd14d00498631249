from voice.accuracy import edit_distance, error_rate, units


def test_chinese_is_counted_in_characters_and_vietnamese_in_words() -> None:
    assert units("我想問一下，養老金？", "zh") == list("我想问一下养老金")
    assert units("Tôi muốn hỏi, lương hưu!", "vi") == ["tôi", "muốn", "hỏi", "lương", "hưu"]


def test_error_rate_counts_substitutions_insertions_and_deletions() -> None:
    assert edit_distance(list("abc"), list("abc")) == 0
    assert edit_distance(list("abc"), list("axc")) == 1
    assert edit_distance(list("abc"), list("ab")) == 1
    assert edit_distance(list("abc"), list("abcd")) == 1
    assert error_rate([("我想问一下", "我想问下"), ("怎么做", "怎么做")], "zh") == 1 / 8
