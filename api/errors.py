"""One JSON error shape for every 4xx/5xx: {"error": {"code", "message", "request_id"}}."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from rag.chain import InvalidQuestion
from rag.embeddings import EmbedderError
from rag.index import DataDirBusy, IndexNotFound, StoreUnavailable
from rag.retrieve import UnknownFilter


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers


def request_id_of(request: Request) -> str:
    return str(getattr(request.state, "request_id", "") or "")


def error_body(code: str, message: str, request_id: str, details: Any = None) -> dict[str, Any]:
    err: dict[str, Any] = {"code": code, "message": message, "request_id": request_id}
    if details is not None:
        err["details"] = details
    return {"error": err}


def _response(
    request: Request,
    status: int,
    code: str,
    message: str,
    details: Any = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    rid = request_id_of(request)
    hdrs = {"X-Request-ID": rid, **(headers or {})}
    return JSONResponse(error_body(code, message, rid, details), status_code=status, headers=hdrs)


# status, code for the exceptions the core raises
_MAPPED: dict[type[Exception], tuple[int, str]] = {
    InvalidQuestion: (422, "invalid_question"),
    UnknownFilter: (422, "unknown_filter"),
    IndexNotFound: (503, "index_not_ready"),
    StoreUnavailable: (503, "store_unavailable"),
    DataDirBusy: (503, "data_dir_busy"),
    EmbedderError: (503, "embedder_unavailable"),
}


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api(request: Request, exc: ApiError) -> JSONResponse:
        return _response(request, exc.status, exc.code, exc.message, headers=exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        codes = {
            404: "not_found",
            405: "method_not_allowed",
            413: "payload_too_large",
            401: "unauthorized",
            403: "forbidden",
            429: "rate_limited",
        }
        return _response(
            request,
            exc.status_code,
            codes.get(exc.status_code, "http_error"),
            str(exc.detail),
            headers=getattr(exc, "headers", None),
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        details = [
            {"loc": list(e.get("loc", [])), "msg": e.get("msg", ""), "type": e.get("type", "")}
            for e in exc.errors()
        ]
        first = details[0] if details else {"loc": [], "msg": "invalid request"}
        where = ".".join(str(p) for p in first["loc"] if p != "body")
        message = f"{where}: {first['msg']}" if where else str(first["msg"])
        return _response(request, 422, "invalid_request", message, details)

    for exc_type, (status, code) in _MAPPED.items():

        def make(status: int = status, code: str = code):  # bind loop variables
            async def handler(request: Request, exc: Exception) -> JSONResponse:
                return _response(request, status, code, str(exc))

            return handler

        app.add_exception_handler(exc_type, make())

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        import logging

        logging.getLogger("policyqa.api").exception(
            "unhandled error", extra={"request_id": request_id_of(request)}
        )
        return _response(
            request, 500, "internal_error", "internal error; see the server log with this request id"
        )
