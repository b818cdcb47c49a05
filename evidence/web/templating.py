"""Templates and static files, found in the repository (development, Docker) or in the wheel."""

from __future__ import annotations

from pathlib import Path

from jinja2_fragments.fastapi import Jinja2Blocks

from evidence.domain.labels import display_label
from evidence.domain.readtime import format_duration
from evidence.web.security import csrf_field

_PACKAGE = Path(__file__).resolve().parent.parent
_REPO = _PACKAGE.parent


def _find(name: str) -> Path:
    for candidate in (_REPO / name, _PACKAGE / f"_{name}"):
        if candidate.is_dir():
            return candidate
    raise RuntimeError(f"cannot find the {name}/ folder next to the evidence package")


TEMPLATES_DIR = _find("templates")
STATIC_DIR = _find("static")

templates = Jinja2Blocks(directory=str(TEMPLATES_DIR))
templates.env.filters["duration"] = format_duration
templates.env.filters["label"] = display_label
templates.env.globals["csrf_field"] = csrf_field
