"""Knowledge intents and the topic each belongs to, by the naming convention of the domain."""

from __future__ import annotations

# Intent name prefix → value of the `topic` slot (domain/knowledge.yml maps the same intents).
TOPIC_PREFIXES = {
    "cert_": "certification",
    "payment_": "certification",
    "death_": "death",
    "overpay_": "overpayment",
    "official_": None,  # official channels belong to every topic
}


def is_knowledge_intent(intent: str | None) -> bool:
    return bool(intent) and intent.startswith(tuple(TOPIC_PREFIXES))


def topic_of(intent: str) -> str | None:
    for prefix, topic in TOPIC_PREFIXES.items():
        if intent.startswith(prefix):
            return topic
    return None


def answer_of(intent: str) -> str:
    """The response that answers a knowledge intent."""
    return f"utter_{intent}"
