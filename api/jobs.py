"""Background ingest jobs for POST /v1/ingest: one at a time, progress kept in memory."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
import uuid
from pathlib import Path
from typing import Any

from rag.chain import PolicyQA


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class JobProgress:
    """Receives the ingest's progress callbacks and keeps counts for GET /v1/ingest/{job_id}."""

    def __init__(self, job: dict[str, Any]) -> None:
        self.job = job

    def stage(self, name: str, total: int) -> None:
        self.job["progress"][name] = {"done": 0, "total": total}

    def advance(self, name: str, n: int = 1) -> None:
        stage = self.job["progress"].setdefault(name, {"done": 0, "total": 0})
        stage["done"] += n

    def message(self, text: str) -> None:
        self.job["messages"].append(text[:500])


class IngestJobs:
    def __init__(self, qa: PolicyQA) -> None:
        self.qa = qa
        self.jobs: dict[str, dict[str, Any]] = {}
        self._lock = threading.Lock()
        self._running: str | None = None

    def start(self, paths: list[Path], rebuild: bool) -> dict[str, Any]:
        with self._lock:
            if self._running is not None:
                return self.jobs[self._running] | {"already_running": True}
            job_id = uuid.uuid4().hex[:12]
            job: dict[str, Any] = {
                "job_id": job_id,
                "status": "queued",
                "progress": {},
                "messages": [],
                "report": None,
                "error": None,
                "created": _now(),
                "finished": None,
            }
            self.jobs[job_id] = job
            self._running = job_id
        threading.Thread(
            target=self._run, args=(job, paths, rebuild), name=f"ingest-{job_id}", daemon=True
        ).start()
        return job

    def _run(self, job: dict[str, Any], paths: list[Path], rebuild: bool) -> None:
        job["status"] = "running"
        try:
            report = self.qa.ingest(paths or None, rebuild=rebuild, progress=JobProgress(job))
            job["report"] = dataclasses.asdict(report)
            job["status"] = "succeeded"
        except Exception as exc:  # the job reports its failure; the live index is untouched
            job["error"] = f"{type(exc).__name__}: {exc}"
            job["status"] = "failed"
        finally:
            job["finished"] = _now()
            with self._lock:
                self._running = None

    def get(self, job_id: str) -> dict[str, Any] | None:
        return self.jobs.get(job_id)
