"""The FastAPI application: routers composed in one place, the core loaded once at startup."""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles

from api.errors import install_error_handlers
from api.jobs import IngestJobs
from api.middleware import RequestContextMiddleware
from api.ratelimit import RateLimitMiddleware
from api.routers import ask, documents, health, ingest, openai_compat
from rag.chain import PolicyQA
from rag.settings import Settings

STATIC = Path(__file__).resolve().parent / "static"
DESCRIPTION = """Cited, cross-lingual answers about US, EU and Japanese AI policy, from the IISE report
「米国 AI 行動計画と日米欧 AI 政策比較」 and the primary sources it cites.

Every answer claim carries `[n]` markers that resolve to a document, a section and an exact quote.
Errors always have the shape `{"error": {"code", "message", "request_id"}}`. Write endpoints need
`Authorization: Bearer <POLICYQA_API_TOKEN>`."""


def create_app(settings: Settings | None = None, qa: PolicyQA | None = None) -> FastAPI:
    settings = settings or (qa.settings if qa else Settings())

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        core = qa or PolicyQA(settings)
        app.state.qa = core
        app.state.jobs = IngestJobs(core)

        def warm() -> None:
            # Load the index and run the embedder once so the first user does not pay for it.
            try:
                core.warm_up()
            except Exception:
                logging.getLogger("policyqa.api").exception("warm-up failed")
            app.state.warm = True

        threading.Thread(target=warm, name="warm-up", daemon=True).start()
        yield

    app = FastAPI(title="PolicyQA", version="0.1.0", description=DESCRIPTION, lifespan=lifespan)
    app.state.settings = settings
    app.state.warm = False
    install_error_handlers(app)

    app.add_middleware(RateLimitMiddleware, limit=settings.api.rate_limit)
    if settings.api.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.api.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type", "X-Request-ID"],
        )
    app.add_middleware(RequestContextMiddleware, max_body_bytes=settings.api.max_body_bytes)

    for r in (health.router, ask.router, documents.router, ingest.router, openai_compat.router):
        app.include_router(r)
    # Last: the chat page and its assets at "/" (html=True serves index.html for "/").
    app.mount("/", StaticFiles(directory=STATIC, html=True), name="chat")
    return app
