"""The corpus's defined terms, and the term a definition question asks about (rag/definitions.py)."""

from __future__ import annotations

from rag.chain import PolicyQA
from rag.definitions import (
    Definition,
    defined_terms,
    definitions_of,
    term_key,
    terms_asked,
    undefined_terms,
)
from rag.index import ChunkStore


def _record(chunk_id: str, text: str, heading: str = "Article 3 — Definitions") -> dict[str, str]:
    return {"chunk_id": chunk_id, "text": text, "section_path": f"Law › {heading}"}


def test_the_terms_a_law_defines_are_found_in_its_own_quoting() -> None:
    found = defined_terms(
        [
            _record("a", "- (47) ‘AI Office’ means the Commission’s function of contributing to …;"),
            _record("b", "(c) The term “AI model” means a component of an information system …"),
            _record("c", "この法律において、「人工知能関連技術」とは、人工的な方法により…技術をいう。"),
            _record("d", "**High-Impact AI:** AI with an output that serves as a principal basis …"),
            # A bold lead-in outside a definitions section names a task, and a term quoted in passing
            # deep in a sentence is no definition.
            _record("e", "**Develop Compliance Plans:** within 180 days …", heading="4. Compliance"),
            _record("f", "Providers shall ensure, as set out in Annex XI, that the term ‘model’ means …"),
        ]
    )
    assert set(found) == {"aioffice", "aimodel", "人工知能関連技術", "highimpactai"}
    assert found["aioffice"][0].chunk_id == "a"


def test_the_term_asked_about_is_read_from_the_usual_ways_of_asking() -> None:
    assert terms_asked("What is the AI Office?") == ["AI Office"]
    assert terms_asked("What's a deployer under the EU AI Act?") == ["deployer"]
    assert "provider" in terms_asked("How does the AI Act define a 'provider'?")
    assert terms_asked("What does red-teaming mean?") == ["red-teaming"]
    assert terms_asked("AI推進法における人工知能関連技術とは何?") == ["人工知能関連技術"]
    assert terms_asked("「汎用AIモデル」の定義は?") == ["汎用AIモデル"]
    assert terms_asked("Under the EU AI Act, what actually counts as a 'serious incident'?") == [
        "serious incident"
    ]
    assert terms_asked("What qualifies as high-impact AI under M-25-21?") == ["high-impact AI"]


def test_plural_spelling_and_a_term_s_own_ending_reach_its_definition() -> None:
    defined = {
        term_key("general-purpose AI model"): [Definition("general-purpose AI model", "a", 0, 9)],
        term_key("AI red-teaming"): [Definition("AI red-teaming", "b", 0, 9)],
        term_key("AI model"): [Definition("AI model", "c", 0, 9)],
        term_key("AI system"): [Definition("AI system", "d", 0, 9)],
        term_key("emotion recognition system"): [Definition("emotion recognition system", "e", 0, 9)],
    }
    assert [d.chunk_id for d in definitions_of(["General purpose AI models"], defined, {})] == ["a"]
    assert [d.chunk_id for d in definitions_of(["red-teaming"], defined, {})] == ["b"]
    # "system" ends two defined terms: it is neither of them.
    assert definitions_of(["system"], defined, {}) == []
    # A Japanese term through its translations: the longest one defined wins.
    translated = {"汎用AIモデル": ["AI model", "general-purpose AI model"]}
    assert [d.chunk_id for d in definitions_of(["汎用AIモデル"], defined, translated)] == ["a"]


def test_the_shipped_corpus_defines_the_terms_of_its_laws(corpus_qa: PolicyQA) -> None:
    store = corpus_qa.index_for(corpus_qa.settings).chunks
    assert isinstance(store, ChunkStore)
    for term in ("AI Office", "deployer", "deep fake", "AI model", "High-Impact AI", "人工知能関連技術"):
        assert term_key(term) in store.definitions, term


def test_a_term_no_definition_was_found_for_is_undefined_a_japanese_one_only_through_its_translation() -> (
    None
):
    found = [Definition("AI Office", "a", 0, 10)]
    assert undefined_terms(terms_asked("What are high-risk AI systems?"), [], {}) == ["high-risk AI systems"]
    assert undefined_terms(terms_asked("What is the AI Office?"), found, {}) == []
    assert undefined_terms(terms_asked("汎用AIモデルとは?"), [], {}) == []
    translated = {"高リスクAIシステム": ["high-risk AI system", "high-risk AI systems"]}
    assert undefined_terms(terms_asked("高リスクAIシステムとは?"), [], translated) == ["high-risk AI system"]
    assert undefined_terms(terms_asked("When does the Act apply?"), [], {}) == []
