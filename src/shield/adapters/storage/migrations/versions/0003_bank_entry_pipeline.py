"""bank entries record the hashing pipeline version that made their PDQ hash

Revision ID: 0003_bank_entry_pipeline
Revises: 0002_banks
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_bank_entry_pipeline"
down_revision = "0002_banks"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Entries stored before this revision were hashed by pdq-1 when Shield hashed them, but an
    # imported hash list cannot be told apart from them: they stay None (unknown).
    with op.batch_alter_table("bank_entries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pipeline", sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("bank_entries", schema=None) as batch_op:
        batch_op.drop_column("pipeline")
