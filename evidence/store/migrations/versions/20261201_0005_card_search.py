"""card search: a full-text index over tag, highlighted words, cite and text, kept by the database

SQLite: an FTS5 table (porter stemming) whose content is ``card`` itself (so the text is not
stored twice), kept in step by three triggers; the highlighted words and the cite's text are read
out of the marks and cite JSON in SQL by the same triggers, into two columns beside the card
(``search_highlighted``, ``search_cite``: derived, so not in the models or backups). PostgreSQL: a generated ``tsvector`` column (tag A, highlighted B, cite C, text D,
English stemming) with a GIN index, built by two immutable SQL functions. Either way every write
to ``card`` (the app, an import, a restore, a bulk insert) updates the index in the same
transaction; existing cards are indexed here.

Also three indexes the search pages need at season scale: cards by creation time (the "recent"
order), outline items by card (which briefs a result sits in; the ``brief:`` filter) and the
deleted cards (left out of every search).

SQLite note: a later migration that *recreates* ``card`` (batch mode's move-and-copy, e.g. to drop
a column) drops these triggers with the old table; it must create them again (copy the statements
below) and rebuild the index.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 10:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _sqlite_highlighted(row: str) -> str:
    return (
        "coalesce((SELECT group_concat(substr({r}.text, json_extract(m.value, '$.start') + 1, "
        "json_extract(m.value, '$.end') - json_extract(m.value, '$.start')), ' ') "
        "FROM json_each({r}.marks) AS m WHERE json_extract(m.value, '$.kind') = 'highlight'), '')"
    ).format(r=row)


def _sqlite_cite(row: str) -> str:
    parts = [
        "json_extract({r}.cite, '$.text')",
        "(SELECT group_concat(a.value, ' ') FROM json_each({r}.cite, '$.authors') AS a)",
        "json_extract({r}.cite, '$.title')",
        "json_extract({r}.cite, '$.publication')",
        "json_extract({r}.cite, '$.qualifications')",
        "json_extract({r}.cite, '$.short')",
        "json_extract({r}.cite, '$.date')",
    ]
    return " || ' ' || ".join(f"coalesce({p}, '')" for p in parts).format(r=row)


_INDEXED = "tag, search_highlighted, search_cite, text"

SQLITE = [
    # FTS5 reads an external content table with statements that may not use table-valued
    # functions (json_each), so the two derived texts are stored beside the card, by the triggers.
    "ALTER TABLE card ADD COLUMN search_highlighted TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE card ADD COLUMN search_cite TEXT NOT NULL DEFAULT ''",
    f"""UPDATE card SET search_highlighted = {_sqlite_highlighted('card')}, search_cite = {_sqlite_cite('card')}""",
    f"""CREATE VIRTUAL TABLE card_fts USING fts5(
        {_INDEXED},
        content='card', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
    )""",
    f"""CREATE TRIGGER card_fts_insert AFTER INSERT ON card BEGIN
        UPDATE card SET search_highlighted = {_sqlite_highlighted('new')}, search_cite = {_sqlite_cite('new')}
        WHERE id = new.id;
        INSERT INTO card_fts(rowid, {_INDEXED}) SELECT id, {_INDEXED} FROM card WHERE id = new.id;
    END""",
    f"""CREATE TRIGGER card_fts_delete AFTER DELETE ON card BEGIN
        INSERT INTO card_fts(card_fts, rowid, {_INDEXED})
        VALUES ('delete', old.id, old.tag, old.search_highlighted, old.search_cite, old.text);
    END""",
    f"""CREATE TRIGGER card_fts_update AFTER UPDATE OF tag, cite, text, marks ON card BEGIN
        INSERT INTO card_fts(card_fts, rowid, {_INDEXED})
        VALUES ('delete', old.id, old.tag, old.search_highlighted, old.search_cite, old.text);
        UPDATE card SET search_highlighted = {_sqlite_highlighted('new')}, search_cite = {_sqlite_cite('new')}
        WHERE id = new.id;
        INSERT INTO card_fts(rowid, {_INDEXED}) SELECT id, {_INDEXED} FROM card WHERE id = new.id;
    END""",
    "INSERT INTO card_fts(card_fts) VALUES ('rebuild')",
]

SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS card_fts_update",
    "DROP TRIGGER IF EXISTS card_fts_delete",
    "DROP TRIGGER IF EXISTS card_fts_insert",
    "DROP TABLE IF EXISTS card_fts",
    "ALTER TABLE card DROP COLUMN search_cite",
    "ALTER TABLE card DROP COLUMN search_highlighted",
]

# The body is indexed up to 200,000 characters on PostgreSQL: a tsvector holds at most 1 MB, and
# a card may hold a million characters (a whole law review article); the rest is still shown.
POSTGRES = [
    """CREATE FUNCTION evidence_highlighted(body text, marks json) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT coalesce(string_agg(
            substr(body, (m->>'start')::int + 1, (m->>'end')::int - (m->>'start')::int), ' '
            ORDER BY (m->>'start')::int), '')
        FROM json_array_elements(CASE WHEN json_typeof(marks) = 'array' THEN marks ELSE '[]'::json END) AS m
        WHERE m->>'kind' = 'highlight'
    $$""",
    """CREATE FUNCTION evidence_cite_text(cite json) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT concat_ws(' ', cite->>'text',
            (SELECT string_agg(a, ' ') FROM json_array_elements_text(
                CASE WHEN json_typeof(cite->'authors') = 'array' THEN cite->'authors' ELSE '[]'::json END) AS a),
            cite->>'title', cite->>'publication', cite->>'qualifications', cite->>'short', cite->>'date')
    $$""",
    """ALTER TABLE card ADD COLUMN search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english'::regconfig, coalesce(tag, '')), 'A')
        || setweight(to_tsvector('english'::regconfig, evidence_highlighted(text, marks)), 'B')
        || setweight(to_tsvector('english'::regconfig, evidence_cite_text(cite)), 'C')
        || setweight(to_tsvector('english'::regconfig, left(coalesce(text, ''), 200000)), 'D')
    ) STORED""",
    "CREATE INDEX ix_card_search ON card USING gin (search)",
]

POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS ix_card_search",
    "ALTER TABLE card DROP COLUMN IF EXISTS search",
    "DROP FUNCTION IF EXISTS evidence_cite_text(json)",
    "DROP FUNCTION IF EXISTS evidence_highlighted(text, json)",
]


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in SQLITE if sqlite else POSTGRES:
        op.execute(statement)
    op.create_index("ix_card_created", "card", ["created_at", "id"])
    op.create_index("ix_outline_node_card", "outline_node", ["card_id"])
    # The few deleted cards, so a search leaves them out without reading every matching card.
    deleted = sa.text("deleted_at IS NOT NULL")
    op.create_index("ix_card_deleted", "card", ["id"], postgresql_where=deleted, sqlite_where=deleted)


def downgrade() -> None:
    op.drop_index("ix_card_deleted", table_name="card")
    op.drop_index("ix_outline_node_card", table_name="outline_node")
    op.drop_index("ix_card_created", table_name="card")
    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in SQLITE_DOWN if sqlite else POSTGRES_DOWN:
        op.execute(statement)
