"""Search over JSON: ``GET /api/search`` with the search box's syntax and the same filters as
query parameters (a parameter and the same filter typed in ``q`` both apply)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from evidence.domain.snippet import Snippet
from evidence.store.search import SearchPage, search
from evidence.web.api.routing import ApiRoute
from evidence.web.api.schemas import StorableStr
from evidence.web.deps import SessionDep
from evidence.web.params import Limit, Offset, QueryId

router = APIRouter(prefix="/search", tags=["search"], route_class=ApiRoute)

Year = Annotated[int | None, Query(ge=0, le=9999, description="a cite year (four digits)")]


class SnippetOut(BaseModel):
    """Words of the card around the match: plain ``text`` with the matched words' ``spans``
    (code-point offsets), and the same as ready-escaped ``html`` with ``<mark>`` around matches."""

    text: str
    spans: list[tuple[int, int]]
    html: str

    @classmethod
    def of(cls, snippet: Snippet) -> SnippetOut:
        return cls(text=snippet.text, spans=list(snippet.spans), html=snippet.html())


class SearchHitOut(BaseModel):
    id: int = Field(description="the card's id (GET /api/cards/{id} for all of it)")
    version: int
    rank: float = Field(description="higher is a better match; 0 when not ranked by words")
    tag: str
    label: str | None
    cite_short: str
    snippet: SnippetOut
    brief_ids: list[int] = Field(description="the briefs the card sits in")
    source_id: int | None
    created_at: datetime


class SearchOut(BaseModel):
    q: str = Field(description="the query as read (capped at 500 characters)")
    total: int = Field(description="cards matching in all, over every page")
    limit: int
    offset: int
    sort: Literal["relevance", "recent", "tag", "date"]
    ignored: list[str] = Field(description="parts of q that could not be used, e.g. an empty author:")
    results: list[SearchHitOut]

    @classmethod
    def of(cls, page: SearchPage) -> SearchOut:
        return cls(
            q=page.query.text,
            total=page.total,
            limit=page.limit,
            offset=page.offset,
            sort=page.sort,
            ignored=list(page.query.ignored),
            results=[
                SearchHitOut(
                    id=hit.card_id,
                    version=hit.version,
                    rank=hit.rank,
                    tag=hit.tag,
                    label=hit.label,
                    cite_short=hit.cite_short,
                    snippet=SnippetOut.of(hit.snippet),
                    brief_ids=list(hit.brief_ids),
                    source_id=hit.source_id,
                    created_at=hit.created_at,
                )
                for hit in page.results
            ],
        )


@router.get("")
def search_cards(
    session: SessionDep,
    q: Annotated[
        StorableStr,
        Query(
            description='words, "a phrase", -exclude, a OR b, word*, author:ace, year:2019..2022, '
            'label:link-turn, brief:"AT: Sanctions", publication:"Moscow Times", source:12; empty: every card'
        ),
    ] = "",
    label: StorableStr | None = None,
    author: StorableStr | None = None,
    publication: StorableStr | None = None,
    year_from: Year = None,
    year_to: Year = None,
    brief: Annotated[StorableStr | None, Query(description="a brief's title (or part of it) or id")] = None,
    source: QueryId | None = None,
    sort: Literal["relevance", "recent", "tag", "date"] | None = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> SearchOut:
    """Cards matching ``q`` and the filters, best first (or by ``sort``), a page at a time."""
    page = search(
        session,
        q,
        label=label,
        author=author,
        publication=publication,
        year_from=year_from,
        year_to=year_to,
        brief=brief,
        source=source,
        sort=sort,
        limit=limit,
        offset=offset,
    )
    return SearchOut.of(page)
