"""The domain stays pure: no web framework, database or file-format library, so every rule can be
tested in isolation and shared by the browser, the Word writer and the importers (DESIGN §3)."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

import evidence.domain

DOMAIN = Path(evidence.domain.__file__).parent
FORBIDDEN = {"fastapi", "sqlmodel", "sqlalchemy", "starlette", "jinja2", "docx", "lxml", "pydantic", "httpx"}
#: Outside the standard library, the domain may use only these pure computations: dateutil reads
#: cite dates, rapidfuzz aligns an edited card's text with its old one (marks.remap).
ALLOWED_THIRD_PARTY = {"dateutil", "rapidfuzz"}

MODULES = sorted(
    "evidence.domain" + ("" if path.stem == "__init__" else f".{path.stem}") for path in DOMAIN.glob("*.py")
)


def imported_names(path: Path) -> set[str]:
    """Every absolute module name a file imports, wherever the import statement sits."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_the_purity_checks_see_the_domain_modules() -> None:
    assert {"evidence.domain.marks", "evidence.domain.cite", "evidence.domain.card"} <= set(MODULES)


@pytest.mark.parametrize("path", sorted(DOMAIN.glob("*.py")), ids=lambda p: p.name)
def test_domain_source_imports_only_stdlib_pure_libraries_and_itself(path: Path) -> None:
    for name in imported_names(path):
        top = name.split(".")[0]
        if top == "evidence":
            assert name == "evidence.domain" or name.startswith("evidence.domain."), (
                f"{path.name} imports {name}: the domain never imports out of itself"
            )
        else:
            assert top in sys.stdlib_module_names or top in ALLOWED_THIRD_PARTY, f"{path.name} imports {name}"


def test_importing_every_domain_module_loads_no_web_db_or_docx_library() -> None:
    # A fresh interpreter, so what the rest of the test session imported does not count.
    code = (
        "import importlib, json, sys\n"
        f"for name in {MODULES!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(json.loads(result.stdout))
    assert "evidence" in loaded
    assert loaded & FORBIDDEN == set()
