"""The one document model every parser produces and the chunker consumes."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class BlockKind(StrEnum):
    """Chunk kinds of the shared contract (DESIGN.md §2)."""

    BODY = "body"
    LIST = "list"
    TABLE_ROW = "table_row"
    FOOTNOTE = "footnote"


@dataclass(frozen=True)
class Section:
    """A node of a document's heading tree."""

    section_id: str
    path: tuple[str, ...]  # human headings from the top, without the document title
    level: int
    # Offset of the heading line that opens the section (None: no heading of its own), so the
    # section's first chunk can start with it: people quote "Article 13 (Ensuring Appropriateness)".
    heading_start: int | None = field(default=None, compare=False)


@dataclass
class Block:
    """A structural unit of text inside exactly one section.

    ``text`` is ``body[start:end]`` verbatim, except for table rows, whose text is composed of the
    verbatim cells with their column headers so that the row reads on its own.
    """

    kind: BlockKind
    section: Section
    start: int
    end: int
    text: str
    page: int | str | None = None  # printed page; roman numerals stay strings
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Document:
    doc_id: str
    source_path: str
    title: str
    short_title: str
    language: str
    body: str  # file text after the front matter; all offsets refer to it
    metadata: dict[str, Any]
    blocks: list[Block]
    content_hash: str

    @property
    def jurisdiction(self) -> str:
        return str(self.metadata.get("jurisdiction") or "")


def slugify(text: str, max_len: int = 60) -> str:
    """A stable, readable anchor: ASCII words lower-cased and hyphenated, Japanese kept as is."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"[\s_/›]+", "-", text)
    text = re.sub(r"[^\w\-()]+", "", text)
    text = re.sub(r"-{2,}", "-", text).strip("-")
    return text[:max_len].rstrip("-") or "section"


def doc_id_for(file_name: str) -> str:
    stem = file_name.rsplit(".", 1)[0]
    return slugify(stem, max_len=80)


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_JA = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def has_japanese(text: str) -> bool:
    """Whether any kana or kanji occurs in ``text`` (a sentence in Japanese, or citing a Japanese name)."""
    return _JA.search(text) is not None


def detect_language(text: str) -> str:
    """'ja' when Japanese script is a meaningful share of the letters, else langdetect's guess."""
    sample = text[:5000]
    letters = [c for c in sample if c.isalpha()]
    if not letters:
        return "und"
    if sum(1 for c in letters if _JA.match(c)) / len(letters) > 0.15:
        return "ja"
    try:
        from langdetect import DetectorFactory, detect

        DetectorFactory.seed = 0  # langdetect is random unless seeded
        return str(detect(sample))
    except Exception:  # langdetect raises on text without features
        return "en"


def short_title_of(title: str, metadata: dict[str, Any]) -> str:
    """A short name for section paths: 'EU AI Act', 'Executive Order 14110', …"""
    if metadata.get("short_title"):
        return str(metadata["short_title"])
    m = re.search(r"\((Artificial Intelligence Act)\)", title)
    if m:
        return "EU AI Act"
    # 「人工知能関連技術の…に関する法律（AI法／AI推進法）令和七年法律第五十三号」: a long Japanese title that
    # gives its common names in brackets is known by the last of them.
    m = re.search(r"（([^（）]{2,20})）", title)
    if m and len(title) > 30:
        return re.split(r"[／・/]", m.group(1))[-1].strip()
    for sep in (" — ", " – "):
        if sep in title:
            head = title.split(sep, 1)[0].strip()
            if 4 <= len(head) <= 60:
                return head
    if ": " in title:  # "Winning the Race: America's AI Action Plan" is known by its subtitle
        tail = title.split(": ", 1)[1].strip()
        if 4 <= len(tail) <= 60:
            return tail
    return title if len(title) <= 60 else title[:57] + "…"


# What a file's front matter says the copy leaves out: "NOT included: the separate Appendix volume (別添),
# the Japanese original text, and any later version (…)" or "The Transparency and Copyright chapters of
# the Code are NOT included." A scraped page's "(page navigation/boilerplate not included)" says how it
# was cleaned, not which part is missing: neither shape matches it.
_LEFT_OUT_LIST = re.compile(r"\bnot included\s*:\s*(?P<items>.+?)(?:\.(?:\s|$)|$)", re.I)
_LEFT_OUT_SUBJECT = re.compile(r"(?:^|[.;]\s+)(?P<items>[^.;:()]+?)\s+(?:is|are)\s+not included\b", re.I)
_ARTICLE = re.compile(r"^(?:the|a|an|any)\s+", re.I)
# "Transparency and Copyright chapters of the Code", "Chapters II, III and IV of the Act": the kind
# distributes over the names.
_KIND_LAST = re.compile(r"^(?P<names>.+?)\s+(?P<kind>[A-Za-z]+?)s(?:\s+of\s+.*)?$")
_KIND_FIRST = re.compile(r"^(?P<kind>[A-Z][a-z]+?)(?:es|s)\s+(?P<names>.+?)(?:\s+of\s+.*)?$")
_SEVERAL = re.compile(r"\s(?:and|or)\s|,")


def _split_items(text: str) -> list[str]:
    """Top-level items of an English list ("A (x, y), B, and C"): commas inside brackets stay."""
    items, depth, current = [], 0, ""
    for ch in text:
        if ch in "(（[":
            depth += 1
        elif ch in ")）]":
            depth -= 1
        if ch == "," and depth == 0:
            items.append(current)
            current = ""
        else:
            current += ch
    items.append(current)
    out = []
    for item in items:
        item = re.sub(r"^\s*and\s+", "", item.strip())
        item = _ARTICLE.sub("", item).strip()
        if item:
            out.append(item)
    return out


def parts_left_out(metadata: dict[str, Any]) -> list[str]:
    """The parts of a document its front matter's ``completeness`` says this copy does not include
    ("Transparency chapter", "separate Appendix volume (別添)"): a question about one of them is one the
    corpus cannot answer, however close its passages look."""
    text = str(metadata.get("completeness") or "")
    parts: list[str] = []
    for m in _LEFT_OUT_LIST.finditer(text):
        parts.extend(_split_items(m.group("items")))
    for m in _LEFT_OUT_SUBJECT.finditer(text):
        subject = _ARTICLE.sub("", m.group("items").strip())
        first, last = _KIND_FIRST.match(subject), _KIND_LAST.match(subject)
        shared = next((k for k in (first, last) if k and _SEVERAL.search(k.group("names"))), None)
        if shared is None:
            parts.extend(_split_items(subject))
            continue
        kind = shared.group("kind")
        names = [n.strip() for n in re.split(r",\s*(?:and\s+|or\s+)?|\s(?:and|or)\s", shared.group("names"))]
        parts.extend(f"{kind} {n}" if shared is first else f"{n} {kind}" for n in names if n)
    return list(dict.fromkeys(parts))
