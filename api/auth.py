"""Bearer-token check for write endpoints, in constant time; without a configured token they are off."""

from __future__ import annotations

import hmac

from fastapi import Request

from api.errors import ApiError


def require_token(request: Request) -> None:
    configured = request.app.state.settings.api_token
    if configured is None or not configured.get_secret_value():
        raise ApiError(
            403, "writes_disabled", "write endpoints are disabled: set POLICYQA_API_TOKEN to enable them"
        )
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise ApiError(401, "unauthorized", "missing bearer token", headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(given.strip().encode(), configured.get_secret_value().encode()):
        raise ApiError(403, "forbidden", "wrong token")
