"""Shared request-time helpers: the process-wide PolicyQA and request → core filter conversion."""

from __future__ import annotations

from fastapi import Request

from api.errors import ApiError
from api.schemas import FilterIn
from rag.chain import PolicyQA
from rag.retrieve import Filters
from rag.settings import PRESETS


def get_qa(request: Request) -> PolicyQA:
    qa: PolicyQA | None = getattr(request.app.state, "qa", None)
    if qa is None:
        raise ApiError(503, "starting", "the service is still starting")
    return qa


def to_filters(f: FilterIn) -> Filters:
    return Filters(jurisdictions=list(f.jurisdictions), doc_ids=list(f.doc_ids), language=f.language)


def check_preset(preset: str | None) -> str | None:
    if preset is not None and preset not in PRESETS:
        raise ApiError(
            422, "unknown_preset", f"unknown preset {preset!r}; choose one of {', '.join(sorted(PRESETS))}"
        )
    return preset
