"""Liveness and readiness."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="The process is up")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz", summary="The index is loaded and the embedder is warm")
def readyz(request: Request) -> Any:
    qa = getattr(request.app.state, "qa", None)
    if qa is None or not getattr(request.app.state, "warm", False):
        return JSONResponse({"status": "starting"}, status_code=503)
    if not qa.ready():
        return JSONResponse({"status": "no_index", "hint": "run `policyqa ingest`"}, status_code=503)
    state = qa.chain().index.state
    return {
        "status": "ready",
        "generation": state.generation,
        "chunks": state.chunks,
        "documents": state.documents,
        "embedder": qa.embedder.embedder_id,
    }
