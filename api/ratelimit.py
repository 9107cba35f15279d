"""Per-client rate limiting for the API, built on `limits` (the library behind slowapi).

slowapi's middleware cannot see routes that FastAPI mounts through included routers in this version
(it finds no handler and exempts the request), so the same storage and strategy are applied here as a
small pure-ASGI middleware: every /v1 request counts against the client's address.
"""

from __future__ import annotations

import json

from limits import parse_many
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from starlette.types import ASGIApp, Receive, Scope, Send

from api.errors import error_body


class RateLimitMiddleware:
    def __init__(self, app: ASGIApp, limit: str, prefix: str = "/v1") -> None:
        self.app = app
        self.limits = parse_many(limit) if limit else []
        self.limiter = MovingWindowRateLimiter(MemoryStorage())
        self.prefix = prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = str(scope.get("path", ""))
        if scope["type"] != "http" or not self.limits or not path.startswith(self.prefix):
            await self.app(scope, receive, send)
            return
        client = (scope.get("client") or ("unknown", 0))[0]
        for item in self.limits:
            if not self.limiter.hit(item, "policyqa", client):
                rid = str(scope.get("state", {}).get("request_id", ""))
                body = json.dumps(error_body("rate_limited", f"rate limit exceeded ({item})", rid)).encode()
                await send(
                    {
                        "type": "http.response.start",
                        "status": 429,
                        "headers": [
                            (b"content-type", b"application/json"),
                            (b"retry-after", b"60"),
                            (b"content-length", str(len(body)).encode()),
                        ],
                    }
                )
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)
