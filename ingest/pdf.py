"""PDF → text in a sandboxed child process with a time limit and a memory cap."""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

from ingest.errors import FileRejected

PDF_TIMEOUT_S = 60
PDF_MEMORY_BYTES = 1024 * 1024 * 1024
PDF_MAX_OUTPUT = 20 * 1024 * 1024


def _limit_child() -> None:
    # Malformed or "bomb" PDFs can make a parser allocate without bound; cap the child, not us.
    resource.setrlimit(resource.RLIMIT_AS, (PDF_MEMORY_BYTES, PDF_MEMORY_BYTES))


def pdf_to_text(path: Path) -> str:
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "ingest.pdf_worker", str(path)],
            capture_output=True,
            timeout=PDF_TIMEOUT_S,
            preexec_fn=_limit_child,
            cwd=str(Path(__file__).resolve().parent.parent),
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise FileRejected(f"PDF parsing took longer than {PDF_TIMEOUT_S}s") from exc
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise FileRejected(f"PDF could not be parsed: {err[-1] if err else 'exit ' + str(proc.returncode)}")
    if len(proc.stdout) > PDF_MAX_OUTPUT:
        raise FileRejected("PDF text larger than the 20 MB cap")
    return proc.stdout.decode("utf-8", "replace")
