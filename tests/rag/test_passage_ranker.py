"""The learned passage ranker: the shipped trees score as the trained model did, the trainer learns from
the real pipeline's candidates, and on the real corpus the learned order is what answers use."""

from __future__ import annotations

import json

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier

from eval.train_passage_ranker import PARAMS, collect, export, recall_at
from rag.chain import PolicyQA
from rag.passage_ranker import TreeEnsemble, default_model, shipped_model


def test_exported_trees_score_every_row_as_the_fitted_model_does() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(3000, 5))
    y = (x[:, 0] + x[:, 1] * x[:, 2] > 0.3).astype(int)  # an interaction: the trees need depth
    model = HistGradientBoostingClassifier(**{**PARAMS, "max_iter": 40}).fit(x, y)
    names = [f"f{i}" for i in range(5)]
    ensemble = TreeEnsemble(json.loads(json.dumps(export(model, names))))  # through JSON, as shipped
    rows = [dict(zip(names, map(float, r), strict=True)) for r in x[:300]]
    assert np.allclose(ensemble.score(ensemble.matrix(rows)), model.decision_function(x[:300]))
    # A feature a row lacks counts as 0, as in training.
    assert np.allclose(ensemble.score(ensemble.matrix([{}])), model.decision_function(np.zeros((1, 5))))


def test_the_shipped_model_is_used_with_the_embedder_it_was_trained_with_only(corpus_qa: PolicyQA) -> None:
    model = shipped_model()
    assert model is not None and len(model.features) > 20
    assert {"out_rr", "rr_kw", "rr_dense0", "lang_match", "slot_section"} <= set(model.features)
    assert corpus_qa.chain().retriever.passage_ranker is model
    assert default_model(corpus_qa.embedder.embedder_id) is model
    # Another embedder's similarities are on another scale: the hand-built order stands.
    assert default_model("st-all-MiniLM-L6-v2") is None


def test_the_trainer_learns_from_the_pipelines_own_candidates_without_changing_answers(
    corpus_qa: PolicyQA,
) -> None:
    item = {
        "id": "t1",
        "question": "Which article of the EU AI Act requires transparency for chatbots?",
        "history": [],
        "evidence": [["informed that they are interacting with an AI system"]],
    }
    before = corpus_qa.ask(item["question"] + " (trainer)").model_dump(exclude={"timings_ms"})
    (question,) = collect(corpus_qa, [item])
    assert len(question.rows) == len(question.chunk_ids) >= 10
    assert any(question.groups), "Article 50's passage is among the candidates"
    assert 0 < recall_at(question, range(len(question.rows)), k=len(question.rows)) <= 1
    # The shipped ranker is back in place afterwards.
    assert corpus_qa.chain().retriever.passage_ranker is shipped_model()
    assert corpus_qa.ask(item["question"] + " (trainer)").model_dump(exclude={"timings_ms"}) == before


def test_the_learned_order_is_the_answers_order_and_keeps_the_hand_built_count(corpus_qa: PolicyQA) -> None:
    question = "What does the US AI Action Plan say about open-source and open-weight models?"
    learned = corpus_qa.ask(question)
    hand = corpus_qa.ask(question, preset="no-learned-ranking")
    assert len(learned.contexts) == len(hand.contexts)
    assert [c.chunk_id for c in learned.contexts] != [c.chunk_id for c in hand.contexts]


def test_a_comparisons_first_places_are_the_rankers_and_keep_every_jurisdiction(corpus_qa: PolicyQA) -> None:
    question = "Compare how the EU and Japan handle transparency obligations for AI providers."
    learned = corpus_qa.ask(question)
    hand = corpus_qa.ask(question, preset="no-learned-ranking")
    assert [c.chunk_id for c in learned.contexts[:5]] != [c.chunk_id for c in hand.contexts[:5]]
    assert learned.contexts[0].chunk_id == hand.contexts[0].chunk_id  # the hand-built lead stays first
    assert {"EU", "JP"} <= {c.jurisdiction for c in learned.contexts[:5]}
    blocks = [line for line in learned.answer.splitlines() if line.startswith("### ")]
    assert len(blocks) == 2  # the answer still has a block for each jurisdiction
