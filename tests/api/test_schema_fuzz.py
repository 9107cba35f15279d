"""Schemathesis against the app's own OpenAPI schema: no 5xx anywhere, every 4xx in the one error shape."""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings  # noqa: E402

from tests.conftest import DATA  # noqa: E402


@pytest.fixture(scope="module")
def schema(live_server: str):  # type: ignore[no-untyped-def]
    return schemathesis.openapi.from_url(f"{live_server}/openapi.json")


def test_every_endpoint_survives_generated_requests(schema, live_server: str) -> None:  # type: ignore[no-untyped-def]
    failures: list[str] = []
    for op in schema.get_all_operations():
        operation = op.ok()
        if operation.path == "/v1/ingest" and operation.method.upper() == "POST":
            continue  # starts real ingests; covered by test_http_api with the token
        strategy = operation.as_strategy()

        @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @__import__("hypothesis").given(case=strategy)
        def run(case) -> None:  # type: ignore[no-untyped-def]
            response = case.call(base_url=live_server, timeout=60)
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path} → {response.status_code}")
            elif response.status_code >= 400:
                body = response.json()
                if set(body) != {"error"} or not {"code", "message", "request_id"} <= set(body["error"]):
                    failures.append(f"{case.method} {case.formatted_path}: error shape {body}")

        run()
    assert not failures, failures[:10]


_ = DATA
