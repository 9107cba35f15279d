"""Section ids, paths and block kinds of the shipped corpus documents people cite by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.chunker import chunk_document
from ingest.document import BlockKind
from ingest.loader import load_document
from ingest.markdown import parse_markdown
from rag.settings import SHIPPED_CORPUS, ChunkingSettings
from rag.tokens import count_tokens

REPORT = SHIPPED_CORPUS / "report" / "iise-no8-ai-policy-comparison-2025.md"
SOURCES = SHIPPED_CORPUS / "sources"


@pytest.fixture(scope="module")
def report():  # type: ignore[no-untyped-def]
    return load_document(REPORT)


def _sections(doc) -> dict[str, tuple[str, ...]]:  # type: ignore[no-untyped-def]
    return {b.section.section_id: b.section.path for b in doc.blocks}


def test_report_headings_become_numbered_section_ids(report) -> None:  # type: ignore[no-untyped-def]
    secs = _sections(report)
    assert "1.1" in secs and "2.3" in secs
    workers = [sid for sid in secs if sid.startswith("1.2-(3)/")]
    assert workers
    assert secs[workers[0]][:3] == (
        "1. 米国 AI 行動計画",
        "1.2 米国 AI 行動計画の主な内容",
        "(3) 米国労働者ファースト",
    )


def test_report_comparison_table_rows_carry_their_headers(report) -> None:  # type: ignore[no-untyped-def]
    rows = [b for b in report.blocks if b.kind is BlockKind.TABLE_ROW]
    assert len(rows) == 6
    safety = next(r for r in rows if r.text.startswith("安全性の確保"))
    assert "米国(米国 AI 行動計画):" in safety.text and "EU(AI Continent Action Plan、AI 法):" in safety.text
    assert "日本[^27]:" in safety.text
    assert all(r.section.section_id == "図表2" for r in rows)


def test_report_footnotes_keep_url_and_where_they_are_referenced(report) -> None:  # type: ignore[no-untyped-def]
    notes = {b.extra["label"]: b for b in report.blocks if b.kind is BlockKind.FOOTNOTE}
    assert len(notes) == 27
    assert (
        "https://www.whitehouse.gov/wp-content/uploads/2025/07/Americas-AI-Action-Plan.pdf" in notes["1"].text
    )
    assert notes["1"].extra["referenced_in"] == "1.1"
    assert notes["17"].section.section_id == "fn-17"


def test_eu_ai_act_articles_recitals_annexes() -> None:
    doc = load_document(SOURCES / "eu-ai-act-2024-1689.md")
    secs = _sections(doc)
    assert secs["article-51"][-1].startswith("Article 51 — Classification of general-purpose AI models")
    assert secs["article-51"][0].startswith("CHAPTER V")
    assert secs["recital-111"][-1] == "Recital (111)"
    assert "annex-iii" in secs
    assert doc.short_title == "EU AI Act"


def test_japanese_statute_articles_use_kanji_numbers() -> None:
    doc = load_document(SOURCES / "jp-ai-promotion-act-2025.md")
    secs = _sections(doc)
    assert secs["第十九条"][-1].startswith("第十九条")
    assert secs["第十九条"][0].startswith("第四章")


def test_action_plan_pillar_sections_and_pages() -> None:
    doc = load_document(SOURCES / "us-ai-action-plan-2025.md")
    secs = _sections(doc)
    assert "pillar-ii/train-a-skilled-workforce-for-ai-infrastructure" in secs
    assert "pillar-iii/strengthen-ai-compute-export-control-enforcement/recommended-policy-actions" in secs
    assert any(isinstance(b.page, int) and b.page > 1 for b in doc.blocks)


def test_plain_text_guidelines_recover_numbered_sections() -> None:
    doc = load_document(SOURCES / "jp-ai-guidelines-for-business-v1.1-en.txt")
    ids = {b.section.section_id for b in doc.blocks}
    assert "part-2/c" in ids and "part-2/c/2" in ids  # C. Common Guiding Principles › 2) Safety
    assert "part-1" in ids


@pytest.mark.parametrize(
    "path", sorted([*SOURCES.glob("*.md"), *SOURCES.glob("*.txt"), REPORT]), ids=lambda p: p.name
)
def test_chunks_are_verbatim_bounded_and_stay_in_one_section(path: Path) -> None:
    if path.name == "MANIFEST.md":
        pytest.skip("documentation, not a corpus document")
    doc = load_document(path)
    cfg = ChunkingSettings()
    chunks = chunk_document(doc, cfg, count_tokens)
    assert chunks
    for c in chunks:
        assert c.tokens <= cfg.max_tokens, (c.chunk_id, c.tokens)
        if c.kind is not BlockKind.TABLE_ROW:
            assert doc.body[c.char_start : c.char_end] == c.text
        # a chunk's span lies inside blocks of its one section
        inside = [b for b in doc.blocks if b.start < c.char_end and b.end > c.char_start]
        assert {b.section.section_id for b in inside} == {c.section_id}
    assert len({c.chunk_id for c in chunks}) == len(chunks)


@pytest.mark.parametrize("path", sorted([*SOURCES.glob("*.md"), REPORT]), ids=lambda p: p.name)
def test_no_paragraph_of_a_shipped_document_is_lost(path: Path) -> None:
    """Every line of text reaches some block: a paragraph holding an inline page marker
    ("… must use <!-- p. 16 --> alternative …") used to vanish from the index with its marker."""
    if path.name == "MANIFEST.md":
        pytest.skip("documentation, not a corpus document")
    doc = load_document(path)
    covered = bytearray(len(doc.body))
    for b in doc.blocks:
        covered[b.start : b.end] = b"\x01" * (b.end - b.start)
    pos = 0
    lost = []
    for line in doc.body.splitlines(keepends=True):
        text = line.strip()
        structural = not text or text.startswith(("#", "<!--", "|"))  # headings, markers, table header rows
        if not structural and not any(covered[pos : pos + len(line.rstrip())]):
            lost.append(text[:80])
        pos += len(line)
    assert not lost, lost


def test_inline_page_marker_keeps_its_paragraph_and_sets_the_next_page() -> None:
    doc = load_document(SOURCES / "omb-m-25-21.md")
    body = doc.body
    at = body.index("Agencies must develop pre-deployment testing")
    block = next(b for b in doc.blocks if b.start <= at < b.end)
    assert "<!--" not in block.text and "alternative test methodologies" in " ".join(block.text.split())
    assert block.page == 15  # the item starts on p. 15; its marker starts p. 16 inside it
    body = "<!-- p. 15 -->\nFirst.\n\nAgencies must use <!-- p. 16 --> other methods.\n\nNext.\n"
    text, blocks = parse_markdown(body)
    assert [(b.text, b.page) for b in blocks] == [
        ("First.", 15),
        ("Agencies must use " + " " * len("<!-- p. 16 -->") + " other methods.", 15),
        ("Next.", 16),
    ]
    assert len(text) == len(body)


def test_link_targets_are_not_text_and_do_not_cut_sentences() -> None:
    doc = load_document(SOURCES / "wh-article-omb-ai-policies-2025-04-07.md")
    chunks = chunk_document(doc, ChunkingSettings(), count_tokens)
    texts = " ".join(c.text for c in chunks)
    assert "list-manage.com" not in texts and "](" not in texts
    # The link text stays, where it was: offsets still point into the file.
    block = next(b for b in doc.blocks if "decisive Executive Order" in b.text)
    assert doc.body[block.start : block.end] == block.text
    assert " ".join(block.text.split()).startswith("WASHINGTON D.C — Today, the White House Office")
    body = "See [the memo](https://example.gov/m?u=1&id=2) and [^4].\n"
    text, blocks = parse_markdown(body)
    assert len(text) == len(body)
    assert " ".join(blocks[0].text.split()) == "See the memo and [^4]."


def test_a_sections_first_chunk_starts_with_its_heading() -> None:
    """People quote headings ("Article 13 (Ensuring Appropriateness)", a law's title): the first
    chunk of a section carries its heading line, which is never offered as an answer quote."""
    from ingest.sentences import quote_spans

    cfg = ChunkingSettings()
    doc = load_document(SOURCES / "jp-ai-promotion-act-2025-en.md")
    chunks = chunk_document(doc, cfg, count_tokens)
    art13 = [c for c in chunks if "Article 13" in c.section_path]
    assert art13[0].text.startswith("### Article 13 (Ensuring Appropriateness)")
    assert all(not c.text.startswith("#") for c in art13[1:])
    assert not any(art13[0].text[s:e].startswith("#") for s, e in quote_spans(art13[0].text, "body"))
    ja = load_document(SOURCES / "jp-ai-promotion-act-2025.md")
    front = chunk_document(ja, cfg, count_tokens)[0]
    assert "人工知能関連技術の研究開発及び活用の推進に関する法律" in front.text
    assert ja.body[front.char_start : front.char_end] == front.text


def test_an_over_long_quoted_paragraph_is_cut_where_its_sentences_end(report) -> None:  # type: ignore[no-untyped-def]
    """The report quotes the Action Plan a paragraph at a time inside one 「…」, which the sentence
    splitter keeps as one sentence; when that is over the chunk bound it is cut after one of the quoted
    sentences, so no chunk (and no quote an answer takes from it) starts in the middle of a word."""
    chunks = chunk_document(report, ChunkingSettings(), count_tokens)
    quoted = [c for c in chunks if "フロンティア AI システムの国家安全保障リスクを評価する」と" in c.text]
    assert quoted
    for c in chunks:
        before = report.body[: c.char_start].rstrip(" ")
        assert not before or before[-1] in "\n。」』）)", (c.section_path, c.text[:40])
