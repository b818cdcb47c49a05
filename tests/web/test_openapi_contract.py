"""Every JSON API operation says what it answers: a client generated from ``/openapi.json`` (or a
person reading ``/docs``) gets a typed body for every success, never an untyped ``{}``.

The rule, per ``/api/`` operation and per 2xx status:

- 204 has no body and declares none;
- any other success lists its media types, and each carries a schema that says something: a
  model, a list of models, a string/binary file. ``{}`` (an untyped ``-> Response`` or ``Any``)
  and a free-form object (``-> dict``) are refused.

The checker is run against the app and against a small app with the mistakes it must catch, so
the test can fail.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import APIRouter, FastAPI, Response, status
from pydantic import BaseModel

from evidence.settings import Settings
from evidence.web.app import create_app

Spec = dict[str, Any]
_METHODS = {"get", "put", "post", "patch", "delete"}


def _resolve(spec: Spec, schema: Spec) -> Spec:
    while "$ref" in schema:
        name = schema["$ref"].removeprefix("#/components/schemas/")
        schema = spec["components"]["schemas"][name]
    return schema


def _says_something(spec: Spec, schema: Spec) -> bool:
    """A schema a client can generate a type from (not ``{}``, not an open bag of keys)."""
    schema = _resolve(spec, schema)
    if "anyOf" in schema or "oneOf" in schema or "allOf" in schema:
        branches = schema.get("anyOf", []) + schema.get("oneOf", []) + schema.get("allOf", [])
        return all(_says_something(spec, branch) for branch in branches)
    kind = schema.get("type")
    if kind == "array":
        return _says_something(spec, schema.get("items", {}))
    if kind == "object":
        return bool(schema.get("properties"))
    return kind in {"string", "integer", "number", "boolean"}


def _operations(spec: Spec) -> Iterator[tuple[str, Spec]]:
    for path, item in spec["paths"].items():
        if not path.startswith("/api/"):
            continue
        for method, operation in item.items():
            if method in _METHODS:
                yield f"{method.upper()} {path}", operation


def undocumented(spec: Spec) -> list[str]:
    """Every /api/ success response that does not say what its body is, as "METHOD path status: why"."""
    problems: list[str] = []
    for name, operation in _operations(spec):
        successes = {code: r for code, r in operation["responses"].items() if code.startswith("2")}
        if not successes:
            problems.append(f"{name}: no success response")
        for code, response in successes.items():
            content = response.get("content") or {}
            if code == "204":
                if content:
                    problems.append(f"{name} 204: declares a body ({', '.join(content)})")
                continue
            if not content:
                problems.append(f"{name} {code}: no media type")
            for media, body in content.items():
                if not _says_something(spec, body.get("schema", {})):
                    problems.append(f"{name} {code}: {media} has no schema")
    return problems


@pytest.fixture(scope="module")
def spec(tmp_path_factory: pytest.TempPathFactory) -> Spec:
    """The app's own document (the schema does not depend on the database: SQLite will do)."""
    data: Path = tmp_path_factory.mktemp("openapi")
    settings = Settings(data_dir=data, database_url=f"sqlite:///{data}/library.db", secret_key="test-secret-key")
    return create_app(settings).openapi()


def test_every_api_success_response_has_a_schema(spec: Spec) -> None:
    assert undocumented(spec) == []


def test_the_api_is_all_there(spec: Spec) -> None:
    """The walk above covers the whole API (a prefix change would make it check nothing)."""
    names = {name for name, _ in _operations(spec)}
    assert len(names) >= 35
    assert {"GET /api/cards", "DELETE /api/briefs/{brief_id}", "GET /api/briefs/{brief_id}/export"} <= names


def test_downloads_name_their_file_types(spec: Spec) -> None:
    for path in ("/api/briefs/{brief_id}/export", "/api/speech/{doc_id}/export"):
        content = spec["paths"][path]["get"]["responses"]["200"]["content"]
        assert {
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/json",
            "text/plain",
        } <= set(content)


def test_the_brief_json_keeps_its_design_keys(spec: Spec) -> None:
    """DESIGN §4: the brief format is extended, never renamed."""
    brief = _resolve(
        spec,
        spec["paths"]["/api/briefs/{brief_id}"]["get"]["responses"]["200"]["content"]["application/json"]["schema"],
    )
    assert {"format", "id", "title", "children"} <= set(brief["properties"])
    card = spec["components"]["schemas"]["CardItem"]
    assert {"type", "id", "tag", "label", "cite", "text", "marks"} <= set(_resolve(spec, card)["properties"])


class _Thing(BaseModel):
    name: str


def _careless_app() -> FastAPI:
    """One route per mistake the checker must name, and one done right."""
    router = APIRouter(prefix="/api")

    @router.get("/untyped")
    def untyped() -> Response:
        return Response("{}")

    @router.get("/bag")
    def bag() -> dict[str, Any]:
        return {}

    @router.get("/anything")
    def anything() -> Any:
        return None

    @router.get("/things")
    def things() -> list[_Thing]:
        return []

    @router.delete("/things/{thing_id}", status_code=status.HTTP_204_NO_CONTENT, response_class=Response)
    def delete_thing(thing_id: int) -> None:
        return None

    app = FastAPI()
    app.include_router(router)
    return app


def test_the_checker_names_each_untyped_success() -> None:
    assert sorted(undocumented(_careless_app().openapi())) == [
        "GET /api/anything 200: application/json has no schema",
        "GET /api/bag 200: application/json has no schema",
        "GET /api/untyped 200: application/json has no schema",
    ]
