"""Section-aware chunking: a chunk never spans two sections, and its text is a verbatim slice."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ingest.document import Block, BlockKind, Document
from ingest.sentences import sentence_spans
from rag.settings import ChunkingSettings

CountTokens = Callable[[str], int]
# Bump when chunk boundaries change for the same text and settings: an index built by the older chunker is
# then rebuilt by the next ingest (its vectors mostly come from the embedding cache and the shipped seed).
CHUNKER_VERSION = 2
_SKIPPABLE = re.compile(r"<!--.*?-->", re.S)


@dataclass
class Chunk:
    """One retrievable unit; `metadata()` is what Chroma stores (DESIGN.md §2)."""

    chunk_id: str
    doc_id: str
    title: str
    short_title: str
    jurisdiction: str
    language: str
    date: str
    source_url: str
    section_id: str
    section_path: str
    kind: BlockKind
    char_start: int
    char_end: int
    text: str
    tokens: int
    page: int | str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def embed_text(self) -> str:
        """What is embedded: a contextual header (title › section path) and the verbatim text."""
        return f"{self.section_path}\n{self.text}"

    def metadata(self) -> dict[str, Any]:
        meta: dict[str, Any] = {
            "chunk_id": self.chunk_id,
            "doc_id": self.doc_id,
            "title": self.title,
            "short_title": self.short_title,
            "jurisdiction": self.jurisdiction,
            "language": self.language,
            "date": self.date,
            "source_url": self.source_url,
            "section_id": self.section_id,
            "section_path": self.section_path,
            "kind": self.kind.value,
            "char_start": self.char_start,
            "char_end": self.char_end,
            "tokens": self.tokens,
        }
        if self.page is not None:
            meta["page"] = self.page
        for k, v in self.extra.items():
            if isinstance(v, str | int | float | bool) and v != "":
                meta[k] = v
        return meta


def make_chunk_id(doc_id: str, section_id: str, text: str) -> str:
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
    return f"{doc_id}:{section_id}:{digest}"  # URL-safe apart from the section part, which is a path


def _pieces(
    doc: Document, start: int, end: int, cfg: ChunkingSettings, count: CountTokens
) -> list[tuple[int, int]]:
    """Cut one over-long block into sentence-aligned pieces with a small overlap."""
    text = doc.body[start:end]
    spans = sentence_spans(text) or [(0, len(text))]
    # A single sentence longer than the bound is cut where a sentence inside it ends (the report quotes
    # whole paragraphs in 「…」, which the sentence splitter keeps as one sentence), and only what is
    # still too long (a URL list, a giant table cell) by characters: a piece that starts mid-word is
    # quoted as a fragment ("ア AI システムの国家安全保障リスクを評価する」と、…").
    fine: list[tuple[int, int]] = []
    for s, e in spans:
        if count(text[s:e]) <= cfg.max_tokens:
            fine.append((s, e))
            continue
        for a, b in _inner_sentences(text, s, e):
            if count(text[a:b]) <= cfg.max_tokens:
                fine.append((a, b))
            else:
                fine.extend(_cut_by_characters(text, a, b, cfg.max_tokens, count))
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(fine):
        j = i
        while j + 1 < len(fine) and count(text[fine[i][0] : fine[j + 1][1]]) <= cfg.target_tokens:
            j += 1
        out.append((start + fine[i][0], start + fine[j][1]))
        if j + 1 >= len(fine):
            break
        i = max(j + 1 - cfg.overlap_sentences, i + 1)
    return out


_INNER_STOP = re.compile(r"[。！？][」』）)]*")


def _inner_sentences(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """``text[s:e]`` split after every Japanese stop inside it."""
    out: list[tuple[int, int]] = []
    p = s
    for m in _INNER_STOP.finditer(text, s, e):
        if m.end() < e:
            out.append((p, m.end()))
            p = m.end()
    out.append((p, e))
    return out


def _cut_by_characters(text: str, s: int, e: int, bound: int, count: CountTokens) -> list[tuple[int, int]]:
    """``text[s:e]`` in pieces of at most ``bound`` tokens, cut wherever the bound falls."""
    out: list[tuple[int, int]] = []
    p = s
    while p < e:
        # Estimate a cut from the token density, then shrink until the piece fits the bound.
        step = max(1, int((e - p) * bound / max(count(text[p:e]), 1) * 0.9))
        while step > 1 and count(text[p : p + step]) > bound:
            step = max(1, int(step * 0.8))
        out.append((p, min(p + step, e)))
        p += step
    return out


def _group(blocks: Iterable[Block]) -> list[list[Block]]:
    """Consecutive body/list blocks of one section form a group; table rows and footnotes stand alone."""
    groups: list[list[Block]] = []
    for b in blocks:
        alone = b.kind in (BlockKind.TABLE_ROW, BlockKind.FOOTNOTE)
        if (
            groups
            and not alone
            and groups[-1][-1].kind in (BlockKind.BODY, BlockKind.LIST)
            and groups[-1][-1].section.section_id == b.section.section_id
        ):
            groups[-1].append(b)
        else:
            groups.append([b])
    return groups


def chunk_document(doc: Document, cfg: ChunkingSettings, count: CountTokens) -> list[Chunk]:
    if cfg.splitter == "recursive":
        return _recursive_chunks(doc, count)
    spans: list[tuple[list[Block], int, int, str | None]] = []
    for group in _group(doc.blocks):
        first = group[0]
        if first.kind is BlockKind.TABLE_ROW:
            spans.extend(_row_pieces(first, cfg, count))
            continue
        # Pack blocks up to the target size; a block over the bound is split into sentence pieces.
        cur: list[Block] = []
        for b in group:
            if count(b.text) > cfg.max_tokens:
                if cur:
                    spans.append((cur, cur[0].start, cur[-1].end, None))
                    cur = []
                spans.extend(([b], s, e, None) for s, e in _pieces(doc, b.start, b.end, cfg, count))
                continue
            if cur and count(doc.body[cur[0].start : b.end]) > cfg.target_tokens:
                spans.append((cur, cur[0].start, cur[-1].end, None))
                cur = []
            cur.append(b)
        if cur:
            spans.append((cur, cur[0].start, cur[-1].end, None))
    chunks: list[Chunk] = []
    seen: set[str] = set()
    opened: set[str] = set()
    for blocks, start, end, composed in spans:
        first = blocks[0]
        if first.section.section_id not in opened:
            opened.add(first.section.section_id)
            if composed is None:
                start = _with_heading(doc, first, start, end, cfg, count)
        text = composed if composed is not None else doc.body[start:end]
        kinds = {b.kind for b in blocks}
        kind = kinds.pop() if len(kinds) == 1 else BlockKind.BODY
        chunk = _make(doc, first, kind, start, end, text, count)
        if chunk.chunk_id not in seen:  # identical text in one section is one chunk (content-hash ids)
            seen.add(chunk.chunk_id)
            chunks.append(chunk)
    return chunks


def _with_heading(
    doc: Document, first: Block, start: int, end: int, cfg: ChunkingSettings, count: CountTokens
) -> int:
    """A section's first chunk starts at the section's heading line when only blank lines, comments
    and page markers lie between them and the chunk stays within its bound: a heading such as
    "Article 13 (Ensuring Appropriateness)" or a law's title is text people quote and search for."""
    h = first.section.heading_start
    if h is None or h >= start or first.start != start:
        return start
    between = doc.body[h:start].split("\n", 1)
    if len(between) == 2 and _SKIPPABLE.sub("", between[1]).strip():
        return start
    if count(doc.body[h:end]) > cfg.max_tokens:
        return start
    return h


def _row_pieces(
    row: Block, cfg: ChunkingSettings, count: CountTokens
) -> list[tuple[list[Block], int, int, str | None]]:
    if count(row.text) <= cfg.max_tokens:
        return [([row], row.start, row.end, row.text)]
    # An over-long row is cut per cell; each piece keeps the row label and its column header.
    label = row.extra.get("row_label", "")
    return [([row], row.start, row.end, f"{label} — {h}: {c}") for h, c in row.extra.get("cells", [])]


def _make(
    doc: Document, block: Block, kind: BlockKind, start: int, end: int, text: str, count: CountTokens
) -> Chunk:
    section = block.section
    path = " › ".join((doc.short_title, *section.path))
    extra = {k: v for k, v in block.extra.items() if k in ("label", "referenced_in", "row_label")}
    return Chunk(
        chunk_id=make_chunk_id(doc.doc_id, section.section_id, text),
        doc_id=doc.doc_id,
        title=doc.title,
        short_title=doc.short_title,
        jurisdiction=doc.jurisdiction,
        language=doc.language,
        date=str(doc.metadata.get("date") or ""),
        source_url=str(doc.metadata.get("source_url") or ""),
        section_id=section.section_id,
        section_path=path,
        kind=kind,
        char_start=start,
        char_end=end,
        text=text,
        tokens=count(text),
        page=block.page,
        extra=extra,
    )


def _recursive_chunks(doc: Document, count: CountTokens) -> list[Chunk]:
    """The LangChain tutorial splitter (1000/200 characters), for the baseline preset."""
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200, add_start_index=True)
    out: list[Chunk] = []
    seen: set[str] = set()
    for piece in splitter.create_documents([doc.body]):
        start = int(piece.metadata["start_index"])
        end = start + len(piece.page_content)
        block = next((b for b in doc.blocks if b.end > start), doc.blocks[-1])
        chunk = _make(doc, block, BlockKind.BODY, start, end, piece.page_content, count)
        if chunk.chunk_id not in seen:
            seen.add(chunk.chunk_id)
            out.append(chunk)
    return out
