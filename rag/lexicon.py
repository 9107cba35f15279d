"""Word-level JA↔EN query expansion from a common-vocabulary lexicon (rag/data/ja_en_lexicon.json).

The policy glossary translates the corpus's own terms (AI 行動計画 ↔ AI Action Plan); the words around
them (研究資金, 職位, penalties, deadline) still need to reach passages in the other language for the
keyword search. The lexicon is derived from JMdict (see scripts/build_lexicon.py) and stored in keyword
token space, so a lookup is a dict access. Translations are ambiguous (機関 → engine, agency, …): they
enter the query with a low weight and only where the corpus has the word at all.

Of a word's translations, the ones that occur in the corpus alongside the translations of the question's
other words are the likely senses (co-occurrence disambiguation, the classic remedy for dictionary-based
cross-language retrieval): 違反 → violation, offence, break; in a question that also asks about 禁止 and
適用, "violation" shares passages with "prohibit" and "apply", "break" does not.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from rag.datafiles import read_data_file
from rag.keyword import TOKENIZER_VERSION

# 「3つの柱」 and "three pillars": Japanese writes small numbers in digits (Sudachi reads 三つ as 3 too),
# English in words. Not "one" (one of, no one) nor 1.
_NUMBERS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
NUMBER_WORDS: dict[str, str] = {
    **{str(n): w for n, w in enumerate(_NUMBERS, start=2)},
    **{w: str(n) for n, w in enumerate(_NUMBERS, start=2)},
}


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

    def candidates(
        self,
        tokens: Iterable[str],
        known: Callable[[str], bool],
        per_token: int = 4,
    ) -> dict[str, list[str]]:
        """Each token's other-language keyword tokens (either language), those the corpus knows, in the
        dictionary's order of senses; tokens without one are left out."""
        out: dict[str, list[str]] = {}
        for tok in tokens:
            found = self.ja_en.get(tok) if not tok.isascii() else self.en_ja.get(tok)
            if tok in NUMBER_WORDS:
                found = [NUMBER_WORDS[tok], *(found or ())]
            taken = [t for t in found or () if known(t)][:per_token]
            if taken:
                out[tok] = taken
        return out

    def translate(
        self,
        tokens: Iterable[str],
        known: Callable[[str], bool],
        per_token: int = 4,
    ) -> list[str]:
        """Other-language keyword tokens for ``tokens`` (either language), those the corpus knows."""
        found = self.candidates(tokens, known, per_token)
        return list(dict.fromkeys(t for translations in found.values() for t in translations))


# A word's translation that best shares passages with the rest of the question weighs this many times
# the lexicon weight, the one that shares least this many; in between, in proportion. Measured on dev and
# on 80 blind items (docs/evaluation.md, session 9): 2.0 / 0.6 against 1.5 / 0.3, 1.5 / 0.6, 1.5 / 0.0.
COHERENT_FACTOR = 2.0
INCOHERENT_FACTOR = 0.6
# Words compared pairwise at most (a question's translations and glossary terms; dev's largest has 119):
# the pairs' bitsets grow with its square, and a 2,000-character question could bring thousands.
MAX_COMPARED = 256
_POPCOUNT = np.array([bin(i).count("1") for i in range(256)], dtype=np.uint8)


def coherence_factors(
    candidates: dict[str, list[str]],
    anchors: Sequence[str],
    chunks_with: Callable[[str], np.ndarray],
    n_chunks: int,
) -> dict[str, float]:
    """A weight factor for every translation in ``candidates``: how well it co-occurs (Dice over the
    chunks holding each word; ``chunks_with`` gives their row numbers) with the best translation of each
    other word and with ``anchors`` (the question's glossary translations, which are unambiguous),
    relative to the word's best translation. Without anything to co-occur with, every factor is 1; with
    more than ``MAX_COMPARED`` words to compare, none is given (the caller keeps the plain weight)."""
    others = [*candidates.items(), *((f"@{a}", [a]) for a in dict.fromkeys(anchors))]
    vocabulary = list(dict.fromkeys(t for _word, words in others for t in words))
    if len(vocabulary) > MAX_COMPARED:
        return {}
    row = {t: i for i, t in enumerate(vocabulary)}
    held = np.zeros((len(vocabulary), n_chunks), dtype=bool)
    for t, i in row.items():
        held[i, chunks_with(t)] = True
    # Every pair's shared chunks at once, as bitsets: a float matrix product would wake BLAS threads,
    # which then spin beside the query embedding on a 2-core machine (p95 latency doubled).
    bits = np.packbits(held, axis=1)
    shared = _POPCOUNT[bits[:, None, :] & bits[None, :, :]].sum(axis=2, dtype=np.int64)
    sizes = np.diag(shared)
    total = sizes[:, None] + sizes[None, :]
    dice = np.divide(2 * shared, total, out=np.zeros(shared.shape), where=total > 0)
    factors: dict[str, float] = {}
    for word, translations in candidates.items():
        coherence: dict[str, float] = {}
        for t in translations:
            best_of_each = [
                max(float(dice[row[t], row[o]]) for o in theirs)
                for other, theirs in others
                if other != word and t not in theirs
            ]
            coherence[t] = sum(best_of_each) / len(best_of_each) if best_of_each else 0.0
        best = max(coherence.values())
        for t in translations:
            f = (
                1.0
                if best <= 0
                else INCOHERENT_FACTOR + (COHERENT_FACTOR - INCOHERENT_FACTOR) * coherence[t] / best
            )
            factors[t] = max(factors.get(t, 0.0), f)
    return factors


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    return Lexicon.load()
