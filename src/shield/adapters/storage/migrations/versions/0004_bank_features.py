"""local features of banked photos (the second matching stage)

Revision ID: 0004_bank_features
Revises: 0003_bank_entry_pipeline
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_bank_features"
down_revision = "0003_bank_entry_pipeline"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "bank_features",
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.String(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["bank_entries.id"],
            name=op.f("fk_bank_features_entry_id_bank_entries"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("entry_id", name=op.f("pk_bank_features")),
    )


def downgrade() -> None:
    op.drop_table("bank_features")
