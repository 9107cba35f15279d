"""Build rag/data/embedding_seed.npz: the vectors of every text the ingest embeds for the shipped corpus.

Run after changing the corpus, the chunker or the sentence splitter (tests/rag/test_embedding_seed.py
fails when the seed no longer covers the shipped corpus). It ingests the shipped corpus into a
temporary data dir with the seed switched off, so every vector is computed by the embedder itself.

    .venv/bin/python scripts/build_embedding_seed.py [--data-dir DIR]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rag.chain import PolicyQA
from rag.embeddings import SHIPPED_SEED, CachedEmbeddings, EmbeddingSeed
from rag.index import release_clients
from rag.settings import Settings


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data-dir", type=Path, help="reuse this data dir (and its embedding cache)")
    ap.add_argument("--out", type=Path, default=SHIPPED_SEED)
    args = ap.parse_args()
    data = args.data_dir or Path(tempfile.mkdtemp(prefix="policyqa-seed-"))
    qa = PolicyQA(Settings(data_dir=data, embedding_seed=False))
    # Record exactly what the ingest asks the embedder for (chunk texts with their contextual header,
    # then every quotable sentence); a rebuild sends every text through it.
    asked: list[str] = []
    embed = qa.embedder.embed_with_progress

    def recording(texts: list[str], progress: Any = None) -> np.ndarray:
        asked.extend(texts)
        return embed(texts, progress)

    qa.embedder.embed_with_progress = recording  # type: ignore[method-assign]
    qa.ingest(rebuild=True)
    texts = list(dict.fromkeys(asked))
    found = qa.embedder.lookup(texts)
    missing = [t for i, t in enumerate(texts) if i not in found]
    if missing:
        raise SystemExit(f"{len(missing)} texts have no cached vector; ingest did not embed them?")
    hashes = [CachedEmbeddings._key(t) for t in texts]
    vectors = np.stack([found[i] for i in range(len(texts))])
    EmbeddingSeed.write(args.out, qa.embedder.embedder_id, hashes, vectors)
    release_clients()
    print(f"{len(texts)} vectors → {args.out} ({args.out.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
