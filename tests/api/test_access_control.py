"""Access rules: rate limits per client, same-origin CORS by default, the token never logged."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
import uvicorn

from api.app import create_app
from rag.chain import PolicyQA
from tests.conftest import free_port


@pytest.fixture()
def limited_server(corpus_qa: PolicyQA) -> Iterator[str]:
    settings = corpus_qa.settings.model_copy(deep=True)
    settings.api.rate_limit = "3/minute"
    app = create_app(settings=settings, qa=corpus_qa)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            httpx.get(f"{url}/healthz", timeout=1)
            break
        except httpx.HTTPError:
            time.sleep(0.1)
    yield url
    server.should_exit = True
    thread.join(timeout=10)


def test_rate_limit_answers_429_in_the_error_shape(limited_server: str) -> None:
    codes = [httpx.get(f"{limited_server}/v1/documents").status_code for _ in range(5)]
    assert codes[:2] == [200, 200] and codes[-1] == 429
    r = httpx.get(f"{limited_server}/v1/documents")
    assert r.json()["error"]["code"] == "rate_limited"


def test_cors_is_same_origin_by_default(live_server: str) -> None:
    r = httpx.options(
        f"{live_server}/v1/ask",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in r.headers
    r = httpx.get(f"{live_server}/v1/documents", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in r.headers


def test_token_never_appears_in_logs(live_server: str, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        httpx.get(f"{live_server}/v1/ingest/nope", headers={"Authorization": "Bearer test-token"})
        httpx.get(f"{live_server}/v1/ingest/nope", headers={"Authorization": "Bearer wrong-token-123"})
    assert "policyqa.access" in {r.name for r in caplog.records}
    assert "test-token" not in caplog.text and "wrong-token-123" not in caplog.text
