"""The upload page: drop or choose files, and see what each became (a brief, sources, or why it
was refused) as a report rendered here, from the same import the JSON API runs."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Request, UploadFile
from fastapi.responses import HTMLResponse

from evidence.ingest.files import SUPPORTED
from evidence.web.deps import SettingsDep
from evidence.web.pages.fragments import render
from evidence.web.uploads import import_uploads

router = APIRouter(include_in_schema=False)


@router.get("/import", response_class=HTMLResponse)
def import_page(request: Request, settings: SettingsDep) -> HTMLResponse:
    context = {"supported": SUPPORTED, "max_mb": settings.max_upload_mb}
    return render(request, "imports/upload.html", context)


@router.post("/import", response_class=HTMLResponse)
async def import_upload(
    request: Request, files: Annotated[list[UploadFile], File()], settings: SettingsDep
) -> HTMLResponse:
    """The report of every file (and, out of band, the count on the status line). Without htmx
    (a plain form post) the whole page comes back with the report in it."""
    results = await import_uploads(request, files)
    context = {"results": results, "supported": SUPPORTED, "max_mb": settings.max_upload_mb}
    if request.headers.get("HX-Request") == "true":
        return render(request, "imports/_report.html", context)
    return render(request, "imports/upload.html", context)
