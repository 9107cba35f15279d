"""The ingest: files → documents → chunks → (cached) embeddings → a new index generation → pointer switch."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from ingest.chunker import CHUNKER_VERSION, Chunk, chunk_document
from ingest.document import Document, parts_left_out
from ingest.errors import FileRejected, IngestError
from ingest.loader import discover, load_document
from ingest.sentences import quote_spans
from rag.embeddings import CachedEmbeddings
from rag.index import (
    ChunkStore,
    IndexState,
    chroma_client,
    collection_name,
    collection_prefix,
    family_dir,
    family_name,
    read_pointer,
    remove_generation_dir,
    write_pointer,
)
from rag.keyword import TOKENIZER_VERSION, KeywordIndex, tokenize
from rag.settings import Settings
from rag.tokens import count_tokens

INDEX_FORMAT = (
    12  # bump when parsing, chunking, ids or the on-disk layout change: forces a rebuild (vectors cached)
)


class IngestProgress(Protocol):
    """What the ingest reports while it runs (the CLI draws Rich bars, the API job stores counts)."""

    def stage(self, name: str, total: int) -> None: ...

    def advance(self, name: str, n: int = 1) -> None: ...

    def message(self, text: str) -> None: ...


class SilentProgress:
    def stage(self, name: str, total: int) -> None:
        pass

    def advance(self, name: str, n: int = 1) -> None:
        pass

    def message(self, text: str) -> None:
        pass


@dataclass
class IngestReport:
    documents: int = 0
    chunks: int = 0
    tokens: int = 0
    embedded: int = 0  # chunk vectors computed now (not found in the live index or the cache)
    cached: int = 0  # chunk vectors taken from the live index or the cache
    sentences: int = 0  # quotable sentences embedded for extractive answers (chunking.sentence_vectors)
    sentences_embedded: int = 0  # of those, computed now
    sections: int = 0  # section headings embedded for ranking inside a document or jurisdiction
    sections_embedded: int = 0  # of those, computed now
    reused: int = 0
    added: int = 0
    removed: int = 0
    seconds: float = 0.0
    noop: bool = False
    generation: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    per_document: list[dict[str, Any]] = field(default_factory=list)


def _file_hash(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _fingerprint(settings: Settings, embedder_id: str) -> str:
    """Everything besides the files that changes what the index holds."""
    data = {
        "format": INDEX_FORMAT,
        "chunking": settings.chunking.model_dump(),
        "embedder": embedder_id,
        "tokenizer": TOKENIZER_VERSION,
        "chunker": CHUNKER_VERSION,
    }
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]


def _record(chunk: Chunk) -> dict[str, Any]:
    rec = chunk.metadata()
    rec["text"] = chunk.text
    # The quotable sentences, in the order of their rows in sentence_vectors.npy.
    rec["sentences"] = [list(span) for span in quote_spans(chunk.text, chunk.kind.value)]
    return rec


def _chroma_meta(chunk: Chunk) -> dict[str, Any]:
    meta = chunk.metadata()
    # Chroma filters on equality; one flag per jurisdiction lets the comparative report (tagged
    # "comparative: US, EU, JP") match a filter on any of its three.
    for code in set(re.findall(r"[A-Z]{2}(?:-[A-Z]{2})?", chunk.jurisdiction)):
        meta[f"j_{code}"] = True
    return meta


class Ingestor:
    """Builds the index for ``settings`` with ``embedder``. One ingest at a time per data dir."""

    def __init__(
        self, settings: Settings, embedder: CachedEmbeddings, progress: IngestProgress | None = None
    ):
        self.settings = settings
        self.embedder = embedder
        self.progress = progress or SilentProgress()
        self.fdir = family_dir(settings, embedder.embedder_id)

    def _sources(self, paths: list[Path] | None, add: bool) -> list[Path]:
        current = read_pointer(self.fdir)
        known = [Path(s) for s in current.sources] if current else []
        if paths:
            chosen = [p.resolve() for p in paths]
            return list(dict.fromkeys([*known, *chosen])) if add else chosen
        return known or [self.settings.corpus_dir.resolve()]

    def run(self, paths: list[Path] | None = None, rebuild: bool = False, add: bool = False) -> IngestReport:
        from filelock import FileLock, Timeout

        self.fdir.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(self.fdir / "ingest.lock"))
        try:
            lock.acquire(timeout=0)
        except Timeout as exc:
            raise IngestError("another ingest is running on this index; wait for it to finish") from exc
        try:
            return self._run(self._sources(paths, add), rebuild)
        finally:
            lock.release()

    def _run(self, sources: list[Path], rebuild: bool) -> IngestReport:
        t0 = time.perf_counter()
        report = IngestReport()
        files, skipped = discover(sources)
        report.skipped.extend((str(p), why) for p, why in skipped)
        hashes = {str(f.resolve()): _file_hash(f) for f, _ in files}
        fingerprint = _fingerprint(self.settings, self.embedder.embedder_id)
        current = read_pointer(self.fdir)
        client = chroma_client(self.settings)
        if (
            current
            and not rebuild
            and current.files == hashes
            and current.fingerprint == fingerprint
            and current.sources == [str(s) for s in sources]
            and self._generation_intact(current, client)
        ):
            report.noop = True
            report.documents, report.chunks, report.generation = (
                current.documents,
                current.chunks,
                current.generation,
            )
            report.cached = current.chunks
            report.seconds = time.perf_counter() - t0
            return report

        # 1. parse and chunk every file; a bad file is reported and skipped, never fatal.
        self.progress.stage("files", len(files))
        documents: list[Document] = []
        chunks: list[Chunk] = []
        seen_docs: dict[str, str] = {}
        for path, _root in files:
            try:
                doc = load_document(path)
            except FileRejected as exc:
                report.skipped.append((str(path), str(exc)))
                hashes.pop(str(path.resolve()), None)
                self.progress.message(f"skipped {path}: {exc}")
                self.progress.advance("files")
                continue
            if doc.doc_id in seen_docs:
                report.skipped.append(
                    (str(path), f"same document id {doc.doc_id!r} as {seen_docs[doc.doc_id]}")
                )
                hashes.pop(str(path.resolve()), None)
                self.progress.advance("files")
                continue
            seen_docs[doc.doc_id] = str(path)
            doc_chunks = chunk_document(doc, self.settings.chunking, count_tokens)
            documents.append(doc)
            chunks.extend(doc_chunks)
            report.per_document.append(
                {
                    "doc_id": doc.doc_id,
                    "title": doc.title,
                    "chunks": len(doc_chunks),
                    "tokens": sum(c.tokens for c in doc_chunks),
                }
            )
            self.progress.advance("files")
        if not chunks:
            raise IngestError("nothing to index: every file was skipped (see the messages above)")
        report.documents, report.chunks = len(documents), len(chunks)
        report.tokens = sum(c.tokens for c in chunks)
        self.progress.stage("chunks", len(chunks))
        self.progress.advance("chunks", len(chunks))

        # 2. vectors: reuse the live generation's vectors, then the cache, then embed.
        generation = (current.generation + 1) if current else 1
        name = collection_name(family_name(self.settings, self.embedder.embedder_id), generation)
        self._collect_garbage(client, keep=current.collection if current else None)
        old_vectors: dict[str, Any] = {}
        if current and not rebuild:
            old_vectors = self._vectors_of(
                client, current.collection, {c.chunk_id: c.section_path for c in chunks}
            )
        old_ids = set(self._ids_of(current))
        report.reused = len(old_vectors)
        report.added = len({c.chunk_id for c in chunks} - old_ids)
        report.removed = len(old_ids - {c.chunk_id for c in chunks})
        todo = [c for c in chunks if c.chunk_id not in old_vectors]
        self.progress.stage("embeddings", len(chunks))
        self.progress.advance("embeddings", len(old_vectors))
        hits0, misses0 = self.embedder.hits, self.embedder.misses
        embed_texts = [c.embed_text if self.settings.chunking.contextual_header else c.text for c in todo]
        new_vecs = self.embedder.embed_with_progress(
            embed_texts, lambda n: self.progress.advance("embeddings", n)
        )
        report.embedded = self.embedder.misses - misses0
        report.cached = self.embedder.hits - hits0 + len(old_vectors)
        records = [_record(c) for c in chunks]
        sentence_matrix = None
        if self.settings.chunking.sentence_vectors:
            misses1 = self.embedder.misses
            sentence_matrix = self._sentence_vectors(records)
            report.sentences = len(sentence_matrix)
            report.sentences_embedded = self.embedder.misses - misses1
        misses2 = self.embedder.misses
        section_matrix = self._section_vectors(records)
        report.sections = len(section_matrix)
        report.sections_embedded = self.embedder.misses - misses2

        # 3. write the new generation beside the live one.
        hnsw = {"space": "cosine", "ef_search": self.settings.retrieval.dense_search_ef}
        collection = client.create_collection(name=name, configuration={"hnsw": hnsw})
        vectors = {c.chunk_id: new_vecs[i].tolist() for i, c in enumerate(todo)}
        vectors.update(old_vectors)
        self.progress.stage("writing", len(chunks))
        batch = 256
        for start in range(0, len(chunks), batch):
            part = chunks[start : start + batch]
            collection.add(
                ids=[c.chunk_id for c in part],
                embeddings=[vectors[c.chunk_id] for c in part],
                metadatas=[_chroma_meta(c) for c in part],
                documents=[c.text for c in part],
            )
            self.progress.advance("writing", len(part))
        gdir = self.fdir / f"g{generation:06d}"
        remove_generation_dir(gdir)
        gdir.mkdir(parents=True)
        ChunkStore.write(gdir / "chunks.jsonl", records)
        catalogue = [
            {"doc_id": d.doc_id, "title": d.title, "left_out": parts_left_out(d.metadata)} for d in documents
        ]
        ChunkStore.write(gdir / ChunkStore.DOCUMENTS, catalogue)
        if sentence_matrix is not None:
            ChunkStore.write_matrix(gdir / ChunkStore.SENTENCE_VECTORS, sentence_matrix)
        ChunkStore.write_matrix(gdir / ChunkStore.SECTION_VECTORS, section_matrix)
        KeywordIndex.build(
            [c.chunk_id for c in chunks], [tokenize(f"{c.section_path}\n{c.text}") for c in chunks]
        ).save(gdir / "bm25")
        state = IndexState(
            generation=generation,
            collection=name,
            embedder_id=self.embedder.embedder_id,
            family=family_name(self.settings, self.embedder.embedder_id),
            files=hashes,
            sources=[str(s) for s in sources],
            fingerprint=fingerprint,
            chunks=len(chunks),
            documents=len(documents),
            created=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        )
        (gdir / "manifest.json").write_text(
            json.dumps(state.__dict__, ensure_ascii=False, indent=1), encoding="utf-8"
        )

        # 4. publish, then retire the previous generation.
        write_pointer(self.fdir, state)
        if current:
            self._drop_collection(client, current.collection)
            remove_generation_dir(self.fdir / current.dirname)
        report.generation = generation
        report.seconds = time.perf_counter() - t0
        return report

    # -- helpers --------------------------------------------------------------------------------
    def _sentence_vectors(self, records: list[dict[str, Any]]) -> np.ndarray:
        """One passage vector per quotable sentence, rows in record order (cache first, then embed)."""
        texts = [r["text"][s:e] for r in records for s, e in r["sentences"]]
        return self._passage_matrix("sentence embeddings", texts)

    def _section_vectors(self, records: list[dict[str, Any]]) -> np.ndarray:
        """One passage vector per section heading, rows in the chunk store's section order."""
        return self._passage_matrix("section embeddings", ChunkStore.section_headings(records))

    def _passage_matrix(self, stage: str, texts: list[str]) -> np.ndarray:
        self.progress.stage(stage, len(texts))
        if not texts:
            return np.zeros((0, self.embedder.dim), dtype=np.float32)
        vecs = self.embedder.embed_with_progress(texts, lambda n: self.progress.advance(stage, n))
        return np.asarray(vecs, dtype=np.float32)

    def _ids_of(self, state: IndexState | None) -> list[str]:
        if state is None:
            return []
        path = self.fdir / state.dirname / "chunks.jsonl"
        if not path.exists():
            return []
        return [r["chunk_id"] for r in ChunkStore.read_records(path)]

    def _generation_intact(self, state: IndexState, client: Any) -> bool:
        gdir = self.fdir / state.dirname
        if not (gdir / "chunks.jsonl").exists() or not (gdir / "bm25" / "chunk_ids.json").exists():
            return False
        needed = [ChunkStore.SECTION_VECTORS]
        if self.settings.chunking.sentence_vectors:
            needed.append(ChunkStore.SENTENCE_VECTORS)
        if not all((gdir / name).exists() for name in needed):
            return False
        try:
            ChunkStore.load(gdir / "chunks.jsonl")  # checks the vector rows against the records
        except ValueError:
            return False
        try:
            return int(client.get_collection(state.collection).count()) == state.chunks
        except Exception:
            return False

    @staticmethod
    def _vectors_of(client: Any, collection: str, paths: dict[str, str]) -> dict[str, Any]:
        """Vectors of the live generation for chunks whose id and section path are unchanged: the path
        is embedded with the text, and a renamed document (a new short title) keeps its chunk ids."""
        try:
            col = client.get_collection(collection)
        except Exception:
            return {}
        ids = list(paths)
        out: dict[str, Any] = {}
        for start in range(0, len(ids), 500):
            got = col.get(ids=ids[start : start + 500], include=["embeddings", "metadatas"])
            for cid, emb, meta in zip(got["ids"], got["embeddings"], got["metadatas"], strict=False):
                if (meta or {}).get("section_path") == paths[cid]:
                    out[cid] = list(map(float, emb))
        return out

    def _collect_garbage(self, client: Any, keep: str | None) -> None:
        """Remove what a killed ingest left behind: collections and generation dirs not in the pointer."""
        family = family_name(self.settings, self.embedder.embedder_id)
        # Names before collection_prefix existed were the full name cut at 63 characters.
        prefixes = (collection_prefix(family), f"pq-{family}-g"[:60])
        for col in client.list_collections():
            cname = col if isinstance(col, str) else col.name
            if cname.startswith(prefixes) and cname != keep:
                self._drop_collection(client, cname)
        current = read_pointer(self.fdir)
        for gdir in self.fdir.glob("g[0-9]*"):
            if current is None or gdir.name != current.dirname:
                remove_generation_dir(gdir)

    @staticmethod
    def _drop_collection(client: Any, name: str) -> None:
        with contextlib.suppress(Exception):  # already gone: nothing references it
            client.delete_collection(name)


def ingest(
    settings: Settings,
    embedder: CachedEmbeddings,
    paths: list[Path] | None = None,
    rebuild: bool = False,
    add: bool = False,
    progress: IngestProgress | None = None,
) -> IngestReport:
    return Ingestor(settings, embedder, progress).run(paths, rebuild=rebuild, add=add)
