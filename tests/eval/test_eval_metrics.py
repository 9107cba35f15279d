"""Metric maths on tiny hand-made records (eval.metrics / eval.matching)."""

from __future__ import annotations

import math
from typing import Any

import pytest

from eval.matching import evidence_in, fact_covered, normalise
from eval.metrics import answer_sentences, citation_check, compute_metrics, per_item, percentile

FILLER = "unrelated text about something else"


def ctx(rank: int, text: str = FILLER, chunk_id: str | None = None, **extra: Any) -> dict[str, Any]:
    return {
        "rank": rank,
        "chunk_id": chunk_id or f"c{rank}",
        "doc_id": f"doc{rank}",
        "section": f"sec {rank}",
        "text": text,
        "score": 1.0 / rank,
        **extra,
    }


def record(gold: dict[str, Any] | None = None, answer: dict[str, Any] | None = None) -> dict[str, Any]:
    g = {
        "id": "q1",
        "lang": "en",
        "type": "factual",
        "question": "?",
        "history": [],
        "reference_answer": "",
        "key_facts": [],
        "evidence": [],
        "jurisdictions": [],
    }
    a = {
        "question": "?",
        "language": "en",
        "answer": "",
        "abstained": False,
        "citations": [],
        "contexts": [],
        "timings_ms": {"retrieve": 10.0, "generate": 5.0, "total": 15.0},
    }
    g.update(gold or {})
    a.update(answer or {})
    return {"gold": g, "answer": a}


def ten_contexts(placed: dict[int, str]) -> list[dict[str, Any]]:
    return [ctx(r, placed.get(r, FILLER)) for r in range(1, 11)]


# ------------------------------------------------------------------------------------------- matching


def test_normalise_nfkc_casefold_whitespace() -> None:
    assert normalise("ＣＢＲＮ　兵器 \n Test\t") == "cbrn兵器test"
    assert normalise("Straße") == "strasse"


@pytest.mark.parametrize("answer", ["It covers ＣＢＲＮ risks", "It covers CBRN risks", "c b r n", "cBrN"])
def test_fact_covered_variants(answer: str) -> None:
    assert fact_covered(["cbrn"], answer)


def test_fact_covered_alternatives_markers_and_empty() -> None:
    assert fact_covered(["nope", "ＡＩ　Action Plan"], "the ai action plan [1] says")
    assert fact_covered(["10^26 FLOP"], "above 10^26 [2] FLOP")
    assert not fact_covered(["", "   "], "anything")
    assert not fact_covered(["cbrn"], "chemical weapons")
    assert evidence_in(["第十九条", "x"], "…第 十九 条 …")


# ------------------------------------------------------------------------------------------ retrieval


def test_recall_mrr_ndcg_exact() -> None:
    r = record(
        {"evidence": [["alpha quote"], ["beta quote"]]},
        {"contexts": ten_contexts({2: "the ALPHA  quote.", 7: "beta quote here"})},
    )
    item = per_item(r)
    assert item["recall@1"] == 0.0
    assert item["recall@5"] == 0.5
    assert item["recall@10"] == 1.0
    assert item["rr"] == 0.5
    assert item["first_hit_rank"] == 2
    expected = (1 / math.log2(3) + 1 / math.log2(8)) / (1 + 1 / math.log2(3))
    assert item["ndcg@10"] == pytest.approx(expected)
    assert item["recall_curve"] == [0.0, 0.5, 0.5, 0.5, 0.5, 0.5, 1.0, 1.0, 1.0, 1.0]


def test_ndcg_duplicates_do_not_inflate() -> None:
    r = record(
        {"evidence": [["alpha"], ["beta"]]}, {"contexts": ten_contexts({1: "alpha", 2: "alpha again"})}
    )
    item = per_item(r)
    assert item["ndcg@10"] == pytest.approx(1 / (1 + 1 / math.log2(3)))
    assert item["rr"] == 1.0
    assert item["recall@10"] == 0.5


def test_ndcg_perfect_and_single_group() -> None:
    r = record({"evidence": [["alpha"], ["beta"]]}, {"contexts": ten_contexts({1: "alpha", 2: "beta"})})
    assert per_item(r)["ndcg@10"] == pytest.approx(1.0)
    r = record({"evidence": [["alpha"]]}, {"contexts": ten_contexts({3: "alpha"})})
    assert per_item(r)["ndcg@10"] == pytest.approx(1 / math.log2(4))
    assert per_item(r)["rr"] == pytest.approx(1 / 3)


def test_contexts_taken_in_rank_order_and_only_top_10() -> None:
    contexts = [ctx(3, "alpha"), ctx(1), ctx(2)]
    item = per_item(record({"evidence": [["alpha"]]}, {"contexts": contexts}))
    assert item["first_hit_rank"] == 3
    assert item["recall@1"] == 0.0
    beyond = [*ten_contexts({}), ctx(11, "alpha")]
    item = per_item(record({"evidence": [["alpha"]]}, {"contexts": beyond}))
    assert item["recall@10"] == 0.0 and item["rr"] == 0.0 and item["ndcg@10"] == 0.0
    assert "evidence not retrieved" in item["failures"]


def test_alternative_quote_counts() -> None:
    item = per_item(
        record({"evidence": [["not there", "ＢＥＴＡ"]]}, {"contexts": ten_contexts({1: "beta"})})
    )
    assert item["recall@1"] == 1.0


# --------------------------------------------------------------------------------------- jurisdictions


def comparative(contexts: list[dict[str, Any]]) -> dict[str, Any]:
    return record(
        {
            "type": "comparative",
            "evidence": [["us rule"], ["eu rule"], ["jp rule"]],
            "jurisdictions": ["US", "EU", "JP"],
        },
        {"contexts": contexts},
    )


def test_jurisdiction_coverage() -> None:
    contexts = [
        ctx(1, "us rule", jurisdiction="US"),
        ctx(2, FILLER, jurisdiction="comparative: US, EU, JP"),  # no evidence: does not count
        ctx(3, "eu rule", jurisdiction="EU"),
        ctx(4, "jp rule", jurisdiction="EUROPE"),
    ]  # "EU" must match as a word, not a prefix
    item = per_item(comparative(contexts))
    assert item["jurisdiction_coverage"] == pytest.approx(2 / 3)
    assert item["jurisdictions_missing"] == ["JP"]
    table_row = [ctx(1, "jp rule — 米国: … / EU: …", jurisdiction="comparative: US, EU, JP")]
    assert per_item(comparative(table_row))["jurisdiction_coverage"] == 1.0


def test_jurisdiction_coverage_not_applicable() -> None:
    assert per_item(comparative([ctx(1, "us rule")]))["jurisdiction_coverage"] is None  # no field at all
    factual = record(
        {"evidence": [["us rule"]], "jurisdictions": ["US"]},
        {"contexts": [ctx(1, "us rule", jurisdiction="US")]},
    )
    assert per_item(factual)["jurisdiction_coverage"] is None


# ------------------------------------------------------------------------------------------- key facts


def test_key_fact_recall() -> None:
    r = record(
        {"key_facts": [["cbrn"], ["10^26", "10²⁶"], ["missing fact"]]},
        {"answer": "Models above 10^26 FLOP [1] face ＣＢＲＮ　evaluations."},
    )
    item = per_item(r)
    assert item["key_fact_recall"] == pytest.approx(2 / 3)
    assert item["failures"] == ["key fact missing: missing fact", "answer has no citations"]


# ------------------------------------------------------------------------------------------- citations


CHUNK = (
    "Providers of general-purpose AI models with systemic risk shall report serious incidents "
    "to the AI Office without undue delay."
)


def cited(answer: str, quote: str, chunk_id: str = "c1", n: int = 1, **extra: Any) -> dict[str, Any]:
    return {
        "answer": answer,
        "contexts": [ctx(1, CHUNK, chunk_id="c1")],
        "citations": [
            {
                "n": n,
                "chunk_id": chunk_id,
                "doc_id": "doc1",
                "title": "t",
                "section": "s",
                "section_id": "s",
                "url": None,
                "quote": quote,
            }
        ],
        **extra,
    }


def support(answer: dict[str, Any]) -> tuple[bool, str | None]:
    return citation_check(answer["citations"][0], answer)


def test_citation_supported_paraphrase_and_verbatim() -> None:
    quote = "shall report serious incidents to the AI Office"
    assert support(cited("Providers must report serious incidents to the AI Office [1].", quote)) == (
        True,
        None,
    )
    assert support(cited("They shall  report SERIOUS incidents to the ai office.[1]", quote)) == (True, None)
    # Whitespace and width differences between quote and chunk are normalised away.
    assert support(cited("Incidents go to the AI Office [1].", "serious   incidents to the ＡＩ Office"))[0]


def test_citation_unsupported_cases() -> None:
    quote = "shall report serious incidents to the AI Office"
    assert support(cited("Claim [1].", "a quote the chunk does not contain")) == (
        False,
        "quote not in cited chunk",
    )
    assert support(cited("Claim [1].", quote, chunk_id="elsewhere")) == (
        False,
        "cited chunk not among contexts",
    )
    assert support(cited("Claim without a marker.", quote)) == (False, "marker [1] not in answer")
    ok, reason = support(cited("Japan prefers voluntary guidelines [1].", quote))
    assert not ok and reason == "quote does not overlap the sentence it backs"
    assert support(cited("Claim [1].", "   ")) == (False, "empty quote")
    assert support(cited("Claim [1].", quote, n=None)) == (False, "citation has no number n")  # type: ignore[arg-type]


def test_citation_marker_belongs_to_its_own_sentence() -> None:
    quote = "shall report serious incidents to the AI Office"
    text = "Serious incidents go to the AI Office.[2] Japan prefers voluntary guidelines.[1]"
    assert not support(cited(text, quote, n=1))[0]
    assert support(cited(text, quote, n=2))[0]
    assert answer_sentences(text) == [
        "Serious incidents go to the AI Office.[2]",
        "Japan prefers voluntary guidelines.[1]",
    ]
    assert answer_sentences("重大インシデントを報告する[1]。次の文。\n- 10.5 FLOP [2]") == [
        "重大インシデントを報告する[1]。",
        "次の文。",
        "- 10.5 FLOP [2]",
    ]


def test_citation_marker_lists_and_comparison_points() -> None:
    quote = "shall report serious incidents to the AI Office"
    assert support(cited("Serious incidents reach the AI Office [1, 3].", quote))[0]
    comparison = [
        {
            "jurisdiction": "EU",
            "points": [{"text": "report serious incidents to the AI Office", "citations": [1]}],
        }
    ]
    assert support(cited("See the table.", quote, comparison=comparison))[0]


def test_citation_support_is_micro_averaged_and_evidence_cited() -> None:
    good = record(
        {"evidence": [["serious incidents"], ["never retrieved"]]},
        cited("Serious incidents go to the AI Office [1].", "serious incidents to the AI Office"),
    )
    bad = record(
        {"id": "q2", "evidence": [["serious incidents"]]}, cited("Claim [1]. Other [2].", "not in chunk")
    )
    bad["answer"]["citations"].append(dict(bad["answer"]["citations"][0], n=2))
    assert per_item(good)["evidence_cited"] == 0.5
    assert per_item(bad)["evidence_cited"] == 1.0  # cited chunk holds the evidence even if the quote is bad
    assert per_item(bad)["citation_support"] == 0.0
    m = compute_metrics([good, bad])["overall"]
    assert m["n_citations"] == 3
    assert m["citation_support"] == pytest.approx(1 / 3)  # micro: 1 of 3, not mean(1.0, 0.0)
    assert m["evidence_cited"] == pytest.approx(0.75)
    assert "unsupported citation [2]: quote not in cited chunk" in per_item(bad)["failures"]


# ------------------------------------------------------------------------------------------ abstention


def test_abstention_accuracy_and_false_abstention() -> None:
    records = [
        record({"id": "u1", "type": "unanswerable"}, {"abstained": True}),
        record({"id": "u2", "type": "unanswerable"}, {"abstained": False, "answer": "made up"}),
        record({"id": "a1", "key_facts": [["x"]]}, {"abstained": True}),
        record({"id": "a2", "key_facts": [["x"]]}, {"answer": "x [1]"}),
        record({"id": "a3", "key_facts": [["x"]]}, {"answer": "x [1]"}),
        record({"id": "a4", "key_facts": [["x"]]}, {"answer": "x [1]"}),
    ]
    m = compute_metrics(records)
    assert m["overall"]["abstention_accuracy"] == 0.5
    assert m["overall"]["false_abstention_rate"] == 0.25
    assert m["by_type"]["unanswerable"]["false_abstention_rate"] is None
    assert m["by_type"]["factual"]["abstention_accuracy"] is None
    assert per_item(records[1])["failures"] == ["should have abstained"]
    assert per_item(records[2])["failures"] == ["false abstention"]  # no per-fact noise after abstaining


# -------------------------------------------------------------------------------------- slices, errors


def test_slices_none_when_not_applicable_and_counts() -> None:
    records = [
        record(
            {"id": "f1", "lang": "ja", "evidence": [["alpha"]], "key_facts": [["alpha"]]},
            {
                "answer": "alpha [1]",
                "contexts": ten_contexts({1: "alpha"}),
                "timings_ms": {"retrieve": 10.0, "total": 100.0},
            },
        ),
        record(
            {"id": "u1", "lang": "en", "type": "unanswerable"},
            {"abstained": True, "answer": "not covered", "timings_ms": {"retrieve": 20.0, "total": 300.0}},
        ),
        record(
            {"id": "e1", "lang": "en", "evidence": [["alpha"]], "key_facts": [["alpha"]]},
            {"error": "generator timed out", "timings_ms": {"retrieve": 999.0, "total": 999.0}},
        ),
    ]
    m = compute_metrics(records)
    assert m["n"] == 3 and m["overall"]["n"] == 3 and m["overall"]["n_errors"] == 1
    assert list(m["by_type"]) == ["factual", "unanswerable"] and list(m["by_lang"]) == ["en", "ja"]
    # The errored item counts as a miss but is left out of latency and length.
    assert m["overall"]["recall@5"] == 0.5
    assert m["overall"]["key_fact_recall"] == 0.5
    assert m["overall"]["latency_total_ms_p50"] == 200.0
    assert m["overall"]["latency_total_ms_p95"] == pytest.approx(290.0)
    assert m["overall"]["answer_chars_mean"] == pytest.approx((len("alpha [1]") + len("not covered")) / 2)
    unans = m["by_type"]["unanswerable"]
    for key in (
        "recall@1",
        "recall@5",
        "recall@10",
        "recall_curve",
        "mrr@10",
        "ndcg@10",
        "key_fact_recall",
        "citation_support",
        "evidence_cited",
        "jurisdiction_coverage",
        "false_abstention_rate",
    ):
        assert unans[key] is None, key
    assert unans["abstention_accuracy"] == 1.0
    assert m["by_lang"]["ja"]["recall@1"] == 1.0 and m["by_lang"]["ja"]["abstention_accuracy"] is None
    assert per_item(records[2])["failures"][0] == "error: generator timed out"


def test_error_answer_with_nothing_else() -> None:
    item = per_item(
        {
            "gold": {"id": "x", "type": "factual", "lang": "en", "evidence": [["a"]]},
            "answer": {"error": "boom"},
        }
    )
    assert item["recall@10"] == 0.0 and item["total_ms"] is None and item["error"] == "boom"


def test_percentile_and_empty() -> None:
    assert percentile([], 50) is None
    assert percentile([5.0], 95) == 5.0
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.5
    assert percentile([float(x) for x in range(1, 101)], 95) == pytest.approx(95.05)
    assert compute_metrics([]) == {
        "overall": compute_metrics([])["overall"],
        "by_type": {},
        "by_lang": {},
        "n": 0,
    }
    assert compute_metrics([])["overall"]["recall@5"] is None
