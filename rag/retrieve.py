"""Hybrid, cross-lingual retrieval: dense (Chroma) + BM25 (Sudachi/English tokens), fused with RRF.

Comparative questions are decomposed into one filtered sub-search per jurisdiction; all sub-searches
reuse the question's two query vectors (original + glossary pivot), so decomposition costs no extra
embedding time.
"""

from __future__ import annotations

import functools
import re
import time
from collections.abc import Collection
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document as LCDocument
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from rag.analysis import (
    COMPARISON_FRAME,
    COMPARISON_WORDS,
    JURISDICTION_TOKENS,
    THE_REPORT,
    QueryAnalysis,
    compared_jurisdictions,
    comparison_topic,
    detect_documents,
    detect_jurisdictions,
    document_mentions,
    is_comparison_row,
    jurisdiction_codes,
    policy_documents,
    squash,
    strip_documents,
    version_language,
)
from rag.answer_types import (
    APPLICATION_ASKED,
    APPLICATION_HEADING,
    CLASSIFICATION_HEADING,
    CONSEQUENCE_ASKED,
    CONSEQUENCE_WORDS,
    DEFINITION_ASKED,
    DEFINITIONS_HEADING,
    FUNCTIONS_ASKED,
    FUNCTIONS_HEADING,
    about_named_document,
    count_asked,
)
from rag.definitions import Definition, definitions_of, term_key, terms_asked, undefined_terms
from rag.embeddings import IdentifiedEmbeddings
from rag.glossary import Expansion, Glossary
from rag.index import LiveIndex
from rag.keyword import content_terms, tokenize
from rag.lexicon import coherence_factors, default_lexicon
from rag.passage_ranker import (
    MISSING_SIMILARITY,
    PassageOrder,
    RankedSignals,
    TextKind,
    candidate_features,
    default_model,
)
from rag.section_refs import RefKind, path_matches, section_heading, section_ref_mentions
from rag.sentence_scoring import SentenceScorer
from rag.settings import FusionMode, RetrievalSettings

# Words that stress a question, not its topic ("What does it actually require?", 「結局どうなったの?」):
# rare in the documents, so BM25 weighs them high and ranks the passages that happen to use them.
_FILLER = re.compile(
    r"\b(?:actually|really|basically|exactly|literally|truly|honestly|essentially|anyway)\b"
    r"|結局|そもそも|ざっくり|ちなみに|いったい|一体",
    re.I,
)
_DATE_UNITS = frozenset({"年", "月", "日"})
HISTORY_WEIGHT = 0.6  # words a follow-up takes from the previous question, or a question from its premise
EXPANSION_WEIGHT = 0.6  # glossary translations count less than the user's own words
NAMED_DOC_BOOST = 1.2  # a document the question names ("AI Act", 「AI推進法」) is favoured, never required
# An article that amends another act ("Article 102 — Amendment to Regulation (EC) No 300/2008"), not the
# act's own annex ("Article 7 — Amendments to Annex III").
_AMENDING = re.compile(r"\bAmendments? to (?:Regulation|Directive|Decision)\b")
_BIBLIOGRAPHY = re.compile(r"^(?:参考文献|引用文献|References|Bibliography|Works cited)$", re.I)
# "Which earlier papers does the report list?", 「参考文献の英題は?」, "where does it send readers to find
# the plan?": the list of references is asked. Not by a date alone: the list dates every document it
# cites, but the text that says what happened on it answers (dev multi-hop recall@5 0.635 → 0.629).
_REFERENCES_ASKED = re.compile(
    r"参考文献|文献|出典|引用|英題|原題|タイトル|表題|url|リンク|原文|\breferences?\b|\bbibliograph\w*"
    r"|\bcit(?:e|es|ed|ing)\b|\bsources?\b|\btitles?\b|\bpapers?\b|\bpublications?\b"
    r"|\bearlier (?:reports?|works?)\b|\blinks?\b|\bsends? readers\b|\bwhere\b[^?]{0,40}\b(?:find|read)\b",
    re.I,
)
NAMING_WEIGHT = 0.5  # keyword weight factor of document-naming words in the global ranking
GENERIC_NAMING = frozenset({"ai"})  # part of document names, but also of most topics ("AI literacy")
DENSE_DEPTH = 10  # one dense query per vector fetches this many times `candidates`
CONSEQUENCE_WEIGHT = 0.8  # the penalty words a "what happens if they break it?" question gets
DEFINITION_SLOTS = 2  # top-k places for a definitions section's best chunks, for "what is X?"
CLASSIFICATION_SLOTS = 2  # places for the part classifying a term no definitions section defines
APPLICATION_SLOTS = 3  # laws whose provision saying when they apply gets a place, for "when does it apply?"
FUNCTIONS_SLOTS = 1  # the part saying what the body asked about is there to do, for "what does X do?"
SUBJECT_MAX_DF = 0.1  # a section path's words that name its subject are in at most this share of chunks
# Words for a jurisdiction's policy as a whole, in either language.
BROAD_POLICY_TOKENS = frozenset(
    tokenize(
        "規制 政策 アプローチ 方針 姿勢 取り組み 取組 考え方 戦略 ガバナンス 法律 法制度 規律 ルール"
        " 全体像 概要 regulation policy approach stance strategy governance rules law framework overall"
        " overview"
        # Where each stands between promoting and regulating AI: "more about pushing AI forward or
        # regulating it?", 「推進と規制、今どっち寄り?」.
        " promotion promote push forward deregulation stance stand direction"
        " 推進 振興 規制緩和 方向性 スタンス 立ち位置"
        # What a comparative source concludes: "what does the report actually conclude? like the bottom
        # line on US vs EU vs Japan", 「結局、日米欧の違いをまとめると?」.
        " conclude conclusion bottom line summary summarise summarize 結論 まとめる 総括"
    )
)
# Words that only stress or date the asking ("right now", "actually", 「結局」): a question on policy as a
# whole may have them besides its words for policy.
FILLER_TOKENS = frozenset(tokenize("now currently actually really like 現在 今 結局"))
_RIGHT_NOW = re.compile(r"\bright now\b", re.I)
# A comparative source's overview of the jurisdictions' policies (the report's 「2.1 日米欧の AI 政策の
# 概要」).
OVERVIEW_HEADING = re.compile(r"概要|overview", re.I)
OVERVIEW_SLOTS = 5  # its chunks, in order, for a comparison of the jurisdictions' policy as a whole
MAX_SECTION_REFS = 3  # "Articles 5, 6 and 50": the first three parts named get their own places
CONTINUED_CONTEXTS = 5  # top passages whose list, cut off into the next chunk, is brought in
LIST_TAIL_CHARS = 1500  # how far back from a chunk's end its list's lead-in is looked for
LIST_TAIL_PLACE = 5  # where the rest of a list cut off after some items comes in (0-based)
_LEAD_IN_END = re.compile(r"[:：]\s*$")
# A list item's line: "- (a) …", "  - (i) …", "3. …".
_ITEM_LINE = re.compile(r"\s*(?:[-*•・]|\(?[0-9a-z]{1,4}[.)])\s")


def _ends_in_list(text: str) -> bool:
    """Whether a chunk ends inside a list: a lead-in line, then only list items to its end ("… leads to
    any of the following:" / "- (a) the death of a person …;", and the chunker cut before (b))."""
    lines = [line for line in text[-LIST_TAIL_CHARS:].splitlines() if line.strip()]
    k = len(lines)
    # The lead-in may be an item itself ("- (49) ‘serious incident’ means … any of the following:").
    while k and _ITEM_LINE.match(lines[k - 1]) and not _LEAD_IN_END.search(lines[k - 1]):
        k -= 1
    return 0 < k < len(lines) and bool(_LEAD_IN_END.search(lines[k - 1]))


# A table asked about ("according to the comparison table", 「比較表」); the report itself is a named
# document (``detect_documents`` knows "the report" from "the Model Report" and "agencies must report").
_TABLE_ASKED = re.compile(r"\btables?\b|比較表|図表", re.I)
# Parts that point at other documents or topics (see HybridRetriever._referenced_sections).
POINTER_KINDS = frozenset({RefKind.FOOTNOTE, RefKind.ITEM, RefKind.SECTION})


class UnknownFilter(ValueError):
    """A filter naming a document, jurisdiction or language the index does not hold."""


@dataclass
class Filters:
    jurisdictions: list[str] = field(default_factory=list)
    doc_ids: list[str] = field(default_factory=list)
    language: str | None = None
    kind: str | None = None  # internal: restrict to one chunk kind (the report's comparison table rows)
    chunk_ids: frozenset[str] | None = None  # internal: restrict to these chunks (a referenced article)

    def narrowed(self, kind: str) -> Filters:
        return Filters(list(self.jurisdictions), list(self.doc_ids), self.language, kind)

    def chroma_where(self, jurisdictions: list[str] | None = None) -> dict[str, Any] | None:
        clauses: list[dict[str, Any]] = []
        if self.kind:
            clauses.append({"kind": self.kind})
        js = jurisdictions if jurisdictions is not None else self.jurisdictions
        if js:
            flags = [{f"j_{j}": True} for j in js]
            clauses.append(flags[0] if len(flags) == 1 else {"$or": flags})
        if self.doc_ids:
            clauses.append({"doc_id": {"$in": list(self.doc_ids)}})
        if self.language:
            clauses.append({"language": self.language})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}


class Slot(StrEnum):
    """Why a passage holds a guaranteed place in the ranking, besides a jurisdiction's code ("US"; a
    comparison's sub-query) or a named document's ("doc:eo-14179")."""

    SECTION = "section"  # a part the question names ("Article 50", 「第3条」)
    REPORT_TABLE = "report-table"  # the comparative report's table row on the topic
    OVERVIEW = "overview"  # the report's overview of each jurisdiction's policy (a broad comparison)
    DEFINITIONS = "definitions"  # a definitions section ("What is high-impact AI?")
    APPLICATION = "application"  # a law's final provisions ("When does Article 50 apply?")
    FUNCTIONS = "functions"  # the part saying what a body is there to do ("What does the AI Board do?")
    CLASSIFICATION = "classification"  # the part saying what counts as a term no part defines


_RULED_PLACES = frozenset(Slot)
_BROUGHT_IN = frozenset({None, TextKind.RECITAL})  # kinds of text the learned ranker may bring into the top


def _place_kind(slot: str | None) -> str | None:
    """The kind of guaranteed place a passage holds, as the learned ranker knows it: a named
    document's ("doc"), a compared jurisdiction's ("jur") or a `Slot`'s own name."""
    if not slot:
        return None
    if slot.startswith("doc:"):
        return "doc"
    return slot if slot in _RULED_PLACES else "jur"


@dataclass
class Context:
    chunk_id: str
    record: dict[str, Any]
    score: float
    dense_rank: int | None = None
    keyword_rank: int | None = None
    jurisdiction_slot: str | None = None  # the sub-query that brought it in
    signals: RankedSignals | None = None  # what the fused ranking that returned it knew of it

    def to_json(self, rank: int) -> dict[str, Any]:
        r = self.record
        return {
            "rank": rank,
            "chunk_id": self.chunk_id,
            "doc_id": r["doc_id"],
            "title": r["title"],
            "section": r["section_path"],
            "section_id": r["section_id"],
            "jurisdiction": r["jurisdiction"],
            "language": r["language"],
            "kind": r["kind"],
            "url": r.get("source_url") or None,
            "text": r["text"],
            "score": round(float(self.score), 6),
        }


@dataclass
class QueryPlan:
    """What one question turns into: vectors and keyword weights shared by all sub-searches."""

    text: str
    analysis: QueryAnalysis
    expansion: Expansion
    keyword_weights: dict[str, float]
    vectors: list[list[float]]
    embed_ms: float = 0.0
    # Keyword tokens that only name a document ("EU AI Act", "Regulation (EU) 2024/1689"): they pick the
    # document, but inside it they match the wrong passages (articles amending other regulations).
    naming_tokens: frozenset[str] = frozenset()
    # Keyword tokens that only point at a document part ("article", "50" of "Article 50").
    reference_tokens: frozenset[str] = frozenset()
    # The indexed documents the question names, in the question's language where the corpus holds a
    # translation (「AI推進法」 asked in English → its English reference translation).
    named_doc_ids: list[str] = field(default_factory=list)
    # The chunks of each document part the question names ("Article 50 of the AI Act", 「第3条」), one
    # list per part, and whether the parts resolved to a single document (then they lead the ranking).
    section_groups: list[list[str]] = field(default_factory=list)
    sections_pinned: bool = False
    # The question is about a document itself (who wrote or issued it, when): its cover answers.
    cover_asked: bool = False
    # Words a follow-up carries over from the previous question (or a question from its premise).
    carried_tokens: frozenset[str] = frozenset()
    # Words that name the jurisdictions asked about, and their translations: the frame, not the topic.
    frame_tokens: frozenset[str] = frozenset()
    # Words only the lexicon's word-by-word translation added (see rag/lexicon.py).
    lexicon_tokens: frozenset[str] = frozenset()
    # The lexicon's senses of the glossary's translations, back in the question's language: they help
    # pick a sentence, not a passage (see HybridRetriever.plan).
    sentence_only_weights: dict[str, float] = field(default_factory=dict)
    # The definitions of the term a "what is X?" question asks about (see rag/definitions.py).
    definitions: list[Definition] = field(default_factory=list)
    # The terms it asks about that the corpus defines nowhere ("What are high-risk AI systems?": the AI
    # Act classifies them in Article 6, it defines 68 other terms).
    undefined_terms: list[str] = field(default_factory=list)

    # A short follow-up that switches jurisdiction ("What about Japan?") asks the previous question.
    switches_only: bool = False
    # A comparison of the jurisdictions' policy as a whole ("How do the US, EU and Japan differ on AI
    # regulation?", 「日米欧のAI政策の違いをざっくり教えて」; see asks_policy_as_a_whole).
    broad_topic: bool = False

    @property
    def asked(self) -> str:
        """The question whose shape says what kind of answer is wanted (a date, a sum, a person …): the
        user's own, or the condensed one for a follow-up that only switches jurisdiction ("What about
        Japan?" asks the previous question of Japan)."""
        if self.switches_only:
            return self.text
        return self.analysis.question or self.text

    @functools.cached_property
    def references_asked(self) -> bool:
        """Whether the question asks about references, sources, titles or links (see
        ``_REFERENCES_ASKED``): read once, for every sub-search."""
        return bool(_REFERENCES_ASKED.search(self.asked))

    @property
    def defined_keys(self) -> frozenset[str]:
        return frozenset(term_key(d.term) for d in self.definitions)

    @property
    def referenced_chunks(self) -> frozenset[str]:
        return (
            frozenset(c for group in self.section_groups for c in group)
            if self.sections_pinned
            else frozenset()
        )

    @property
    def referenced_heads(self) -> frozenset[str]:
        """The first chunk of each referenced part (groups are in document order)."""
        return frozenset(group[0] for group in self.section_groups) if self.sections_pinned else frozenset()

    def topic_weights(self) -> dict[str, float]:
        """Keyword weights without the document-naming words, nor the jurisdictions' names and their
        translations: for ranking inside a named document or a jurisdiction, where those words match
        the wrong passages (「米国の行動計画に規制サンドボックスはある?」 searched the plan for "United
        States", "America" and "American" as much as for "sandbox")."""
        return {
            t: w
            for t, w in self.keyword_weights.items()
            if t not in self.naming_tokens and t not in self.frame_tokens
        }

    def shares_topic(self, record: dict[str, Any]) -> bool:
        """Whether a passage shares a word of the question's topic (in either language), beyond a
        comparison's frame: jurisdictions, "compare", document names, "AI". The report's comparison
        table has a row for a handful of topics; a question on another topic has none."""
        frame = COMPARISON_FRAME | self.frame_tokens | self.naming_tokens | GENERIC_NAMING
        # One character (性 of 脆弱性, 力 of 労働力) is part of too many words to share a topic.
        # Nor does a word-by-word dictionary translation (the lexicon's): "find" is also 発見 and 見付ける.
        words = self.keyword_weights.items()
        topic = {
            t
            for t, w in words
            if t not in frame and t not in self.lexicon_tokens and len(t) > 1 and w >= EXPANSION_WEIGHT
        }
        return bool(topic & set(tokenize(f"{record.get('row_label', '')} {record['text']}")))

    # Dense hits per vector, fetched once and narrowed locally for every sub-search (filters, slots).
    dense_hits: dict[int, list[tuple[str, float]]] = field(default_factory=dict)
    # How close every section heading is to the question, by meaning and by words; computed once.
    heading_scores: dict[str, np.ndarray] | None = None
    # Every chunk's closest sentence to the question (see RetrievalSettings.closest_sentence_weight);
    # computed once, an empty array where the ranking is not used.
    closest_sentences: np.ndarray | None = None


def asks_policy_as_a_whole(question: str, naming: frozenset[str] = frozenset()) -> bool:
    """Whether a comparison's topic words (its content terms, without the jurisdictions, the comparing
    words and the documents' names) are all words for policy in general."""
    frame = COMPARISON_FRAME | JURISDICTION_TOKENS | GENERIC_NAMING | naming
    own = {
        t for t, _proper in content_terms(_RIGHT_NOW.sub(" now ", question)) if t not in frame and len(t) > 1
    }
    return bool(own) and own <= BROAD_POLICY_TOKENS | FILLER_TOKENS


class HybridRetriever:
    def __init__(
        self,
        index: LiveIndex,
        embedder: IdentifiedEmbeddings,
        glossary: Glossary,
        settings: RetrievalSettings,
    ) -> None:
        self.index = index
        self.embedder = embedder
        self.glossary = glossary
        self.settings = settings
        self.scorer: Any = None  # SentenceScorer of the live generation, bound by the chain
        # The learned passage order; None keeps the hand-built one. A stand-in with the same `reorder` is
        # how eval/train_passage_ranker.py collects the candidates it learns from.
        self.passage_ranker: PassageOrder | None = (
            default_model(embedder.embedder_id) if settings.learned_ranking else None
        )

    # -- planning -------------------------------------------------------------------------------
    def plan(self, text: str, analysis: QueryAnalysis) -> QueryPlan:
        s = self.settings
        expansion = (
            self.glossary.expand(text, analysis.language) if s.glossary_expansion else Expansion([], [])
        )
        weights: dict[str, float] = {}
        # A condensed follow-up carries the previous question as its subject: its words help, but the
        # words the user typed now say what is asked.
        asked = set(tokenize(analysis.question)) if analysis.question and analysis.question != text else None
        if asked is None and analysis.focus:
            # A stated premise ("The report says X.") is context for the sentence that asks, like the
            # previous question of a follow-up (dev key facts 0.611 → 0.625; 0.4: 0.618, 0.8: 0.611).
            asked = set(tokenize(analysis.focus))
        carried: set[str] = set()
        typed = tokenize(_FILLER.sub(" ", text))
        for tok in typed:
            own = asked is None or tok in asked
            weights[tok] = 1.0 if own else max(weights.get(tok, 0.0), HISTORY_WEIGHT)
            if not own:
                carried.add(tok)
        # 「2025年4月に出した覚書」: 年 and 月 after a number are its units, not the topic; as words they
        # match every dated sentence of the Japanese report. Where one stands alone (何年, 年間) it stays.
        units = {u for u in _DATE_UNITS if u in weights}
        for before, tok in zip(["", *typed], typed, strict=False):
            if tok in units and not before.isdigit():
                units.discard(tok)
        for unit in units:
            del weights[unit]
        for term in expansion.other_language:
            for tok in tokenize(term):
                weights.setdefault(tok, EXPANSION_WEIGHT)
        # The question's topic in the other language: its glossary terms without document and
        # jurisdiction names ("EU AI Act", "United States").
        topic_terms = [
            t
            for t in expansion.other_language
            if not detect_documents(squash(t)) and not detect_jurisdictions(t)
        ]
        naming: set[str] = set()
        for mention in document_mentions(text):
            naming.update(tokenize(mention))
        # A jurisdiction's name and its glossary translations (Japan → 日本国内) frame a question.
        frame: set[str] = {t for t in weights if t in JURISDICTION_TOKENS}
        for term, others in expansion.pairs:
            if any(detect_documents(squash(x)) for x in (term, *others)):
                naming.update(tokenize(term))
                for other in others:
                    naming.update(tokenize(other))
            elif set(tokenize(term)) <= JURISDICTION_TOKENS:
                for other in others:
                    frame.update(tokenize(other))
        naming -= GENERIC_NAMING
        referring: set[str] = set()
        if analysis.section_refs:
            for mention in section_ref_mentions(analysis.question or text):
                referring.update(tokenize(mention))
            naming |= referring
        keyword = self.index.keyword
        lexicon: set[str] = set()
        sentence_only: dict[str, float] = {}
        # The likeliest sense in the other language of each of the question's everyday words, for the pivot.
        senses: list[str] = []
        if s.lexicon_expansion and keyword is not None:
            # Only topic words are translated: 法 in "AI法" would bring 法令, 規則, 規制 …, and "Japan" 仕様
            # and "land" (the glossary translates the jurisdictions' names).
            asked_tokens = [
                t
                for t, w in weights.items()
                if w >= HISTORY_WEIGHT and t not in naming and t not in JURISDICTION_TOKENS
            ]
            translations = default_lexicon().candidates(
                asked_tokens, lambda t: keyword.document_frequency(t) > 0
            )
            factors: dict[str, float] = {}
            if s.lexicon_disambiguation:
                # The glossary's translations of the question's topic terms are unambiguous: the
                # everyday words' senses are chosen by the passages they share with them, too.
                anchors = [tok for term in topic_terms for tok in tokenize(term)]
                factors = coherence_factors(translations, anchors, keyword.chunks_with, keyword.num_docs)
            typed_tokens = set(typed)
            for source, words in translations.items():
                likeliest = max(words, key=lambda t: factors.get(t, 1.0))
                if likeliest.isascii() == (analysis.language == "ja"):
                    senses.append(likeliest)
                # A glossary translation's senses come back in the question's language: synonyms that
                # help pick a sentence ("deregulation" → 規制撤廃 → "repeal"), but in the passage ranking
                # they pull in passages on other senses ("order" → 命令 → "card"; dev recall@5 0.644 →
                # 0.653; left out of sentence scoring too, key facts 0.449 → 0.441).
                into = weights if source in typed_tokens else sentence_only
                for tok in words:
                    if tok not in weights and tok not in sentence_only:
                        into[tok] = s.lexicon_weight * factors.get(tok, 1.0)
                        lexicon.add(tok)
        if CONSEQUENCE_WEIGHT and CONSEQUENCE_ASKED.search(analysis.question or text):
            for tok in tokenize(CONSEQUENCE_WORDS):
                weights.setdefault(tok, CONSEQUENCE_WEIGHT)
        named_docs = self._named_doc_ids(analysis)
        # What is said of a document as a whole (how many actions the plan has, when it came out, who
        # wrote it) the documents about it say too: the White House article, the report. They get places
        # of their own, after the document's.
        about_document = bool(named_docs) and bool(
            count_asked(analysis.question or text)
            or about_named_document(analysis.question or text, named_docs)
        )
        if about_document:
            named_docs += self._documents_about(analysis.named_documents, named_docs)
        # Otherwise an English question about what an English policy document says is answered from it:
        # a Japanese pivot only brings the report's passages on the topic (dev recall@5 0.637 → 0.651,
        # U 0.568 → 0.587).
        own_words = (
            analysis.language == "en"
            and not analysis.comparative
            and bool(policy_documents(named_docs))
            and not about_document
        )
        t0 = time.perf_counter()
        vectors: list[list[float]] = []
        if s.fusion is not FusionMode.KEYWORD:
            vectors.append(self.embedder.embed_query(self._topic_query(text, analysis, about_document)))
            # The glossary knows the corpus's policy terms, not the words around them (ログ, 保存, "logs",
            # "kept"): their likeliest senses complete the pivot (dev recall@5 0.655 → 0.664, recall@10
            # 0.732 → 0.745), except for a question about a document as a whole, which what is said of
            # the document answers ("author" would pull the pivot to other passages).
            pivot = topic_terms[:16] + ([] if about_document else senses[: s.lexicon_pivot_words])
            if s.cross_lingual_pivot and pivot and not own_words:
                # The pivot searches with the question's topic in the other language. With document and
                # jurisdiction names it would find the documents' most name-like passages instead (dev
                # recall@5 0.664 → 0.684; comparisons 0.41 → 0.51).
                vectors.append(self.embedder.embed_query(" ".join(pivot)))
            followup = analysis.question or ""
            least = s.followup_own_vector_chars
            if least and followup != text and len(followup) >= least:
                # A follow-up's query carries the previous question, whose subject dominates its vector:
                # "And how would a provider then find out which bodies have been notified?" after a
                # question on objections to a notification searched for objections again.
                vectors.append(self.embedder.embed_query(followup))
        topic_words = {t: w for t, w in weights.items() if t not in naming}
        asked_terms = terms_asked(analysis.question or text)
        translations = self._whole_term_translations(analysis, asked_terms)
        definitions = self._definitions(analysis, text, asked_terms, named_docs, translations)
        groups, pinned = self._referenced_sections(analysis, named_docs, weights, topic_words)
        return QueryPlan(
            text,
            analysis,
            expansion,
            weights,
            vectors,
            (time.perf_counter() - t0) * 1000,
            naming_tokens=frozenset(naming),
            reference_tokens=frozenset(referring),
            named_doc_ids=named_docs,
            section_groups=groups,
            sections_pinned=pinned,
            cover_asked=bool(groups) and not analysis.section_refs,
            carried_tokens=frozenset(t for t in carried if weights.get(t) != 1.0),
            frame_tokens=frozenset(frame),
            lexicon_tokens=frozenset(lexicon),
            sentence_only_weights=sentence_only,
            definitions=definitions,
            undefined_terms=undefined_terms(asked_terms, definitions, translations),
            # One long enough to be searched by its own vector says what it asks itself.
            switches_only=bool(analysis.switched_to)
            and len(analysis.question or "") < (s.followup_own_vector_chars or 40),
            broad_topic=analysis.comparative
            and asks_policy_as_a_whole(analysis.question or text, frozenset(naming)),
        )

    def _topic_query(self, text: str, analysis: QueryAnalysis, about_document: bool) -> str:
        """What the question's own vector searches with: the question without what only frames it
        (retrieval.topic_query). A comparison's jurisdictions and comparing words ("How do the US, EU
        and Japan differ on AI safety?" → "ai safety"): the whole question's vector found passages
        about differences. A named document's name ("What does the EU AI Act say about …"): in e5's
        vector it outweighs the topic, which the sentences quoted are then chosen by too."""
        if not self.settings.topic_query:
            return text
        if analysis.comparative:
            # "And how does that compare in the EU?": the topic is the condensed query's.
            topic = comparison_topic(analysis.question or text) or comparison_topic(text)
            return topic if len(topic) >= 2 else text
        named = detect_documents(text)
        # Who wrote a document, when it came out, how many actions it has, what its Article 50 says:
        # the document (or its part) is what is asked about. An English question keeps the name: the
        # English sources call themselves by it, and leaving it out cost answers the tests keep ("Is
        # emotion recognition at the workplace allowed under the EU AI Act?" lost the prohibition);
        # a Japanese question's 「EUのAI法」「M-25-21」 pulls only towards the report's passages about
        # the document (dev Japanese key facts 0.410 -> 0.429).
        if named and analysis.language == "ja" and not about_document and not analysis.section_refs:
            topic = strip_documents(text, named)
            # "What is the GPAI Code of Practice?", "What did EO 14179 do?" ask about the document
            # itself: without its name nothing is left to search for ("what is the gpai ?").
            naming = {t for mention in document_mentions(text) for t in tokenize(mention)}
            left = [t for t, _proper in content_terms(topic) if t not in naming and len(t) > 2]
            return topic if left else text
        return text

    def _whole_term_translations(self, analysis: QueryAnalysis, asked: list[str]) -> dict[str, list[str]]:
        """The English translations of the Japanese terms ``asked`` about (``Glossary.translations_of``)."""
        if analysis.language != "ja":
            return {}
        return {term: found for term in asked if (found := self.glossary.translations_of(term))}

    def _definitions(
        self,
        analysis: QueryAnalysis,
        text: str,
        asked: list[str],
        named: list[str],
        translations: dict[str, list[str]],
    ) -> list[Definition]:
        """The corpus's definitions of the terms ``asked`` about (``terms_asked``), those of the documents
        the question names if it names any."""
        store = self.index.chunks
        question = analysis.question or text
        if store is None or analysis.comparative:
            return []
        if not DEFINITION_ASKED.search(question):
            # "What is the AI Office?", "What's a notified body?": shapes too loose to be read as a
            # definition question unless what they ask about is a term the corpus defines, as spelt.
            return [d for term in asked for d in store.definitions.get(term_key(term), ())]
        # A Japanese term reaches an English definition through its glossary translations.
        found = definitions_of(asked, store.definitions, translations)
        if named:
            found = [d for d in found if store.by_id[d.chunk_id]["doc_id"] in named]
        return found

    def _documents_about(self, prefixes: list[str], named: list[str]) -> list[str]:
        """The other documents whose title names one of ``prefixes`` ("White House Unveils America's AI
        Action Plan", 「米国 AI 行動計画と日米欧 AI 政策比較」)."""
        store = self.index.chunks
        if store is None:
            return []
        wanted = set(prefixes)
        return [d for d, t in store.doc_title.items() if d not in named and wanted & set(detect_documents(t))]

    def _named_doc_ids(self, analysis: QueryAnalysis) -> list[str]:
        """Document names resolve to doc_id prefixes: a law and its translation share one
        (``jp-ai-promotion-act-2025``, ``…-2025-en``). Of several versions, the question's language wins,
        or the other where the question asks how the translation puts it (``version_language``)."""
        store = self.index.chunks
        if store is None:
            return list(analysis.named_documents)
        languages = store.doc_language
        wanted = version_language(analysis)
        out: list[str] = []
        for prefix in analysis.named_documents:
            versions = sorted(d for d in languages if d.startswith(prefix))
            same = [d for d in versions if languages[d] == wanted]
            out.extend(same or versions or [prefix])
        return list(dict.fromkeys(out))

    def _referenced_sections(
        self,
        analysis: QueryAnalysis,
        named_docs: list[str],
        weights: dict[str, float],
        topic: dict[str, float],
    ) -> tuple[list[list[str]], bool]:
        """The chunks of each part the question names, inside the documents it names when it names any.
        Of a law and its translation, the version asked about (``version_language``). Pinned (first in the
        ranking) only when every part lies in one document: "Section 4" alone is in five orders, and the
        question's other words choose among them when they can. A question about the document itself
        (who wrote it, when) names its cover."""
        store = self.index.chunks
        if store is None:
            return [], False
        if not analysis.section_refs and named_docs and about_named_document(analysis.question, named_docs):
            # "Who wrote the IISE report?", 「AI推進法はいつ公布された?」: the cover (title page,
            # date, issuer, author) is the part asked about.
            # Its translation's cover too: the Japanese law's says 「令和七年法律第五十三号」, the English
            # one "Act No. 53 of June 4, 2025" (the composer quotes the cover that answers).
            first = named_docs[0]
            with_translation = [first] + [
                d
                for d in sorted(store.doc_language)
                if d != first and (d.startswith(first) or first.startswith(d))
            ]
            covers = [c for d in with_translation if (c := store.first_chunk(d)) is not None]
            return ([covers], True) if covers else ([], False)
        if not analysis.section_refs:
            return [], False
        languages = store.doc_language
        language = version_language(analysis)
        groups: list[list[str]] = []
        docs_used: set[str] = set()
        for ref in analysis.section_refs[:MAX_SECTION_REFS]:
            hits = [r for r in store.records if path_matches(ref, r["section_path"])]
            inside = [r for r in hits if r["doc_id"] in named_docs]
            # "Section 4 on the action plan" is the order's Section 4 (the plan has none): a named
            # document without the part leaves the choice to the question's words, its name included.
            words = topic if inside else weights
            hits = inside or hits
            docs = {r["doc_id"] for r in hits}
            # A translation shares its original's id prefix (jp-ai-promotion-act-2025, …-2025-en).
            versions = {
                d
                for d in docs
                if languages[d] != language
                and any(
                    o != d and (o.startswith(d) or d.startswith(o)) and languages[o] == language for o in docs
                )
            }
            docs -= versions
            same_language = {d for d in docs if languages[d] == language}
            if not inside and len(same_language) == 1:
                # 「第3条」 asked in Japanese is the Japanese law's, not the EU act's Article 3.
                docs = same_language
            keyword = self.index.keyword
            if len(docs) > 1 and keyword is not None and words:
                # "What does Article 5 prohibit?": the EU act's Article 5 prohibits, the Japanese act's
                # is on local governments. The part whose words the question shares is meant.
                mask = store.ids_mask(r["chunk_id"] for r in hits if r["doc_id"] in docs)
                best = keyword.search(words, 1, mask)
                if best:
                    docs = {store.by_id[best[0][0]]["doc_id"]}
            group = [r["chunk_id"] for r in hits if r["doc_id"] in docs]
            if group:
                groups.append(group)
                docs_used |= docs
        # A footnote, numbered section or item of the report is often where the question found what it
        # asks about, not what it asks: "the order in footnote 11 — how many apprentices does it
        # plan?", "what moves does 2.1 list for the US, the EU and Japan?". Its chunks come in, and lead
        # only when the question asks about nothing beyond it.
        report = {d for d in docs_used if not policy_documents([d])}
        pointers = any(ref.kind in POINTER_KINDS for ref in analysis.section_refs[:MAX_SECTION_REFS])
        pointers = pointers and bool(report)
        beyond = analysis.comparative or bool(set(named_docs) - docs_used)
        return groups, len(docs_used) == 1 and not (pointers and beyond)

    # -- searching ------------------------------------------------------------------------------
    def _mask(self, filters: Filters, jurisdictions: list[str] | None) -> np.ndarray | None:
        store = self.index.chunks
        assert store is not None
        mask: np.ndarray | None = None
        js = jurisdictions if jurisdictions is not None else filters.jurisdictions
        parts: list[np.ndarray] = []
        if js:
            parts.append(store.mask("jurisdiction", set(js)))
        if filters.doc_ids:
            parts.append(store.mask("doc_id", set(filters.doc_ids)))
        if filters.language:
            parts.append(store.mask("language", {filters.language}))
        if filters.kind:
            parts.append(store.mask("kind", {filters.kind}))
        if filters.chunk_ids is not None:
            parts.append(store.ids_mask(filters.chunk_ids))
        for p in parts:
            mask = p if mask is None else mask * p
        return mask

    def _dense(self, plan: QueryPlan, vi: int, vec: list[float], filters: Filters) -> list[tuple[str, float]]:
        """One vector-store query per query vector: a deep candidate list under the user's own filters,
        which every narrower sub-search then filters locally (one round trip instead of one per slot)."""
        if vi not in plan.dense_hits:
            user = Filters(list(filters.jurisdictions), list(filters.doc_ids), filters.language)
            hits = self.index.dense_search(vec, self.settings.candidates * DENSE_DEPTH, user.chroma_where())
            store = self.index.chunks
            assert store is not None
            plan.dense_hits[vi] = [(cid, sim) for cid, sim in hits if cid in store.position]
        return plan.dense_hits[vi]

    def _ranked(
        self,
        plan: QueryPlan,
        filters: Filters,
        jurisdictions: list[str] | None,
        n: int,
        keyword_weights: dict[str, float] | None = None,
        with_signals: bool = False,
    ) -> dict[str, Context]:
        """The top ``n`` passages of the fused ranking under these filters; ``with_signals`` also keeps
        what each ranking knew of them, for the learned ranker (only the whole question's search)."""
        s = self.settings
        store = self.index.chunks
        assert store is not None and self.index.keyword is not None
        kw_weights = plan.keyword_weights if keyword_weights is None else keyword_weights
        dense_rank: dict[str, int] = {}
        keyword_rank: dict[str, int] = {}
        dense_raw: dict[str, float] = {}
        keyword_raw: dict[str, float] = {}
        rankings: list[tuple[str, float, list[str]]] = []  # (name, RRF weight, chunk ids in order)
        if s.fusion is not FusionMode.KEYWORD:
            mask_d = self._mask(filters, jurisdictions)
            for vi, vec in enumerate(plan.vectors):
                weight = s.dense_weight * (1.0 if vi == 0 else 0.7)
                hits = self._dense(plan, vi, vec, filters)
                if mask_d is not None:
                    hits = [(cid, sim) for cid, sim in hits if mask_d[store.position[cid]] > 0]
                hits = hits[: s.candidates]
                rankings.append((f"dense{min(vi, 1)}", weight, [cid for cid, _ in hits]))
                for rank, (cid, sim) in enumerate(hits):
                    dense_rank[cid] = min(dense_rank.get(cid, rank + 1), rank + 1)
                    dense_raw[cid] = max(dense_raw.get(cid, 0.0), sim * (1.0 if vi == 0 else 0.97))
        if s.fusion is not FusionMode.KEYWORD and plan.vectors:
            other_dense = self._other_language_dense_hits(plan, filters, jurisdictions)
            if other_dense:
                rankings.append(("odense", s.other_language_dense_weight, [cid for cid, _ in other_dense]))
                for rank, (cid, sim) in enumerate(other_dense):
                    dense_rank.setdefault(cid, rank + 1)
                    dense_raw[cid] = max(dense_raw.get(cid, 0.0), sim)
        closest_raw: dict[str, float] = {}
        if s.fusion is not FusionMode.KEYWORD:
            closest = self._closest_sentence_hits(plan, filters, jurisdictions)
            if closest:
                rankings.append(("closest", s.closest_sentence_weight, [cid for cid, _ in closest]))
                closest_raw = dict(closest)
        if s.fusion is not FusionMode.DENSE:
            mask = self._mask(filters, jurisdictions)
            hits = self.index.keyword.search(kw_weights, s.candidates, mask)
            rankings.append(("kw", s.keyword_weight, [cid for cid, _ in hits]))
            for rank, (cid, score) in enumerate(hits):
                keyword_rank[cid] = rank + 1
                keyword_raw[cid] = score
            other = self._other_language_keyword_hits(plan, kw_weights, mask)
            if other:
                rankings.append(
                    ("okw", s.keyword_weight * s.other_language_keyword_weight, [c for c, _ in other])
                )
                for rank, (cid, score) in enumerate(other):
                    keyword_rank.setdefault(cid, rank + 1)
                    keyword_raw.setdefault(cid, score)
        # sorted: ties break the same every run
        candidates = sorted(set(dense_raw) | set(keyword_raw) | set(closest_raw))
        best: dict[str, float] = {}
        if s.sentence_rerank and self.scorer is not None and candidates:
            # The best single sentence of each candidate, so a focused match inside a long chunk is not
            # drowned by the rest of the chunk.
            weights = self.scorer.weights({**plan.sentence_only_weights, **kw_weights})
            for cid in candidates:
                rec = store.get(cid)
                if rec is not None:
                    best[cid] = self.scorer.best(rec, weights)
            by_sentence = [c for c in sorted(best, key=lambda c: (-best[c], c)) if best[c] > 0]
            rankings.append(("sent", s.sentence_weight, by_sentence))
        fused: dict[str, float] = {}
        heading: dict[str, float] = {}
        if s.fusion is FusionMode.WEIGHTED:
            # Normalised scores keep their magnitude: one rare exact term (an acronym, an article number)
            # can win, which rank fusion flattens away.
            for raw, w in (
                (dense_raw, s.dense_weight),
                (keyword_raw, s.keyword_weight),
                (best, s.sentence_weight),
                (closest_raw, s.closest_sentence_weight),
            ):
                if not raw:
                    continue
                lo, hi = min(raw.values()), max(raw.values())
                if raw is not dense_raw and raw is not closest_raw:
                    lo = 0.0
                span = (hi - lo) or 1.0
                for cid, v in raw.items():
                    fused[cid] = fused.get(cid, 0.0) + w * (v - lo) / span
        else:
            for _, weight, ranked in rankings:
                for rank, cid in enumerate(ranked):
                    fused[cid] = fused.get(cid, 0.0) + weight / (s.rrf_k + rank + 1)
            if s.heading_weight and (jurisdictions or filters.jurisdictions or filters.doc_ids):
                for ranks in self._heading_ranks(plan, filters, jurisdictions):
                    for cid, rank in ranks.items():
                        if cid in fused:
                            fused[cid] += s.heading_weight / (s.rrf_k + rank)
                            heading[cid] = heading.get(cid, 0.0) + 1.0 / rank
        named = set(plan.named_doc_ids)
        out: dict[str, Context] = {}
        for cid, score in fused.items():
            rec = store.get(cid)
            if rec is None:  # the vector store answered from a generation we have not loaded yet
                continue
            if named and rec["doc_id"] in named:
                score *= NAMED_DOC_BOOST
            score *= self._kind_factor(self._text_kind(plan, rec))
            out[cid] = Context(cid, rec, score, dense_rank.get(cid), keyword_rank.get(cid))
        top = dict(sorted(out.items(), key=lambda kv: (-kv[1].score, kv[0]))[:n])
        if not with_signals:
            return top
        places = {name: {cid: i + 1 for i, cid in enumerate(ranked)} for name, _, ranked in rankings}

        def most(raw: dict[str, float]) -> float:
            return max(raw.values(), default=0.0) or 1.0

        dense_top, keyword_top, best_top = most(dense_raw), most(keyword_raw), most(best)
        closest_top, fused_top = most(closest_raw), most({c: x.score for c, x in out.items()})
        for cid, ctx in top.items():
            ctx.signals = RankedSignals(
                ranks={name: at[cid] for name, at in places.items() if cid in at},
                dense=dense_raw.get(cid, dense_top + MISSING_SIMILARITY) - dense_top,
                keyword=keyword_raw.get(cid, 0.0) / keyword_top,
                sentence=best.get(cid, 0.0) / best_top,
                closest=closest_raw.get(cid, closest_top + MISSING_SIMILARITY) - closest_top
                if closest_raw
                else 0.0,
                heading=heading.get(cid, 0.0),
                fused=ctx.score / fused_top,
            )
        return top

    def _kind_factor(self, kind: TextKind | None) -> float:
        s = self.settings
        if kind is TextKind.RECITAL:
            return s.recital_weight
        if kind is TextKind.AMENDING:
            return s.amendment_weight
        if kind is TextKind.BIBLIOGRAPHY:
            return s.bibliography_weight
        return 1.0

    @staticmethod
    def _text_kind(plan: QueryPlan, record: dict[str, Any]) -> TextKind | None:
        """The kinds of text that count less than the rest wherever they rank: an EU act's recitals
        explain its articles, often in the same words, and the article is what binds and what a user
        (and a citation) wants; an act's articles amending other acts restate its name in theirs; a
        list of references matches every title it lists, unless references are what is asked."""
        if record["section_id"].startswith("recital"):
            return TextKind.RECITAL
        heading = section_heading(record["section_path"])
        if _AMENDING.search(heading):
            return TextKind.AMENDING
        if not plan.references_asked and _BIBLIOGRAPHY.match(heading):
            return TextKind.BIBLIOGRAPHY
        return None

    def _other_language_keyword_hits(
        self, plan: QueryPlan, kw_weights: dict[str, float], mask: np.ndarray | None
    ) -> list[tuple[str, float]]:
        """The passages in the other language ranked by the question's words in that language alone
        (its glossary and lexicon translations, the names typed in Latin letters). In the one keyword
        ranking over both languages a Japanese question's own words, at full weight, put the report's
        passages ahead of every English one; here the best English passage leads a ranking of its own."""
        s = self.settings
        # In comparisons too, 25 dev comparisons moved, 14 up and 11 down, and y's went down.
        if not _used_for(plan, s.other_language_keyword_weight, s.other_language_keyword_languages):
            return []
        store = self.index.chunks
        assert store is not None and self.index.keyword is not None
        japanese = plan.analysis.language == "ja"
        words = {t: w for t, w in kw_weights.items() if t.isascii() == japanese}
        if not words:
            return []
        other = store.mask("language", {"en" if japanese else "ja"})
        return self.index.keyword.search(words, s.candidates, other if mask is None else mask * other)

    def _other_language_dense_hits(
        self, plan: QueryPlan, filters: Filters, jurisdictions: list[str] | None
    ) -> list[tuple[str, float]]:
        """The passages in the other language ranked by the question's own vector: in the shared dense
        ranking a Japanese question's Japanese passages come first, whatever they are about."""
        s = self.settings
        if not _used_for(plan, s.other_language_dense_weight, s.other_language_dense_languages):
            return []
        store = self.index.chunks
        assert store is not None
        other = store.mask("language", {"en" if plan.analysis.language == "ja" else "ja"})
        mask = self._mask(filters, jurisdictions)
        allowed = other if mask is None else mask * other
        hits = self._dense(plan, 0, plan.vectors[0], filters)
        return [(cid, sim) for cid, sim in hits if allowed[store.position[cid]] > 0][: s.candidates]

    def _closest_sentence_hits(
        self, plan: QueryPlan, filters: Filters, jurisdictions: list[str] | None
    ) -> list[tuple[str, float]]:
        """The top ``candidates`` chunks by their closest sentence to the question, under the search's
        filters; empty where the ranking is off for this question."""
        s = self.settings
        store = self.index.chunks
        assert store is not None
        if plan.closest_sentences is None:
            used = bool(plan.vectors) and _used_for(
                plan, s.closest_sentence_weight, s.closest_sentence_languages
            )
            found = (
                store.closest_sentence_similarity(np.asarray(plan.vectors[0], dtype=np.float32))
                if used
                else None
            )
            plan.closest_sentences = found if found is not None else np.zeros(0, dtype=np.float32)
        scores = plan.closest_sentences
        if not len(scores):
            return []
        mask = self._mask(filters, jurisdictions)
        if mask is not None:
            scores = np.where(mask > 0, scores, -1.0)
        top = np.argsort(-scores, kind="stable")[: s.candidates]
        return [(store.records[i]["chunk_id"], float(scores[i])) for i in top if scores[i] > -1.0]

    def _heading_ranks(
        self, plan: QueryPlan, filters: Filters, jurisdictions: list[str] | None
    ) -> list[dict[str, int]]:
        """Two rankings of a narrowed search's chunks by their section's heading: by its similarity to
        the question (heading vectors) and by the question's words in it, in either language (IDF-
        weighted, as sentences are scored). Each maps the top chunks to their section's rank (1 = the
        closest heading): the chunks of one section tie."""
        store = self.index.chunks
        keyword = self.index.keyword
        assert store is not None and keyword is not None
        if plan.heading_scores is None:
            plan.heading_scores = {}
            if store.section_matrix is not None and len(store.section_matrix) and plan.vectors:
                vec = np.asarray(plan.vectors[0], dtype=np.float32)
                plan.heading_scores["meaning"] = store.section_matrix @ vec
            weights = SentenceScorer.idf_weighted(keyword, plan.topic_weights())
            plan.heading_scores["words"] = np.array(
                [SentenceScorer.score(toks, weights) for toks in store.section_tokens]
            )
        mask = self._mask(filters, jurisdictions)
        everywhere = np.arange(len(store.records))
        out: list[dict[str, int]] = []
        for by, scores in plan.heading_scores.items():
            by_chunk = scores[store.section_of]
            allowed = np.flatnonzero(mask > 0) if mask is not None else everywhere
            if by == "words":
                allowed = allowed[by_chunk[allowed] > 0]  # no word shared is no match at all
            # Stable: the chunks of one section stay in store order.
            top = allowed[np.argsort(-by_chunk[allowed], kind="stable")][: self.settings.candidates]
            section_rank: dict[int, int] = {}
            ranks: dict[str, int] = {}
            for i in top:
                rank = section_rank.setdefault(int(store.section_of[i]), len(section_rank) + 1)
                ranks[store.records[i]["chunk_id"]] = rank
            out.append(ranks)
        return out

    def _jurisdiction_slots(
        self,
        plan: QueryPlan,
        filters: Filters,
        chosen: dict[str, Context],
        jurisdictions: list[str],
    ) -> None:
        """Every jurisdiction asked about brings its own evidence."""
        per = self.settings.per_jurisdiction
        # "… the EU AI Act and Japan's Guidelines …": "japan" must not rank the EU's passages; nor
        # "versus", "compare", 違い, which are rare in the documents and match passages on anything
        # (dev comparisons recall@10 0.549 → 0.556, key facts 0.338 → 0.341; y the same).
        topic = {
            t: w
            for t, w in plan.topic_weights().items()
            if t not in plan.frame_tokens and t not in COMPARISON_WORDS
        }
        for j in jurisdictions:
            taken = 0
            for cid, ctx in self._ranked(plan, filters, [j], per * 2, topic).items():
                if taken >= per:
                    break
                # Only the jurisdiction's own documents fill its slot; the comparative report comes in
                # through the global ranking and the table row below (a report passage already chosen,
                # for a part the question names, is no evidence of the jurisdiction's own).
                if jurisdiction_codes(ctx.record["jurisdiction"]) != {j}:
                    continue
                if cid in chosen:
                    taken += 1
                    continue
                ctx.jurisdiction_slot = j
                chosen[cid] = ctx
                taken += 1

    @staticmethod
    def _level_unnamed_jurisdictions(plan: QueryPlan, chosen: dict[str, Context]) -> None:
        """ "M-25-21 versus the EU": the memo's own places score high in a ranking of the memo alone; the
        EU's best passage is put level with them, or the named document fills the first five."""
        named = [c for c in chosen.values() if (c.jurisdiction_slot or "").startswith("doc:")]
        if not named:
            return
        named_codes = set().union(*(jurisdiction_codes(c.record["jurisdiction"]) for c in named))
        floor = min(c.score for c in named)
        for j in compared_jurisdictions(plan.analysis):
            if j in named_codes:
                continue
            own = [c for c in chosen.values() if c.jurisdiction_slot == j]
            if own:
                best = max(own, key=lambda c: c.score)
                best.score = max(best.score, floor)

    def _table_row_slot(self, plan: QueryPlan, filters: Filters, chosen: dict[str, Context]) -> None:
        """Comparative questions: the report's comparison table brings its best row on the topic."""
        report_asked = THE_REPORT in plan.analysis.named_documents or bool(
            _TABLE_ASKED.search(plan.analysis.question or plan.text)
        )
        if policy_documents(plan.named_doc_ids) and not report_asked:
            # "Compare what M-25-21 tells agencies … with what the GPAI Code says …": the documents named
            # answer it; the report's row ("CBRN, loss of control, …") took a place and quoted its cells
            # in every block (dev comparisons key facts 0.343 → 0.349, recall@10 0.551 → 0.561).
            return
        rows = self._ranked(plan, filters.narrowed("table_row"), None, 5)
        on_topic = [
            (c, x) for c, x in rows.items() if is_comparison_row(x.record) and plan.shares_topic(x.record)
        ]
        for cid, ctx in on_topic[:1]:
            if cid not in chosen:
                ctx.jurisdiction_slot = Slot.REPORT_TABLE
                chosen[cid] = ctx

    def _headed_slots(
        self,
        plan: QueryPlan,
        filters: Filters,
        chosen: dict[str, Context],
        heading: re.Pattern[str],
        n: int,
        label: Slot,
        jurisdictions: Collection[str] = (),
        per_document: bool = False,
        among: frozenset[str] = frozenset(),
        subject: bool = False,
    ) -> None:
        """The best chunks of the sections whose heading matches ``heading`` take ``n`` places (with
        ``per_document``, the best chunk of each of ``n`` documents): those of the documents the question
        names, if any, and of the jurisdictions given, if any. A place already held keeps its chunk and
        takes the label, unless a part the user pointed at holds it. ``among``, if given, replaces the
        sections by the chunks named (those defining the term asked about). With ``subject``, only the
        sections whose path names something the question names (the body whose tasks are asked about)."""
        store = self.index.chunks
        assert store is not None
        # The documents named, or those of the parts named ("When does Article 50 apply?").
        named = plan.named_doc_ids or sorted({store.by_id[c]["doc_id"] for c in plan.referenced_chunks})
        places = {j.split("-")[0] for j in jurisdictions}
        headed = frozenset(
            c
            for c in among or store.headed(heading)
            if (not named or store.by_id[c]["doc_id"] in named)
            and (not places or places & jurisdiction_codes(store.by_id[c]["jurisdiction"]))
        )
        if subject:
            headed = frozenset(c for c in headed if self._names_subject(plan, store.by_id[c]["section_path"]))
        if not headed:
            return
        inside = Filters(list(filters.jurisdictions), list(filters.doc_ids), filters.language, None, headed)
        ranked = list(
            self._ranked(
                plan, inside, None, len(headed) if per_document else n, plan.topic_weights()
            ).values()
        )
        if per_document:
            # A law whose provision shares no word with the question ("start to apply" / "comes into
            # effect") and lies deep in the dense ranking still comes in, from the provision's beginning.
            found = {ctx.record["doc_id"] for ctx in ranked}
            for cid in sorted(headed, key=lambda c: store.position[c]):
                rec = store.by_id[cid]
                if rec["doc_id"] not in found:
                    found.add(rec["doc_id"])
                    ranked.append(Context(cid, rec, 0.0))
        docs: set[str] = set()
        for ctx in ranked:
            cid = ctx.chunk_id
            if per_document:
                if ctx.record["doc_id"] in docs or len(docs) >= n:
                    continue
                docs.add(ctx.record["doc_id"])
            held = chosen.setdefault(cid, ctx)
            if held.jurisdiction_slot != Slot.SECTION:
                held.jurisdiction_slot = label

    def _classifying(self, terms: list[str]) -> frozenset[str]:
        """The chunks of the parts headed as classifying one of ``terms``: the heading holds every word
        of the term."""
        store = self.index.chunks
        assert store is not None
        wanted = [frozenset(tokenize(t)) for t in terms]
        return frozenset(
            c
            for c in store.headed(CLASSIFICATION_HEADING)
            if any(w and w <= set(tokenize(section_heading(store.by_id[c]["section_path"]))) for w in wanted)
        )

    def _overview_slots(self, plan: QueryPlan, filters: Filters, chosen: dict[str, Context]) -> None:
        """A comparative source's overview section that speaks of the most compared jurisdictions (the
        report's 2.1, a paragraph each, over its 1.1 on the US plan) brings its chunks, up to
        OVERVIEW_SLOTS: whichever paragraph repeats the question's word for policy, each says where its
        jurisdiction stands."""
        store = self.index.chunks
        assert store is not None
        compared = set(compared_jurisdictions(plan.analysis))
        sections: dict[str, list[str]] = {}
        for c in store.headed(OVERVIEW_HEADING):
            rec = store.by_id[c]
            if len(jurisdiction_codes(rec["jurisdiction"])) > 1:
                sections.setdefault(f"{rec['doc_id']}:{rec['section_id']}", []).append(c)
        if not sections:
            return
        spoken = {
            key: len(compared & {j for c in ids for j in detect_jurisdictions(store.by_id[c]["text"])})
            for key, ids in sections.items()
        }
        key = max(sections, key=lambda k: (spoken[k], -len(sections[k])))
        if spoken[key] < 2:
            return
        self._headed_slots(
            plan,
            filters,
            chosen,
            OVERVIEW_HEADING,
            OVERVIEW_SLOTS,
            Slot.OVERVIEW,
            among=frozenset(sorted(sections[key], key=lambda c: store.position[c])[:OVERVIEW_SLOTS]),
        )

    def _names_subject(self, plan: QueryPlan, section_path: str) -> bool:
        """Whether a section's path, below its document's title and besides the words saying what kind of
        part it is ("Tasks of", 「所掌事務」), shares a distinctive word with the question's own ("the
        Board", 「人工知能戦略本部」)."""
        keyword = self.index.keyword
        assert keyword is not None
        below_title = " ".join(section_path.split(" › ")[1:])
        words = set(tokenize(FUNCTIONS_HEADING.sub(" ", below_title)))
        own = {t for t, w in plan.topic_weights().items() if w >= 1.0}
        most = SUBJECT_MAX_DF * keyword.num_docs
        return any(0 < keyword.document_frequency(t) <= most for t in words & own)

    def validate(self, filters: Filters) -> None:
        store = self.index.chunks
        assert store is not None
        unknown = [d for d in filters.doc_ids if d not in store.doc_language]
        if unknown:
            raise UnknownFilter(
                f"unknown document(s): {', '.join(unknown)}; see /v1/documents or `policyqa documents`"
            )
        codes = store.jurisdiction_codes
        bad = [j for j in filters.jurisdictions if j not in codes]
        if bad:
            raise UnknownFilter(
                f"unknown jurisdiction(s): {', '.join(bad)}; indexed: {', '.join(sorted(codes))}"
            )
        if filters.language and filters.language not in store.doc_language.values():
            raise UnknownFilter(f"no documents in language {filters.language!r}")

    def retrieve(self, plan: QueryPlan, filters: Filters, k: int) -> list[Context]:
        self.index.require()
        self.validate(filters)
        s = self.settings
        if plan.analysis.switched_to and not plan.analysis.comparative and not filters.jurisdictions:
            # "What about Japan?" after a question on OMB's memo: Japan's documents (and the report)
            # answer it, however well the memo matches the words carried over from the question before.
            filters = Filters(
                list(plan.analysis.switched_to), list(filters.doc_ids), filters.language, filters.kind
            )
        # Across documents a document's name still helps find passages about it, at half weight: the
        # question is about what the document says, not about its name.
        weights = plan.keyword_weights
        named = {t: w * NAMING_WEIGHT if t in plan.naming_tokens else w for t, w in weights.items()}
        base = self._ranked(plan, filters, None, max(k, s.candidates), named, with_signals=True)
        chosen: dict[str, Context] = {}
        if s.named_document_slots and not filters.doc_ids:
            # A document the question names ("the AI Act", 「AI推進法」) brings its own best passages,
            # even when passages in the question's language outrank it overall.
            topic = plan.topic_weights()
            for doc in plan.named_doc_ids[:3]:
                narrowed = Filters(list(filters.jurisdictions), [doc], filters.language, filters.kind)
                for cid, ctx in self._ranked(plan, narrowed, None, s.named_document_slots, topic).items():
                    ctx.jurisdiction_slot = f"doc:{doc}"
                    chosen.setdefault(cid, ctx)
        pinned: list[Context] = []
        store = self.index.chunks
        if s.section_reference_slots and store is not None:
            topic = plan.topic_weights()
            allowed = self._mask(filters, None)  # the user's filters hold for the parts named too
            for named_part in plan.section_groups:
                group = [c for c in named_part if allowed is None or allowed[store.position[c]] > 0]
                if not group:
                    continue
                inside = Filters(
                    list(filters.jurisdictions),
                    list(filters.doc_ids),
                    filters.language,
                    None,
                    frozenset(group),
                )
                ranked = list(self._ranked(plan, inside, None, s.section_reference_slots, topic).values())
                # A part whose words the question does not share still comes in, from its beginning.
                for cid in group:
                    if len(ranked) >= s.section_reference_slots:
                        break
                    rec = store.get(cid)
                    if rec is not None and all(c.chunk_id != cid for c in ranked):
                        ranked.append(Context(cid, rec, 0.0))
                for ctx in ranked:
                    # A part's chunk may already hold a named document's place: it leads all the same.
                    held = chosen.setdefault(ctx.chunk_id, ctx)
                    held.jurisdiction_slot = Slot.SECTION
                    if held not in pinned:
                        pinned.append(held)
        question = plan.asked
        if plan.definitions or (
            DEFINITION_SLOTS
            and not plan.analysis.comparative
            and not plan.undefined_terms
            and DEFINITION_ASKED.search(question)
        ):
            # "What is high-impact AI?": the definitions section (of the documents named, if any) says
            # it, in the words the question uses. A comparison of definitions has its jurisdictions' slots.
            # A term defined nowhere ("high-risk AI system") is answered by the rules that use it.
            defining = frozenset(d.chunk_id for d in plan.definitions)
            self._headed_slots(
                plan, filters, chosen, DEFINITIONS_HEADING, DEFINITION_SLOTS, Slot.DEFINITIONS, among=defining
            )
        if CLASSIFICATION_SLOTS and plan.undefined_terms and not plan.analysis.comparative:
            # "What are high-risk AI systems?" (「高リスクAIシステムとは?」): the AI Act defines no such
            # term; Article 6, headed "Classification rules for high-risk AI systems", says which are.
            classifying = self._classifying(plan.undefined_terms)
            if classifying:
                self._headed_slots(
                    plan,
                    filters,
                    chosen,
                    CLASSIFICATION_HEADING,
                    CLASSIFICATION_SLOTS,
                    Slot.CLASSIFICATION,
                    among=classifying,
                )
        if APPLICATION_SLOTS and APPLICATION_ASKED.search(question):
            # "When does Article 50 apply?": the law's final provisions say when each part applies, in
            # words the part itself never uses. Comparisons too: "When do the AI Act and the AI
            # Promotion Act start to apply?" asks each law's.
            self._headed_slots(
                plan,
                filters,
                chosen,
                APPLICATION_HEADING,
                APPLICATION_SLOTS,
                Slot.APPLICATION,
                plan.analysis.jurisdictions,
                per_document=True,
            )
        if FUNCTIONS_SLOTS and not plan.analysis.comparative and FUNCTIONS_ASKED.search(question):
            # "What does the AI Strategic Headquarters do?": 「第二十条（所掌事務）」 says so, under the
            # chapter that names the body, in words the question does not use (「つかさどる」).
            self._headed_slots(
                plan,
                filters,
                chosen,
                FUNCTIONS_HEADING,
                FUNCTIONS_SLOTS,
                Slot.FUNCTIONS,
                plan.analysis.jurisdictions,
                subject=True,
            )
        if s.decompose and plan.analysis.comparative and not filters.jurisdictions:
            self._jurisdiction_slots(plan, filters, chosen, compared_jurisdictions(plan.analysis))
            self._table_row_slot(plan, filters, chosen)
            self._level_unnamed_jurisdictions(plan, chosen)
            if OVERVIEW_SLOTS and plan.broad_topic:
                # "How do they differ on AI regulation?" shares few words with any one passage; the
                # comparative report's overview says, paragraph by paragraph, where each stands.
                self._overview_slots(plan, filters, chosen)
        if not chosen:
            return self._with_continuations(self._learned_order(plan, list(base.values())[:k], base))
        for cid, ctx in base.items():
            chosen.setdefault(cid, ctx)
        if pinned and plan.sections_pinned:
            # The part the user pointed at comes first, in its own ranking order.
            lead = max(c.score for c in chosen.values())
            for i, ctx in enumerate(pinned):
                ctx.score = lead * (1.0 + 0.01 * (len(pinned) - i))
        applying = [c for c in chosen.values() if c.jurisdiction_slot == Slot.APPLICATION]
        if applying:
            # The provision that says when the law applies answers "when does it apply?": it leads, after
            # any part the user pointed at, so the answer quotes it whatever else shares more words.
            lead = max(c.score for c in chosen.values() if c.jurisdiction_slot != Slot.SECTION)
            for ctx in applying:
                ctx.score = max(ctx.score, lead * 1.005)
        lines = {d.chunk_id for d in plan.definitions}
        if lines:
            # The line defining the term asked about answers "what is X?": its chunk leads, however
            # many other definitions share it (Article 3 has 68).
            lead = max(c.score for c in chosen.values() if c.jurisdiction_slot != Slot.SECTION)
            for ctx in chosen.values():
                if ctx.chunk_id in lines and ctx.jurisdiction_slot == Slot.DEFINITIONS:
                    ctx.score = max(ctx.score, lead * 1.01)
        ordered = sorted(chosen.values(), key=lambda c: (-c.score, c.chunk_id))
        # Keep the guaranteed slots inside the top-k even when their fused score is lower.
        guaranteed = [c for c in ordered if c.jurisdiction_slot]
        rest = [c for c in ordered if not c.jurisdiction_slot]
        top = guaranteed + rest[: max(0, k - len(guaranteed))]
        hand_built = sorted(top, key=lambda c: (-c.score, c.chunk_id))[: max(k, len(guaranteed))]
        return self._with_continuations(self._learned_order(plan, hand_built, base))

    def _learned_order(
        self, plan: QueryPlan, ranked: list[Context], base: dict[str, Context]
    ) -> list[Context]:
        """The top places filled by the passage ranker from the hand-built top passages and the fused
        ranking's next ones; as many passages come back as went in.

        The hand-built lead stays first (the answer opens with it, and the rules that choose it encode
        what the gold set cannot: which passage states a thing, not just holds it), as does a place
        held for what the question asks (a `Slot`: the part it names, the provision saying when a law
        applies, the definition, the report's table row or overview). The other places among the first
        `learned_ranking_places` take the ranker's best, in a comparison with a place kept for each
        jurisdiction compared; the places after them keep the hand-built order of what is left, which
        the composer's choice of sentences was tuned on. An amending article or a list of references
        the fusion ranked below the top is not brought in: their words match every question about the
        act or the titles they list. Scores stay the fused ones: the composer's thresholds (the
        weak-retrieval floor) are calibrated on them."""
        model = self.passage_ranker
        if model is None or not self.settings.learned_ranking or not ranked:
            return ranked
        held = {c.chunk_id for c in ranked}
        pool = [*ranked, *(c for c in base.values() if c.chunk_id not in held)]
        pool = pool[: max(self.settings.learned_ranking_depth, len(ranked))]
        hand_place = {c.chunk_id: i for i, c in enumerate(ranked)}
        base_place = {cid: i for i, cid in enumerate(base)}
        kinds = [self._text_kind(plan, c.record) for c in pool]
        rows = [
            candidate_features(
                ctx.record,
                question_language=plan.analysis.language,
                comparative=bool(plan.analysis.comparative),
                named_doc_ids=plan.named_doc_ids,
                signals=base[ctx.chunk_id].signals if ctx.chunk_id in base else None,
                kind=kind,
                base_place=base_place.get(ctx.chunk_id),
                out_place=hand_place.get(ctx.chunk_id),
                held_for=_place_kind(ctx.jurisdiction_slot),
            )
            for ctx, kind in zip(pool, kinds, strict=True)
        ]
        # The kinds of text the fusion counts less count less here too, whatever their evidence odds.
        priors = [self._kind_factor(kind) for kind in kinds]
        order = model.reorder([c.chunk_id for c in pool], rows, priors)
        lead = self.settings.learned_ranking_kept_lead
        kept = {i: c for i, c in enumerate(ranked) if i < lead or c.jurisdiction_slot in _RULED_PLACES}
        kept_ids = {c.chunk_id for c in kept.values()}
        best = [
            pool[i]
            for i in order
            if pool[i].chunk_id not in kept_ids and (pool[i].chunk_id in held or kinds[i] in _BROUGHT_IN)
        ]
        places = min(self.settings.learned_ranking_places, len(ranked))
        free = sum(1 for i in range(places) if i not in kept)
        head = (
            self._every_jurisdiction_placed(plan, [kept[i] for i in kept if i < places], best, free)
            if plan.analysis.comparative
            else best[:free]
        )
        taken = {c.chunk_id for c in head}
        rest = (c for i, c in enumerate(ranked) if i not in kept and c.chunk_id not in taken)
        fill = iter([*head, *rest])
        return [kept[i] if i in kept else next(fill) for i in range(len(ranked))]

    @staticmethod
    def _every_jurisdiction_placed(
        plan: QueryPlan, kept: list[Context], best: list[Context], free: int
    ) -> list[Context]:
        """A comparison's free places among the first few, in the ranker's order: each compared
        jurisdiction the kept places leave out gets its own documents' best-rated passage (the answer
        has a block per jurisdiction, and its first passages are what a reader checks), the other
        places the ranker's best of any jurisdiction, the comparative report's included."""
        covered = set().union(*(jurisdiction_codes(c.record["jurisdiction"]) for c in kept))
        reserved: list[str] = []
        for j in compared_jurisdictions(plan.analysis):
            if j in covered:
                continue
            own = next((c for c in best if jurisdiction_codes(c.record["jurisdiction"]) == {j}), None)
            if own is not None:
                reserved.append(own.chunk_id)
        chosen = set(reserved[:free])
        chosen.update([c.chunk_id for c in best if c.chunk_id not in chosen][: free - len(chosen)])
        return [c for c in best if c.chunk_id in chosen]

    def _with_continuations(self, ranked: list[Context]) -> list[Context]:
        """A top passage that ends by announcing a list ("Illustrative examples include the following:")
        is followed by the next chunk of its section, which holds the list: the chunker had to cut there.
        The list is what answers; the number of contexts stays the same."""
        store = self.index.chunks
        if store is None:
            return ranked
        out = list(ranked)
        for place, ctx in enumerate(ranked[:CONTINUED_CONTEXTS]):
            text = ctx.record["text"]
            # A list cut off after some items (statutes' chunks often end so) is continued for the top
            # passage only, after the top five: for every top passage it cost recall@5 0.650 → 0.640.
            lead_in = bool(_LEAD_IN_END.search(text))
            tail = not lead_in and place == 0 and _ends_in_list(text)
            if not (lead_in or tail):
                continue
            _before, after = store.neighbours(ctx.chunk_id, before=0, after=1)
            if not after or after[0]["section_id"] != ctx.record["section_id"]:
                continue
            nxt = after[0]["chunk_id"]
            # By chunk id: a passage may itself have been moved here as an earlier one's continuation.
            at = next(i for i, c in enumerate(out) if c.chunk_id == ctx.chunk_id)
            if any(c.chunk_id == nxt for c in (out if tail else out[: at + 2])):
                continue
            out = [c for c in out if c.chunk_id != nxt]
            follower = Context(nxt, after[0], ctx.score, jurisdiction_slot=ctx.jurisdiction_slot)
            out.insert(at + 1 if lead_in else max(at + 1, LIST_TAIL_PLACE), follower)
        return out[: len(ranked)]


def _used_for(plan: QueryPlan, weight: float, languages: Collection[str]) -> bool:
    """Whether a ranking kept to some question languages is used for this question: never in a
    comparison, whose places each jurisdiction's own search fills."""
    return weight > 0 and plan.analysis.language in languages and not plan.analysis.comparative


class PolicyRetriever(BaseRetriever):
    """LangChain face of the hybrid retriever, for use in other LangChain pipelines."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    hybrid: Any
    k: int = 10
    filters: Any = None

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[LCDocument]:
        from rag.analysis import analyse

        plan = self.hybrid.plan(query, analyse(query))
        ctxs = self.hybrid.retrieve(plan, self.filters or Filters(), self.k)
        return [
            LCDocument(page_content=c.record["text"], metadata={**c.record, "score": c.score}, id=c.chunk_id)
            for c in ctxs
        ]
