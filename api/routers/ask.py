"""Questions and retrieval: POST /v1/ask (JSON or Server-Sent Events), POST /v1/search, GET /v1/examples."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import AsyncIterator
from typing import Any

from fastapi import APIRouter, Depends, Request
from sse_starlette import EventSourceResponse, ServerSentEvent
from starlette.concurrency import iterate_in_threadpool, run_in_threadpool

from api.deps import check_preset, get_qa, to_filters
from api.errors import _MAPPED, request_id_of
from api.schemas import ERROR_RESPONSES, AskRequest, Example, ExampleList, SearchRequest, SearchResponse
from rag.answer import Answer
from rag.chain import PolicyQA

router = APIRouter(prefix="/v1", tags=["ask"])
log = logging.getLogger("policyqa.api")

EXAMPLES = [
    Example(lang="ja", question="AIの安全性について日米欧の違いは?"),
    Example(lang="ja", question="ソブリンAIについて日米欧を比較して"),
    Example(lang="ja", question="米国AI行動計画はAI人材についてどのような施策を掲げている?"),
    Example(lang="en", question="How does the US plan to enforce chip export controls?"),
    Example(
        lang="en", question="What does the EU AI Act require of general-purpose AI models with systemic risk?"
    ),
    Example(lang="en", question="What obligations does Japan's AI Promotion Act place on businesses?"),
]


@router.post(
    "/ask",
    response_model=Answer,
    responses={
        **ERROR_RESPONSES,
        200: {
            "content": {
                "text/event-stream": {
                    "example": 'event: contexts\ndata: [...]\n\nevent: delta\ndata: {"text": "…"}\n\n'
                }
            },
            "description": "The answer JSON, or with stream=true Server-Sent Events: `contexts`, `delta`…, "
            "`citations`, `done` (the full answer JSON) — or `error`.",
        },
    },
    summary="Answer a question with cited sources",
)
async def ask(body: AskRequest, request: Request, qa: PolicyQA = Depends(get_qa)) -> Any:
    preset = check_preset(body.preset)
    history = [t.model_dump() for t in body.history]
    filters = to_filters(body.filters)
    if not body.stream:
        return await run_in_threadpool(qa.ask, body.question, history, body.k, filters, preset)
    rid = request_id_of(request)
    chain = qa.chain(preset)
    # Validate before the stream starts, so bad input gets a normal 4xx instead of an error event.
    from rag.chain import validate_question

    validate_question(body.question, history)

    async def events() -> AsyncIterator[ServerSentEvent]:
        started = time.perf_counter()
        try:
            async for kind, value in iterate_in_threadpool(
                chain.stream(body.question, history, body.k, filters)
            ):
                if kind == "delta":
                    yield ServerSentEvent(event="delta", data=json.dumps({"text": value}, ensure_ascii=False))
                elif kind == "done":
                    yield ServerSentEvent(event="done", data=value.model_dump_json())
                else:
                    yield ServerSentEvent(event=kind, data=json.dumps(value, ensure_ascii=False))
        except Exception as exc:  # mid-stream failures become an event, not a dropped connection
            status_code = next((c for t, (s, c) in _MAPPED.items() if isinstance(exc, t)), "internal_error")
            if status_code == "internal_error":
                log.exception("stream failed", extra={"request_id": rid})
            message = str(exc) if status_code != "internal_error" else "internal error; see the server log"
            yield ServerSentEvent(
                event="error",
                data=json.dumps({"error": {"code": status_code, "message": message, "request_id": rid}}),
            )
        finally:
            log.debug("stream finished in %.0f ms", (time.perf_counter() - started) * 1000)

    return EventSourceResponse(events(), ping=15, headers={"X-Request-ID": rid})


@router.post(
    "/search",
    response_model=SearchResponse,
    responses=ERROR_RESPONSES,
    summary="Retrieve ranked contexts without composing an answer",
)
async def search(body: SearchRequest, qa: PolicyQA = Depends(get_qa)) -> SearchResponse:
    preset = check_preset(body.preset)
    t0 = time.perf_counter()
    contexts = await run_in_threadpool(qa.search, body.query, body.k, to_filters(body.filters), preset)
    return SearchResponse(
        query=body.query,
        contexts=contexts,
        timings_ms={"retrieve": round((time.perf_counter() - t0) * 1000, 2)},
    )


@router.get("/examples", response_model=ExampleList, summary="Example questions for the chat page")
async def examples() -> ExampleList:
    return ExampleList(examples=EXAMPLES)


@router.get("/presets", summary="Chain presets usable in `preset`")
async def presets() -> dict[str, Any]:
    from rag.settings import PRESETS

    return {"presets": sorted(PRESETS)}
