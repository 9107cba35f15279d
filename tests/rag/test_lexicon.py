"""The JMdict-derived JA↔EN lexicon used for keyword query expansion."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from rag.keyword import TOKENIZER_VERSION, tokenize
from rag.lexicon import (
    COHERENT_FACTOR,
    INCOHERENT_FACTOR,
    MAX_COMPARED,
    Lexicon,
    coherence_factors,
    default_lexicon,
)


def _everything(_token: str) -> bool:
    return True


def test_japanese_everyday_words_translate_to_english_keyword_tokens() -> None:
    lex = default_lexicon()
    english = lex.translate(tokenize("罰則と研究資金"), _everything)
    for word in ("penalty", "research", "funds"):
        assert tokenize(word)[0] in english


def test_katakana_loanwords_translate_to_the_words_they_were_borrowed_from() -> None:
    lex = default_lexicon()
    english = lex.translate(tokenize("エネルギーとデータとツールボックス"), _everything)
    for word in ("energy", "data", "toolbox"):
        assert tokenize(word)[0] in english


def test_english_words_translate_to_japanese_words_the_corpus_knows() -> None:
    lex = default_lexicon()
    assert "罰則" in lex.translate(tokenize("penalties"), _everything)
    # Only words the corpus has: with none known, nothing is added.
    assert lex.translate(tokenize("penalties"), lambda t: False) == []


def test_each_word_adds_a_bounded_number_of_translations() -> None:
    lex = default_lexicon()
    assert len(lex.translate(tokenize("機関"), _everything, per_token=2)) == 2


def test_a_lexicon_built_for_another_tokenizer_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.json"
    path.write_text(json.dumps({"tokenizer": TOKENIZER_VERSION + 1, "ja_en": {}, "en_ja": {}}))
    with pytest.raises(ValueError, match="rebuild"):
        Lexicon.load(path)


def test_a_translation_that_shares_passages_with_the_rest_of_the_question_weighs_more() -> None:
    # 違反 → violation / break; 禁止 → prohibit. "violation" and "prohibit" share passages, "break" does not.
    chunks = {"violat": [1, 2, 3], "break": [7], "prohibit": [2, 3, 4]}
    factors = coherence_factors(
        {"違反": ["violat", "break"], "禁止": ["prohibit"]}, [], lambda t: np.array(chunks.get(t, [])), 10
    )
    assert factors["violat"] == COHERENT_FACTOR
    assert factors["break"] == INCOHERENT_FACTOR
    assert factors["prohibit"] == COHERENT_FACTOR


def test_a_word_with_nothing_to_co_occur_with_keeps_the_plain_lexicon_weight() -> None:
    chunks = {"violat": [1], "break": [2]}
    factors = coherence_factors({"違反": ["violat", "break"]}, [], lambda t: np.array(chunks[t]), 10)
    assert factors == {"violat": 1.0, "break": 1.0}


def test_candidates_keep_each_words_translations_apart() -> None:
    found = default_lexicon().candidates(tokenize("罰則と研究資金"), _everything)
    assert tokenize("penalty")[0] in found["罰則"]
    assert all(len(translations) <= 4 for translations in found.values())


def test_a_question_with_too_many_words_to_compare_keeps_the_plain_weights() -> None:
    # Pairs grow with the square of the words: a 2,000-character question is not compared word by word.
    many = {f"語{i}": [f"w{i}"] for i in range(MAX_COMPARED + 1)}
    assert coherence_factors(many, [], lambda t: np.array([1, 2]), 10) == {}


def test_small_numbers_translate_between_digits_and_words() -> None:
    # Japanese writes 「3つの柱」 (Sudachi reads 三つ as 3 as well), English "three pillars".
    lex = Lexicon({}, {})
    assert lex.translate(tokenize("3つの柱"), _everything) == ["three"]
    assert lex.translate(tokenize("three pillars"), _everything) == ["3"]
    assert lex.translate(tokenize("one of them"), _everything) == []
