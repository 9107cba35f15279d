"""What is indexed: GET /v1/documents, /v1/documents/{doc_id}, /v1/chunks/{chunk_id}."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Path

from api.deps import get_qa
from api.errors import ApiError
from api.schemas import (
    ERROR_RESPONSES,
    ChunkOut,
    ChunkResponse,
    DocumentDetail,
    DocumentList,
    DocumentOut,
    SectionOut,
)
from rag.chain import PolicyQA
from rag.index import ChunkStore

router = APIRouter(prefix="/v1", tags=["documents"])


def _store(qa: PolicyQA) -> ChunkStore:
    index = qa.chain().index
    index.require()
    assert index.chunks is not None
    return index.chunks


@router.get(
    "/documents", response_model=DocumentList, responses=ERROR_RESPONSES, summary="List indexed documents"
)
def documents(qa: PolicyQA = Depends(get_qa)) -> DocumentList:
    return DocumentList(documents=[DocumentOut(**d) for d in _store(qa).documents()])


@router.get(
    "/documents/{doc_id}",
    response_model=DocumentDetail,
    responses=ERROR_RESPONSES,
    summary="One document's metadata and section outline",
)
def document(doc_id: str = Path(..., max_length=200), qa: PolicyQA = Depends(get_qa)) -> DocumentDetail:
    store = _store(qa)
    meta = next((d for d in store.documents() if d["doc_id"] == doc_id), None)
    if meta is None:
        raise ApiError(404, "unknown_document", f"no document {doc_id!r}; see GET /v1/documents")
    sections: dict[str, SectionOut] = {}
    for r in store.records:
        if r["doc_id"] != doc_id:
            continue
        sec = sections.get(r["section_id"])
        if sec is None:
            sections[r["section_id"]] = SectionOut(
                section_id=r["section_id"], section=r["section_path"], chunks=1, first_chunk_id=r["chunk_id"]
            )
        else:
            sec.chunks += 1
    return DocumentDetail(**meta, sections=list(sections.values()))


def chunk_out(r: dict) -> ChunkOut:
    return ChunkOut(
        chunk_id=r["chunk_id"],
        doc_id=r["doc_id"],
        title=r["title"],
        section=r["section_path"],
        section_id=r["section_id"],
        jurisdiction=r["jurisdiction"],
        language=r["language"],
        kind=r["kind"],
        url=r.get("source_url") or None,
        text=r["text"],
        char_start=r["char_start"],
        char_end=r["char_end"],
        page=r.get("page"),
        tokens=r["tokens"],
    )


@router.get(
    "/chunks/{chunk_id:path}",
    response_model=ChunkResponse,
    responses=ERROR_RESPONSES,
    summary="A chunk with the text around it, to show a citation in context",
)
def chunk(chunk_id: str = Path(..., max_length=500), qa: PolicyQA = Depends(get_qa)) -> ChunkResponse:
    store = _store(qa)
    rec = store.get(chunk_id)
    if rec is None:
        raise ApiError(404, "unknown_chunk", f"no chunk {chunk_id!r} in the current index")
    before, after = store.neighbours(chunk_id)
    return ChunkResponse(
        chunk=chunk_out(rec),
        before="\n\n".join(r["text"] for r in before),
        after="\n\n".join(r["text"] for r in after),
        previous_chunk_id=before[-1]["chunk_id"] if before else None,
        next_chunk_id=after[0]["chunk_id"] if after else None,
    )
