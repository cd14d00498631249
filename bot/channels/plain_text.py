"""The assistant's replies as a plain-text chat shows them (WeChat, Zalo): Markdown made plain,
buttons as numbered lines that the user answers with the number, long texts split under the
platform's limit."""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from typing import Any

_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)[^)]*\)")
_LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\s]+)[^)]*\)")
# Bold: ** or __ around text that neither starts nor ends with a space; never inside a run of
# asterisks, so masked numbers (3710**********4174) stay as they are.
_BOLD = re.compile(r"(?<![*_])(\*\*|__)(?=[^\s*_])([^\n]*?[^\s*_])\1(?![*_])")
_CODE = re.compile(r"`([^`\n]+)`")
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.MULTILINE)
_BULLET = re.compile(r"^([ \t]*)[*+][ \t]+", re.MULTILINE)
_BLANK_LINES = re.compile(r"\n{3,}")
# Where a long reply may be cut, best first: between paragraphs, lines, sentences, words.
_BREAKS = ("\n\n", "\n", "。", "！", "？", "；", ". ", "! ", "? ", "; ", "，", ", ", " ")


def _link(match: re.Match) -> str:
    label, url = match.group(1).strip(), match.group(2)
    return url if not label or label == url else f"{label} ({url})"


def plain_text(markdown: str) -> str:
    """Markdown as a plain-text chat shows it: links become "text (url)", emphasis, code and
    heading marks go, "*" bullets become "•"."""
    text = _IMAGE.sub(_link, markdown)
    text = _LINK.sub(_link, text)
    text = _BOLD.sub(r"\2", text)
    text = _CODE.sub(r"\1", text)
    text = _HEADING.sub("", text)
    text = _BULLET.sub(r"\1• ", text)
    return _BLANK_LINES.sub("\n\n", text).strip()


def button_title(button: Mapping[str, Any]) -> str:
    return str(button.get("title") or button.get("payload") or "").strip()


def button_payload(button: Mapping[str, Any]) -> str:
    return str(button.get("payload") or button.get("title") or "").strip()


def with_numbered_buttons(text: str, buttons: Iterable[Mapping[str, Any]]) -> str:
    """The text followed by one numbered line a button ("1. 是"), since these chats' text
    messages have no buttons: the user answers with the number or the words."""
    lines = [f"{number}. {plain_text(button_title(b))}" for number, b in enumerate(buttons, 1)]
    return "\n".join(part for part in [plain_text(text), *lines] if part)


class ButtonOffers:
    """The buttons last offered to each user, so that a reply of just a number is taken as
    that button's payload. An offer holds for the user's next message only."""

    def __init__(self, max_users: int = 10_000) -> None:
        self._max_users = max_users
        self._offers: OrderedDict[str, list[str]] = OrderedDict()

    def offer(self, user_id: str, payloads: list[str]) -> None:
        self._offers.pop(user_id, None)
        self._offers[user_id] = payloads
        while len(self._offers) > self._max_users:
            self._offers.popitem(last=False)

    def choice(self, user_id: str, text: str) -> str:
        """The payload of the button numbered ``text``, or ``text`` itself."""
        payloads = self._offers.pop(user_id, None)
        if payloads and len(text) <= 3 and text.isdecimal():
            number = int(text)
            if 1 <= number <= len(payloads) and payloads[number - 1]:
                return payloads[number - 1]
        return text


def _cut_at(text: str, limit: int, size: Callable[[str], int]) -> int:
    """Where to cut ``text`` so that the first part fits in ``limit``: at the best break in
    the second half of what fits, else where it stops fitting."""
    used = 0
    for index, char in enumerate(text):
        used += size(char)
        if used > limit:
            fits = index
            break
    else:
        return len(text)
    window = text[:fits]
    for separator in _BREAKS:
        position = window.rfind(separator)
        if position >= fits // 2:
            return position + len(separator)
    return max(fits, 1)


def split_text(text: str, limit: int, size: Callable[[str], int] = len) -> list[str]:
    """A reply as messages of at most ``limit`` (as ``size`` measures: characters, bytes…)
    each, cut between paragraphs, lines, sentences or words where possible; no empty one."""
    chunks: list[str] = []
    rest = text.strip()
    while rest and size(rest) > limit:
        cut = _cut_at(rest, limit, size)
        chunk = rest[:cut].rstrip()
        if chunk:
            chunks.append(chunk)
        rest = rest[cut:].lstrip()
    if rest:
        chunks.append(rest)
    return chunks
