"""Find corpus files and turn each into a `Document` (front matter → metadata, body → blocks)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from ingest.document import Document, content_hash, detect_language, doc_id_for, short_title_of
from ingest.errors import FileRejected, IngestError
from ingest.html import html_to_markdown
from ingest.markdown import parse_markdown
from ingest.pdf import pdf_to_text
from ingest.plaintext import first_line_title, parse_plaintext

SUFFIXES = {".md", ".markdown", ".txt", ".html", ".htm", ".pdf"}
# Documentation that travels with a corpus folder but is not part of it.
EXCLUDED_NAMES = {"MANIFEST.md", "README.md", "GLOSSARY_SOURCES.md"}
MAX_FILE_BYTES = 50 * 1024 * 1024
_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_H1 = re.compile(r"^#\s+(.+)$", re.M)


def discover(paths: list[Path]) -> tuple[list[tuple[Path, Path]], list[tuple[Path, str]]]:
    """(files to ingest as (file, root) pairs, skipped files with reasons). Never leaves a root."""
    found: list[tuple[Path, Path]] = []
    skipped: list[tuple[Path, str]] = []
    for given in paths:
        if not given.exists():
            raise IngestError(f"path does not exist: {given}")
        root = given.resolve() if given.is_dir() else given.resolve().parent
        candidates: Iterator[Path] = iter(sorted(given.rglob("*"))) if given.is_dir() else iter([given])
        for f in candidates:
            if f.is_dir() or f.suffix.lower() not in SUFFIXES or f.name in EXCLUDED_NAMES:
                continue
            if any(part.startswith(".") for part in f.relative_to(given).parts if given.is_dir()):
                continue
            real = f.resolve()
            if not real.is_relative_to(root):
                skipped.append((f, "symbolic link pointing outside the folder"))
                continue
            found.append((f, root))
    if not found and not skipped:
        raise IngestError(f"no Markdown, text, HTML or PDF files found in: {', '.join(map(str, paths))}")
    return found, skipped


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list):
        return ", ".join(str(_plain(v)) for v in value)
    if isinstance(value, dict):
        return str(value)
    return value


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    m = _FRONT.match(text)
    if not m:
        return {}, text
    try:
        meta = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError as exc:
        raise FileRejected(f"front matter is not valid YAML: {str(exc).splitlines()[0]}") from exc
    if not isinstance(meta, dict):
        raise FileRejected("front matter is not a YAML mapping")
    return {str(k): _plain(v) for k, v in meta.items()}, text[m.end() :]


def read_text(path: Path) -> str:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise FileRejected(f"file is {size / 1e6:.0f} MB, over the {MAX_FILE_BYTES // 1_000_000} MB cap")
    raw = path.read_bytes()
    if b"\x00" in raw[:8192]:
        raise FileRejected("binary file (NUL bytes), not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileRejected(f"not valid UTF-8 (byte {exc.start}); convert the file to UTF-8") from exc


def load_document(path: Path) -> Document:
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        if path.stat().st_size > MAX_FILE_BYTES:
            raise FileRejected("PDF over the size cap")
        if not path.read_bytes()[:1024].lstrip().startswith(b"%PDF"):
            raise FileRejected("not a PDF (no %PDF header)")
        meta: dict[str, Any] = {}
        body = pdf_to_text(path)
        raw_hash_source = body
    else:
        text = read_text(path)
        raw_hash_source = text
        meta, body = split_front_matter(text)
        if suffix in (".html", ".htm"):
            body, html_title = html_to_markdown(body)
            if html_title and "title" not in meta:
                meta["title"] = html_title
    if not body.strip():
        raise FileRejected("empty document")
    if suffix == ".txt":
        blocks = parse_plaintext(body)
    else:
        body, blocks = parse_markdown(body)
    if not blocks:
        raise FileRejected("no text found")
    title = str(meta.get("title") or "").strip()
    if not title:
        m = _H1.search(body)
        title = m.group(1).strip() if m else (first_line_title(body) if suffix == ".txt" else "") or path.stem
    language = str(meta.get("language") or detect_language(body))
    meta.setdefault("jurisdiction", "")
    return Document(
        doc_id=str(meta.get("doc_id") or doc_id_for(path.name)),
        source_path=str(path),
        title=title,
        short_title=short_title_of(title, meta),
        language=language,
        body=body,
        metadata=meta,
        blocks=blocks,
        content_hash=content_hash(raw_hash_source),
    )
