"""Citation verification for LLM answers: keep only sentences that cite given contexts and whose numbers
and names occur in what they cite; give every citation an exact quote from its chunk."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.sentences import sentence_spans
from rag.analysis import squash
from rag.answer import Citation

_MARKER = re.compile(r"\[(\d{1,3})\]")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NAME = re.compile(r"\b[A-Z][A-Za-z0-9-]*(?:\s+[A-Z][A-Za-z0-9-]*)*\b|[\u30a0-\u30ff]{3,}")
_SENTENCE_END = re.compile(r"(?<=[。！？.!?])(?:\s*(?:\[\d{1,3}\])+)?\s+|(?<=\])\s*\n+|\n{2,}")


@dataclass
class Verified:
    answer: str
    citations: list[Citation]
    dropped: list[str]


def _bigrams(s: str) -> set[str]:
    n = squash(s)
    return {n[i : i + 2] for i in range(len(n) - 1)}


def split_claims(text: str) -> list[str]:
    """Answer sentences with their trailing markers ("Claim. [1][2]")."""
    parts: list[str] = []
    pos = 0
    for m in re.finditer(r"(?:[。！？]|[.!?](?=\s|\[|$))(?:\s*\[\d{1,3}\])*|\n+", text):
        piece = text[pos : m.end()].strip()
        if piece:
            parts.append(piece)
        pos = m.end()
    tail = text[pos:].strip()
    if tail:
        parts.append(tail)
    return parts


def best_quote(chunk_text: str, claim: str) -> str:
    """The chunk sentence sharing the most character bigrams with the claim (exact substring)."""
    target = _bigrams(_MARKER.sub("", claim))
    best, best_score = "", -1.0
    for s, e in sentence_spans(chunk_text) or [(0, len(chunk_text))]:
        sent = chunk_text[s:e]
        grams = _bigrams(sent)
        score = len(grams & target) / (len(grams) ** 0.5 + 1)
        if score > best_score:
            best, best_score = sent, score
    return best or chunk_text[:200]


def _grounded(claim: str, cited_texts: list[str]) -> bool:
    body = _MARKER.sub("", claim)
    haystack = squash(" ".join(cited_texts))
    for num in _NUMBER.findall(body):
        if len(num) >= 2 and squash(num) not in haystack:
            return False
    for name in _NAME.findall(body):
        words = [w for w in name.split() if len(w) > 2]
        if not words or name.split()[0] in ("The", "This", "It", "In", "A", "An", "Under", "According"):
            words = words[1:]
        if words and not any(squash(w) in haystack for w in words):
            return False
    return True


def verify(text: str, contexts: list[dict], first_n: int = 1) -> Verified:
    """Check an LLM answer against the numbered ``contexts`` it was given (1-based)."""
    kept: list[str] = []
    dropped: list[str] = []
    citations: list[Citation] = []
    renumber: dict[tuple[int, str], int] = {}
    for claim in split_claims(text):
        numbers = [int(n) for n in _MARKER.findall(claim)]
        valid = [n for n in numbers if 1 <= n <= len(contexts)]
        if not valid:
            dropped.append(claim)
            continue
        cited = [contexts[n - 1] for n in dict.fromkeys(valid)]
        if not _grounded(claim, [c["text"] for c in cited]):
            dropped.append(claim)
            continue
        body = re.sub(r"\s+([.。!?！？,、])", r"\1", _MARKER.sub("", claim)).strip()
        markers = []
        for n in dict.fromkeys(valid):
            ctx = contexts[n - 1]
            quote = best_quote(ctx["text"], body)
            key = (n, quote)
            if key not in renumber:
                renumber[key] = len(citations) + first_n
                citations.append(Citation.of(renumber[key], ctx, quote))
            markers.append(f"[{renumber[key]}]")
        kept.append(f"{body} {''.join(markers)}")
    return Verified("\n".join(kept), citations, dropped)
