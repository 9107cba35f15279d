"""Question analysis: the names of laws and documents a question mentions."""

from __future__ import annotations

from rag.analysis import document_mentions, named_titles
from rag.keyword import content_terms


def test_law_and_bill_names_are_found_without_the_question_words_around_them() -> None:
    assert named_titles("What does California's SB 53 require?") == ["SB 53"]
    assert named_titles("Under the Colorado AI Act, what must deployers do?") == ["Colorado AI Act"]
    assert named_titles("中国の「生成AIサービス管理暫定弁法」では何が義務?") == ["生成AIサービス管理暫定弁法"]
    assert named_titles("How do the US and the EU differ on AI safety?") == []


def test_document_mentions_are_the_words_that_name_a_known_document() -> None:
    assert any("ai act" in m for m in document_mentions("What does the EU AI Act say about deep fakes?"))
    assert document_mentions("What is a deep fake?") == []


def test_a_counter_after_a_number_is_not_taken_for_a_proper_name() -> None:
    terms = dict(content_terms("そのうち2本目の柱で、人材に関係する項目はある?"))
    assert "本目" not in terms and terms.get("人材") is False
