"""Sentence spans: what the chunker packs and what extractive answers quote."""

from __future__ import annotations

from ingest.sentences import quote_spans, sentence_spans


def _texts(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


def test_a_quotation_holding_several_sentences_stays_one_sentence() -> None:
    quoted = (
        "「制御の喪失」については、「人間が喪失するリスク。これは、ミスアライメントから生じうる」とされる。"
    )
    assert _texts(quoted + "次の文。") == [quoted, "次の文。"]


def test_a_parenthesised_statutory_definition_does_not_end_the_sentence() -> None:
    sentence = "政府は、基本的な計画（以下「人工知能基本計画」という。）を定めなければならない。"
    assert _texts(sentence + "２　次項。")[0] == sentence


def test_an_unclosed_bracket_does_not_swallow_the_paragraph() -> None:
    text = "「閉じない引用。" + "あ" * 500 + "。"
    assert len(_texts(text)) == 2


def test_english_abbreviations_do_not_split() -> None:
    assert _texts("The U.S. Government will act. See No. 8 of the report.") == [
        "The U.S. Government will act.",
        "See No. 8 of the report.",
    ]


def test_quotable_spans_drop_bullets_and_short_fragments() -> None:
    text = "- Require all institutions receiving Federal funding to screen.\n- (a) ok"
    spans = quote_spans(text, "list")
    assert [text[s:e] for s, e in spans] == ["Require all institutions receiving Federal funding to screen."]
