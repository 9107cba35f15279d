"""The learned question-shape check: the shipped weights score as the fitted model did, the trainer
reads the vectors the pipeline searches with, and on the real corpus a near miss the rules let through
is refused while answerable questions asked the same way are answered."""

from __future__ import annotations

import json

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from eval.train_question_shape import collect
from rag.chain import PolicyQA
from rag.question_shape import QuestionShape, default_model


def test_the_exported_weights_give_the_fitted_models_probabilities() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(500, 8)).astype(np.float32)
    y = (x[:, 0] - x[:, 3] > 0.2).astype(int)
    fitted = LogisticRegression(C=10.0).fit(x, y)
    spec = {"embedder": "e", "bias": float(fitted.intercept_[0]), "weights": fitted.coef_[0].tolist()}
    model = QuestionShape.from_spec(json.loads(json.dumps(spec)))  # through JSON, as shipped
    ours = [model.probability(row) for row in x[:50]]
    assert np.allclose(ours, fitted.predict_proba(x[:50])[:, 1], atol=1e-5)
    # Far from the boundary on either side, no overflow.
    far = model.probability(x[0] * 1e4)
    assert far is not None and 0.0 <= far <= 1.0
    # A vector of another dimension is another embedder's: no probability.
    assert model.probability(np.zeros(4)) is None
    with pytest.raises(ValueError, match="weights"):
        QuestionShape.from_spec({"embedder": "e", "bias": 0.0, "weights": []})


def test_the_shipped_model_is_used_with_the_embedder_it_was_trained_with_only(corpus_qa: PolicyQA) -> None:
    chain = corpus_qa.chain()
    held = [d["doc_id"] for d in chain.index.chunks.documents()]
    model = default_model(corpus_qa.embedder.embedder_id, held)
    assert model is not None and model.weights.shape == (384,)
    assert chain.composer.question_shape is model
    # Another embedder's vectors live in another space.
    assert default_model("st-all-MiniLM-L6-v2", held) is None
    # Over another corpus, what is unanswerable is another matter: the rules alone decide. More
    # documents beside the shipped ones leave it in use.
    assert default_model(corpus_qa.embedder.embedder_id, ["alpha", "beta"]) is None
    assert default_model(corpus_qa.embedder.embedder_id, [*held, "alpha"]) is model


def test_the_trainer_reads_one_search_vector_per_item_a_follow_up_carrying_its_subject(
    corpus_qa: PolicyQA,
) -> None:
    question = {"question": "What about Japan?", "type": "followup"}
    followup = {
        **question,
        "history": [
            {"role": "user", "content": "Does the EU AI Act ban social scoring?"},
            {"role": "assistant", "content": "Yes: Article 5 prohibits it."},
        ],
    }
    vectors = collect(corpus_qa, [question, followup])
    assert vectors.shape == (2, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    # Condensed with the earlier turn, the follow-up is searched with the subject it carries.
    assert float(vectors[0] @ vectors[1]) < 0.99


def test_a_near_miss_the_rules_answer_is_refused_and_plain_questions_answered(corpus_qa: PolicyQA) -> None:
    # The plan directs CAISI to evaluate Chinese frontier models; what an evaluation found is not in
    # any source, and every passage on the topic shares the question's words.
    near_miss = "What did the first NIST evaluation of Chinese models find?"
    assert corpus_qa.ask(near_miss).abstained
    assert not corpus_qa.ask(near_miss, preset="no-question-shape").abstained
    assert not corpus_qa.ask("What does the AI Action Plan say about open-weight models?").abstained
    # Asked like a near miss ("how much, at most?"), but the AI Act states the sum: the evidence decides.
    fine = corpus_qa.ask("禁止されたAIをEUで使ったら、罰金はいくらまで?")
    assert not fine.abstained and "35 000 000" in fine.answer
