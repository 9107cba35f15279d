"""Bilingual expansion from the corpus's own glossary (rag/glossary.py)."""

from __future__ import annotations

from rag.glossary import default_glossary
from rag.keyword import tokenize


def test_a_one_kanji_term_expands_only_as_a_word_of_its_own() -> None:
    glossary = default_glossary()
    pillars = glossary.expand("AI行動計画の3つの柱は何ですか?", "ja")
    assert "pillar" in pillars.other_language
    assert "AI Action Plan" in pillars.other_language
    # 電柱 (a utility pole) holds 柱 but is no pillar.
    assert "pillar" not in glossary.expand("電柱の話", "ja").other_language


def test_a_users_spelling_of_a_term_matches_the_glossary_entry_the_documents_spell_otherwise() -> None:
    glossary = default_glossary()
    # The report writes ハイリスク; users also type 高リスク, which Sudachi splits into 高 and リスク.
    assert "high-risk AI system" in glossary.expand("高リスクAIシステムとは?", "ja").other_language
    assert (
        glossary.translations_of("高リスクAIシステム")
        == glossary.translations_of("ハイリスクAIシステム")
        != []
    )
    assert tokenize("高リスクAIの義務") == tokenize("ハイリスクAIの義務")


def test_everyday_words_for_the_prohibited_practices_reach_them() -> None:
    assert "prohibited AI practices" in default_glossary().expand("EU AI法の禁止事項は?", "ja").other_language


def test_a_term_asked_without_the_particle_between_its_nouns_matches() -> None:
    glossary = default_glossary()
    # The glossary spells 「規制のサンドボックス」; users type 「規制サンドボックス」.
    assert (
        "regulatory sandbox"
        in glossary.expand("米国の行動計画に規制サンドボックスはある?", "ja").other_language
    )
    # の inside a word (もの, この) is no particle between nouns.
    assert "regulatory sandbox" not in glossary.expand("規制サンドもの", "ja").other_language
