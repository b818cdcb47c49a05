"""Downloads: a brief or a speech doc as Verbatim .docx, brief JSON or plain text.

The filename comes from the title (``<title-slug>.docx``), as the CLI names its files. Anything
the Word writer changed or left out (control characters, dropped analytics) is reported in the
``X-Evidence-Notes`` header, so the page can say so instead of dropping it silently.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from evidence.domain import Brief
from evidence.domain.brief_json import brief_to_json
from evidence.domain.marks import HIGHLIGHT_COLORS
from evidence.settings import Settings
from evidence.store import briefs as brief_store
from evidence.store import speech as speech_store
from evidence.store.errors import Invalid
from evidence.web.api.routing import ApiRoute
from evidence.web.api.schemas import BriefDocument, StorableStr
from evidence.web.deps import SessionDep, SettingsDep
from evidence.web.params import PathId
from exports.docx import MEDIA_TYPE as DOCX_TYPE
from exports.docx import DocxOptions, export_docx
from exports.naming import slugify
from exports.text import write_text

router = APIRouter(tags=["exports"], route_class=ApiRoute)

Format = Literal["docx", "json", "txt"]


@dataclass(slots=True)
class ExportQuery:
    """The download choices, shared by briefs and speech docs (query parameters)."""

    format: Format = "docx"
    shrink: bool = False
    condense: bool = False
    pilcrows: bool = False
    highlight: str | None = None
    analytics: bool = True
    highlighted_only: bool | None = None
    #: None: the library's setting (EVIDENCE_EMPHASIS_BOX); a brief from a file keeps its own look.
    emphasis_box: bool | None = None

    def docx_options(self, default_box: bool = False) -> DocxOptions:
        color = self.highlight or None
        if color is not None and color not in HIGHLIGHT_COLORS:
            raise Invalid(f"unknown highlight colour {color!r} (one of {', '.join(sorted(HIGHLIGHT_COLORS))})")
        return DocxOptions(
            shrink=self.shrink,
            condense=self.condense,
            pilcrows=self.pilcrows,
            highlight_color=color,
            include_analytics=self.analytics,
            highlighted_only=bool(self.highlighted_only),
            emphasis_box=default_box if self.emphasis_box is None else self.emphasis_box,
        )


def _query(
    format: Annotated[Format, Query(description="docx (Verbatim Word file), json (evidence-brief/1) or txt")] = "docx",
    shrink: Annotated[bool, Query(description="Shrink non-underlined card text to 8 pt")] = False,
    condense: Annotated[bool, Query(description="Join each card's paragraphs into one")] = False,
    pilcrows: Annotated[bool, Query(description="When condensing, leave ¶ where paragraphs ended")] = False,
    highlight: Annotated[
        StorableStr | None, Query(description="Paint every highlight this OOXML colour (yellow…)")
    ] = None,
    analytics: Annotated[bool, Query(description="Include analytics")] = True,
    highlighted_only: Annotated[
        bool | None, Query(description="Read-along copy: only highlighted words (off by default: whole cards)")
    ] = None,
    emphasis_box: Annotated[
        bool | None, Query(description="Box emphasised words (default: EVIDENCE_EMPHASIS_BOX; a file's own look wins)")
    ] = None,
) -> ExportQuery:
    return ExportQuery(format, shrink, condense, pilcrows, highlight, analytics, highlighted_only, emphasis_box)


ExportDep = Annotated[ExportQuery, Depends(_query)]


def download(brief: Brief, query: ExportQuery, settings: Settings) -> Response:
    """The file for ``brief`` in the asked format, named for its title."""
    slug = slugify(brief.title)
    notes: list[str] = []
    if query.format == "docx":
        result = export_docx(brief, query.docx_options(default_box=settings.emphasis_box))
        body, media, name = result.data, DOCX_TYPE, f"{slug}.docx"
        notes = result.stats.messages()
    elif query.format == "json":
        body = json.dumps(brief_to_json(brief), ensure_ascii=False, indent=2).encode()
        media, name = "application/json", f"{slug}.json"
    else:
        # Whole cards by default (issue 10); highlighted_only=true gives the read-aloud words.
        text = write_text(brief, highlighted_only=bool(query.highlighted_only))
        body, media, name = text.encode(), "text/plain; charset=utf-8", f"{slug}.txt"
    headers = {
        "Content-Disposition": f'attachment; filename="{name}"',
        "X-Evidence-Notes": json.dumps(notes),  # ASCII: json.dumps escapes everything else
        "Access-Control-Expose-Headers": "X-Evidence-Notes, Content-Disposition",
    }
    return Response(body, media_type=media, headers=headers)


_BINARY = {"schema": {"type": "string", "format": "binary"}}
#: The download, documented by media type (the body is a file, not a JSON model).
DOWNLOAD_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The file, named in Content-Disposition; X-Evidence-Notes lists what the Word "
        "writer changed or left out (a JSON list of sentences)",
        "content": {
            DOCX_TYPE: _BINARY,
            "application/json": {"schema": {"$ref": "#/components/schemas/BriefDocument"}},
            "text/plain": {"schema": {"type": "string"}},
        },
        "model": BriefDocument,
    }
}


@router.get("/briefs/{brief_id}/export", response_class=Response, responses=DOWNLOAD_RESPONSES)
def export_brief(brief_id: PathId, query: ExportDep, session: SessionDep, settings: SettingsDep) -> Response:
    """Download a brief: Verbatim .docx (with Shrink, Condense, colour and read-along options),
    ``evidence-brief/1`` JSON, or plain text."""
    brief, _ = brief_store.load(session, brief_id)
    return download(brief, query, settings)


@router.get("/speech/{doc_id}/export", response_class=Response, responses=DOWNLOAD_RESPONSES)
def export_speech(doc_id: PathId, query: ExportDep, session: SessionDep, settings: SettingsDep) -> Response:
    """Download a speech doc, exactly as a brief is downloaded."""
    _, brief = speech_store.load(session, doc_id)
    return download(brief, query, settings)
