"""Pages for cutting cards: bring in a source, select a passage, cut it, mark it, list your cards.

Routes stay thin: they parse the request, call the store and the readers, and render. The card
editor's script talks to small JSON endpoints here that do what the ``/api/`` twins do and also
hand back the server-rendered body, so the page never re-implements rendering in JavaScript.
Stale writes surface as the API's 409 (``Conflict``), which the editor shows instead of saving.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Form, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from evidence.domain import Cite, parse_date
from evidence.domain.citeline import ParsedCite, parse_line
from evidence.domain.labels import STANDARD_LABELS
from evidence.domain.marks import DEFAULT_HIGHLIGHT, HIGHLIGHT_COLORS
from evidence.domain.readtime import count_words, format_duration, read_seconds
from evidence.domain.source import Removal, SourceDoc
from evidence.domain.source import restore as restore_removals
from evidence.ingest.fetch import FetchPolicy
from evidence.ingest.intake import Incoming, read_new_source
from evidence.ingest.report import IngestError
from evidence.settings import Settings
from evidence.store import briefs as brief_store
from evidence.store import cards as card_store
from evidence.store import models
from evidence.store import sources as source_store
from evidence.store.errors import Invalid
from evidence.web.api.schemas import MarkAction
from evidence.web.deps import SessionDep, SettingsDep
from evidence.web.params import MAX_INT, PathId
from evidence.web.render import render_body, render_plain
from evidence.web.templating import templates

router = APIRouter(include_in_schema=False)


# ---------------------------------------------------------------------------------------------
# Helpers: turn rows into what templates and the editor need
# ---------------------------------------------------------------------------------------------


def card_state(row: models.Card, wpm: int) -> dict[str, Any]:
    """What the editor needs after every save: version, body HTML, marks, counts, cite preview."""
    card = card_store.to_domain(row)
    highlighted = card.words_highlighted  # the costly count: once, not again for read time
    return {
        "id": row.id,
        "version": row.version,
        "html": str(render_body(card.text, card.marks)),
        "marks": [m.to_json() for m in card.marks],
        "words_underlined": card.words_underlined,
        "words_highlighted": highlighted,
        "read_time": format_duration(read_seconds(highlighted + count_words(card.tag), wpm)),
        "cite": cite_form(card.cite),
        "cite_short": card.cite.short,
        "cite_full": card.cite.full,
    }


def cite_form(cite: Cite) -> dict[str, str]:
    """Cite fields as the form shows them: authors one per "; ", dates as ISO."""
    data = cite.to_json()
    return {
        "authors": "; ".join(cite.authors),
        "qualifications": data["qualifications"] or "",
        "date": data["date"] or "",
        "title": data["title"] or "",
        "publication": data["publication"] or "",
        "url": data["url"] or "",
        "accessed": data["accessed"] or "",
        "cutter": data["cutter"] or "",
    }


def _cite_preview(parsed: ParsedCite) -> dict[str, Any]:
    """A cite line read for the editor's form: the fields as the form shows them, the short cite,
    and "sure"/"guess" per field, so the user knows which fields to check before accepting."""
    data = parsed.to_json()
    return {
        "cite": {
            "authors": "; ".join(parsed.authors),
            **{
                k: data[k] or ""
                for k in ("qualifications", "date", "title", "publication", "url", "accessed", "cutter")
            },
        },
        "cite_short": parsed.short,
        "cite_full": parsed.to_cite(with_text=False).full,
        "confidence": parsed.confidence,
        "text": parsed.text,
    }


def cite_from_form(fields: dict[str, Any]) -> dict[str, Any]:
    """Form strings → the store's cite fields; dates may be typed as debaters write them."""
    result: dict[str, Any] = {}
    authors = fields.get("authors") or ""
    result["authors"] = [a.strip() for a in str(authors).split(";") if a.strip()]
    for key in ("qualifications", "title", "publication", "url", "cutter"):
        value = str(fields.get(key) or "").strip()
        result[key] = value or None
    for key in ("date", "accessed"):
        value = str(fields.get(key) or "").strip()
        if not value:
            result[key] = None
            continue
        parsed = parse_date(value)
        if parsed is None:
            raise Invalid(f"cannot read {value!r} as a date (try 9-16-2021 or 2021-09-16)")
        result[key] = parsed.iso
    return result


def _brief_titles(session: Session, card_ids: list[int]) -> dict[int, list[str]]:
    """Which briefs each card sits in, for the "my evidence" list."""
    return {card: [title for _, title in found] for card, found in brief_store.memberships(session, card_ids).items()}


def card_row(row: models.Card, wpm: int, briefs: list[str]) -> dict[str, Any]:
    card = card_store.to_domain(row)
    return {
        "id": row.id,
        "tag": card.tag or "(untagged)",
        "short": card.cite.short,
        "read_time": format_duration(card.read_seconds(wpm)),
        "briefs": briefs,
        "created_at": row.created_at,
    }


def _is_htmx(request: Request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _redirect(url: str) -> RedirectResponse:
    # SessionDep commits before the response leaves, so the page the browser follows finds the write.
    return RedirectResponse(url, status_code=303)


# ---------------------------------------------------------------------------------------------
# Bringing in a source
# ---------------------------------------------------------------------------------------------


# ---------------------------------------------------------------------------------------------
# Routes: sources
# ---------------------------------------------------------------------------------------------


@router.get("/sources", response_class=HTMLResponse)
def sources_list(request: Request, session: SessionDep) -> HTMLResponse:
    rows = source_store.list_sources(session, limit=200)
    return templates.TemplateResponse(request, "cutting/sources.html", {"sources": rows})


@router.get("/sources/new", response_class=HTMLResponse)
def source_new(request: Request) -> HTMLResponse:
    return templates.TemplateResponse(request, "cutting/source_new.html", {"error": None, "form": {}})


@router.post("/sources", response_model=None)
async def source_create(request: Request, session: SessionDep, settings: SettingsDep) -> Response:
    limit = settings.max_paste_chars
    async with request.form(max_part_size=limit * 4 + 1024) as form_data:
        form = {k: v for k, v in form_data.items() if isinstance(v, str)}
        upload = None
        file = form_data.get("file")
        if file is not None and not isinstance(file, str) and file.filename:
            if (file.size or 0) > settings.max_upload_bytes:
                return _new_source_error(
                    request,
                    form,
                    f"{file.filename} is larger than {settings.max_upload_mb} MB (EVIDENCE_MAX_UPLOAD_MB)",
                )
            upload = (file.filename, await file.read())
    for key in ("text", "html"):
        if len(form.get(key, "")) > limit * (4 if key == "html" else 1):
            return _new_source_error(
                request,
                form,
                f"the paste is {len(form[key]):,} characters; the limit is {limit:,}. Paste a shorter passage.",
            )
    # Fetching a page, reading a file and writing to the library are slow or may wait on a lock:
    # a worker thread does them, so the server keeps answering everyone else meanwhile.
    try:
        incoming = await run_in_threadpool(_read_source, form, upload, settings)
    except IngestError as exc:
        return _new_source_error(request, form, str(exc))
    rows, card = await run_in_threadpool(create_from_incoming, session, incoming, settings)
    if card is not None:
        return _redirect(f"/cards/{card.id}?from_paste=1")
    if len(rows) > 1:
        return _redirect(f"/sources/{rows[0].id}?articles={len(rows)}")
    return _redirect(f"/sources/{rows[0].id}")


def _read_source(form: dict[str, Any], upload: tuple[str, bytes] | None, settings: Settings) -> Incoming:
    return read_new_source(form, upload, fetch=FetchPolicy.from_settings(settings))


def create_from_incoming(
    session: Session, incoming: Incoming, settings: Settings
) -> tuple[list[models.Source], models.Card | None]:
    """Store one source per article; a rich paste that carried marks (an already-cut card from
    Word) also becomes a card with those marks, since a source keeps no formatting."""
    rows = []
    for doc in incoming.docs:
        if len(doc.text) > settings.max_paste_chars:
            raise Invalid(f"the text is {len(doc.text):,} characters; the limit is {settings.max_paste_chars:,}")
        rows.append(source_store.create_from_doc(session, doc))
    card = None
    if incoming.rich is not None and incoming.rich.marks and rows:
        first = incoming.docs[0]
        built = card_store.build({"tag": "", "text": first.text, "cite": first.cite, "marks": incoming.rich.marks})
        card = card_store.create(session, built, source_id=rows[0].id, source_start=0, source_end=len(first.text))
    return rows, card


def _new_source_error(request: Request, form: dict[str, Any], message: str) -> HTMLResponse:
    # Never echo a huge paste back into the page; the user still has it on the clipboard.
    kept = {k: v for k, v in form.items() if k in {"title", "url"} or len(v) < 100_000}
    return templates.TemplateResponse(
        request, "cutting/source_new.html", {"error": message, "form": kept}, status_code=422
    )


@router.get("/sources/{source_id}", response_class=HTMLResponse)
def source_view(
    request: Request,
    source_id: PathId,
    session: SessionDep,
    articles: Annotated[int, Query(ge=1, le=10_000, description="how many articles the paste held")] = 1,
) -> HTMLResponse:
    row = source_store.get(session, source_id)
    cite = Cite.from_json(row.cite)
    return templates.TemplateResponse(
        request,
        "cutting/source.html",
        {
            "source": row,
            "body": render_plain(row.text),
            "length": len(row.text),
            "cite_short": cite.short,
            "cite_full": cite.full,
            "removed": row.removed,
            "articles": articles,
        },
    )


@router.post("/sources/{source_id}/restore", response_model=None)
def source_restore(
    source_id: PathId,
    session: SessionDep,
    index: Annotated[int | None, Form(ge=0, le=MAX_INT, description="which removal; none: all")] = None,
) -> Response:
    """Put back everything cleaning removed (one click), or one removal by its index."""
    row = source_store.get(session, source_id)
    removals = [Removal(**r) for r in row.removed]
    doc = SourceDoc(title=row.title, text=row.text, removed=removals)
    if index is not None and index >= len(removals):
        raise Invalid(f"this source has {len(removals)} removed passage(s); there is no number {index + 1} to put back")
    chosen = None if index is None else removals[index]
    restored = restore_removals(doc, chosen)
    source_store.update(
        session, source_id, row.version, {"text": restored.text, "removed": [r.to_json() for r in restored.removed]}
    )
    return _redirect(f"/sources/{source_id}")


@router.post("/sources/{source_id}/cut", response_model=None)
def source_cut(
    request: Request,
    source_id: PathId,
    session: SessionDep,
    start: Annotated[str, Form()] = "",
    end: Annotated[str, Form()] = "",
    again: Annotated[str, Form()] = "",
) -> Response:
    row = source_store.get(session, source_id)
    try:
        first, last = int(start), int(end)
    except ValueError:
        raise Invalid("Select the passage to cut first, then press “Cut card”.") from None
    first, last = trim_span(row.text, first, last)
    if first >= last:
        raise Invalid("The selection holds no words: select the passage to cut, then press “Cut card”.")
    start_at, end_at = first, last
    existing = card_store.find_by_span(session, source_id, start_at, end_at)
    if existing is not None and again != "1":
        return templates.TemplateResponse(
            request,
            "cutting/already_cut.html",
            {"card": card_row(existing, 250, []), "source": row, "start": start_at, "end": end_at},
        )
    # The source's metadata becomes the card's cite text once; from then on it is text like any other.
    cite = Cite.from_json(row.cite).with_generated_text()
    card = card_store.build({"tag": "", "text": row.text[start_at:end_at], "cite": cite})
    created = card_store.create(session, card, source_id=source_id, source_start=start_at, source_end=end_at)
    return _redirect(f"/cards/{created.id}")


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Clamp a selection to the text and drop the whitespace at its edges."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    if end < start:
        start, end = end, start
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# ---------------------------------------------------------------------------------------------
# Routes: the card editor and its JSON endpoints
# ---------------------------------------------------------------------------------------------


@router.get("/cards/{card_id}", response_class=HTMLResponse)
def card_editor(request: Request, card_id: PathId, session: SessionDep, settings: SettingsDep) -> HTMLResponse:
    row = card_store.get(session, card_id)
    card = card_store.to_domain(row)
    return templates.TemplateResponse(
        request,
        "cutting/editor.html",
        {
            "card": row,
            "state": card_state(row, settings.words_per_minute),
            "body": render_body(card.text, card.marks),
            "length": len(card.text),
            "colors": HIGHLIGHT_COLORS,
            "default_color": DEFAULT_HIGHLIGHT,
            "labels": STANDARD_LABELS,
            "from_paste": request.query_params.get("from_paste") == "1",
        },
    )


@router.post("/cards/{card_id}/marks")
def card_mark(card_id: PathId, body: MarkAction, session: SessionDep, settings: SettingsDep) -> Response:
    """F9–F12: the API's mark action, answered with the re-rendered body."""
    row = card_store.mark(session, card_id, body.version, **body.selection())
    return JSONResponse(card_state(row, settings.words_per_minute))


@router.put("/cards/{card_id}/marks")
def card_set_marks(
    card_id: PathId,
    version: Annotated[int, Body(ge=1, le=MAX_INT)],
    marks: Annotated[list[dict[str, Any]], Body()],
    session: SessionDep,
    settings: SettingsDep,
) -> Response:
    """Undo/redo: put back a whole earlier set of marks, still checked against the version."""
    row = card_store.update_fields(session, card_id, version, {"marks": marks})
    return JSONResponse(card_state(row, settings.words_per_minute))


@router.patch("/cards/{card_id}/fields")
def card_fields(
    card_id: PathId,
    version: Annotated[int, Body(ge=1, le=MAX_INT)],
    session: SessionDep,
    settings: SettingsDep,
    tag: Annotated[str | None, Body()] = None,
    label: Annotated[str | None, Body()] = None,
    cite: Annotated[dict[str, Any] | None, Body()] = None,
    cite_line: Annotated[str | None, Body()] = None,
    cite_preview: Annotated[bool, Body()] = False,
) -> Response:
    """Tag, label and cite edits.

    ``cite_line`` is a typed or pasted cite line. With ``cite_preview`` it is only read: the
    fields it gives and how sure each one is come back, nothing is saved, and the box keeps the
    line until the user accepts. Accepting saves the line as the cite's text (it is the cite),
    with the fields as the user left them in the form (``cite``) or, when none came, as read.
    """
    changes: dict[str, Any] = {}
    if tag is not None:
        changes["tag"] = " ".join(tag.split())
    if label is not None:
        changes["label"] = label.strip() or None
    if cite is not None:
        changes["cite"] = cite_from_form(cite)
    if cite_line is not None and cite_line.strip():
        parsed = parse_line(cite_line)
        if cite_preview:
            return JSONResponse({"preview": _cite_preview(parsed)})
        read = parsed.to_json()
        fields = changes.get("cite") or {k: v for k, v in read.items() if k not in {"text", "marks", "short"}}
        changes["cite"] = {**fields, "text": read["text"], "marks": read["marks"]}
    row = card_store.update_fields(session, card_id, version, changes)
    return JSONResponse(card_state(row, settings.words_per_minute))


# ---------------------------------------------------------------------------------------------
# Routes: "my evidence"
# ---------------------------------------------------------------------------------------------


@router.get("/cards", response_class=HTMLResponse)
def cards_list(request: Request, session: SessionDep, settings: SettingsDep) -> HTMLResponse:
    rows = card_store.list_cards(session, limit=500)
    briefs = _brief_titles(session, [r.id for r in rows if r.id is not None])
    items = [card_row(r, settings.words_per_minute, briefs.get(r.id or 0, [])) for r in rows]
    return templates.TemplateResponse(request, "cutting/cards.html", {"cards": items})


def _row_response(request: Request, session: Session, row: models.Card, wpm: int, *, deleted: bool) -> Response:
    if not _is_htmx(request):
        return _redirect("/cards")
    assert row.id is not None
    item = card_row(row, wpm, _brief_titles(session, [row.id]).get(row.id, []))
    block = "deleted_row" if deleted else "card_row"
    return templates.TemplateResponse(request, "cutting/cards.html", {"card": item}, block_name=block)


@router.post("/cards/{card_id}/delete", response_model=None)
def card_delete(request: Request, card_id: PathId, session: SessionDep, settings: SettingsDep) -> Response:
    row = card_store.delete(session, card_id)
    return _row_response(request, session, row, settings.words_per_minute, deleted=True)


@router.post("/cards/{card_id}/restore", response_model=None)
def card_restore(request: Request, card_id: PathId, session: SessionDep, settings: SettingsDep) -> Response:
    row = card_store.restore(session, card_id)
    return _row_response(request, session, row, settings.words_per_minute, deleted=False)


@router.post("/cards/{card_id}/duplicate", response_model=None)
def card_duplicate(card_id: PathId, session: SessionDep) -> Response:
    row = card_store.duplicate(session, card_id)
    return _redirect(f"/cards/{row.id}")
