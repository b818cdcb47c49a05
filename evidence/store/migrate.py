"""Schema upgrades, run by ``evidence serve`` and every command that opens the database."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, inspect
from sqlalchemy.exc import DatabaseError as SQLAlchemyDatabaseError

from evidence.store.db import DatabaseError

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest revision; refuse a file that is not an evidence database."""
    try:
        with engine.begin() as connection:
            tables = set(inspect(connection).get_table_names())
            if tables and "alembic_version" not in tables:
                raise DatabaseError(
                    f"{_where(engine)} already holds tables that are not an evidence library "
                    f"({', '.join(sorted(tables)[:5])}); point EVIDENCE_DATABASE_URL at a new database"
                )
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except SQLAlchemyDatabaseError as exc:
        raise DatabaseError(f"{_where(engine)} is not a database evidence can open ({exc.orig})") from None


def _where(engine: Engine) -> str:
    url = engine.url
    if url.get_backend_name() == "sqlite":
        return url.database or ":memory:"
    return url.render_as_string(hide_password=True)
