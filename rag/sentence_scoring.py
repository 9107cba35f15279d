"""Sentence-level keyword scoring shared by reranking and extractive composition.

A chunk is cut into sentences once (cached); a sentence scores by the IDF-weighted overlap of its keyword
tokens with the question's weighted tokens, damped by its length. This finds the one focused sentence
in a long chunk that dense similarity and chunk-level BM25 both dilute. When the ingest embedded every
sentence (``chunking.sentence_vectors``), the question's similarity to each sentence is one matrix
product away: no embedding at query time.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict

import numpy as np

from ingest.sentences import quote_spans
from rag.index import ChunkStore
from rag.keyword import KeywordIndex, tokenize

SentenceTokens = list[tuple[int, int, frozenset[str]]]


class _TokenCache:
    """Sentence tokens per chunk, kept across questions (the corpus is small and re-read often)."""

    def __init__(self, size: int = 4096) -> None:
        self._lock = threading.Lock()
        self._d: OrderedDict[str, SentenceTokens] = OrderedDict()
        self._size = size

    def get(self, record: dict) -> SentenceTokens:
        chunk_id, text = record["chunk_id"], record["text"]
        with self._lock:
            if chunk_id in self._d:
                self._d.move_to_end(chunk_id)
                return self._d[chunk_id]
        # The ingest stored the spans it embedded; older or foreign records are cut the same way here.
        spans = record.get("sentences") or quote_spans(text, record["kind"])
        out = [(s, e, frozenset(tokenize(text[s:e]))) for s, e in spans]
        with self._lock:
            self._d[chunk_id] = out
            if len(self._d) > self._size:
                self._d.popitem(last=False)
        return out


class SentenceScorer:
    def __init__(self, keyword: KeywordIndex, chunks: ChunkStore | None = None) -> None:
        self.keyword = keyword
        self.chunks = chunks
        self._cache = _TokenCache()

    def similarities(self, record: dict, query_vector: np.ndarray) -> np.ndarray | None:
        """Cosine similarity of the question to each stored sentence of the chunk (vectors are
        normalised at ingest), or None when the index has no sentence vectors."""
        if self.chunks is None or not record.get("sentences"):
            return None
        matrix = self.chunks.sentence_vectors(record["chunk_id"])
        if matrix is None or len(matrix) != len(record["sentences"]):
            return None
        return matrix @ query_vector

    def sentences(self, record: dict) -> SentenceTokens:
        return self._cache.get(record)

    def weights(self, keyword_weights: dict[str, float]) -> dict[str, float]:
        return self.idf_weighted(self.keyword, keyword_weights)

    @staticmethod
    def idf_weighted(keyword: KeywordIndex, keyword_weights: dict[str, float]) -> dict[str, float]:
        """Each query token's weight times its rarity in the corpus: what ``score`` sums."""
        return {t: w * keyword.idf(t) for t, w in keyword_weights.items()}

    @staticmethod
    def score(tokens: frozenset[str], weights: dict[str, float]) -> float:
        # fsum: the same total whatever order the set yields its tokens in (str hashes differ per
        # process), so near-ties do not flip between runs.
        overlap = math.fsum(weights.get(t, 0.0) for t in tokens)
        return overlap / (1.0 + len(tokens) / 60.0)

    def best(self, record: dict, weights: dict[str, float]) -> float:
        return max((self.score(t, weights) for _s, _e, t in self.sentences(record)), default=0.0)
