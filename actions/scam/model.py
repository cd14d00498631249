"""The statistical half of the scam engine: a character n-gram classifier learnt from the
labelled examples in actions/scam/data/ (scam and ordinary messages in each language).

The rules name what a message does (asks for a code, a fee before a payout…); this model
scores how much the message as a whole reads like the scams and not like the ordinary
messages it learnt from, which catches wordings no rule foresaw. It is learnt when first
needed, in about a second, from the data that ships with the project, so no trained file has
to be kept in step with the rules.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


@functools.lru_cache(maxsize=2)
def _model(language: str):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    from actions.scam.text import normalise

    rows = [json.loads(line) for line in (DATA_DIR / f"{language}.jsonl").open(encoding="utf-8")]
    texts = [normalise(row["text"]).text for row in rows]
    labels = [row["label"] == "scam" for row in rows]
    model = make_pipeline(
        TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 4), min_df=2, sublinear_tf=True),
        LogisticRegression(C=4.0, max_iter=2000),
    )
    return model.fit(texts, labels)


def scam_probabilities(normalised_texts: list[str], language: str) -> list[float]:
    """How much each text reads like a scam, 0–1."""
    if not normalised_texts:
        return []
    return [float(p) for p in _model(language).predict_proba(normalised_texts)[:, 1]]
