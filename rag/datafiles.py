"""The data files that ship inside the `rag` package (rag/data/), or a replacement a caller names."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def read_data_file(name: str, path: Path | None = None) -> str:
    """Text of ``path`` when given, else of the packaged ``rag/data/<name>`` (works from a wheel too)."""
    if path is not None:
        return path.read_text(encoding="utf-8")
    return (resources.files("rag") / "data" / name).read_text(encoding="utf-8")
