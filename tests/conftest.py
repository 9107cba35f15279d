"""Shared fixtures: real parts only (real embedder, real Chroma, the real shipped corpus).

The full-corpus index is built once per machine under tests/.data/ (git-ignored) and reused: a fresh
checkout pays one cold ingest (about 5 minutes on 2 cores), later runs reuse the embedding cache.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import rag  # noqa: F401  (sets the offline environment before anything else loads)
from rag.chain import PolicyQA
from rag.index import release_clients
from rag.settings import SHIPPED_CORPUS, Settings

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / ".data"


def wait_until_ok(url: str, timeout_s: float) -> bool:
    """Poll ``url`` until it answers 200 or the time is up (servers started by tests)."""
    import httpx

    deadline = time.time() + timeout_s
    while time.time() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return True
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    return False


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def corpus_qa() -> Iterator[PolicyQA]:
    """PolicyQA over the shipped corpus, ingested (incrementally) once per test session."""
    settings = Settings(data_dir=DATA / "full", corpus_dir=SHIPPED_CORPUS)
    qa = PolicyQA(settings)
    qa.ingest()
    yield qa
    release_clients()


@pytest.fixture
def annex_ii_chat() -> list[dict[str, str]]:
    """One earlier turn whose answer ends by naming a part of the AI Act ("… listed in Annex II")."""
    return [
        {"role": "user", "content": "Can police in the EU use live facial recognition in public places?"},
        {
            "role": "assistant",
            "content": "Only in narrow cases. Article 5(1)(h) of the AI Act prohibits it unless strictly "
            "necessary; for example, to locate a person suspected of one of the criminal offences listed in "
            "Annex II.",
        },
    ]


SMALL_DOCS = {
    "alpha.md": """---
title: "Alpha Policy"
jurisdiction: US
language: en
source_url: "https://example.org/alpha"
---
# Alpha Policy

## 1. Scope

Alpha policy covers data centers and electricians. The grid must grow quickly to power new facilities.

## 2. Safety

### (1) Evaluations

Frontier models are evaluated for chemical and biological risks before deployment.
""",
    "beta.md": """---
title: "ベータ方針"
jurisdiction: JP
language: ja
---
# ベータ方針

## 第一条（目的）

この方針は、人工知能の研究開発を推進することを目的とする。

## 第二条（定義）

この方針において「人工知能」とは、推論等の機能を有する技術をいう。
""",
    "gamma.txt": """Gamma Guidelines

Part 1 Definitions
  The guidelines define AI developers, AI providers and AI business users.

Part 2 Principles
A. Basic philosophies
  Human dignity, diversity and sustainability are the basic philosophies.
""",
}


@pytest.fixture()
def small_corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in SMALL_DOCS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture()
def small_settings(tmp_path: Path, small_corpus: Path) -> Iterator[Settings]:
    yield Settings(data_dir=tmp_path / "data", corpus_dir=small_corpus)
    release_clients()


@pytest.fixture(scope="session")
def live_server(corpus_qa: PolicyQA) -> Iterator[str]:
    """A real uvicorn server on a loopback port serving the full-corpus app (token 'test-token')."""
    import uvicorn

    from api.app import create_app

    corpus_qa.settings.api_token = __import__("pydantic").SecretStr("test-token")
    corpus_qa.settings.api.rate_limit = "10000/minute"
    app = create_app(qa=corpus_qa)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    if not wait_until_ok(f"{url}/readyz", 60):
        raise RuntimeError("server did not become ready")
    yield url
    server.should_exit = True
    thread.join(timeout=10)


os.environ.setdefault("POLICYQA_API__RATE_LIMIT", "10000/minute")
