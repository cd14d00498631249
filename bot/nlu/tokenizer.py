"""Rasa tokenizer for messages in Chinese, Vietnamese or both.

Each run of Han characters is segmented by jieba with the hotline's domain dictionary, after
conversion to simplified characters; every other word (Vietnamese syllables, numbers) is a
token of its own. A token's ``lemma`` is its normalised form (simplified Chinese, or Vietnamese
lowercased without diacritics), which the featurizers use so that 養老金 matches 养老金 and
"luong huu" matches "lương hưu"; the token ``text`` stays as written.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import jieba
import zhconv
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
from rasa.shared.nlu.training_data.message import Message

from bot.language import fold, is_han

DICTIONARY = Path(__file__).with_name("zh_dictionary.txt")
# Intent and entity decisions need the start of a message, not all of it; the cap keeps a
# pasted 100 kB text from costing the classifier seconds and memory.
MAX_TOKENS = 200

_WORD = re.compile(r"[^\W_]+")


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class BilingualTokenizer(Tokenizer):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            "dictionary": str(DICTIONARY),
            "max_tokens": MAX_TOKENS,
            "intent_tokenization_flag": False,
            "intent_split_symbol": "_",
            "token_pattern": None,
            "prefix_separator_symbol": None,
        }

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> BilingualTokenizer:
        return cls(config)

    @staticmethod
    def supported_languages() -> list[str] | None:
        return None

    @staticmethod
    def required_packages() -> list[str]:
        return ["jieba", "zhconv"]

    def tokenize(self, message: Message, attribute: str) -> list[Token]:
        text = message.get(attribute) or ""
        tokens = tokenize(text, self._config["dictionary"], self._config["max_tokens"])
        return self._apply_token_pattern(tokens)


def tokenize(
    text: str, dictionary: str = str(DICTIONARY), max_tokens: int = MAX_TOKENS
) -> list[Token]:
    """Split ``text`` into at most ``max_tokens`` tokens with normalised lemmas."""
    tokens: list[Token] = []
    for word in _WORD.finditer(text[: max_tokens * 16]):
        for start, end, is_chinese in _script_runs(word.group(), word.start()):
            run = text[start:end]
            if is_chinese:
                # A Chinese word rarely has more than four characters: segment no more text
                # than the remaining tokens can hold.
                run = run[: (max_tokens - len(tokens)) * 4]
                tokens.extend(_chinese_tokens(run, start, dictionary))
            else:
                tokens.append(Token(run, start, lemma=fold(unicodedata.normalize("NFKC", run))))
            if len(tokens) >= max_tokens:
                return tokens[:max_tokens]
    return tokens


def _script_runs(word: str, offset: int) -> Iterator[tuple[int, int, bool]]:
    """Cut a word into maximal runs of Han and of other characters: (start, end, is_han)."""
    run_start = 0
    for i in range(1, len(word) + 1):
        if i == len(word) or is_han(word[i]) != is_han(word[run_start]):
            yield offset + run_start, offset + i, is_han(word[run_start])
            run_start = i


def _chinese_tokens(run: str, offset: int, dictionary: str) -> Iterator[Token]:
    simplified = to_simplified(run)
    for word, start, end in _segmenter(dictionary).tokenize(simplified):
        yield Token(run[start:end], offset + start, lemma=word)


def to_simplified(text: str) -> str:
    """Traditional → simplified, one character for one so that offsets still hold."""
    converted = zhconv.convert(text, "zh-cn")
    if len(converted) == len(text):
        return converted
    return "".join(zhconv.convert(ch, "zh-cn") for ch in text)


@cache
def _segmenter(dictionary: str) -> jieba.Tokenizer:
    jieba.setLogLevel(logging.WARNING)
    segmenter = jieba.Tokenizer()
    segmenter.load_userdict(dictionary)
    return segmenter
