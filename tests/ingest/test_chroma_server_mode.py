"""Server mode: PolicyQA against a real `chroma run` started on a loopback port."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from rag.chain import PolicyQA
from rag.index import StoreUnavailable, release_clients
from rag.settings import Settings
from tests.conftest import free_port, wait_until_ok


def _chroma_bin() -> str:
    exe = Path(sys.executable).parent / "chroma"
    return str(exe) if exe.exists() else (shutil.which("chroma") or "chroma")


def start_chroma(path: Path, port: int) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        [_chroma_bin(), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    if wait_until_ok(f"http://127.0.0.1:{port}/api/v2/heartbeat", 60):
        return proc
    proc.kill()
    raise RuntimeError("chroma server did not start")


class Server:
    def __init__(self, path: Path) -> None:
        self.path, self.port = path, free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = start_chroma(path, self.port)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=20)

    def restart(self) -> None:
        self.stop()
        self.proc = start_chroma(self.path, self.port)


@pytest.fixture()
def chroma_server(tmp_path: Path) -> Iterator[Server]:
    server = Server(tmp_path / "chroma-server")
    yield server
    server.stop()


def test_ingest_and_ask_through_a_chroma_server(
    chroma_server: Server, small_corpus: Path, tmp_path: Path
) -> None:
    settings = Settings(data_dir=tmp_path / "data", corpus_dir=small_corpus, chroma_url=chroma_server.url)
    qa = PolicyQA(settings)
    report = qa.ingest()
    assert report.documents == 3
    answer = qa.ask("What are frontier models evaluated for under the Alpha policy?")
    assert not answer.abstained
    assert answer.citations[0].doc_id == "alpha"
    assert "chemical and biological risks" in answer.answer
    assert not (tmp_path / "data" / "chroma").exists()  # nothing embedded locally
    release_clients()


def test_server_going_away_fails_fast_and_recovers(
    chroma_server: Server, small_corpus: Path, tmp_path: Path
) -> None:
    qa = PolicyQA(Settings(data_dir=tmp_path / "data", corpus_dir=small_corpus, chroma_url=chroma_server.url))
    qa.ingest()
    assert qa.ask("What is Alpha policy about?").contexts
    chroma_server.stop()
    t0 = time.time()
    with pytest.raises(StoreUnavailable):
        qa.ask("Which risks are frontier models evaluated for?")  # a new question: no cached answer
    assert time.time() - t0 < 30
    chroma_server.restart()  # same port, same data: PolicyQA reconnects without a restart
    assert qa.ask("Which risks are frontier models evaluated for?").contexts
    release_clients()
