"""Alembic environment: run with a connection handed in by evidence.store.migrate, or from
``alembic`` on the command line with EVIDENCE_DATABASE_URL."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from evidence.settings import Settings
from evidence.store.db import make_engine
from evidence.store.models import metadata

config = context.config


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure_and_run(connection)
        return
    engine = make_engine(Settings().sqlalchemy_url)
    with engine.connect() as conn:
        _configure_and_run(conn)
        conn.commit()


def _configure_and_run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        compare_type=True,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


run()
