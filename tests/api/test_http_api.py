"""The HTTP API against a real uvicorn server on a loopback port (httpx as the client)."""

from __future__ import annotations

import json
import time
from typing import Any

import httpx
import pytest

TOKEN = {"Authorization": "Bearer test-token"}


def sse_events(response: httpx.Response) -> list[tuple[str, Any]]:
    events: list[tuple[str, Any]] = []
    event, data = "message", []
    for line in response.iter_lines():
        if line.startswith(":"):
            continue
        if not line:
            if data:
                events.append((event, json.loads("\n".join(data))))
            event, data = "message", []
        elif line.startswith("event:"):
            event = line[6:].strip()
        elif line.startswith("data:"):
            data.append(line[5:].lstrip())
    return events


def assert_error_shape(r: httpx.Response, status: int, code: str | None = None) -> None:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"} and {"code", "message", "request_id"} <= set(body["error"])
    assert body["error"]["request_id"] == r.headers["x-request-id"]
    if code:
        assert body["error"]["code"] == code


def test_ask_returns_the_answer_contract(live_server: str) -> None:
    r = httpx.post(
        f"{live_server}/v1/ask",
        json={"question": "How does the US plan to enforce chip export controls?"},
        timeout=60,
    )
    assert r.status_code == 200
    a = r.json()
    for key in ("question", "language", "answer", "abstained", "citations", "contexts", "timings_ms"):
        assert key in a
    assert a["language"] == "en" and len(a["contexts"]) >= 10 and a["citations"]
    assert r.headers["x-request-id"]


def test_ask_streams_contexts_deltas_citations_done(live_server: str) -> None:
    body = {"question": "ソブリンAIについて日米欧を比較して", "stream": True}
    with httpx.stream("POST", f"{live_server}/v1/ask", json=body, timeout=60) as r:
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
        events = sse_events(r)
    kinds = [k for k, _ in events]
    assert kinds[0] == "contexts" and kinds[-1] == "done" and "citations" in kinds and "delta" in kinds
    text = "".join(v["text"] for k, v in events if k == "delta")
    done = events[-1][1]
    assert text.strip() == done["answer"].strip()
    assert done["comparison"] and done["language"] == "ja"


def test_search_and_documents_and_chunks(live_server: str) -> None:
    r = httpx.post(f"{live_server}/v1/search", json={"query": "ソブリンクラウド", "k": 5}, timeout=30)
    assert r.status_code == 200 and len(r.json()["contexts"]) == 5
    docs = httpx.get(f"{live_server}/v1/documents").json()["documents"]
    assert {"eu-ai-act-2024-1689", "iise-no8-ai-policy-comparison-2025"} <= {d["doc_id"] for d in docs}
    detail = httpx.get(f"{live_server}/v1/documents/eu-ai-act-2024-1689").json()
    assert any(s["section_id"] == "article-51" for s in detail["sections"])
    chunk_id = r.json()["contexts"][0]["chunk_id"]
    c = httpx.get(f"{live_server}/v1/chunks/{chunk_id}").json()
    assert c["chunk"]["chunk_id"] == chunk_id and (c["before"] or c["after"])
    assert_error_shape(httpx.get(f"{live_server}/v1/documents/nope"), 404, "unknown_document")
    assert_error_shape(httpx.get(f"{live_server}/v1/chunks/nope:x:y"), 404)


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"question": ""}, "invalid_request"),
        ({"question": "x" * 2001}, "invalid_request"),
        ({"question": "ok", "k": 51}, "invalid_request"),
        ({"question": "ok", "history": [{"role": "user", "content": "a"}] * 21}, "invalid_request"),
        ({"question": "ok", "unknown": 1}, "invalid_request"),
        ({"question": "ok", "filters": {"doc_ids": ["no-such-doc"]}}, "unknown_filter"),
        ({"question": "ok", "preset": "nope"}, "unknown_preset"),
    ],
)
def test_bad_requests_get_one_error_shape(live_server: str, body: dict[str, Any], code: str) -> None:
    assert_error_shape(httpx.post(f"{live_server}/v1/ask", json=body, timeout=30), 422, code)


def test_malformed_json_and_oversized_bodies(live_server: str) -> None:
    r = httpx.post(
        f"{live_server}/v1/ask", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert_error_shape(r, 422)
    big = json.dumps({"question": "a", "history": [{"role": "user", "content": "x" * 7000}] * 15})
    r = httpx.post(
        f"{live_server}/v1/ask", content=big.encode(), headers={"content-type": "application/json"}
    )
    assert_error_shape(r, 413, "payload_too_large")


def test_write_endpoints_need_the_token(live_server: str) -> None:
    assert_error_shape(httpx.post(f"{live_server}/v1/ingest", json={}), 401, "unauthorized")
    assert_error_shape(
        httpx.post(f"{live_server}/v1/ingest", json={}, headers={"Authorization": "Bearer wrong"}),
        403,
        "forbidden",
    )
    r = httpx.post(f"{live_server}/v1/ingest", json={"paths": ["/etc"]}, headers=TOKEN)
    assert_error_shape(r, 422, "path_outside_corpus")


def test_ingest_job_runs_in_the_background(live_server: str) -> None:
    r = httpx.post(f"{live_server}/v1/ingest", json={}, headers=TOKEN, timeout=30)
    assert r.status_code in (202, 409)
    job_id = r.json()["job_id"]
    deadline = time.time() + 600
    while time.time() < deadline:
        job = httpx.get(f"{live_server}/v1/ingest/{job_id}", headers=TOKEN).json()
        if job["status"] in ("succeeded", "failed"):
            break
        time.sleep(0.5)
    assert job["status"] == "succeeded", job
    assert job["report"]["documents"] >= 15
    assert_error_shape(httpx.get(f"{live_server}/v1/ingest/unknown", headers=TOKEN), 404)


def test_health_openapi_and_chat_page(live_server: str) -> None:
    assert httpx.get(f"{live_server}/healthz").json() == {"status": "ok"}
    assert httpx.get(f"{live_server}/readyz").json()["status"] == "ready"
    spec = httpx.get(f"{live_server}/openapi.json").json()
    for path in (
        "/v1/ask",
        "/v1/search",
        "/v1/documents",
        "/v1/chunks/{chunk_id}",
        "/v1/ingest",
        "/v1/chat/completions",
        "/v1/models",
        "/healthz",
        "/readyz",
    ):
        assert path in spec["paths"], path
    page = httpx.get(f"{live_server}/")
    assert page.status_code == 200 and "PolicyQA" in page.text
