"""Upload over JSON: one or many files in, one brief (or source) per file out, each in its own
transaction (see :mod:`evidence.web.uploads`, which the upload page shares)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Request, UploadFile

from evidence.web.api.routing import ApiRoute
from evidence.web.api.schemas import ImportResults
from evidence.web.uploads import import_uploads

router = APIRouter(prefix="/imports", tags=["imports"], route_class=ApiRoute)


@router.post("")
async def import_files(
    request: Request,
    files: Annotated[list[UploadFile], File(description="One or more .docx, .json, .txt, .html or .pdf files")],
) -> ImportResults:
    """Import every file: a Verbatim .docx or a brief (.json, plain text) becomes a brief, an
    article becomes sources. Each file is its own transaction; the results say what each became."""
    return await import_uploads(request, files)
