"""Evaluation metrics for PolicyQA (DESIGN.md §5). Pure functions: no I/O, no global state.

Record shape: ``{"gold": <gold item, DESIGN.md §4>, "answer": <answer JSON, DESIGN.md §3>}``; the answer
may carry ``"error": str`` when answering failed, and may then lack any other field.

Definitions (all text matching uses :mod:`eval.matching`: NFKC, casefold, whitespace deleted):

* Contexts are taken in ``rank`` order (list order where ``rank`` is missing); "top-k" is the first k.
* **recall@k** — per item, the share of evidence groups found in at least one of the top-k context texts.
* **MRR@10** — per item, 1/position of the first top-10 context that contains any evidence group, else 0.
* **nDCG@10** — binary gains without double credit: walking down the top 10, a context is relevant
  when it contains at least one evidence group not credited by a higher-ranked context; every group it
  contains is then credited. DCG = Σ 1/log2(pos+1) over relevant positions; the ideal DCG puts
  min(#groups, 10) relevant contexts at positions 1…min(#groups, 10). Duplicated chunks of the same
  evidence therefore earn nothing. (A single chunk holding several groups earns one gain, so a
  retriever cannot always reach 1.0 on such items; the ideal is kept corpus-independent on purpose.)
* **jurisdiction coverage** — comparative items only: the share of gold ``jurisdictions`` J for which
  some top-10 context both has a ``jurisdiction`` field naming J (word match, case-insensitive:
  ``"comparative: US, EU, JP"`` names all three) and contains any evidence group. None for an item when
  no top-10 context carries a ``jurisdiction`` field at all (the run cannot be judged, rather than 0).
* **key-fact recall** — per item, the share of ``key_facts`` groups covered by the answer text
  (``[n]`` markers removed before normalising).
* **citation support** — micro-averaged over all citations of the slice. A citation [n] is supported
  when (a) its chunk (looked up by ``chunk_id`` among *all* ``contexts``) exists and the normalised
  ``quote`` is a substring of the normalised chunk text, and (b) the quote backs a sentence carrying
  [n]: for some answer sentence containing the marker [n] (or a ``comparison`` point citing n), after
  removing markers and normalising, the quote is a substring of the sentence or at least 30 % of the
  quote's distinct character bigrams occur in the sentence. Sentences end at 。！？ or at .!? followed
  by whitespace, end of line or a marker; trailing markers stay with the sentence before them
  ("Claim.[1] Next." gives "Claim.[1]"); every line is split separately.
* **evidence cited** — per item, the share of evidence groups found in some cited chunk (contexts whose
  ``chunk_id`` is referenced by a citation).
* **abstention accuracy** — share of ``unanswerable`` items with ``abstained == true``;
  **false-abstention rate** — share of the other items with ``abstained == true``.
* **answer length** — mean characters of ``answer``; **latency** — p50/p95 (linear interpolation) of
  ``timings_ms.retrieve`` and ``timings_ms.total``. These two skip items that errored.

Errored items stay in every other denominator: a failure to answer counts as a miss. Per-item means
(recall, MRR, nDCG, coverage, key-fact recall, evidence cited) average over items where the metric
applies; a metric that applies to no item of a slice is None, never 0.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from typing import Any

from eval.matching import MARKER, any_alternative_in, normalise, strip_markers

__all__ = [
    "K_MAX",
    "SUPPORT_OVERLAP",
    "TYPE_ORDER",
    "aggregate",
    "answer_sentences",
    "citation_check",
    "compute_metrics",
    "per_item",
    "percentile",
    "ranked_contexts",
]

K_MAX = 10
SUPPORT_OVERLAP = 0.3
TYPE_ORDER = ("factual", "multi_hop", "comparative", "followup", "unanswerable")

Record = dict[str, Any]

# ASCII terminators need a following space/marker/end so that "10.5" or "e.g.x" do not split.
_SENTENCE_END = re.compile(r"(?:[。！？]+|[.!?]+(?=\s|$|\[))(?:\s*\[\d+(?:\s*[,，、]\s*\d+)*\])*")
_WORD = re.compile(r"\w+")


# --------------------------------------------------------------------------------------------- helpers


def ranked_contexts(answer: dict[str, Any]) -> list[dict[str, Any]]:
    """Contexts in rank order; list position breaks ties and stands in for a missing rank."""
    contexts = answer.get("contexts") or []

    def key(pair: tuple[int, dict[str, Any]]) -> tuple[float, int]:
        pos, ctx = pair
        rank = _number(ctx.get("rank"))
        return (rank if rank is not None else pos + 1, pos)

    return [c for _, c in sorted(enumerate(contexts), key=key)]


def _groups_in(groups: Sequence[Sequence[str]], text: str) -> list[bool]:
    norm = normalise(text)
    return [any_alternative_in(g, norm) for g in groups]


def _mean(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def percentile(values: Sequence[float], q: float) -> float | None:
    """q-th percentile with linear interpolation between closest ranks (numpy's default); None if empty."""
    data = sorted(values)
    if not data:
        return None
    pos = (len(data) - 1) * q / 100.0
    lo, hi = math.floor(pos), math.ceil(pos)
    return data[lo] + (data[hi] - data[lo]) * (pos - lo)


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _markers(text: str) -> set[int]:
    found: set[int] = set()
    for m in MARKER.finditer(text):
        found.update(int(x) for x in re.findall(r"\d+", m.group(1)))
    return found


def answer_sentences(answer: str) -> list[str]:
    """Split an answer into sentences, keeping trailing ``[n]`` markers with the sentence they close."""
    sentences: list[str] = []
    for line in answer.splitlines():
        start = 0
        for m in _SENTENCE_END.finditer(line):
            sentences.append(line[start : m.end()])
            start = m.end()
        sentences.append(line[start:])
    return [s.strip() for s in sentences if s.strip()]


def _jurisdiction_names(field: Any) -> set[str]:
    if isinstance(field, list | tuple | set):
        field = " ".join(str(x) for x in field)
    return {w.casefold() for w in _WORD.findall(str(field))}


def citation_check(citation: dict[str, Any], answer: dict[str, Any]) -> tuple[bool, str | None]:
    """Return (supported, reason it is not) for one citation; see the module docstring for the rule."""
    n = _int_or_none(citation.get("n"))
    if n is None:
        return False, "citation has no number n"
    chunk_id = citation.get("chunk_id")
    chunk = next((c for c in answer.get("contexts") or [] if c.get("chunk_id") == chunk_id), None)
    if chunk is None:
        return False, "cited chunk not among contexts"
    quote = normalise(citation.get("quote") or "")
    if not quote:
        return False, "empty quote"
    if quote not in normalise(chunk.get("text") or ""):
        return False, "quote not in cited chunk"

    carriers = [s for s in answer_sentences(answer.get("answer") or "") if n in _markers(s)]
    for entry in answer.get("comparison") or []:
        for point in entry.get("points") or []:
            if n in {_int_or_none(x) for x in point.get("citations") or []}:
                carriers.append(point.get("text") or "")
    if not carriers:
        return False, f"marker [{n}] not in answer"

    quote_bigrams = _bigrams(quote)
    for sentence in carriers:
        norm = normalise(strip_markers(sentence))
        if quote in norm:
            return True, None
        if quote_bigrams and len(quote_bigrams & _bigrams(norm)) / len(quote_bigrams) >= SUPPORT_OVERLAP:
            return True, None
    return False, "quote does not overlap the sentence it backs"


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ------------------------------------------------------------------------------------------ per item


def per_item(record: Record) -> dict[str, Any]:
    """Per-item numbers and failure reasons. Not-applicable numbers are None.

    Keys: id, type, lang, question, error, abstained, recall@1, recall@5, recall@10, recall_curve
    (recall@1…10), evidence_found (per group, in top 10), rr, first_hit_rank, ndcg@10,
    jurisdiction_coverage, jurisdictions_missing, key_facts_total, key_facts_covered, key_fact_recall,
    citations (list of {n, chunk_id, supported, reason}), n_citations, n_supported, citation_support,
    evidence_cited, answer_chars, retrieve_ms, total_ms, failures (list of human-readable reasons).
    """
    gold: dict[str, Any] = record.get("gold") or {}
    answer: dict[str, Any] = record.get("answer") or {}
    error = answer.get("error")
    item_type = gold.get("type", "?")
    evidence: list[list[str]] = [g for g in gold.get("evidence") or [] if g]
    key_facts: list[list[str]] = [g for g in gold.get("key_facts") or [] if g]
    abstained = bool(answer.get("abstained", False))
    text = answer.get("answer") or ""
    failures: list[str] = []
    if error:
        failures.append(f"error: {_short(str(error), 200)}")

    top = ranked_contexts(answer)[:K_MAX]
    hits = [_groups_in(evidence, c.get("text") or "") for c in top]  # hits[pos][group]

    out: dict[str, Any] = {
        "id": gold.get("id"),
        "type": item_type,
        "lang": gold.get("lang", "?"),
        "question": gold.get("question", ""),
        "error": str(error) if error else None,
        "abstained": abstained,
    }

    # Retrieval.
    if evidence:
        curve: list[float] = []
        found = [False] * len(evidence)
        for k in range(1, K_MAX + 1):
            if k <= len(hits):
                found = [f or h for f, h in zip(found, hits[k - 1], strict=True)]
            curve.append(sum(found) / len(evidence))
        first = next((i + 1 for i, h in enumerate(hits) if any(h)), None)
        credited = [False] * len(evidence)
        dcg = 0.0
        for pos, h in enumerate(hits, start=1):
            if any(hit and not done for hit, done in zip(h, credited, strict=True)):
                dcg += 1.0 / math.log2(pos + 1)
                credited = [c or hit for c, hit in zip(credited, h, strict=True)]
        idcg = sum(1.0 / math.log2(pos + 1) for pos in range(1, min(len(evidence), K_MAX) + 1))
        out.update(
            {
                "recall@1": curve[0],
                "recall@5": curve[4],
                "recall@10": curve[9],
                "recall_curve": curve,
                "evidence_found": found,
                "rr": 1.0 / first if first else 0.0,
                "first_hit_rank": first,
                "ndcg@10": dcg / idcg,
            }
        )
        if not any(found):
            failures.append("evidence not retrieved")
        elif not all(found):
            failures.append(f"evidence partly retrieved ({sum(found)}/{len(evidence)} groups in top {K_MAX})")
    else:
        out.update(
            {
                "recall@1": None,
                "recall@5": None,
                "recall@10": None,
                "recall_curve": None,
                "evidence_found": [],
                "rr": None,
                "first_hit_rank": None,
                "ndcg@10": None,
            }
        )

    # Jurisdiction coverage.
    coverage: float | None = None
    missing_j: list[str] = []
    wanted = [j for j in gold.get("jurisdictions") or [] if j]
    if item_type == "comparative" and wanted and any("jurisdiction" in c for c in top):
        covered: set[str] = set()
        for c, h in zip(top, hits, strict=True):
            if "jurisdiction" in c and any(h):
                names = _jurisdiction_names(c["jurisdiction"])
                covered.update(j for j in wanted if j.casefold() in names)
        coverage = len(covered) / len(wanted)
        missing_j = [j for j in wanted if j not in covered]
        if missing_j:
            failures.append("jurisdiction without evidence in top 10: " + ", ".join(missing_j))
    out["jurisdiction_coverage"] = coverage
    out["jurisdictions_missing"] = missing_j

    # Answer content.
    answer_norm = normalise(strip_markers(text))
    covered_facts = [any_alternative_in(g, answer_norm) for g in key_facts]
    out["key_facts_total"] = len(key_facts)
    out["key_facts_covered"] = sum(covered_facts)
    out["key_fact_recall"] = sum(covered_facts) / len(key_facts) if key_facts else None

    is_unanswerable = item_type == "unanswerable"
    if is_unanswerable and not abstained:
        failures.append("should have abstained")
    if not is_unanswerable and abstained:
        failures.append("false abstention")
    elif not error:
        # After a false abstention every fact is missing; listing them all would only add noise.
        failures.extend(
            f"key fact missing: {_short(g[0])}"
            for g, ok in zip(key_facts, covered_facts, strict=True)
            if not ok
        )

    # Citations.
    citations = answer.get("citations") or []
    checked = []
    for c in citations:
        ok, reason = citation_check(c, answer)
        checked.append({"n": c.get("n"), "chunk_id": c.get("chunk_id"), "supported": ok, "reason": reason})
        if not ok:
            failures.append(f"unsupported citation [{c.get('n')}]: {reason}")
    n_supported = sum(1 for c in checked if c["supported"])
    out["citations"] = checked
    out["n_citations"] = len(checked)
    out["n_supported"] = n_supported
    out["citation_support"] = n_supported / len(checked) if checked else None
    if not citations and not abstained and not error and not is_unanswerable:
        failures.append("answer has no citations")

    if evidence:
        cited_ids = {c.get("chunk_id") for c in citations}
        in_cited = [False] * len(evidence)
        for ctx in answer.get("contexts") or []:
            if ctx.get("chunk_id") in cited_ids:
                in_cited = [
                    a or b for a, b in zip(in_cited, _groups_in(evidence, ctx.get("text") or ""), strict=True)
                ]
        out["evidence_cited"] = sum(in_cited) / len(evidence)
        if out["recall@10"] and not any(in_cited) and not abstained and not error:
            failures.append("evidence retrieved but not cited")
    else:
        out["evidence_cited"] = None

    timings = answer.get("timings_ms") or {}
    out["answer_chars"] = None if error else len(text)
    out["retrieve_ms"] = None if error else _number(timings.get("retrieve"))
    out["total_ms"] = None if error else _number(timings.get("total"))
    out["failures"] = failures
    return out


def _int_or_none(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


# --------------------------------------------------------------------------------------- aggregation


def aggregate(items: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Aggregate :func:`per_item` outputs of one slice into its metrics (see module docstring)."""
    with_evidence = [i for i in items if i["recall@1"] is not None]
    unanswerable = [i for i in items if i["type"] == "unanswerable"]
    answerable = [i for i in items if i["type"] != "unanswerable"]
    n_citations = sum(i["n_citations"] for i in items)
    curve = (
        [sum(i["recall_curve"][k] for i in with_evidence) / len(with_evidence) for k in range(K_MAX)]
        if with_evidence
        else None
    )
    retrieve = [i["retrieve_ms"] for i in items if i["retrieve_ms"] is not None]
    total = [i["total_ms"] for i in items if i["total_ms"] is not None]
    return {
        "n": len(items),
        "n_errors": sum(1 for i in items if i["error"]),
        "n_evidence_items": len(with_evidence),
        "recall@1": _mean(i["recall@1"] for i in items),
        "recall@5": _mean(i["recall@5"] for i in items),
        "recall@10": _mean(i["recall@10"] for i in items),
        "recall_curve": curve,
        "mrr@10": _mean(i["rr"] for i in items),
        "ndcg@10": _mean(i["ndcg@10"] for i in items),
        "jurisdiction_coverage": _mean(i["jurisdiction_coverage"] for i in items),
        "key_fact_recall": _mean(i["key_fact_recall"] for i in items),
        "n_citations": n_citations,
        "citation_support": sum(i["n_supported"] for i in items) / n_citations if n_citations else None,
        "evidence_cited": _mean(i["evidence_cited"] for i in items),
        "n_unanswerable": len(unanswerable),
        "abstention_accuracy": _mean(1.0 if i["abstained"] else 0.0 for i in unanswerable),
        "false_abstention_rate": _mean(1.0 if i["abstained"] else 0.0 for i in answerable),
        "answer_chars_mean": _mean(i["answer_chars"] for i in items),
        "latency_retrieve_ms_p50": percentile(retrieve, 50),
        "latency_retrieve_ms_p95": percentile(retrieve, 95),
        "latency_total_ms_p50": percentile(total, 50),
        "latency_total_ms_p95": percentile(total, 95),
    }


def _type_key(name: str) -> tuple[int, str]:
    return (TYPE_ORDER.index(name) if name in TYPE_ORDER else len(TYPE_ORDER), name)


def compute_metrics(records: Sequence[Record]) -> dict[str, Any]:
    """Metrics overall, per gold ``type`` and per gold ``lang``.

    Returns ``{"overall": {...}, "by_type": {type: {...}}, "by_lang": {lang: {...}}, "n": int}``;
    each inner dict is :func:`aggregate`'s output.
    """
    items = [per_item(r) for r in records]
    by_type: dict[str, list[dict[str, Any]]] = {}
    by_lang: dict[str, list[dict[str, Any]]] = {}
    for item in items:
        by_type.setdefault(item["type"], []).append(item)
        by_lang.setdefault(item["lang"], []).append(item)
    return {
        "overall": aggregate(items),
        "by_type": {t: aggregate(by_type[t]) for t in sorted(by_type, key=_type_key)},
        "by_lang": {lang: aggregate(by_lang[lang]) for lang in sorted(by_lang)},
        "n": len(items),
    }
