"""Write endpoints (bearer token): POST /v1/ingest starts a background ingest; GET reports progress."""

from __future__ import annotations

from pathlib import Path as FsPath

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import JSONResponse

from api.auth import require_token
from api.errors import ApiError
from api.schemas import ERROR_RESPONSES, IngestJob, IngestRequest

router = APIRouter(prefix="/v1/ingest", tags=["ingest"])


def _allowed(request: Request, raw: str) -> FsPath:
    """Only paths inside the configured corpus folder: the API must not become a file reader."""
    root = request.app.state.settings.corpus_dir.resolve()
    p = FsPath(raw)
    path = (root / p).resolve() if not p.is_absolute() else p.resolve()
    if not path.is_relative_to(root):
        raise ApiError(422, "path_outside_corpus", f"{raw!r} is outside the corpus folder {root}")
    if not path.exists():
        raise ApiError(422, "path_not_found", f"{raw!r} does not exist")
    return path


@router.post(
    "",
    status_code=202,
    response_model=IngestJob,
    responses=ERROR_RESPONSES,
    dependencies=[Depends(require_token)],
    summary="Start an ingest in the background",
)
def start_ingest(body: IngestRequest, request: Request) -> JSONResponse:
    paths = [_allowed(request, p) for p in body.paths]
    job = request.app.state.jobs.start(paths, body.rebuild)
    status = 409 if job.get("already_running") else 202
    payload = IngestJob(**{k: v for k, v in job.items() if k != "already_running"}).model_dump()
    return JSONResponse(payload, status_code=status, headers={"Location": f"/v1/ingest/{job['job_id']}"})


@router.get(
    "/{job_id}",
    response_model=IngestJob,
    responses=ERROR_RESPONSES,
    dependencies=[Depends(require_token)],
    summary="Progress and result of an ingest job",
)
def ingest_status(request: Request, job_id: str = Path(..., max_length=64)) -> IngestJob:
    job = request.app.state.jobs.get(job_id)
    if job is None:
        raise ApiError(404, "unknown_job", f"no ingest job {job_id!r}")
    return IngestJob(**job)
