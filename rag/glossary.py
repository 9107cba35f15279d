"""Bilingual query expansion from the corpus's own glossary (rag/data/glossary.json).

The report is Japanese and most primary sources are English; multilingual e5 alone ranks same-language
passages first. Adding the other language's terms to the keyword query (and running one extra dense
query in the other language) lets a question reach both. See rag/data/GLOSSARY_SOURCES.md.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rag.analysis import squash
from rag.datafiles import read_data_file
from rag.keyword import tokenize, usual_spelling


@dataclass(frozen=True)
class Expansion:
    matched: list[str]  # glossary terms found in the question
    other_language: list[str]  # their translations, for the other-language query
    pairs: list[tuple[str, list[str]]] = field(default_factory=list)  # each matched term, its translations


_NO_BETWEEN_NOUNS = re.compile(r"(?<=[^\u3040-\u309f])の(?=[^\u3040-\u309f])")


def _norm_ja(question: str) -> str:
    return squash(usual_spelling(question))


def _norm_en(s: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", s).casefold().split())


class Glossary:
    def __init__(self, entries: list[dict[str, list[str]]]) -> None:
        self.entries = entries
        self._en: list[tuple[str, re.Pattern[str], int, str]] = []
        self._ja: list[tuple[str, int, str]] = []
        self._ja_words: dict[str, tuple[int, str]] = {}
        for i, e in enumerate(entries):
            for term in e.get("en", []):
                t = _norm_en(term)
                if len(t) <= 3:  # "us", "eo", "ai": too ambiguous to trigger an expansion
                    continue
                self._en.append((t, re.compile(r"(?<![a-z0-9])" + re.escape(t) + r"(?![a-z0-9])"), i, term))
            for term in e.get("ja", []):
                t = squash(term)
                if t.isascii():
                    continue
                if len(t) < 2:
                    # One kanji (柱 "pillar") is part of too many words (電柱) to match inside one: it
                    # must be a word of the question on its own.
                    self._ja_words[t] = (i, term)
                    continue
                self._ja.append((t, i, term))
                # 「規制のサンドボックス」 is asked as 「規制サンドボックス」 too: the particle between two
                # nouns (not inside a word: 「もの」) is often left out.
                bare = _NO_BETWEEN_NOUNS.sub("", t)
                if bare != t and len(bare) >= 3:
                    self._ja.append((bare, i, term))

    @classmethod
    def load(cls, path: Path | None = None) -> Glossary:
        text = read_data_file("glossary.json", path)
        return cls(json.loads(text))

    def expand(self, question: str, language: str) -> Expansion:
        """Terms of the other language for every glossary concept the question mentions.

        Longer matches win: 「AI 行動計画」 does not also trigger 「計画」.
        """
        spans: list[tuple[int, int, int, str]] = []
        if language == "ja":
            q = _norm_ja(question)
            for t, i, term in self._ja:
                if t not in q:
                    continue
                for m in re.finditer(re.escape(t), q):
                    spans.append((m.start(), m.end(), i, term))
            # Sudachi runs only when the question holds one of those kanji at all.
            if any(w in q for w in self._ja_words):
                at = 0
                for tok in tokenize(question):
                    where = q.find(tok, at)
                    if where < 0:
                        continue
                    at = where + len(tok)
                    if tok in self._ja_words:
                        i, term = self._ja_words[tok]
                        spans.append((where, at, i, term))
            # English terms inside a Japanese question ("AI Act の第5条") count too.
            qe = _norm_en(question)
            for plain, pat, i, term in self._en:
                if plain not in qe:  # a substring test first: the regex only confirms word boundaries
                    continue
                found = pat.search(qe)
                if found:
                    spans.append((10_000 + found.start(), 10_000 + found.end(), i, term))
        else:
            q = _norm_en(question)
            for plain, pat, i, term in self._en:
                if plain not in q:
                    continue
                for m in pat.finditer(q):
                    spans.append((m.start(), m.end(), i, term))
        spans.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
        taken: list[tuple[int, int]] = []
        chosen: list[int] = []
        matched: list[str] = []
        for start, end, i, term in spans:
            if any(start >= a and end <= b for a, b in taken):
                continue
            taken.append((start, end))
            if i not in chosen:
                chosen.append(i)
                matched.append(term)
        other_key = "en" if language == "ja" else "ja"
        other: list[str] = []
        pairs: list[tuple[str, list[str]]] = []
        for i, term in zip(chosen, matched, strict=True):
            translations = list(self.entries[i].get(other_key, []))
            pairs.append((term, translations))
            other.extend(t for t in translations if t not in other)
        return Expansion(matched=matched, other_language=other, pairs=pairs)

    def translations_of(self, term: str) -> list[str]:
        """The English translations of a Japanese ``term`` when one glossary entry is the whole term
        (「汎用AIモデル」 is 「汎用 AI」 + 「AI モデル」: none)."""
        pairs = self.expand(term, "ja").pairs
        if len(pairs) == 1 and squash(pairs[0][0]) == _norm_ja(term):
            return pairs[0][1]
        return []


@lru_cache(maxsize=1)
def default_glossary() -> Glossary:
    return Glossary.load()
