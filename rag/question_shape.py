"""How likely a question is one the sources cannot answer, from how it is asked: a logistic regression
over the question's embedding, trained on the gold set's unanswerable items
(``eval/train_question_shape.py``).

The abstention rules (``rag/answer_types.py``, ``ExtractiveComposer.should_abstain``) refuse a question
when its evidence lacks what it asks for: a count, a date, a name the corpus never mentions. Near misses
pass them: "What did the first NIST evaluation of Chinese models find?", "Has the Education Department
actually put out that guidance?", 「もうどのクラウド事業者と結んだの?」. Their evidence is on topic, and what
they ask for (what came of a plan later, someone's opinion, a figure no one published) shows in how they
are asked.
Questions asked that way share a direction in the embedding space, which the gold set's 573
unanswerable and 2,015 answerable questions are enough to learn, in both languages: on blind batches
written after it, the model tells them apart with an AUC of about 0.86 among the questions the rules
answer.

It reads the vector the retriever already searches with (``QueryPlan.vectors[0]``), so it costs one dot
product. It ships as JSON in ``rag/data`` and is used only with the embedder it was trained with and
over an index that holds every document it was trained on (the file names both): another embedder's
vectors live in another space, and what is unanswerable depends on what the corpus holds. Over another
corpus the rules alone decide.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np

__all__ = ["MODEL_FILE", "QuestionShape", "default_model"]

MODEL_FILE = "question_shape.json"


@dataclass(frozen=True)
class QuestionShape:
    """A linear model over a question vector: P(unanswerable) = sigmoid(w · v + b)."""

    weights: np.ndarray
    bias: float
    embedder: str | None
    documents: frozenset[str] = frozenset()  # the doc_ids of the corpus it was trained on

    @classmethod
    def from_spec(cls, spec: dict[str, Any]) -> QuestionShape:
        weights = np.asarray(spec["weights"], dtype=np.float32)
        if weights.ndim != 1 or not len(weights):
            raise ValueError("question shape model: weights must be one non-empty row")
        return cls(weights, float(spec["bias"]), spec.get("embedder"), frozenset(spec.get("documents") or ()))

    def probability(self, vector: Sequence[float] | np.ndarray) -> float | None:
        """P(unanswerable) for one question vector, or None when it has another dimension than the
        model's (an index built with another embedder)."""
        v = np.asarray(vector, dtype=np.float32)
        if v.shape != self.weights.shape:
            return None
        z = float(self.weights @ v) + self.bias
        # Split so that exp() never overflows, whatever the sign of z.
        return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


@cache
def _shipped() -> QuestionShape | None:
    path = resources.files("rag") / "data" / MODEL_FILE
    if not path.is_file():
        return None
    return QuestionShape.from_spec(json.loads(path.read_text(encoding="utf-8")))


def default_model(embedder_id: str, documents: Iterable[str]) -> QuestionShape | None:
    """The shipped model when it was trained with ``embedder_id``'s vectors on a corpus whose documents
    are all among ``documents`` (the index's doc_ids), else None."""
    model = _shipped()
    if model is None or model.embedder != embedder_id or not model.documents <= set(documents):
        return None
    return model
