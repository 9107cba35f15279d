"""The JMdict-derived JA↔EN lexicon used for keyword query expansion."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rag.keyword import TOKENIZER_VERSION, tokenize
from rag.lexicon import Lexicon, default_lexicon


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
