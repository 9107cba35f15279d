"""Bilingual expansion from the corpus's own glossary (rag/glossary.py)."""

from __future__ import annotations

from rag.glossary import default_glossary


def test_a_one_kanji_term_expands_only_as_a_word_of_its_own() -> None:
    glossary = default_glossary()
    pillars = glossary.expand("AI行動計画の3つの柱は何ですか?", "ja")
    assert "pillar" in pillars.other_language
    assert "AI Action Plan" in pillars.other_language
    # 電柱 (a utility pole) holds 柱 but is no pillar.
    assert "pillar" not in glossary.expand("電柱の話", "ja").other_language
