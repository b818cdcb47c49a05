"""Bounds on the numbers a request may carry, declared once for pages and the API.

Ids are PostgreSQL ``INTEGER`` (32-bit) columns; a larger number can never name a row, and passed
through it would overflow the driver (a 500) instead of being a plain "not found". Offsets into a
text are bounded by the largest text a card or source may hold.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query

#: The largest value a PostgreSQL INTEGER column holds: ids, versions, positions.
MAX_INT = 2_147_483_647

PathId = Annotated[int, Path(ge=1, le=MAX_INT, description="an id (1 to 2,147,483,647)")]
QueryId = Annotated[int, Query(ge=1, le=MAX_INT)]
Limit = Annotated[int, Query(ge=1, le=500, description="how many to return (1 to 500)")]
Offset = Annotated[int, Query(ge=0, le=MAX_INT, description="how many to skip")]
Wpm = Annotated[int | None, Query(ge=50, le=600, description="speaking rate, words per minute")]
