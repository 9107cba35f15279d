"""The last word on passage order: a gradient-boosted tree ensemble, trained on the gold set's evidence
(``eval/train_passage_ranker.py``), that reorders the retriever's top passages.

The hand-built retrieval (rank fusion, then guaranteed places for named documents, parts, definitions,
jurisdictions) decides which passages are candidates; how much each signal should count for which kind
of passage — an English question's Japanese report passage, a recital, a passage only one ranking
found — is what the model learns. It sees each candidate's place in every ranking, its raw scores, the
place the hand-built order gave it and why (its slot), and what the passage is (document, language,
recital or amending article, length). It needs no model download: the trees ship as JSON in
``rag/data`` and are evaluated with numpy, all trees at once, in well under a millisecond for 40
passages. It is used only with the embedder it was trained with (the file names it): another
embedder's similarities are on another scale, and with it the hand-built order stands.

A candidate outside the whole-question ranking (a slot's passage found only by a narrowed search) has
no ranking signals, only ``in_base`` = 0 and what the passage is: the narrowed search's ranks are on
another scale, and the model was trained without them.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any, Protocol

import numpy as np

__all__ = [
    "MODEL_FILE",
    "RANKINGS",
    "PassageOrder",
    "RankedSignals",
    "TextKind",
    "TreeEnsemble",
    "candidate_features",
    "default_model",
    "feature_matrix",
    "order_by_odds",
    "shipped_model",
]

MODEL_FILE = "passage_ranker.json"
# The whole-question rankings whose places are signals, in the names `_ranked` gives them.
RANKINGS = ("dense0", "dense1", "odense", "closest", "kw", "okw", "sent")
MISSING_SIMILARITY = -0.2  # a candidate a dense ranking did not return: below every one it did
# Signals that mean something else for an English question (whose evidence is often in the Japanese
# report) than for a Japanese one: each gets a copy that is zero for Japanese questions.
_BY_LANGUAGE = ("dense", "kw", "best", "closest", "final", "final_r10", "lang_match", "report")


class TextKind(StrEnum):
    """Kinds of passage the fused ranking counts less (``HybridRetriever._text_kind``)."""

    RECITAL = "recital"
    AMENDING = "amending"  # an act's article amending another act
    BIBLIOGRAPHY = "bibliography"


@dataclass
class RankedSignals:
    """One candidate's signals from the whole-question fused ranking (``HybridRetriever._ranked``)."""

    ranks: dict[str, int]  # its place (1-based) in each ranking that returned it
    dense: float  # its dense similarity minus the best candidate's (MISSING_SIMILARITY when absent)
    keyword: float  # its BM25 score over the best candidate's
    sentence: float  # its best sentence's keyword score over the best candidate's
    closest: float  # its closest sentence's similarity minus the best (0 when that ranking is off)
    heading: float  # Σ 1/rank over the heading rankings that placed it
    fused: float  # its fused score (after the document-kind factors) over the best candidate's


class PassageOrder(Protocol):
    def reorder(
        self, chunk_ids: Sequence[str], rows: Sequence[dict[str, float]], priors: Sequence[float]
    ) -> list[int]:
        """The candidates' positions, best first, given each one's features by name and the factor
        its kind of text is counted at (1 for most; less for recitals, amending articles, references)."""
        ...


class TreeEnsemble:
    """A binary gradient-boosted tree ensemble (scikit-learn's HistGradientBoostingClassifier, exported
    by ``eval/train_passage_ranker.py``): raw score = baseline + Σ leaf values, left when x ≤ threshold."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.features: list[str] = list(spec["features"])
        # The similarity signals are on the scale of the embedder it was trained with.
        self.embedder: str | None = spec.get("embedder")
        self.baseline = float(spec["baseline"])
        trees = spec["trees"]
        sizes = [len(t["value"]) for t in trees]
        offsets = np.cumsum([0, *sizes[:-1]])
        self.roots = offsets.astype(np.int64)

        def cat(key: str, dtype: Any) -> np.ndarray:
            return np.concatenate([np.asarray(t[key], dtype=dtype) for t in trees])

        self.value = cat("value", np.float64)
        self.feature = cat("feature", np.int64)
        self.threshold = cat("threshold", np.float64)
        self.is_leaf = cat("is_leaf", bool)
        # child indices are per tree in the file; here they index the concatenated arrays
        owner = np.repeat(offsets, sizes)
        self.left = cat("left", np.int64) + owner
        self.right = cat("right", np.int64) + owner
        self.depth = int(spec.get("max_depth", 64))

    def matrix(self, rows: Sequence[dict[str, float]]) -> np.ndarray:
        return feature_matrix(rows, self.features)

    def score(self, x: np.ndarray) -> np.ndarray:
        """Raw scores (log-odds that a passage holds evidence), one per row of ``x``."""
        if not len(x):
            return np.zeros(0)
        at = np.broadcast_to(self.roots, (len(x), len(self.roots))).copy()
        rows = np.arange(len(x))[:, None]
        for _ in range(self.depth + 1):
            inner = ~self.is_leaf[at]
            if not inner.any():
                break
            go_left = x[rows, self.feature[at]] <= self.threshold[at]
            at = np.where(inner, np.where(go_left, self.left[at], self.right[at]), at)
        return np.asarray(self.baseline + self.value[at].sum(axis=1))

    def reorder(
        self, chunk_ids: Sequence[str], rows: Sequence[dict[str, float]], priors: Sequence[float]
    ) -> list[int]:
        return order_by_odds(self.score(self.matrix(rows)), priors)


def feature_matrix(rows: Sequence[dict[str, float]], names: Sequence[str]) -> np.ndarray:
    """Rows of named features as a matrix in ``names`` order; a feature a row lacks is 0, in training
    and in answering alike."""
    return np.array([[row.get(name, 0.0) for name in names] for row in rows], dtype=np.float64)


def order_by_odds(raw: np.ndarray, priors: Sequence[float]) -> list[int]:
    """Positions by the evidence probability times the kind-of-text factor; ties keep the order they
    came in (the hand-built one)."""
    odds = np.asarray(priors, dtype=np.float64) / (1.0 + np.exp(-np.asarray(raw, dtype=np.float64)))
    return sorted(range(len(odds)), key=lambda i: (-odds[i], i))


@cache
def shipped_model() -> TreeEnsemble | None:
    """The shipped model, or None when the package was built without it."""
    ref = resources.files("rag") / "data" / MODEL_FILE
    if not ref.is_file():
        return None
    return TreeEnsemble(json.loads(ref.read_text(encoding="utf-8")))


def default_model(embedder_id: str) -> TreeEnsemble | None:
    """The shipped model where it was trained with this embedder: another embedder's similarities are
    on another scale (e5's bunch between 0.7 and 0.9), so with it the hand-built order stands."""
    model = shipped_model()
    return model if model is not None and model.embedder == embedder_id else None


def candidate_features(
    record: dict[str, Any],
    *,
    question_language: str,
    comparative: bool,
    named_doc_ids: Sequence[str],
    signals: RankedSignals | None,
    kind: TextKind | None,
    base_place: int | None,
    out_place: int | None,
    held_for: str | None,
) -> dict[str, float]:
    """One candidate's features by name: what the passage is, its whole-question ranking signals (when
    it has them), and where and why the hand-built order placed it (0-based places; ``held_for``: the
    kind of place it holds, "doc", "jur" or a slot's name)."""
    english = question_language == "en"
    f: dict[str, float] = {
        "lang_match": float(record["language"] == question_language),
        "named": float(record["doc_id"] in named_doc_ids),
        "any_named": float(bool(named_doc_ids)),
        "annex": float("annex" in record["section_id"].lower()),
        "report": float(record["language"] == "ja" and record["doc_id"].startswith("iise")),
        "loglen": math.log1p(len(record["text"])) / 8,
        "comparative": float(comparative),
        "q_en": float(english),
        "doc_" + record["doc_id"]: 1.0,
        "in_base": float(signals is not None),
        "in_out": float(out_place is not None),
    }
    if kind is not None:
        f["kind_" + kind] = 1.0
    if out_place is not None:
        f["out_rr"] = 1.0 / (out_place + 1)
        f["out_r5"] = 5.0 / (5 + out_place + 1)
    if held_for:
        f["slot_" + held_for] = 1.0
    if signals is not None and base_place is not None:
        for name in RANKINGS:
            rank = signals.ranks.get(name)
            if rank:
                f["rr_" + name] = 1.0 / rank
                f["r10_" + name] = 10.0 / (10 + rank)
        f["dense"] = signals.dense
        f["kw"] = signals.keyword
        f["best"] = signals.sentence
        f["closest"] = signals.closest
        f["head"] = signals.heading
        f["final"] = signals.fused
        f["final_rr"] = 1.0 / (base_place + 1)
        f["final_r10"] = 10.0 / (10 + base_place + 1)
    if english:
        for name in [*_BY_LANGUAGE, *(p + r for p in ("rr_", "r10_") for r in RANKINGS)]:
            if name in f:
                f["en_" + name] = f[name]
    return f
