"""Property tests: parsers and chunker never raise on arbitrary input, never exceed their token bound,
and a chunk's text is always the verbatim slice of the body it points to."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.chunker import chunk_document
from ingest.document import BlockKind, Document, content_hash
from ingest.markdown import parse_markdown
from ingest.plaintext import parse_plaintext
from rag.settings import ChunkingSettings
from rag.tokens import count_tokens

LINES = st.one_of(
    st.text(max_size=200),
    st.sampled_from(
        [
            "# Title",
            "## 1. 概要",
            "### (2) 項目",
            "#### Article 5 — Prohibited",
            "| a | b |",
            "| --- | --- |",
            "| 安全性 | 米国: x<br>y |",
            "|",
            "- item",
            "  - 入れ子",
            "[^1]: https://x.y",
            "text[^1] more",
            "<!-- p. 3 -->",
            "agencies must use <!-- p. 16 --> alternative methods",
            "(12) Recital text.",
            "## Recitals",
            "第一条（目的）",
            "",
            "Part 2 Principles",
            "A. Basic philosophies",
            "3) Fairness",
            "。。。",
            "x" * 3000,
        ]
    ),
)
BODIES = st.lists(LINES, max_size=40).map("\n".join)
CFG = ChunkingSettings(max_tokens=120, target_tokens=80)


def _doc(body: str, blocks: list) -> Document:  # type: ignore[type-arg]
    return Document("d", "d.md", "T", "T", "en", body, {}, blocks, content_hash(body))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(BODIES)
def test_markdown_chunks_are_bounded_and_verbatim(body: str) -> None:
    text, blocks = parse_markdown(body)
    # Only inline page markers are blanked, so offsets still point into the source. A marker on a line
    # of its own stays (no block holds that line), and a stray "<!--" that never closes is text.
    assert len(text) == len(body) and "<!-- p. 16 -->" not in text
    body = text
    for b in blocks:
        if b.kind is not BlockKind.TABLE_ROW:
            assert body[b.start : b.end] == b.text
    for c in chunk_document(_doc(body, blocks), CFG, count_tokens):
        assert c.tokens <= CFG.max_tokens
        if c.kind is not BlockKind.TABLE_ROW:
            assert body[c.char_start : c.char_end] == c.text


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(BODIES)
def test_plaintext_chunks_are_bounded_and_verbatim(body: str) -> None:
    blocks = parse_plaintext(body)
    for c in chunk_document(_doc(body, blocks), CFG, count_tokens):
        assert c.tokens <= CFG.max_tokens
        assert body[c.char_start : c.char_end] == c.text
