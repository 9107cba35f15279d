"""Extractive answers: quote the best supporting sentences verbatim, each with its [n] citation.

No LLM and no per-sentence embedding (the latency budget allows one query embedding): sentences are
scored by the IDF-weighted overlap of their keyword tokens with the question's (glossary-expanded)
tokens, with a prior from the context's retrieval rank.
"""

from __future__ import annotations

import math
import re
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from ingest.sentences import sentence_spans
from rag.analysis import JURISDICTION_LABELS, JURISDICTION_ORDER, compared_jurisdictions, detect_jurisdictions
from rag.answer import Citation, ComparisonBlock, ComparisonPoint
from rag.keyword import KeywordIndex, tokenize
from rag.prompts import ABSTAIN, NO_EVIDENCE_FOR, REPORT_COMPARISON, SEE_ALSO
from rag.retrieve import Context, QueryPlan
from rag.settings import AnswerSettings

_LEAD = re.compile(r"^(?:[-*+•・○]\s*|\(?[0-9a-z]{1,3}[.)]\s+|\[\^?\w+\]:?\s*)+")
_URL_ONLY = re.compile(r"^\s*(?:\[\^\w+\]:\s*)?(?:https?://\S+|www\.\S+)[\s。.]*$")
_CELL_SPLIT = re.compile(r"\n/ ")
_JA_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


@dataclass
class Sentence:
    ctx: int  # index into the contexts list
    start: int
    end: int
    text: str
    tokens: frozenset[str]
    score: float = 0.0
    jurisdiction: str | None = None


@dataclass
class Composition:
    answer: str
    citations: list[Citation]
    comparison: list[ComparisonBlock] | None
    abstained: bool
    support: dict[str, Any] = field(default_factory=dict)


class _TokenCache:
    """Sentence tokens per chunk, kept across questions (the corpus is small and re-read often)."""

    def __init__(self, size: int = 4096) -> None:
        self._d: OrderedDict[str, list[tuple[int, int, frozenset[str]]]] = OrderedDict()
        self._size = size

    def get(self, chunk_id: str, text: str, kind: str) -> list[tuple[int, int, frozenset[str]]]:
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


def _cell_header(text: str, start: int) -> str:
    """The column header of the table cell containing offset ``start`` (for jurisdiction of a cell)."""
    seg_start = text.rfind("\n/ ", 0, start)
    seg_start = seg_start + 3 if seg_start >= 0 else text.find(" — ") + 3
    colon = text.find(": ", seg_start)
    return text[seg_start:colon] if colon >= 0 else ""


class ExtractiveComposer:
    def __init__(self, keyword: KeywordIndex, settings: AnswerSettings) -> None:
        self.keyword = keyword
        self.settings = settings
        self._cache = _TokenCache()

    # -- scoring --------------------------------------------------------------------------------
    def _weights(self, plan: QueryPlan) -> dict[str, float]:
        return {t: w * self.keyword.idf(t) for t, w in plan.keyword_weights.items()}

    def _candidates(self, contexts: list[Context], plan: QueryPlan, limit: int) -> list[Sentence]:
        weights = self._weights(plan)
        out: list[Sentence] = []
        for ci, ctx in enumerate(contexts[:limit]):
            rec = ctx.record
            text = rec["text"]
            if rec["kind"] == "footnote" and _URL_ONLY.match(text):
                continue
            prior = 1.0 + 0.6 / (1 + ci)
            for s, e, toks in self._cache.get(ctx.chunk_id, text, rec["kind"]):
                overlap = sum(weights.get(t, 0.0) for t in toks)
                if overlap <= 0:
                    continue
                score = overlap / (1.0 + len(toks) / 60.0) * prior
                sent = Sentence(ci, s, e, text[s:e], toks, score)
                sent.jurisdiction = self._sentence_jurisdiction(rec, text, s)
                out.append(sent)
        return out

    @staticmethod
    def _sentence_jurisdiction(rec: dict[str, Any], text: str, start: int) -> str | None:
        codes = [c for c in JURISDICTION_ORDER if c in re.findall(r"[A-Z]{2}", rec["jurisdiction"])]
        if len(codes) == 1:
            return codes[0]
        # The comparative report: a table cell takes its column's jurisdiction, a sentence the one it names.
        probe = _cell_header(text, start) if rec["kind"] == "table_row" else text[start : start + 400]
        named = [j for j in detect_jurisdictions(probe) if j in JURISDICTION_ORDER]
        return named[0] if len(named) == 1 else None

    def support(self, plan: QueryPlan, contexts: list[Context]) -> dict[str, Any]:
        """Evidence-strength features for the abstention decision."""
        original = [t for t, w in plan.keyword_weights.items() if w >= 1.0]
        content = [t for t in original if len(t) >= 2 and not t.isdigit()]
        top_tokens: set[str] = set()
        for ctx in contexts[:5]:
            for _s, _e, toks in self._cache.get(ctx.chunk_id, ctx.record["text"], ctx.record["kind"]):
                top_tokens |= toks
            top_tokens |= set(tokenize(ctx.record["section_path"]))
        expansion = {t for t, w in plan.keyword_weights.items() if w < 1.0}
        total = sum(self.keyword.idf(t) for t in content) or 1.0
        covered = sum(self.keyword.idf(t) for t in content if t in top_tokens)
        unknown = [t for t in content if self.keyword.document_frequency(t) == 0]
        expansion_hits = len(expansion & top_tokens)
        return {
            "coverage": covered / total,
            "unknown_terms": unknown,
            "content_terms": content,
            "expansion_hits": expansion_hits,
            "expansion_terms": len(expansion),
        }

    # -- composition ----------------------------------------------------------------------------
    def compose(self, plan: QueryPlan, contexts: list[Context], lang: str) -> Composition:
        support = self.support(plan, contexts)
        if self.should_abstain(plan, contexts, support):
            return self._abstain(contexts, lang, support)
        if plan.analysis.comparative:
            comp = self._comparative(plan, contexts, lang)
        else:
            comp = self._factual(plan, contexts, lang)
        comp.support = support
        if not comp.citations:
            return self._abstain(contexts, lang, support)
        return comp

    def should_abstain(self, plan: QueryPlan, contexts: list[Context], support: dict[str, Any]) -> bool:
        if not contexts:
            return True
        content = support["content_terms"]
        if not content:
            return False
        # A question about a name the corpus never mentions (a country, a bill, a company) is out of scope.
        if _named_unknown(plan.text, support["unknown_terms"]):
            return True
        coverage = float(support["coverage"])
        if plan.analysis.language == "en" or not support["expansion_terms"]:
            return coverage < self.settings.abstain_min_coverage
        # Japanese questions often find their evidence in English sources through the glossary only.
        return coverage < self.settings.abstain_min_coverage and support["expansion_hits"] == 0

    def _pick(self, cands: list[Sentence], n: int, budget: int, min_ratio: float = 0.35) -> list[Sentence]:
        chosen: list[Sentence] = []
        used = 0
        if not cands:
            return chosen
        best = max(c.score for c in cands)
        for c in sorted(cands, key=lambda c: -c.score):
            if len(chosen) >= n or c.score < min_ratio * best:
                break
            if any(_similar(c, o) for o in chosen):
                continue
            if chosen and used + len(c.text) > budget:
                continue
            chosen.append(c)
            used += len(c.text)
        return chosen

    def _factual(self, plan: QueryPlan, contexts: list[Context], lang: str) -> Composition:
        cands = self._candidates(contexts, plan, limit=8)
        chosen = self._pick(cands, self.settings.max_sentences, self.settings.max_chars_factual)
        chosen.sort(key=lambda s: (s.ctx, s.start))
        builder = _CitationBuilder(contexts)
        lines = [f"- {s.text} {builder.cite(s)}" for s in chosen]
        return Composition("\n".join(lines), builder.citations, None, False)

    def _comparative(self, plan: QueryPlan, contexts: list[Context], lang: str) -> Composition:
        cands = self._candidates(contexts, plan, limit=len(contexts))
        slots = compared_jurisdictions(plan.analysis)
        builder = _CitationBuilder(contexts)
        per_budget = self.settings.max_chars_comparative // (len(slots) + 1)
        labels = JURISDICTION_LABELS[lang]
        blocks: list[ComparisonBlock] = []
        parts: list[str] = []
        table_rows = [c for c in cands if contexts[c.ctx].record["kind"] == "table_row"]
        body = [c for c in cands if contexts[c.ctx].record["kind"] != "table_row"]
        for j in slots:
            mine = [c for c in body if c.jurisdiction == j]
            picked = self._pick(mine, 2, per_budget, min_ratio=0.2)
            picked.sort(key=lambda s: (s.ctx, s.start))
            label = labels.get(j, j)
            parts.append(f"### {label}")
            block = ComparisonBlock(jurisdiction=j, label=label)
            if not picked:
                parts.append(NO_EVIDENCE_FOR[lang].format(label=label))
            for s in picked:
                marker = builder.cite(s)
                parts.append(f"- {s.text} {marker}")
                block.points.append(ComparisonPoint(text=s.text, citations=[builder.last_n]))
            blocks.append(block)
        # The report's own comparison table, when one of its rows is on topic.
        if table_rows:
            best_row_ctx = max(table_rows, key=lambda c: c.score).ctx
            row_cells = [c for c in table_rows if c.ctx == best_row_ctx and c.jurisdiction in slots]
            if row_cells:
                row_label = contexts[best_row_ctx].record.get("row_label") or ""
                parts.append(f"### {REPORT_COMPARISON[lang]}{' — ' + row_label if row_label else ''}")
                for s in sorted(row_cells, key=lambda s: s.start):
                    marker = builder.cite(s)
                    parts.append(f"- {labels.get(s.jurisdiction or '', s.jurisdiction)}: {s.text} {marker}")
                    for b in blocks:
                        if b.jurisdiction == s.jurisdiction:
                            b.points.append(ComparisonPoint(text=s.text, citations=[builder.last_n]))
        return Composition("\n".join(parts), builder.citations, blocks, False)

    def _abstain(self, contexts: list[Context], lang: str, support: dict[str, Any]) -> Composition:
        lines = [ABSTAIN[lang]]
        if contexts:
            lines.append("")
            lines.append(SEE_ALSO[lang])
            seen: set[str] = set()
            for ctx in contexts[:5]:
                path = ctx.record["section_path"]
                if path in seen:
                    continue
                seen.add(path)
                lines.append(f"- {path}")
                if len(seen) >= 3:
                    break
        return Composition("\n".join(lines), [], None, True, support)


class _CitationBuilder:
    def __init__(self, contexts: list[Context]) -> None:
        self.contexts = contexts
        self.citations: list[Citation] = []
        self.last_n = 0

    def cite(self, s: Sentence) -> str:
        rec = self.contexts[s.ctx].record
        self.last_n = len(self.citations) + 1
        self.citations.append(
            Citation(
                n=self.last_n,
                chunk_id=rec["chunk_id"],
                doc_id=rec["doc_id"],
                title=rec["title"],
                section=rec["section_path"],
                section_id=rec["section_id"],
                jurisdiction=rec["jurisdiction"],
                url=rec.get("source_url") or None,
                quote=s.text,
            )
        )
        return f"[{self.last_n}]"


def _similar(a: Sentence, b: Sentence) -> bool:
    if a.ctx == b.ctx and a.start == b.start:
        return True
    if not a.tokens or not b.tokens:
        return False
    return len(a.tokens & b.tokens) / len(a.tokens | b.tokens) > 0.6


_CAPITALISED = re.compile(r"(?<![.?!]\s)(?<!^)\b([A-Z][a-z]{2,})\b")


def _named_unknown(question: str, unknown_terms: list[str]) -> bool:
    """True when a term the corpus never uses looks like a name: a capitalised English word inside the
    sentence, or a katakana/kanji term in Japanese."""
    if not unknown_terms:
        return False
    unknown = set(unknown_terms)
    from rag.keyword import tokenize as _tok

    for m in _CAPITALISED.finditer(question):
        if set(_tok(m.group(1))) & unknown:
            return True
    return any(_JA_CHAR.search(t) and len(t) >= 2 for t in unknown)


def idf_norm(x: float) -> float:
    return math.log1p(x)
