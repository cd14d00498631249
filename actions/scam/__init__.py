"""The scam engine: is the call, SMS, link or "notice" a caller describes a scam?

``assess(text, language)`` returns a verdict (scam, suspicious, looks genuine, not enough to
tell), a score, the known patterns it resembles, the signals found, and the advice and the
agency's own counter-statement in the caller's language. No network: the score is half rules
over the normalised text (actions/scam/signals.py, patterns.py) and the links in it
(links.py), half a character n-gram model learnt from actions/scam/data/ (model.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from actions.scam import links, patterns
from actions.scam.advice import advice_for
from actions.scam.model import scam_probabilities
from actions.scam.signals import SIGNALS
from actions.scam.text import Message, normalise

SCAM = "scam"
SUSPICIOUS = "suspicious"
GENUINE = "looks_genuine"
UNCLEAR = "not_enough_to_tell"

SCAM_SCORE = 0.8
SUSPICIOUS_SCORE = 0.5
# The learnt model's probabilities at which it is sure a message is a scam, or plainly ordinary;
# chosen by cross-validation on actions/scam/data/, never on the evaluation set.
LEARNT_SURE = 0.7
LEARNT_ORDINARY = 0.3
UNSURE_SCORE = 0.45  # below suspicious: "not enough to tell"
# Weight of a link by what it points to: a look-alike of an official site is itself a scam.
LINK_WEIGHTS = {links.LOOK_ALIKE: 0.9, links.UNKNOWN: 0.3}
OFFICIAL_LINK_WEIGHT = 0.5


@dataclass(frozen=True)
class Assessment:
    verdict: str
    score: float
    patterns: list[str] = field(default_factory=list)
    signals: list[str] = field(default_factory=list)
    genuine_signals: list[str] = field(default_factory=list)
    advice: str = ""

    @property
    def scam(self) -> bool:
        return self.verdict in (SCAM, SUSPICIOUS)

    @property
    def decisive(self) -> bool:
        """Sure enough to win over what the words are about: a scam, or suspicious on more than
        one sign (one sign alone is often a fair question: "刷脸认证要眨眼吗")."""
        return self.verdict == SCAM or (self.verdict == SUSPICIOUS and len(self.signals) > 1)

    def as_dict(self) -> dict:
        return {
            "scam": self.scam, "verdict": self.verdict, "score": self.score,
            "patterns": self.patterns, "signals": self.signals,
            "genuine_signals": self.genuine_signals, "advice": self.advice,
        }  # fmt: skip


# Words that deny what follows in the same clause: a warning ("社保部门不会要求转账", "không có
# tài khoản an toàn") names the scam without being one.
_NEGATION = {
    "zh": re.compile(
        r"(?:不会|不要|别|切勿|请勿|勿|没有|没|从不|从未|不得|严禁|谨防|凡是|所谓|不能|不可|"
        r"绝不|并不|无需|不用|不需|防范|提防|警惕|要是|如果|万一|假如|不存在|别去|莫去)"
        r"[^,.;!?。；：:]{0,14}$"
    ),
    # "dung" is also the end of "ứng dụng" and "sử dụng"; "không" after "nếu" is a condition.
    "vi": re.compile(
        r"(?:(?<!neu )\bkhong|(?<!ung )(?<!su )\bdung|\bchua|\bchang|\bcam|\btranh|"
        r"\bcanh giac|\bcan than|\bneu|\bgia su|\blo|\bco phai|\bai (?:goi|nhan|bao|doi)|"
        r"\bthay tin)\b[^,.;!?:]{0,30}$"
    ),
}
# A clause that ends by calling it a scam is a warning about it; asking whether it is one
# ("是不是诈骗", "co phai lua dao khong") is not.
_CALLED_A_SCAM = {
    "zh": re.compile(
        r"[^.;!?。；]{0,20}(?<![不否])(?:都是诈骗|是诈骗|是詐騙|是骗子|就是骗局)(?![吗嘛么吧?？])"
    ),
    "vi": re.compile(
        r"[^,.;!?]{0,30}(?<!phai )(?:deu la lua dao|la lua dao|la gia mao)"
        r"(?! (?:khong|ko|k|chang|ha|vay)\b)"
    ),
}


def _affirmed(pattern: re.Pattern, text: str, language: str) -> bool:
    """Whether ``pattern`` occurs in ``text`` at least once without a denial before it."""
    negation, called_a_scam = _NEGATION[language], _CALLED_A_SCAM[language]
    for match in pattern.finditer(text):
        start, end = match.span()
        denied = negation.search(text, max(0, start - 40), start) or _inner_denial(
            match.group(), language
        )
        if not denied and not called_a_scam.match(text, end):
            return True
    return False


def _inner_denial(matched: str, language: str) -> bool:
    """A denial inside the match itself ("让他别给陌生账户转钱")."""
    words = ("别", "不要", "不能", "切勿", "勿") if language == "zh" else ("khong ", "dung ")
    return any(word in matched for word in words)


def found_signals(text: str, language: str) -> tuple[dict[str, float], dict[str, float]]:
    """Scam signals and genuine signals in normalised ``text``, each with its weight."""
    scam: dict[str, float] = {}
    genuine: dict[str, float] = {}
    for signal in SIGNALS:
        rule, unless = signal.compiled(language)
        if not rule or (unless and unless.search(text)):
            continue
        if signal.genuine:
            if rule.search(text):
                genuine[signal.name] = signal.weight
        elif _affirmed(rule, text, language):
            scam[signal.name] = signal.weight
    return scam, genuine


def link_signals(original: str) -> tuple[dict[str, float], dict[str, float]]:
    scam: dict[str, float] = {}
    genuine: dict[str, float] = {}
    for host in links.hosts(original):
        kind = links.kind_of(host)
        if kind == links.OFFICIAL:
            genuine["official_link"] = OFFICIAL_LINK_WEIGHT
        else:
            name = "look_alike_link" if kind == links.LOOK_ALIKE else "unknown_link"
            scam[name] = max(scam.get(name, 0), LINK_WEIGHTS[kind])
    return scam, genuine


def combined(weights: dict[str, float]) -> float:
    """The chance that at least one signal is right, taking them as independent."""
    remaining = 1.0
    for weight in weights.values():
        remaining *= 1 - weight
    return 1 - remaining


def combined_score(rules: float, learnt: float) -> float:
    """The rules' and the learnt model's scores as one, 0–1.

    Each catches what the other misses, so they count half each, with three exceptions: the
    rules alone call it a scam when they are sure (a code demanded by someone claiming to be
    the agency); the model alone makes it suspicious when it is sure (a scam in words no rule
    foresaw); and when the model finds the message plainly ordinary, the rules alone do not
    make it suspicious (they also fire on a bank's own code notice or a family's warning).
    """
    score = rules if rules >= SCAM_SCORE else (rules + learnt) / 2
    if learnt >= LEARNT_SURE:
        score = max(score, SUSPICIOUS_SCORE)
    elif learnt < LEARNT_ORDINARY:
        score = min(score, UNSURE_SCORE)
    return round(score, 3)


def assess(text: str, language: str) -> Assessment:
    return assess_many([text], language)[0]


def assess_many(texts: list[str], language: str) -> list[Assessment]:
    """``assess`` for many messages of one language at once (the model scores them together,
    which is many times faster than one by one)."""
    messages = [normalise(text) for text in texts]
    learnt = scam_probabilities([message.text for message in messages], language)
    return [_assessment(m, p, language) for m, p in zip(messages, learnt, strict=True)]


def _assessment(message: Message, learnt: float, language: str) -> Assessment:
    scam, genuine = found_signals(message.text, language)
    link_scam, link_genuine = link_signals(message.original)
    scam |= link_scam
    genuine |= link_genuine
    # An official link or number counts only when nothing demands money or secrets.
    rules = combined(scam) * (1 - _discount(scam, genuine))
    score = combined_score(rules, learnt)
    if score >= SCAM_SCORE:
        verdict = SCAM
    elif score >= SUSPICIOUS_SCORE:
        verdict = SUSPICIOUS
    elif genuine and score < 0.3:
        verdict = GENUINE
    else:
        verdict = UNCLEAR
    found = sorted(scam, key=lambda name: -scam[name])
    return Assessment(
        verdict=verdict,
        score=score,
        patterns=patterns.matching(message.text, language) if scam else [],
        signals=found,
        genuine_signals=sorted(genuine),
        advice=advice_for(verdict, found, language),
    )


# Signals that a genuine sender never shows, whatever else the message says; and genuine signals
# that stand even so, because they say the message is itself a warning or a bank's code.
_NEVER_GENUINE = {"asks_for_code", "asks_for_password", "safe_account", "fee_before_payout",
                  "look_alike_link", "install_or_remote"}  # fmt: skip
_ALWAYS_GENUINE = {"warning_about_scams", "protective_notice", "self_initiated"}


def _discount(scam: dict[str, float], genuine: dict[str, float]) -> float:
    if _NEVER_GENUINE & scam.keys():
        genuine = {name: weight for name, weight in genuine.items() if name in _ALWAYS_GENUINE}
    return combined(genuine)
