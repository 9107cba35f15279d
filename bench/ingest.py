"""Ingest benchmark: cold ingest of the shipped corpus into a fresh data dir, then a no-op re-ingest.

Usage: .venv/bin/python bench/ingest.py [--keep DIR] [--no-seed]
Prints documents, chunks, tokens, cold seconds, no-op seconds and embeddings per second.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rag.chain import PolicyQA
from rag.index import release_clients
from rag.settings import Settings


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--keep", type=Path, help="use (and keep) this data dir instead of a temporary one")
    ap.add_argument(
        "--no-seed",
        action="store_true",
        help="compute every vector (ignore the shipped embedding seed): the cost for a corpus of your own",
    )
    args = ap.parse_args()
    data = args.keep or Path(tempfile.mkdtemp(prefix="policyqa-bench-"))
    qa = PolicyQA(Settings(data_dir=data, embedding_seed=not args.no_seed))
    t0 = time.perf_counter()
    cold = qa.ingest()
    cold_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    noop = qa.ingest()
    noop_s = time.perf_counter() - t0
    release_clients()
    print(f"machine            {os.cpu_count()} CPU cores; seed {'off' if args.no_seed else 'on'}")
    print(f"documents          {cold.documents}")
    print(f"chunks             {cold.chunks}")
    print(f"tokens             {cold.tokens}")
    print(
        f"embedded (cold)    {cold.embedded} chunks + {cold.sentences_embedded} sentences"
        f" + {cold.sections_embedded} headings"
    )
    print(f"cold ingest        {cold_s:.1f} s")
    print(f"no-op re-ingest    {noop_s:.2f} s (noop={noop.noop}, embedded={noop.embedded})")
    embedded = cold.embedded + cold.sentences_embedded + cold.sections_embedded
    print(f"embeddings/s       {embedded / cold_s:.2f}")


if __name__ == "__main__":
    main()
