"""Links in a message, and whether each is official, a look-alike of an official one, or unknown."""

from __future__ import annotations

import re
import unicodedata

OFFICIAL = "official"
LOOK_ALIKE = "look_alike"
UNKNOWN = "unknown"

# Government domains of both countries are official (si.12333.gov.cn, www.mohrss.gov.cn,
# baohiemxahoi.gov.vn, dichvucong.gov.vn, vneid.gov.vn …; FACTS.md §5).
OFFICIAL_SUFFIXES = ("gov.cn", "gov.vn")
# Names that only the agencies' own sites carry: elsewhere they are imitations.
_BRANDS = ("12333", "mohrss", "shebao", "renshe", "rensheju", "baohiemxahoi", "bhxh", "vssid",
           "vneid", "dichvucong", "gov", "govvn", "govcn", "chinatax", "canhbao")  # fmt: skip
_OFFICIAL_LABELS = ("mohrss", "baohiemxahoi", "dichvucong", "vneid", "12333")

_LINK = re.compile(
    r"(?:https?://|www\.)[^\s<>\"'，。）)]+"
    r"|(?<![\w@.-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,12}(?:/[^\s<>\"'，。）)]*)?",
    re.IGNORECASE,
)
# A dotted word is a domain only with a country ending or a common generic one, so that "v.v"
# or "3.5" are not links.
_TLD = re.compile(
    r"\.(?:[a-z]{2}|com|net|org|info|biz|top|xyz|site|online|vip|shop|club|app|link|icu|live|"
    r"work|ink|fun|asia|store|tech|cloud|gov|mobi|pro|website|space|life|world|today)$"
)


def hosts(text: str) -> list[str]:
    """The host names of the links in ``text``, lowercase, in order."""
    text = unicodedata.normalize("NFKC", text)
    found = []
    for match in _LINK.finditer(text):
        link = re.sub(r"^(?:https?://)", "", match.group().lower())
        host = re.split(r"[/?#:]", link, maxsplit=1)[0].rstrip(".")
        if _TLD.search(host) and host not in found:
            found.append(host)
    return found


def _edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def kind_of(host: str) -> str:
    """Whether ``host`` is an official site, a look-alike of one, or unknown."""
    if any(host == suffix or host.endswith("." + suffix) for suffix in OFFICIAL_SUFFIXES):
        return OFFICIAL
    squashed = re.sub(r"[^a-z0-9]", "", host)
    if any(brand in squashed for brand in _BRANDS):
        return LOOK_ALIKE
    labels = re.split(r"[.-]", host)
    if any(
        _edit_distance(label, official) <= 2
        for label in labels
        for official in _OFFICIAL_LABELS
        if len(label) >= 5
    ):
        return LOOK_ALIKE
    return UNKNOWN
