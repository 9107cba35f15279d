"""Train the passage ranker (``rag/passage_ranker.py``) on a gold set's evidence and write it as JSON.

    python -m eval.train_passage_ranker --gold eval/gold/dev.jsonl --gold eval/gold/dev-blind.jsonl \
        --out rag/data/passage_ranker.json

Every answerable gold item is asked through the real pipeline with the learned ranker replaced by a
recorder, which keeps the candidates the ranker would reorder (the hand-built top passages, then the
fused ranking's next ones) and their features, and leaves the order as it is. A candidate is positive
when it holds one of the item's evidence groups (the gold matching rule). A scikit-learn
HistGradientBoostingClassifier learns from them; its trees are exported to JSON so that answering
needs neither scikit-learn nor pickle. The script also prints a five-fold cross-validated recall@5 of
the hand-built order against the learned one (folds by item; the learned one reordering every
candidate, before the retriever's rules keep some places), so a retrain shows what it is worth before
it is shipped. Never train on the `test` split: it is what the ranker is judged on.
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import numpy as np
import typer
from rich.console import Console

from eval.matching import any_alternative_in, normalise
from eval.runner import load_gold
from rag.passage_ranker import feature_matrix, order_by_odds

app = typer.Typer(add_completion=False)
err = Console(stderr=True)

# Chosen on dev by five-fold cross-validation and checked on blind batches (docs/evaluation.md):
# larger ensembles or leaves changed recall@5 by less than half a point.
PARAMS: dict[str, Any] = {
    "max_iter": 200,
    "learning_rate": 0.05,
    "max_leaf_nodes": 15,
    "early_stopping": False,
    "random_state": 0,
}
FOLDS = 5
TOP = 5


@dataclass
class Question:
    id: str
    chunk_ids: list[str]
    rows: list[dict[str, float]]
    groups: list[list[int]]  # per candidate: the evidence groups it holds
    n_groups: int
    priors: list[float]  # per candidate: the factor its kind of text is counted at


@dataclass
class Recorder:
    """Stands in for the ranker: keeps the first candidate list of each question, reorders nothing."""

    seen: list[tuple[list[str], list[dict[str, float]], list[float]]] = field(default_factory=list)

    def reorder(
        self, chunk_ids: Sequence[str], rows: Sequence[dict[str, float]], priors: Sequence[float]
    ) -> list[int]:
        self.seen.append((list(chunk_ids), [dict(r) for r in rows], list(priors)))
        return list(range(len(rows)))


def collect(qa: Any, items: list[dict[str, Any]], preset: str = "default") -> list[Question]:
    """Each answerable item's candidates, features and evidence labels, from the real pipeline."""
    retriever = qa.chain(preset).retriever
    recorder = Recorder()
    shipped, retriever.passage_ranker = retriever.passage_ranker, recorder
    out: list[Question] = []
    try:
        for item in items:
            if not item.get("evidence"):
                continue
            recorder.seen.clear()
            qa.ask(item["question"], item.get("history") or [], 10, None, preset)
            if not recorder.seen:  # asked before: the answer came from the cache
                continue
            chunk_ids, rows, priors = recorder.seen[0]
            store = retriever.index.chunks
            texts = [normalise(store.get(cid)["text"]) for cid in chunk_ids]
            groups = [
                [g for g, alts in enumerate(item["evidence"]) if any_alternative_in(alts, t)] for t in texts
            ]
            out.append(Question(item["id"], chunk_ids, rows, groups, len(item["evidence"]), priors))
    finally:
        retriever.passage_ranker = shipped
    return out


def recall_at(q: Question, order: Sequence[int], k: int = TOP) -> float:
    found: set[int] = set()
    for i in order[:k]:
        found.update(q.groups[i])
    return len(found) / q.n_groups


def design(questions: list[Question], features: list[str]) -> tuple[np.ndarray, np.ndarray]:
    x = feature_matrix([r for q in questions for r in q.rows], features)
    y = np.array([1 if g else 0 for q in questions for g in q.groups])
    return x, y


def fit(questions: list[Question], features: list[str]) -> Any:
    from sklearn.ensemble import HistGradientBoostingClassifier

    x, y = design(questions, features)
    return HistGradientBoostingClassifier(**PARAMS).fit(x, y)


def export(model: Any, features: list[str], embedder_id: str | None = None) -> dict[str, Any]:
    """The fitted ensemble as plain arrays: per tree, each node's feature, threshold, children, leaf
    flag and value. Numeric splits only (no categorical features, no missing values in the rows)."""
    trees = []
    depth = 0
    for (predictor,) in model._predictors:  # one tree per iteration for a binary classifier
        nodes = predictor.nodes
        trees.append(
            {
                "feature": nodes["feature_idx"].tolist(),
                "threshold": nodes["num_threshold"].tolist(),
                "left": nodes["left"].tolist(),
                "right": nodes["right"].tolist(),
                "is_leaf": nodes["is_leaf"].astype(bool).tolist(),
                "value": nodes["value"].tolist(),
            }
        )
        depth = max(depth, int(nodes["depth"].max()))
    return {
        "kind": "sklearn HistGradientBoostingClassifier, exported",
        "embedder": embedder_id,
        "params": {k: v for k, v in PARAMS.items() if k != "random_state"},
        "features": features,
        "baseline": float(np.ravel(model._baseline_prediction)[0]),
        "max_depth": depth,
        "trees": trees,
    }


def cross_validate(questions: list[Question], features: list[str]) -> tuple[float, float]:
    """Mean recall@5 of the hand-built order and of the learned one, each item scored by a model that
    did not see it."""
    rng = random.Random(0)
    fold = {q.id: rng.randrange(FOLDS) for q in questions}
    hand, learned = [], []
    for k in range(FOLDS):
        model = fit([q for q in questions if fold[q.id] != k], features)
        for q in (q for q in questions if fold[q.id] == k):
            x, _ = design([q], features)
            hand.append(recall_at(q, range(len(q.rows))))
            learned.append(recall_at(q, order_by_odds(model.decision_function(x), q.priors)))
    return float(np.mean(hand)), float(np.mean(learned))


@app.command()
def main(
    gold: Annotated[list[Path], typer.Option(help="Gold files to learn from (never the test split).")],
    out: Annotated[Path, typer.Option(help="Where to write the model JSON.")] = Path(
        "rag/data/passage_ranker.json"
    ),
    cv: Annotated[bool, typer.Option(help="Print cross-validated recall@5 first.")] = True,
) -> None:
    from rag.offline import set_offline_env

    set_offline_env()
    if any(p.name.startswith("test") for p in gold):
        raise typer.BadParameter("the test split judges the ranker; train on dev")
    from rag.chain import PolicyQA
    from rag.settings import Settings

    items = [item for path in gold for item in load_gold(path)]
    settings = Settings()
    qa = PolicyQA(settings)
    qa.warm_up("default")
    err.print(f"collecting candidates for {len(items)} items …")
    questions = collect(qa, items)
    features = sorted({name for q in questions for row in q.rows for name in row})
    err.print(f"{len(questions)} answerable items, {sum(len(q.rows) for q in questions)} candidates")
    if cv:
        hand, learned = cross_validate(questions, features)
        err.print(f"recall@5 (candidates, {FOLDS}-fold): hand-built {hand:.3f} → learned {learned:.3f}")
    spec = export(fit(questions, features), features, qa.embedder.embedder_id)
    out.write_text(json.dumps(spec, separators=(",", ":")) + "\n", encoding="utf-8")
    err.print(f"wrote {out} ({len(spec['trees'])} trees, {len(features)} features)")


if __name__ == "__main__":
    app()
