"""The index on disk: generations of (Chroma collection + BM25 + chunk store) behind one atomic pointer.

Layout under ``data_dir/index/<family>/``::

    CURRENT.json        the pointer: which generation is live (replaced atomically with os.replace)
    g000007/chunks.jsonl  every chunk's metadata and verbatim text, in document order
    g000007/documents.jsonl  one line a document: its id, title and the parts its copy leaves out
    g000007/bm25/         the keyword index, rows aligned with chunk ids
    g000007/manifest.json files and hashes this generation was built from

Vectors live in the Chroma collection named in the pointer (``pq-<family>-g000007``). An ingest builds
a complete new generation next to the live one and only then moves the pointer, so a reader (or a
killed ingest) only ever sees a whole generation. See docs/ingest.md.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import shutil
import threading
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from rag.analysis import squash
from rag.definitions import Definition, defined_terms
from rag.keyword import KeywordIndex, tokenize
from rag.section_refs import section_heading
from rag.settings import Settings

_CODE = re.compile(r"[A-Z]{2}(?:-[A-Z]{2})?")  # a jurisdiction code inside "comparative: US, EU, JP"

POINTER = "CURRENT.json"


class IndexNotFound(RuntimeError):
    """No index has been built for this configuration yet."""


class StoreUnavailable(RuntimeError):
    """The vector store cannot be reached or opened."""


class DataDirBusy(RuntimeError):
    """Another process holds the embedded Chroma store."""


@dataclass
class IndexState:
    generation: int
    collection: str
    embedder_id: str
    family: str
    files: dict[str, str] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    fingerprint: str = ""
    chunks: int = 0
    documents: int = 0
    created: str = ""

    @property
    def dirname(self) -> str:
        return f"g{self.generation:06d}"


def family_name(settings: Settings, embedder_id: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", f"{settings.corpus_name}-{embedder_id}".lower()).strip("-")[:48]
    if settings.chunking.splitter != "sections":
        slug += f"-{settings.chunking.splitter}"
    return slug


MAX_COLLECTION_NAME = 63  # Chroma's limit


def collection_prefix(family: str) -> str:
    """What every collection of an index family starts with, generation number excluded. A family name
    too long to leave room for the generation is shortened and made unique by a hash, so that no two
    generations share a name (truncating the whole name would cut the generation number off)."""
    stem = f"pq-{family}"
    if len(stem) + len("-g000000") > MAX_COLLECTION_NAME:
        stem = f"pq-{family[:34]}-{hashlib.sha1(family.encode()).hexdigest()[:8]}"
    return f"{stem}-g"


def collection_name(family: str, generation: int) -> str:
    return f"{collection_prefix(family)}{generation:06d}"


def family_dir(settings: Settings, embedder_id: str) -> Path:
    return settings.data_dir / "index" / family_name(settings, embedder_id)


def read_pointer(fdir: Path) -> IndexState | None:
    p = fdir / POINTER
    if not p.exists():
        return None
    data = json.loads(p.read_text(encoding="utf-8"))
    return IndexState(**data)


def write_pointer(fdir: Path, state: IndexState) -> None:
    tmp = fdir / f".{POINTER}.tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(asdict(state), f, ensure_ascii=False, indent=1)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, fdir / POINTER)  # the single atomic step that publishes a generation
    dir_fd = os.open(fdir, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


# --- Chroma -------------------------------------------------------------------------------------
_CLIENTS: dict[str, Any] = {}
_CLIENTS_LOCK = threading.Lock()
_PROCESS_LOCKS: dict[str, Any] = {}


def chroma_client(settings: Settings) -> Any:
    """One client per location per process. Embedded mode takes an exclusive lock on the data dir,
    because two processes opening the same embedded store can hang or corrupt it."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    key = settings.chroma_url or str(settings.data_dir.resolve() / "chroma")
    with _CLIENTS_LOCK:
        if key in _CLIENTS:
            return _CLIENTS[key]
        if settings.chroma_url:
            from urllib.parse import urlparse

            u = urlparse(
                settings.chroma_url if "://" in settings.chroma_url else f"http://{settings.chroma_url}"
            )
            try:
                client = chromadb.HttpClient(
                    host=u.hostname or "localhost",
                    port=u.port or (443 if u.scheme == "https" else 8000),
                    ssl=u.scheme == "https",
                    settings=chroma_settings,
                )
                client.heartbeat()
            except Exception as exc:
                raise StoreUnavailable(
                    f"cannot reach the Chroma server at {settings.chroma_url}: {exc}"
                ) from exc
        else:
            from filelock import FileLock, Timeout

            path = Path(key)
            path.mkdir(parents=True, exist_ok=True)
            lock = FileLock(str(path.parent / "chroma.lock"))
            try:
                lock.acquire(timeout=0)
            except Timeout as exc:
                raise DataDirBusy(
                    f"another PolicyQA process is using the embedded index in {path.parent}. Stop it, use "
                    "another POLICYQA_DATA_DIR, or run a shared server (`chroma run`) and set "
                    "POLICYQA_CHROMA_URL."
                ) from exc
            _PROCESS_LOCKS[key] = lock
            client = chromadb.PersistentClient(path=str(path), settings=chroma_settings)
        _CLIENTS[key] = client
        return client


def release_clients() -> None:
    """Forget clients and release the data-dir lock (tests, and processes that reopen with new settings)."""
    with _CLIENTS_LOCK:
        _CLIENTS.clear()
        for lock in _PROCESS_LOCKS.values():
            lock.release()
        _PROCESS_LOCKS.clear()


def heading_text(section_path: str) -> str:
    """What a section's heading vector embeds: its path below the document's title ("CHAPTER IV — … ›
    Article 50 — Transparency obligations …"); the title itself for a document's untitled opening.
    The title is left out because within a document it says nothing, and across documents the chunk
    vectors already carry it."""
    parts = section_path.split(" › ")
    return " › ".join(parts[1:]) or parts[0]


# --- chunk store --------------------------------------------------------------------------------
class ChunkStore:
    """All chunks of one generation in memory: the corpus is small, and lookups must be instant."""

    SENTENCE_VECTORS = "sentence_vectors.npy"
    SECTION_VECTORS = "section_vectors.npy"
    DOCUMENTS = "documents.jsonl"

    def __init__(
        self,
        records: list[dict[str, Any]],
        sentence_vectors: np.ndarray | None = None,
        section_vectors: np.ndarray | None = None,
        documents: list[dict[str, Any]] | None = None,
    ) -> None:
        self.records = records
        # The parts of each document its copy leaves out, as its front matter names them.
        self.left_out: dict[str, list[str]] = {
            d["doc_id"]: list(d.get("left_out") or ()) for d in documents or ()
        }
        self.by_id = {r["chunk_id"]: r for r in records}
        self.position = {r["chunk_id"]: i for i, r in enumerate(records)}
        self._doc_values: dict[str, np.ndarray] = {}
        self._headed: dict[str, frozenset[str]] = {}
        self.doc_language = {r["doc_id"]: r["language"] for r in records}
        self.doc_title = {r["doc_id"]: r["title"] for r in records}
        # Rows of the sentence matrix per chunk: its stored sentences, in order.
        self._sentence_rows: dict[str, tuple[int, int]] = {}
        self._sentence_matrix = sentence_vectors
        if sentence_vectors is not None:
            row = 0
            for r in records:
                n = len(r.get("sentences") or ())
                self._sentence_rows[r["chunk_id"]] = (row, row + n)
                row += n
            if row != len(sentence_vectors):
                raise ValueError(f"{row} stored sentences but {len(sentence_vectors)} sentence vectors")
        # The chunks that have sentences and the first row of each: a chunk's closest sentence to a
        # vector is then one reduceat over the similarities.
        with_sentences = [i for i, r in enumerate(records) if r.get("sentences")]
        self._sentence_chunks = np.array(with_sentences, dtype=np.int64)
        self._sentence_starts = np.array(
            [self._sentence_rows[records[i]["chunk_id"]][0] for i in with_sentences]
            if sentence_vectors is not None
            else [],
            dtype=np.int64,
        )
        # One heading vector per section, rows in order of first appearance (see _sections).
        section_row = {key: i for i, key in enumerate(self._sections(records))}
        self.section_of = np.array(
            [section_row[(r["doc_id"], r["section_id"])] for r in records], dtype=np.int64
        )
        if section_vectors is not None and len(section_vectors) != len(section_row):
            raise ValueError(f"{len(section_row)} sections but {len(section_vectors)} section vectors")
        self.section_matrix = section_vectors

    @staticmethod
    def read_records(path: Path) -> list[dict[str, Any]]:
        with open(path, encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]

    @classmethod
    def load(cls, path: Path) -> ChunkStore:
        records = cls.read_records(path)
        documents = path.parent / cls.DOCUMENTS
        return cls(
            records,
            cls._read_matrix(path.parent / cls.SENTENCE_VECTORS),
            cls._read_matrix(path.parent / cls.SECTION_VECTORS),
            cls.read_records(documents) if documents.exists() else None,
        )

    @staticmethod
    def _read_matrix(path: Path) -> np.ndarray | None:
        if not path.exists():
            return None
        try:
            return np.load(path)
        except (OSError, ValueError, EOFError) as exc:
            raise ValueError(f"unreadable {path.name}: {exc}") from exc

    @staticmethod
    def _sections(records: list[dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
        """Each section's (document and section id) first record, in order of first appearance: the rows
        of the section matrix."""
        first: dict[tuple[str, str], dict[str, Any]] = {}
        for r in records:
            first.setdefault((r["doc_id"], r["section_id"]), r)
        return first

    @staticmethod
    def section_headings(records: list[dict[str, Any]]) -> list[str]:
        """What each section's vector embeds, one per row of the section matrix."""
        return [heading_text(r["section_path"]) for r in ChunkStore._sections(records).values()]

    @functools.cached_property
    def section_tokens(self) -> list[frozenset[str]]:
        """Each section heading's keyword tokens, in section-vector row order."""
        return [frozenset(tokenize(h)) for h in self.section_headings(self.records)]

    @staticmethod
    def write_matrix(path: Path, matrix: np.ndarray) -> None:
        with open(path, "wb") as f:
            np.save(f, matrix.astype(np.float32))
            f.flush()
            os.fsync(f.fileno())

    @functools.cached_property
    def normalised_text(self) -> str:
        """Every chunk's text and heading path, NFKC-casefolded without whitespace: for 'does the corpus
        spell this name anywhere' checks."""
        return "\n".join(squash(f"{r['section_path']} {r['text']}") for r in self.records)

    def closest_sentence_similarity(self, vector: np.ndarray) -> np.ndarray | None:
        """Per chunk, in store order, the similarity of its closest stored sentence to ``vector`` (-1
        for a chunk without sentences); None when the index has no sentence vectors."""
        if self._sentence_matrix is None or not len(self._sentence_starts):
            return None
        similarities = self._sentence_matrix @ vector
        out = np.full(len(self.records), -1.0, dtype=np.float32)
        out[self._sentence_chunks] = np.maximum.reduceat(similarities, self._sentence_starts)
        return out

    def sentence_vectors(self, chunk_id: str) -> np.ndarray | None:
        """One row per stored sentence of the chunk (``record["sentences"]``), or None without vectors."""
        rows = self._sentence_rows.get(chunk_id)
        if rows is None or self._sentence_matrix is None:
            return None
        return self._sentence_matrix[rows[0] : rows[1]]

    @staticmethod
    def write(path: Path, records: list[dict[str, Any]]) -> None:
        with open(path, "w", encoding="utf-8") as f:
            for r in records:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
            f.flush()
            os.fsync(f.fileno())

    def get(self, chunk_id: str) -> dict[str, Any] | None:
        return self.by_id.get(chunk_id)

    @functools.cached_property
    def _reading_order(self) -> tuple[dict[str, list[dict[str, Any]]], dict[str, int]]:
        """Each document's chunks by offset, footnotes left out, and each chunk's place in that order:
        sorted once per generation, as retrieval and composition look up a chunk's next one per question."""
        by_doc: dict[str, list[dict[str, Any]]] = {}
        for r in self.records:
            if r["kind"] != "footnote":
                by_doc.setdefault(r["doc_id"], []).append(r)
        place: dict[str, int] = {}
        for same in by_doc.values():
            same.sort(key=lambda r: (r["char_start"], r["char_end"]))
            place.update((r["chunk_id"], i) for i, r in enumerate(same))
        return by_doc, place

    def neighbours(self, chunk_id: str, before: int = 1, after: int = 1) -> tuple[list[dict], list[dict]]:
        """Chunks just before/after in the same document (by offset), for showing a citation in context."""
        rec = self.by_id[chunk_id]
        by_doc, place = self._reading_order
        if chunk_id not in place:
            return [], []
        same, i = by_doc[rec["doc_id"]], place[chunk_id]
        return same[max(0, i - before) : i], same[i + 1 : i + 1 + after]

    @functools.cached_property
    def _first_chunks(self) -> dict[str, str]:
        first: dict[str, dict[str, Any]] = {}
        for r in self.records:
            if r["doc_id"] not in first or r["char_start"] < first[r["doc_id"]]["char_start"]:
                first[r["doc_id"]] = r
        return {d: r["chunk_id"] for d, r in first.items()}

    def first_chunk(self, doc_id: str) -> str | None:
        """The chunk a document opens with (its title page or cover), or None for a document not held."""
        return self._first_chunks.get(doc_id)

    @functools.cached_property
    def jurisdiction_codes(self) -> frozenset[str]:
        """Every jurisdiction code the chunks carry ("US", "EU", "JP", "US-NY")."""
        return frozenset(c for r in self.records for c in _CODE.findall(r["jurisdiction"]))

    @functools.cached_property
    def definitions(self) -> dict[str, list[Definition]]:
        """The terms the chunks define ("'AI Office' means …"), by ``rag.definitions.term_key``."""
        return defined_terms(self.records)

    def headed(self, pattern: re.Pattern[str]) -> frozenset[str]:
        """The chunks whose own section heading matches ``pattern`` (a definitions section), read once
        per pattern and generation."""
        key = f"heading:{pattern.pattern}"
        if key not in self._headed:
            self._headed[key] = frozenset(
                r["chunk_id"] for r in self.records if pattern.search(section_heading(r["section_path"]))
            )
        return self._headed[key]

    def ids_mask(self, chunk_ids: Iterable[str]) -> np.ndarray:
        """1/0 per chunk (store order): 1 for the given chunks."""
        only = np.zeros(len(self.records), dtype=np.float32)
        only[[self.position[c] for c in chunk_ids if c in self.position]] = 1.0
        return only

    def mask(self, field_name: str, allowed: set[str]) -> np.ndarray:
        """1/0 per chunk (store order) for a metadata filter; jurisdiction matches codes inside the field."""
        key = f"{field_name}:{','.join(sorted(allowed))}"
        if key not in self._doc_values:
            vals = np.zeros(len(self.records), dtype=np.float32)
            for i, r in enumerate(self.records):
                value = str(r.get(field_name, ""))
                if field_name == "jurisdiction":
                    codes = set(_CODE.findall(value))
                    ok = bool(codes & allowed)
                else:
                    ok = value in allowed
                vals[i] = 1.0 if ok else 0.0
            self._doc_values[key] = vals
        return self._doc_values[key]

    def documents(self) -> list[dict[str, Any]]:
        docs: dict[str, dict[str, Any]] = {}
        for r in self.records:
            d = docs.setdefault(
                r["doc_id"],
                {
                    "doc_id": r["doc_id"],
                    "title": r["title"],
                    "short_title": r.get("short_title", r["title"]),
                    "jurisdiction": r["jurisdiction"],
                    "language": r["language"],
                    "date": r.get("date", ""),
                    "source_url": r.get("source_url") or None,
                    "chunks": 0,
                },
            )
            d["chunks"] += 1
        return list(docs.values())


# --- the live index -----------------------------------------------------------------------------
class LiveIndex:
    """What queries read: the pointer's generation, loaded once and swapped when the pointer moves."""

    def __init__(self, settings: Settings, embedder_id: str) -> None:
        self.settings = settings
        self.embedder_id = embedder_id
        self.fdir = family_dir(settings, embedder_id)
        self._lock = threading.Lock()
        self.state: IndexState | None = None
        self.chunks: ChunkStore | None = None
        self.keyword: KeywordIndex | None = None
        self._collection: Any = None

    def refresh(self) -> bool:
        """Load the pointer's generation if it changed since the last call. True when ready."""
        state = read_pointer(self.fdir)
        if state is None:
            return False
        if state.embedder_id != self.embedder_id:
            raise IndexNotFound(
                f"the index in {self.fdir} was built with {state.embedder_id}, not {self.embedder_id}; "
                "re-ingest"
            )
        with self._lock:
            if self.state and self.state.generation == state.generation:
                return True
            gdir = self.fdir / state.dirname
            try:
                chunks = ChunkStore.load(gdir / "chunks.jsonl")
            except ValueError as exc:
                raise IndexNotFound(
                    f"generation {state.dirname} is inconsistent ({exc}); run `policyqa ingest`"
                ) from exc
            keyword = KeywordIndex.load(gdir / "bm25")
            if keyword.chunk_ids != [r["chunk_id"] for r in chunks.records]:
                raise IndexNotFound(f"generation {state.dirname} is inconsistent; run `policyqa ingest`")
            self.state, self.chunks, self.keyword, self._collection = state, chunks, keyword, None
            return True

    def require(self) -> None:
        if not self.refresh():
            raise IndexNotFound("no index yet: run `policyqa ingest` first")

    def collection(self) -> Any:
        self.require()
        assert self.state is not None
        if self._collection is None:
            try:
                self._collection = chroma_client(self.settings).get_collection(self.state.collection)
            except (DataDirBusy, StoreUnavailable):
                raise
            except Exception as exc:
                raise StoreUnavailable(
                    f"vector collection {self.state.collection} unavailable: {exc}"
                ) from exc
        return self._collection

    def dense_search(
        self, vector: list[float], k: int, where: dict[str, Any] | None = None
    ) -> list[tuple[str, float]]:
        col = self.collection()
        try:
            res = col.query(
                query_embeddings=[vector], n_results=k, where=where or None, include=["distances"]
            )
        except Exception as exc:
            self._collection = None  # reconnect next time: the server may have restarted
            raise StoreUnavailable(f"vector search failed: {exc}") from exc
        ids = res["ids"][0]
        dists = res["distances"][0] if res.get("distances") else [0.0] * len(ids)
        return [(i, 1.0 - float(d)) for i, d in zip(ids, dists, strict=False)]


def remove_generation_dir(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
