"""Sentence-level keyword scoring shared by reranking and extractive composition.

A chunk is cut into sentences once (cached); a sentence scores by the IDF-weighted overlap of its keyword
tokens with the question's weighted tokens, damped by its length. This finds the one focused sentence
in a long chunk that dense similarity and chunk-level BM25 both dilute.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict

from ingest.sentences import sentence_spans
from rag.keyword import KeywordIndex, tokenize

_LEAD = re.compile(r"^(?:[-*+•・○]\s*|\(?[0-9a-z]{1,3}[.)]\s+|\[\^?\w+\]:?\s*)+")
_CELL_SPLIT = re.compile(r"\n/ ")

SentenceTokens = list[tuple[int, int, frozenset[str]]]


class _TokenCache:
    """Sentence tokens per chunk, kept across questions (the corpus is small and re-read often)."""

    def __init__(self, size: int = 4096) -> None:
        self._lock = threading.Lock()
        self._d: OrderedDict[str, list[tuple[int, int, frozenset[str]]]] = OrderedDict()
        self._size = size

    def get(self, chunk_id: str, text: str, kind: str) -> SentenceTokens:
        with self._lock:
            if chunk_id in self._d:
                self._d.move_to_end(chunk_id)
                return self._d[chunk_id]
        spans = _table_spans(text) if kind == "table_row" else sentence_spans(text)
        out = []
        for s, e in spans:
            m = _LEAD.match(text[s:e])
            if m:
                s += m.end()
            if e - s >= 12:
                out.append((s, e, frozenset(tokenize(text[s:e]))))
        with self._lock:
            self._d[chunk_id] = out
            if len(self._d) > self._size:
                self._d.popitem(last=False)
        return out


def _table_spans(text: str) -> list[tuple[int, int]]:
    """A table row's cells (after 'label — header: '), each cut at its <br> line breaks."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for piece in _CELL_SPLIT.split(text):
        start = text.index(piece, pos)
        pos = start + len(piece)
        colon = piece.find(": ")
        offset = start + (colon + 2 if colon >= 0 else 0)
        for line in text[offset:pos].split("\n"):
            if line.strip():
                ls = text.index(line, offset)
                spans.append((ls, ls + len(line)))
                offset = ls + len(line)
    return spans


class SentenceScorer:
    def __init__(self, keyword: KeywordIndex) -> None:
        self.keyword = keyword
        self._cache = _TokenCache()

    def sentences(self, record: dict) -> SentenceTokens:
        return self._cache.get(record["chunk_id"], record["text"], record["kind"])

    def weights(self, keyword_weights: dict[str, float]) -> dict[str, float]:
        return {t: w * self.keyword.idf(t) for t, w in keyword_weights.items()}

    @staticmethod
    def score(tokens: frozenset[str], weights: dict[str, float]) -> float:
        overlap = sum(weights.get(t, 0.0) for t in tokens)
        return overlap / (1.0 + len(tokens) / 60.0)

    def best(self, record: dict, weights: dict[str, float]) -> float:
        return max((self.score(t, weights) for _s, _e, t in self.sentences(record)), default=0.0)
