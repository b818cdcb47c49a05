"""card tag marks and notes between tag and cite

Two nullable JSON columns, so existing libraries upgrade in place (every old card simply has none)
and backups written before this revision restore unchanged. The cite's own text and marks need no
column: the cite is already a JSON object.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30 10:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("card", schema=None) as batch_op:
        batch_op.add_column(sa.Column("tag_marks", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("notes", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("card", schema=None) as batch_op:
        batch_op.drop_column("notes")
        batch_op.drop_column("tag_marks")
