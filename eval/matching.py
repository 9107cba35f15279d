"""The gold matching rule (DESIGN.md §4), shared by metrics and gold checks.

Text is normalised with Unicode NFKC, casefolded and stripped of all whitespace; a group of
alternatives matches a text when any non-empty normalised alternative is a substring of the
normalised text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

__all__ = ["any_alternative_in", "evidence_in", "fact_covered", "normalise", "strip_markers"]

_WHITESPACE = re.compile(r"\s+")
# Citation markers such as [1], [1, 2] or [1][3]; they are not content and often sit mid-phrase.
MARKER = re.compile(r"\[(\d+(?:\s*[,，、]\s*\d+)*)\]")


@lru_cache(maxsize=8192)
def normalise(text: str) -> str:
    """NFKC-normalise, casefold and delete all whitespace.

    NFKC runs first so that full-width letters and ideographic spaces become their ASCII forms
    before casefolding and whitespace removal (``"ＣＢＲＮ　兵器"`` → ``"cbrn兵器"``).
    Cached because the same chunk text is matched against many evidence groups.
    """
    return _WHITESPACE.sub("", unicodedata.normalize("NFKC", text).casefold())


def strip_markers(text: str) -> str:
    """Remove ``[n]`` citation markers so they cannot split a phrase that should match."""
    return MARKER.sub("", text)


def any_alternative_in(group: Iterable[str], normalised_text: str) -> bool:
    """True when some alternative of ``group`` occurs in an already normalised text.

    Empty alternatives are ignored: after normalisation they would match every text.
    """
    for alternative in group:
        needle = normalise(alternative)
        if needle and needle in normalised_text:
            return True
    return False


def fact_covered(group: list[str], text: str) -> bool:
    """A key-fact group is covered when any alternative is a substring of the normalised answer.

    ``[n]`` citation markers are removed from the answer first, so ``"10^26 [1] FLOP"`` still
    covers ``"10^26 FLOP"``.
    """
    return any_alternative_in(group, normalise(strip_markers(text)))


def evidence_in(group: list[str], text: str) -> bool:
    """An evidence group is found in a chunk when any alternative is a substring of its normalised text."""
    return any_alternative_in(group, normalise(text))
