"""Follow-up questions → a standalone query that carries the previous turn's subject and jurisdictions."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ingest.document import has_japanese
from rag.analysis import (
    _COMPILED,
    QueryAnalysis,
    analyse,
    detect_documents,
    detect_jurisdictions,
    documents_outside,
    normalise,
    strip_documents,
)
from rag.keyword import content_terms, tokenize
from rag.section_refs import parse_section_refs

_ANAPHORA = re.compile(
    r"^(?:and|but|what about|how about|also|then|so)\b"
    r"|\b(?:that|this|these|those|it|its|they|them|their|there|same|such|former|latter|above|he|she|his|her)\b"
    r"|^(?:では|じゃあ|それでは|一方|他方|また|なお|ちなみに)|それ|その|これ|この|あれ|同じ|同様|どうです|は\?$|は？$",
    re.ASCII,  # "this" or "it" right before Japanese text is still a word of its own
)


# "the second one", "the latter": an ordinal with its article, so "when did it first apply" or "the
# first time" do not pick an item; 「2本目」「3つ目」 but not 「最初の提出期限」.
_ORDINAL_EN = re.compile(
    r"\b(?:the|that|this) (first|second|third|fourth|fifth|last|latter|former)\b"
    r"(?! (?:time|day|year|step)s?\b)",
    re.I,
)
_ORDINAL_JA = re.compile(r"([1-9１-９一二三四五])\s*(?:本目|つ目|番目|点目|個目)|(?:その|この)(最後|最初)の")
_ORDINAL_VALUE = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": -1, "latter": -1, "former": 1,
    "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "最初": 1, "最後": -1,
}  # fmt: skip
_QUOTED = re.compile(r"「([^」]{2,60})」")
_NUMBERED = re.compile(r"(?:[①②③④⑤]|\(\d\)|（\d）)\s*([^①②③④⑤(（、,;。]{2,80})")
_BULLET = re.compile(r"^\s*[-•・]\s+(.+)$", re.M)
_MARKERS = re.compile(r"\s*\[\d+(?:,\s*\d+)*\]")
_SEMICOLON_SPLIT = re.compile(r"\s*[;；]\s*(?:and\s+|or\s+|および|及び)?")
_LIST_SPLIT = re.compile(r"\s*(?:、|,|;|；)\s*(?:and\s+|or\s+|および|及び)?|\s+and\s+")


def _ordinal(question: str) -> int | None:
    m = _ORDINAL_JA.search(question)
    if m:
        token = m.group(1) or m.group(2)
        return int(unicodedata.normalize("NFKC", token)) if token.isdigit() else _ORDINAL_VALUE[token]
    m = _ORDINAL_EN.search(question)
    return _ORDINAL_VALUE[m.group(1).lower()] if m else None


def _listed_items(answer: str) -> list[str]:
    """The items a previous answer enumerates: 「quoted」 names, ①/(1) items, or a list after a colon."""
    for pattern in (_QUOTED, _NUMBERED):
        items = [i.strip() for i in pattern.findall(answer)]
        if len(items) >= 2:
            return items
    # An answer of quoted points (this assistant's own): each bullet is an item.
    bullets = [_MARKERS.sub("", m).strip() for m in _BULLET.findall(answer)]
    if len(bullets) >= 2:
        return bullets
    _, sep, tail = answer.partition(":")
    if not sep:
        _, sep, tail = answer.partition("：")
    tail = re.split(r"[.。]\s", tail, maxsplit=1)[0] if sep else ""
    tail = re.sub(r"\([^)]*\)|（[^）]*）", "", tail)  # "CBRN (chemical, biological, …)" is one item
    # "…: A, which does X, or Y; and B": semicolons separate the items when there are any.
    split = _SEMICOLON_SPLIT if re.search(r"[;；]", tail) else _LIST_SPLIT
    items = [i.strip(" .。") for i in split.split(tail) if i and i.strip(" .。")]
    if len(items) >= 2:
        return items
    # 「…の作成・更新、…への情報提供、…の策定、…の要約の作成・公開が求められます」: a sentence of three
    # or more 、-separated clauses enumerates.
    for sentence in re.split(r"(?<=。)", answer):
        clauses = [c.strip() for c in sentence.split("、") if c.strip()]
        if clauses and clauses[0].endswith(("では", "で", "には", "は")):
            clauses = clauses[1:]  # 「第53条で、」 sets the scene; it is not an item
        if len(clauses) >= 3:
            return clauses
    return []


def resolve_ordinal(question: str, previous_answer: str) -> str:
    """ "The second one" / 「2本目」 → the item the previous answer listed in that place, or ""."""
    n = _ordinal(question)
    if n is None:
        return ""
    items = _listed_items(previous_answer)
    if not items or n > len(items):
        return ""
    return items[n - 1] if n > 0 else items[-1]


# "that list", "those incidents", 「その本部」「この「安全マージン」」: a thing the previous answer spoke of.
_POINTED_EN = re.compile(r"\b(?:that|this|those|these)\s+(?:same\s+)?([A-Za-z][\w-]{2,})", re.I)
_POINTED_JA = re.compile(r"(?:その|この|あの)\s*「?([\u30a0-\u30ff\u4e00-\u9fff]{2,})")
_CLAUSE_SPLIT = re.compile(r"(?<=[.。!?！？])\s+|(?<=。)|\s*[;；]\s*")
MAX_POINTED_CHARS = 300


def _pointed_nouns(question: str) -> list[str]:
    """What "that list", 「その本部」 point at, as the question names it."""
    return [m.group(1) for m in _POINTED_EN.finditer(question)] + [
        m.group(1) for m in _POINTED_JA.finditer(question)
    ]


def resolve_pointed(question: str, previous_answer: str) -> str:
    """ "Which offences are on that list?" after "… the criminal offences listed in Annex II": the clause of
    the previous answer that speaks of what the question points at ("that list"), or ""."""
    for noun in _pointed_nouns(question):
        wanted = set(tokenize(noun))
        if not wanted:
            continue  # "that also", "this one": no thing named
        for clause in _CLAUSE_SPLIT.split(_MARKERS.sub("", previous_answer)):
            if len(clause) <= MAX_POINTED_CHARS and all(_said(w, set(tokenize(clause))) for w in wanted):
                return clause.strip()
    return ""


def _said(word: str, words: set[str]) -> bool:
    """Whether ``words`` hold ``word`` or, in English, a word of its family: "that disclosure" points at
    "… must disclose …" (the stems differ: disclosur, disclos)."""
    if word in words:
        return True
    return (
        word.isascii()
        and len(word) >= 5
        and any(w.isascii() and len(w) >= 5 and (w.startswith(word) or word.startswith(w)) for w in words)
    )


def _pointed_words(question: str) -> set[str]:
    """The words of what the question points at ("that draft" → draft, 「その骨子」 → 骨子)."""
    return {t for n in _pointed_nouns(question) for t in tokenize(n)}


MAX_TURNS_BACK = 3  # earlier questions a chain of follow-ups may reach back over for its subject


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
    """Whether a question asked after others leans on them: it points back ("that", 「その」, "the third
    one"), is short and asks nothing of a document it names, or names neither a jurisdiction nor a
    document (「最初の「安定化」って、具体的にはどんなことをするの?」 after a question on the Action Plan's
    grid policy is about the grid)."""
    q = question.strip()
    if _ANAPHORA.search(normalise(q)) or _ordinal(q) is not None:
        return True
    documents = detect_documents(q)
    if len(q) < (25 if has_japanese(q) else 60):
        # Short, unless it asks something of a document it names: "What are the penalties under the EU
        # AI Act?" after a question on when the Act applies is a new question, which took "apply" from
        # the one before.
        return not (documents and content_terms(_strip_jurisdictions(strip_documents(q, documents))))
    return not detect_jurisdictions(q) and not documents


def condense(question: str, history: list[dict[str, str]]) -> Condensed:
    """Rule-based condensing for the extractive path (LLM generators rewrite with CONDENSE_PROMPT).

    The previous user question supplies the subject; when the follow-up names its own jurisdictions,
    the previous question's jurisdiction words are dropped so "What about Japan?" searches Japan only.
    """
    current = analyse(question)
    previous_user = [h["content"] for h in history if h.get("role") == "user" and h.get("content")]
    if not previous_user or not needs_context(question):
        return Condensed(question, current, False)
    # "Is it legally binding?" after "Who issues Japan's AI Guidelines?" leans on that one in turn: the
    # conversation's subject is the last question that named a jurisdiction or a document, with those
    # that followed it. ("What did Sacks say when the White House released it?" names its own.)
    turns = [previous_user[-1]]
    for earlier in reversed(previous_user[:-1][-MAX_TURNS_BACK:]):
        if detect_jurisdictions(turns[0]) or detect_documents(turns[0]):
            break
        turns.insert(0, earlier)
    prev = " ".join(turns)
    prev_analysis = analyse(prev)
    foreign: list[str] = []
    if current.jurisdictions:
        # "What about Japan?" after a question on OMB's memo: Japan's counterpart, not the memo.
        foreign = documents_outside(prev_analysis.named_documents, current.jurisdictions)
        subject = _strip_jurisdictions(strip_documents(prev, foreign))
        jurisdictions = current.jurisdictions
    else:
        subject = prev
        jurisdictions = prev_analysis.jurisdictions
    answers = [h["content"] for h in history if h.get("role") == "assistant" and h.get("content")]
    # "How does the report explain the second one?": the item the previous answer listed second is
    # what is asked about, so it joins the question's own words.
    item = resolve_ordinal(question, answers[-1]) if answers else ""
    # "That list" is the one the previous answer named: a part it cites ("… listed in Annex II") is
    # where the answer is; the rest of that clause only repeats what was said.
    clause = resolve_pointed(question, answers[-1]) if answers and not item else ""
    pointed = parse_section_refs(clause) if clause else []
    if clause and not pointed and not _pointed_words(question) <= set(tokenize(prev)):
        # "And on the safety side, what does that draft promise?" after "What does the report say about
        # Japan's AI Basic Plan?": only the answer named the draft ("A skeleton draft (骨子(たたき台))
        # was published …"); its clause says what the question points at.
        subject = f"{subject} {clause}"
    asked = f"{question} {item}".strip()
    query = f"{asked} {subject}".strip()
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
    merged.named_documents = current.named_documents or [
        d for d in prev_analysis.named_documents if d not in foreign
    ]
    # "And Article 6?" after a question on Article 5 asks about Article 6 only.
    merged.section_refs = current.section_refs or pointed or prev_analysis.section_refs
    merged.question = asked
    merged.focus = current.focus
    merged.answered = "\n".join(answers[-MAX_TURNS_BACK:])  # what the conversation already said
    own = [j for j in current.jurisdictions if j != "US-NY"]
    if own and not merged.comparative and set(own) != set(prev_analysis.jurisdictions):
        merged.switched_to = own
    return Condensed(query, merged, True)
