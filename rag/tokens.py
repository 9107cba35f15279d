"""Token counts with tiktoken cl100k_base (the unit of every size bound in PolicyQA)."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import tiktoken

from rag.offline import seed_tiktoken_cache


@lru_cache(maxsize=1)
def _encoding() -> tiktoken.Encoding:
    # tiktoken would download its BPE file; make sure the bundled copy is in place first.
    cache = os.environ.get("TIKTOKEN_CACHE_DIR")
    if not cache:
        from rag.settings import Settings

        cache = str(Settings().tiktoken_cache_dir)
    seed_tiktoken_cache(Path(cache))
    return tiktoken.get_encoding("cl100k_base")


def count_tokens(text: str) -> int:
    return len(_encoding().encode(text, disallowed_special=()))
