"""What a file's front matter says of the document (ingest/document.py)."""

from __future__ import annotations

from ingest.document import parts_left_out
from ingest.loader import load_document
from rag.settings import SHIPPED_CORPUS

SOURCES = SHIPPED_CORPUS / "sources"


def test_the_parts_a_shipped_copy_leaves_out_are_read_from_its_front_matter() -> None:
    code = load_document(SOURCES / "eu-gpai-code-of-practice-safety-security-2025.md")
    assert parts_left_out(code.metadata) == ["Transparency chapter", "Copyright chapter"]
    guidelines = load_document(SOURCES / "jp-ai-guidelines-for-business-v1.1-en.txt")
    assert parts_left_out(guidelines.metadata)[:2] == [
        "separate Appendix volume (別添)",
        "Japanese original text",
    ]
    # A complete text, and a scraped page whose navigation was cleaned away: nothing is missing.
    assert parts_left_out(load_document(SOURCES / "eu-ai-act-2024-1689.md").metadata) == []
    page = load_document(SOURCES / "wh-article-ai-action-plan-unveiled-2025-07-23.md")
    assert "not included" in page.metadata["completeness"]
    assert parts_left_out(page.metadata) == []


def test_both_shapes_of_a_left_out_list() -> None:
    def parts(text: str) -> list[str]:
        return parts_left_out({"completeness": text})

    assert parts("partial. NOT included: Annex IV (tables, forms), the summary, and any later version.") == [
        "Annex IV (tables, forms)",
        "summary",
        "later version",
    ]
    assert parts("Full text. Chapters II, III and IV of the Act are not included.") == [
        "Chapter II",
        "Chapter III",
        "Chapter IV",
    ]
    assert parts("Annex IV is not included.") == ["Annex IV"]
    assert parts("") == []
