"""Request and response models of the HTTP API (limits live here, so OpenAPI documents them)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from rag.answer import Answer, ContextOut

MAX_QUESTION = 2000
MAX_HISTORY = 20


class Turn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    role: Literal["user", "assistant"]
    content: str = Field(..., max_length=8000)


class FilterIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    jurisdictions: list[str] = Field(default_factory=list, max_length=8, examples=[["EU"]])
    doc_ids: list[str] = Field(default_factory=list, max_length=32, examples=[["eu-ai-act-2024-1689"]])
    language: Literal["ja", "en"] | None = None


class AskRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"question": "AIの安全性について日米欧の違いは?"},
                {
                    "question": "How does the US plan to enforce chip export controls?",
                    "k": 10,
                    "stream": False,
                },
                {
                    "question": "What about Japan?",
                    "history": [
                        {"role": "user", "content": "How does the EU regulate general-purpose AI models?"},
                        {"role": "assistant", "content": "…"},
                    ],
                },
            ]
        },
    )
    question: str = Field(
        ..., min_length=1, max_length=MAX_QUESTION, description="The question, Japanese or English."
    )
    history: list[Turn] = Field(
        default_factory=list, max_length=MAX_HISTORY, description="Earlier turns, oldest first."
    )
    k: int = Field(10, ge=1, le=50, description="Contexts to retrieve and return.")
    filters: FilterIn = Field(default_factory=FilterIn)
    preset: str | None = Field(None, max_length=40, description="A chain preset (see GET /v1/presets).")
    stream: bool = Field(False, description="Server-Sent Events: contexts, delta…, citations, done.")


class SearchRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"query": "ソブリンクラウド", "k": 5}]}
    )
    query: str = Field(..., min_length=1, max_length=MAX_QUESTION)
    k: int = Field(10, ge=1, le=50)
    filters: FilterIn = Field(default_factory=FilterIn)
    preset: str | None = Field(None, max_length=40)


class SearchResponse(BaseModel):
    query: str
    contexts: list[ContextOut]
    timings_ms: dict[str, float]


class DocumentOut(BaseModel):
    doc_id: str
    title: str
    short_title: str
    jurisdiction: str
    language: str
    date: str
    source_url: str | None
    chunks: int


class DocumentList(BaseModel):
    documents: list[DocumentOut]


class SectionOut(BaseModel):
    section_id: str
    section: str
    chunks: int
    first_chunk_id: str


class DocumentDetail(DocumentOut):
    sections: list[SectionOut]


class ChunkOut(BaseModel):
    chunk_id: str
    doc_id: str
    title: str
    section: str
    section_id: str
    jurisdiction: str
    language: str
    kind: str
    url: str | None
    text: str
    char_start: int
    char_end: int
    page: int | str | None = None
    tokens: int


class ChunkResponse(BaseModel):
    chunk: ChunkOut
    before: str
    after: str
    previous_chunk_id: str | None
    next_chunk_id: str | None


class IngestRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"rebuild": False}]})
    paths: list[str] = Field(
        default_factory=list,
        max_length=32,
        description="Folders or files inside the server's corpus folder; empty: re-ingest.",
    )
    rebuild: bool = False


class IngestJob(BaseModel):
    job_id: str
    status: Literal["queued", "running", "succeeded", "failed"]
    progress: dict[str, dict[str, int]] = Field(default_factory=dict)
    messages: list[str] = Field(default_factory=list)
    report: dict[str, Any] | None = None
    error: str | None = None
    created: str
    finished: str | None = None


class Example(BaseModel):
    lang: Literal["ja", "en"]
    question: str


class ExampleList(BaseModel):
    examples: list[Example]


class ErrorDetail(BaseModel):
    code: str
    message: str
    request_id: str


class ErrorResponse(BaseModel):
    error: ErrorDetail


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorResponse, "description": desc}
    for code, desc in {
        401: "Missing bearer token",
        403: "Wrong token or writes disabled",
        404: "Not found",
        413: "Request body too large",
        422: "Invalid request",
        429: "Rate limited",
        503: "Index not ready or vector store unavailable",
    }.items()
}

__all__ = ["Answer", "AskRequest"]
