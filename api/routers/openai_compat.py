"""OpenAI-compatible chat: POST /v1/chat/completions (streaming and not) and GET /v1/models.

Any OpenAI client (the openai SDK, Open WebUI, …) can use PolicyQA as a model. The last user message is
the question, earlier user/assistant messages are the history; citations become Markdown footnotes.
"""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import AsyncIterator
from typing import Any, Literal

from fastapi import APIRouter, Depends
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import iterate_in_threadpool, run_in_threadpool

from api.deps import get_qa
from api.errors import ApiError
from api.schemas import ERROR_RESPONSES, MAX_HISTORY, MAX_QUESTION
from rag.answer import Answer
from rag.chain import PolicyQA
from rag.settings import PRESETS

router = APIRouter(prefix="/v1", tags=["openai-compatible"])
MODEL_PREFIX = "policyqa"


class ContentPart(BaseModel):
    model_config = ConfigDict(extra="allow")
    type: str = "text"
    text: str | None = None


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="allow")
    role: Literal["system", "user", "assistant", "developer", "tool"]
    content: str | list[ContentPart] | None = Field(None)

    def text(self) -> str:
        if isinstance(self.content, list):
            return "".join(p.text or "" for p in self.content if p.type == "text")
        return self.content or ""


class ChatRequest(BaseModel):
    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "model": "policyqa",
                    "messages": [{"role": "user", "content": "ソブリンAIについて日米欧を比較して"}],
                }
            ]
        },
    )
    model: str = Field(MODEL_PREFIX, max_length=80)
    messages: list[ChatMessage] = Field(..., min_length=1, max_length=MAX_HISTORY + 2)
    stream: bool = False


def _preset_of(model: str) -> str | None:
    if model in (MODEL_PREFIX, "", f"{MODEL_PREFIX}-default"):
        return None
    name = model.removeprefix(f"{MODEL_PREFIX}-")
    if name not in PRESETS:
        raise ApiError(404, "unknown_model", f"unknown model {model!r}; see GET /v1/models")
    return name


def _split(messages: list[ChatMessage]) -> tuple[str, list[dict[str, str]]]:
    turns = [m for m in messages if m.role in ("user", "assistant")]
    if not turns or turns[-1].role != "user":
        raise ApiError(422, "invalid_request", "the last message must be a user message")
    question = turns[-1].text()
    if not question.strip() or len(question) > MAX_QUESTION:
        raise ApiError(422, "invalid_question", f"the question must be 1–{MAX_QUESTION} characters")
    history = [{"role": m.role, "content": m.text()} for m in turns[:-1]][-MAX_HISTORY:]
    return question, history


_MARKER = re.compile(r"\[(\d+)\]")


def with_footnotes(answer: Answer) -> str:
    """The answer with [n] turned into Markdown footnotes that name title, section and quote."""
    text = _MARKER.sub(lambda m: f"[^{m.group(1)}]", answer.answer)
    notes = []
    for c in answer.citations:
        url = f" <{c.url}>" if c.url else ""
        quote = c.quote if len(c.quote) <= 300 else c.quote[:297] + "…"
        notes.append(f"[^{c.n}]: {c.section} — “{quote}”{url}")
    return text + ("\n\n" + "\n".join(notes) if notes else "")


@router.get("/models", summary="Models (one per chain preset)")
async def models() -> dict[str, Any]:
    names = [MODEL_PREFIX] + [f"{MODEL_PREFIX}-{p}" for p in sorted(PRESETS) if p != "default"]
    return {
        "object": "list",
        "data": [{"id": n, "object": "model", "created": 0, "owned_by": "policyqa"} for n in names],
    }


@router.post("/chat/completions", responses=ERROR_RESPONSES, summary="OpenAI-compatible chat completion")
async def chat_completions(body: ChatRequest, qa: PolicyQA = Depends(get_qa)) -> Any:
    preset = _preset_of(body.model)
    question, history = _split(body.messages)
    cid = f"chatcmpl-{uuid.uuid4().hex[:24]}"
    created = int(time.time())
    model = body.model or MODEL_PREFIX
    if not body.stream:
        answer = await run_in_threadpool(qa.ask, question, history, None, None, preset)
        content = with_footnotes(answer)
        return {
            "id": cid,
            "object": "chat.completion",
            "created": created,
            "model": model,
            "choices": [
                {"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}
            ],
            "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
            "policyqa": answer.model_dump(),
        }

    from rag.chain import validate_question

    validate_question(question, history)
    chain = qa.chain(preset)

    def chunk(delta: dict[str, Any], finish: str | None = None) -> str:
        payload = {
            "id": cid,
            "object": "chat.completion.chunk",
            "created": created,
            "model": model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
        }
        return f"data: {json.dumps(payload, ensure_ascii=False)}\n\n"

    async def events() -> AsyncIterator[str]:
        yield chunk({"role": "assistant", "content": ""})
        try:
            async for kind, value in iterate_in_threadpool(chain.stream(question, history)):
                if kind == "delta":
                    yield chunk({"content": _MARKER.sub(lambda m: f"[^{m.group(1)}]", value)})
                elif kind == "done":
                    notes = with_footnotes(value)[
                        len(_MARKER.sub(lambda m: f"[^{m.group(1)}]", value.answer)) :
                    ]
                    if notes:
                        yield chunk({"content": notes})
        except Exception as exc:  # OpenAI streams carry errors as a data line too
            yield f"data: {json.dumps({'error': {'message': str(exc), 'type': type(exc).__name__}})}\n\n"
        yield chunk({}, "stop")
        yield "data: [DONE]\n\n"

    return StreamingResponse(events(), media_type="text/event-stream")
