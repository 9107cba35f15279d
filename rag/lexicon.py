"""Word-level JA↔EN query expansion from a common-vocabulary lexicon (rag/data/ja_en_lexicon.json).

The policy glossary translates the corpus's own terms (AI 行動計画 ↔ AI Action Plan); the words around
them (研究資金, 職位, penalties, deadline) still need to reach passages in the other language for the
keyword search. The lexicon is derived from JMdict (see scripts/build_lexicon.py) and stored in keyword
token space, so a lookup is a dict access. Translations are ambiguous (機関 → engine, agency, …): they
enter the query with a low weight and only where the corpus has the word at all.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

from rag.datafiles import read_data_file
from rag.keyword import TOKENIZER_VERSION


class Lexicon:
    def __init__(self, ja_en: dict[str, list[str]], en_ja: dict[str, list[str]]) -> None:
        self.ja_en = ja_en
        self.en_ja = en_ja

    @classmethod
    def load(cls, path: Path | None = None) -> Lexicon:
        text = read_data_file("ja_en_lexicon.json", path)
        data = json.loads(text)
        if data.get("tokenizer") != TOKENIZER_VERSION:
            # Keys are keyword tokens: a lexicon built with another tokenizer would silently miss.
            raise ValueError(
                f"lexicon built for tokenizer {data.get('tokenizer')}, not {TOKENIZER_VERSION}; "
                "rebuild it with scripts/build_lexicon.py"
            )
        return cls(data["ja_en"], data["en_ja"])

    def translate(
        self,
        tokens: Iterable[str],
        known: Callable[[str], bool],
        per_token: int = 4,
    ) -> list[str]:
        """Other-language keyword tokens for ``tokens`` (either language), those the corpus knows."""
        out: list[str] = []
        for tok in tokens:
            found = self.ja_en.get(tok) if not tok.isascii() else self.en_ja.get(tok)
            taken = 0
            for t in found or ():
                if taken >= per_token:
                    break
                if known(t):
                    taken += 1
                    if t not in out:
                        out.append(t)
        return out


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    return Lexicon.load()
