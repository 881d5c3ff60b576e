"""Schemathesis against the OpenAPI schema: generated requests, valid and not, never get a server error,
and every answer matches the schema's status codes, content types and shapes."""

from __future__ import annotations

from typing import Any

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="the schema tests need schemathesis (dev extra)")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
ROUTES = ["/api/summary", "/api/events", "/api/events/{event_id}", "/api/actors", "/api/timeline", "/api/network",
          "/api/alerts", "/api/documents", "/api/documents/{doc_id}", "/api/problems"]


@pytest.fixture(scope="module")
def operations(sample_app: Any) -> dict[str, Any]:
    schema = schemathesis.openapi.from_asgi("/openapi.json", sample_app)
    return {op.path: op for op in (r.ok() for r in schema.get_all_operations())}


def test_every_route_is_in_the_schema(operations: dict[str, Any]):
    assert sorted(operations) == sorted(ROUTES)


# The pytest plugin of schemathesis does not run under this pytest; the operations' strategies are
# driven by Hypothesis directly instead: valid requests (positive) and invalid ones (negative).
@pytest.mark.parametrize(("path", "mode"), [(p, m) for p in ROUTES for m in ("positive", "negative")
                                           if (p, m) != ("/api/summary", "negative")])  # nothing to get wrong
def test_generated_requests_get_no_server_error(operations: dict[str, Any], path: str, mode: str):
    strategy = operations[path].as_strategy(generation_mode=schemathesis.GenerationMode(mode))
    statuses: list[int] = []

    @given(case=strategy)
    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def check(case: Any) -> None:
        response = case.call_and_validate(checks=CHECKS)
        statuses.append(response.status_code)

    check()
    assert statuses and all(s < 500 for s in statuses)
