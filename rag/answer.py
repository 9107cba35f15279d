"""The answer JSON contract (DESIGN.md §3) as typed models shared by the CLI, the API and the harness."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field


class Citation(BaseModel):
    n: int = Field(..., description="The [n] marker used in the answer text.")
    chunk_id: str
    doc_id: str
    title: str
    section: str = Field(..., description="Section path: 'title › heading › …'.")
    section_id: str
    jurisdiction: str = ""
    url: str | None = None
    quote: str = Field(..., description="Exact substring of the cited chunk that supports the claim.")

    @classmethod
    def of(cls, n: int, record: dict[str, Any], quote: str) -> Citation:
        """A citation of chunk ``record`` (chunk-store metadata) with an exact ``quote`` from it."""
        return cls(
            n=n,
            chunk_id=record["chunk_id"],
            doc_id=record["doc_id"],
            title=record["title"],
            section=record["section_path"],
            section_id=record["section_id"],
            jurisdiction=record["jurisdiction"],
            url=record.get("source_url") or None,
            quote=quote,
        )


class ContextOut(BaseModel):
    rank: int
    chunk_id: str
    doc_id: str
    title: str
    section: str
    section_id: str
    jurisdiction: str = ""
    language: str = ""
    kind: str = "body"
    url: str | None = None
    text: str
    score: float


class ComparisonPoint(BaseModel):
    text: str
    citations: list[int] = Field(default_factory=list)


class ComparisonBlock(BaseModel):
    jurisdiction: str
    label: str = ""
    points: list[ComparisonPoint] = Field(default_factory=list)


class Timings(BaseModel):
    retrieve: float = 0.0
    generate: float = 0.0
    total: float = 0.0


class Answer(BaseModel):
    question: str
    language: Literal["ja", "en"]
    answer: str = Field(..., description="Markdown; every claim carries [n] markers.")
    abstained: bool = False
    citations: list[Citation] = Field(default_factory=list)
    contexts: list[ContextOut] = Field(default_factory=list)
    comparison: list[ComparisonBlock] | None = None
    timings_ms: Timings = Field(default_factory=Timings)
    standalone_question: str | None = Field(
        None, description="The follow-up question rewritten to stand alone (present when history was used)."
    )
    generator: str = "extractive"
    preset: str = "default"
