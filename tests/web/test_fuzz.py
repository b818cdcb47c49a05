"""Schemathesis fuzzes every JSON API operation in-process, on SQLite and on PostgreSQL.

It generates requests from the app's own OpenAPI document, valid and invalid alike, and fails on
any 5xx, on a status code the document does not list, and on a response body that does not match
the documented model. So the OpenAPI page stays true, and input the API did not think of (NUL
bytes, numbers past a database integer, odd Unicode) is refused with a 4xx instead of a crash.

The run is bounded (``MAX_EXAMPLES`` per operation and generation mode) and derandomized, so CI
sees the same requests every time; shrinking is off to keep it under a minute per database (a
failure still prints the request and a curl line to replay it). Each run counts its requests by
status and prints "N requests, 0 5xx" per database (also recorded as junit properties).

Why not ``@schema.parametrize()``: schemathesis 4.32's pytest loader renames the test item through
``request.node._nodeid``, which pytest 9.2 no longer has (AttributeError). So this test drives
Hypothesis itself, one ``@given`` per operation and mode, with schemathesis's own strategies,
transport (in-process ASGI) and checks, and reports every failing operation at once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from evidence.settings import Settings
from evidence.web.app import create_app
from tests.fixtures.briefs import BRIEF
from tests.fixtures.web import with_csrf_token

MAX_EXAMPLES = 25
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def _seed(client: TestClient) -> None:
    """A few of everything at the low ids the fuzzer tries first, so requests reach the store's
    checks (versions, marks, outline moves) instead of stopping at "not found"."""
    for n in range(3):
        brief = client.post("/api/briefs/import", json={**BRIEF, "title": f"Brief {n}"})
        assert brief.status_code == 201, brief.text
        source = client.post("/api/sources", json={"title": f"Source {n}", "text": "Russia opposes the US in Syria."})
        assert source.status_code == 201, source.text
    card = client.post("/api/cards", json={"tag": "Tag", "text": "Idlib is off the agenda", "source_id": 1})
    assert card.status_code == 201, card.text
    brief = client.get("/api/briefs/1").json()
    block = brief["children"][0]
    for item in block["children"]:
        client.post("/api/speech/current/items", json={"brief_id": 1, "node_id": item["node_id"]})
    client.post("/api/speech/current/items", json={"text": "Their evidence is old"})


def test_api_never_fails_and_matches_its_schema(
    settings: Settings, capsys: pytest.CaptureFixture[str], record_property: Callable[[str, object], None]
) -> None:
    database = "postgres" if settings.database_url.startswith("postgresql") else "sqlite"
    sent: Counter[int] = Counter()
    per_operation: Counter[str] = Counter()
    app = create_app(settings)
    with TestClient(app) as client:
        _seed(with_csrf_token(client))
    # The JSON API only: the pages are HTML forms, checked by their own tests.
    schema = schemathesis.openapi.from_asgi("/openapi.json", app).include(path_regex=r"^/api/")
    failures: list[str] = []
    labels: list[str] = []
    try:
        for result in schema.get_all_operations():
            operation = result.ok()
            labels.append(operation.label)
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

                @given(case=operation.as_strategy(generation_mode=mode))
                @hypothesis_settings(
                    max_examples=MAX_EXAMPLES,
                    derandomize=True,
                    deadline=None,
                    database=None,
                    suppress_health_check=list(HealthCheck),
                    phases=[Phase.explicit, Phase.generate],
                )
                def run(case: schemathesis.Case) -> None:
                    try:
                        response = case.call()
                    except Exception:
                        # The in-process client re-raises what the app raised (after its 500).
                        sent[500] += 1
                        raise
                    sent[response.status_code] += 1
                    per_operation[case.operation.label] += 1
                    case.validate_response(response, checks=CHECKS)

                try:
                    run()
                except Unsatisfiable:
                    # An operation without parameters or body has no invalid request to make.
                    if mode is GenerationMode.POSITIVE:
                        raise
                except (Exception, FailureGroup) as exc:
                    failures.append(f"{operation.label} ({mode.value}): {type(exc).__name__}: {exc}")
    finally:
        app.state.engine.dispose()
    total, errors = sum(sent.values()), sum(n for code, n in sent.items() if code >= 500)
    with capsys.disabled():
        print(f"\nschemathesis on {database}: {total} requests, {errors} 5xx; by status {dict(sorted(sent.items()))}")
    record_property("requests", total)
    record_property("server_errors", errors)
    assert not failures, "\n\n".join(failures)
    assert len(labels) >= 35 and all(per_operation[label] > 0 for label in labels), per_operation
