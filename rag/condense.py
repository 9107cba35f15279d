"""Follow-up questions → a standalone query that carries the previous turn's subject and jurisdictions."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.analysis import _COMPILED, QueryAnalysis, analyse, normalise

_ANAPHORA = re.compile(
    r"^(?:and|but|what about|how about|also|then|so)\b"
    r"|\b(?:that|this|these|those|it|its|they|them|their|there|same|such|former|latter|above|he|she|his|her)\b"
    r"|^(?:では|じゃあ|それでは|一方|他方|また|なお|ちなみに)|それ|その|これ|この|あれ|同じ|同様|どうです|は\?$|は？$",
    re.ASCII,  # "this" or "it" right before Japanese text is still a word of its own
)


@dataclass
class Condensed:
    query: str  # what retrieval searches with
    analysis: QueryAnalysis
    rewritten: bool


def _strip_jurisdictions(text: str) -> str:
    t = normalise(text)
    for pats in _COMPILED.values():
        for p in pats:
            t = p.sub(" ", t)
    return " ".join(t.split())


def needs_context(question: str) -> bool:
    q = question.strip()
    short = len(q) < (25 if re.search(r"[\u3040-\u30ff\u3400-\u9fff]", q) else 60)
    return short or bool(_ANAPHORA.search(normalise(q)))


def condense(question: str, history: list[dict[str, str]]) -> Condensed:
    """Rule-based condensing for the extractive path (LLM generators rewrite with CONDENSE_PROMPT).

    The previous user question supplies the subject; when the follow-up names its own jurisdictions,
    the previous question's jurisdiction words are dropped so "What about Japan?" searches Japan only.
    """
    current = analyse(question)
    previous_user = [h["content"] for h in history if h.get("role") == "user" and h.get("content")]
    if not previous_user or not needs_context(question):
        return Condensed(question, current, False)
    prev = previous_user[-1]
    prev_analysis = analyse(prev)
    if current.jurisdictions:
        subject = _strip_jurisdictions(prev)
        jurisdictions = current.jurisdictions
    else:
        subject = prev
        jurisdictions = prev_analysis.jurisdictions
    query = f"{question} {subject}".strip()
    merged = analyse(query)
    merged.jurisdictions = jurisdictions
    merged.language = current.language
    # "What about Japan?" after a comparison narrows to one jurisdiction; without a jurisdiction it
    # keeps the previous intent.
    if (
        current.jurisdictions
        and len([j for j in current.jurisdictions if j != "US-NY"]) == 1
        and not current.comparative
    ):
        merged.intent = current.intent
    elif not current.jurisdictions:
        merged.intent = prev_analysis.intent if not current.comparative else current.intent
    merged.named_documents = current.named_documents or prev_analysis.named_documents
    merged.question = question
    merged.focus = current.focus
    return Condensed(query, merged, True)
