"""brief styles: the team's own look travels with a brief imported from its file

One nullable JSON column on ``brief`` (role → look: font, size, bold, underline, the Emphasis
box), so existing libraries upgrade in place and older backups restore unchanged: a brief
without it is written in Verbatim's defaults.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 21:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("brief", schema=None) as batch_op:
        batch_op.add_column(sa.Column("styles", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("brief", schema=None) as batch_op:
        batch_op.drop_column("styles")
