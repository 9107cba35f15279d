"""The terms the corpus defines, and which of them a definition question asks about.

"What is the AI Office?" is answered by one line of the AI Act's Article 3 — "(47) 'AI Office' means the
Commission's function …" — among 68 others in the same article, whose chunks' vectors and shared words
point anywhere but there ("AI" is in every one of them). Laws and memos mark the terms they define
("'X' means", 'The term "X" refers to', 「「X」とは、…をいう」), so the defining line of the term asked about
can be looked up exactly instead of searched for.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ingest.sentences import sentence_spans
from rag.answer_types import DEFINITIONS_HEADING
from rag.section_refs import section_heading

# A defined term in quotes, then the defining verb: "(47) 'AI Office' means …", 'The term "AI model"
# means …', 'The term "artificial intelligence-related technology" as used in this Act means …'.
_DEFINED_EN = re.compile(
    r"[‘'\"“]([^‘’'\"“”]{2,80}?)[’'\"”]\s*(?:\([^)]{0,40}\)\s*)?(?:,\s*)?(?:as used in [^,.;]{0,40}?\s*)?"
    r"(?:means|shall mean|refers to|is defined as|has the (?:same )?(?:meaning|definition))\b",
    re.I,
)
# 「この法律において、「人工知能関連技術」とは、…をいう。」
_DEFINED_JA = re.compile(r"「([^「」]{2,40})」とは、")
# A definitions section's bold entry: "**High-Impact AI:** AI with an output that …" (OMB M-25-21). Only
# there: elsewhere a bold lead-in ("**Develop Compliance Plans.**") names a task, not a term.
_DEFINED_BOLD = re.compile(r"^\W{0,3}\*\*([^*]{2,60}?):\*\*")

# What a definition question asks about. The term ends before a frame naming where it is defined ("…
# under the AI Act", "… in EO 14110").
_FRAME_EN = r"(?:\s+(?:under|in|according to|as defined (?:in|by)|for the purposes? of|within|of)\b.*)?"
_WHAT_IS = r"^\s*(?:so,?\s+)?what(?:'s|’s| is| are) (?:an? |the )?"
_ASKED_EN = (
    re.compile(rf"{_WHAT_IS}(.{{2,60}}?){_FRAME_EN}\s*\??\s*$", re.I),
    re.compile(rf"\bdefin(?:e|es|ed)\s+(?:an? |the )?(?:term )?(.{{2,60}}?){_FRAME_EN}\s*\??\s*$", re.I),
    re.compile(rf"\bdefinition of (?:an? |the )?(?:term )?(.{{2,60}}?){_FRAME_EN}\s*\??\s*$", re.I),
    re.compile(r"\bwhat does (?:an? |the )?(?:term )?(.{2,60}?) mean\b", re.I),
    re.compile(rf"\bwhat is meant by (?:an? |the )?(?:term )?(.{{2,60}}?){_FRAME_EN}\s*\??\s*$", re.I),
    re.compile(
        rf"\bwhat (?:actually |exactly |really )?(?:counts|qualifies) as (?:an? |the )?(.{{2,60}}?)"
        rf"{_FRAME_EN}\s*\??\s*$",
        re.I,
    ),
)
_ASKED_JA = (
    re.compile(
        r"([^「」、。?？\s]{2,30}?|「[^「」]{2,30}」)\s*(?:って|とは)(?:何|なに|なん|どういう|どんな|\s*[?？]|$)"
    ),
    re.compile(r"([^「」、。?？\s]{2,30}?|「[^「」]{2,30}」)の定義"),
)
# Words before a Japanese term that are not part of it: 「EUのAI法における提供者とは?」's 「…における」.
_JA_FRAME = re.compile(r"^.*(?:における|での|上の|でいう|で言う|の中の)")


def term_key(term: str) -> str:
    """A term as compared: NFKC, casefolded, without quotes, spaces and hyphens, the last word singular
    ("General-purpose AI models" and "general purpose AI model" are one term)."""
    t = unicodedata.normalize("NFKC", term).casefold().strip(" \"'‘’“”「」")
    t = re.sub(r"[\s\-‐‑–]+", "", t)
    if t.isascii() and t.endswith("s") and not t.endswith("ss") and len(t) > 3:
        t = t[:-1]
    return t


@dataclass(frozen=True)
class Definition:
    term: str  # as the text spells it
    chunk_id: str
    start: int  # the defining sentence's span in the chunk text
    end: int


def defined_terms(records: Iterable[dict[str, Any]]) -> dict[str, list[Definition]]:
    """Every term the chunks define, by ``term_key``, in chunk order. A term is defined where its quoted
    form opens a sentence's definition (the first 60 characters): "'AI Office' means …", not a sentence
    that quotes a term in passing."""
    found: dict[str, list[Definition]] = {}
    for rec in records:
        text = rec["text"]
        in_definitions = bool(DEFINITIONS_HEADING.search(section_heading(rec["section_path"])))
        for start, end in sentence_spans(text):
            term = _defined(text[start : min(end, start + 160)], in_definitions)
            key = term_key(term) if term else ""
            if term and key:
                found.setdefault(key, []).append(Definition(term, rec["chunk_id"], start, end))
    return found


def _defined(head: str, in_definitions: bool) -> str | None:
    """The term a sentence defines, from its first 160 characters, if it is a definition."""
    if in_definitions:
        m = _DEFINED_BOLD.search(head)
        if m is not None:
            return m.group(1)
    for pattern in (_DEFINED_EN, _DEFINED_JA):
        m = pattern.search(head)
        if m is not None and m.start() <= 60:
            return m.group(1)
    return None


def terms_asked(question: str) -> list[str]:
    """The term a definition question asks about, as written ("AI Office", 「提供者」), or none."""
    q = unicodedata.normalize("NFKC", question).strip()
    asked: list[str] = []
    for pattern in (*_ASKED_EN, *_ASKED_JA):
        m = pattern.search(q)
        if m is None:
            continue
        term = _JA_FRAME.sub("", m.group(1)).strip(" \"'‘’“”「」?")
        if term and term not in asked:
            asked.append(term)
    return asked


def definitions_of(
    asked: list[str], defined: dict[str, list[Definition]], translations: dict[str, list[str]]
) -> list[Definition]:
    """The definitions of the terms asked about: by exact key, else the one defined term that ends with
    it ("red-teaming" → "AI red-teaming"; a short or ambiguous ending matches none). A Japanese term
    asked about reaches an English definition through ``translations`` (the glossary's, for a term it
    translates as a whole), the longest defined translation winning (「汎用AIモデル」 is the general-purpose
    AI model, not any AI model)."""
    found: list[Definition] = []
    for term in asked:
        keys = [term_key(term)]
        keys += sorted((term_key(t) for t in translations.get(term, ())), key=len, reverse=True)
        for key in keys:
            hits = defined.get(key)
            if not hits and len(key) >= 8:
                ending = [k for k in defined if k.endswith(key)]
                hits = defined[ending[0]] if len(ending) == 1 else None
            if hits:
                found.extend(d for d in hits if d not in found)
                break
    return found


def defines_term(text: str, keys: frozenset[str], in_definitions: bool) -> bool:
    """Whether a sentence is the definition of one of the terms ``keys`` (by ``term_key``)."""
    term = _defined(text[:160], in_definitions)
    return term is not None and term_key(term) in keys


def undefined_terms(
    asked: list[str], definitions: list[Definition], translations: dict[str, list[str]]
) -> list[str]:
    """The terms ``asked`` about (``terms_asked``) when no definition of them was found, in English: the
    corpus does not define them. A Japanese term counts through its glossary ``translations`` (「高リスク
    AIシステム」 → "high-risk AI system"); one without any may only lack a glossary entry of its own."""
    if not asked or definitions:
        return []
    english: list[str] = []
    for term in asked:
        if term.isascii():
            english.append(term)
        elif translations.get(term):
            english.append(translations[term][0])
        else:
            return []
    return english
