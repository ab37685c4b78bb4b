"""Units as master data and 我的上传: ``units.parent_id`` (主管部门), ``units.listed`` (in the master
list), unique unit codes, ``unit_aliases`` (models ``Unit`` and ``UnitAlias`` in
``jixiao/store/schema.py``) and ``uploads`` (model ``Upload`` in ``jixiao/web/upload_schema.py``).

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ALTER TABLE ADD COLUMN (SQLite takes a REFERENCES clause on a new column): a batch copy of
    # ``units`` would drop the table every form and user points at
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE units ADD COLUMN parent_id INTEGER REFERENCES units (id)")
    else:
        op.add_column("units", sa.Column("parent_id", sa.Integer, nullable=True))
        op.create_foreign_key("fk_units_parent_id", "units", "units", ["parent_id"], ["id"])
    op.add_column("units", sa.Column("listed", sa.Boolean, nullable=False, server_default=sa.false()))
    op.create_index("uq_units_code", "units", ["code"], unique=True)
    op.create_table(
        "unit_aliases",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("unit_id", sa.Integer, sa.ForeignKey("units.id", ondelete="CASCADE"), nullable=False),
        sa.Column("alias", sa.Text, nullable=False),
        sa.Column("key", sa.Text, nullable=False),
        sa.UniqueConstraint("key", name="uq_unit_aliases_key"),
    )
    op.create_index("ix_unit_aliases_unit", "unit_aliases", ["unit_id"])
    op.create_table(
        "uploads",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="SET NULL"), nullable=True),
        sa.Column("unit_id", sa.Integer, sa.ForeignKey("units.id", ondelete="SET NULL"), nullable=True),
        sa.Column("file_name", sa.Text, nullable=False),
        sa.Column("size", sa.BigInteger, nullable=True),
        sa.Column("sha256", sa.String(64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text, nullable=True),
        sa.Column("form_count", sa.Integer, nullable=False),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="SET NULL"), nullable=True),
        sa.Column("printed_units", sa.Text, nullable=False),
        sa.Column("assignment", sa.String(16), nullable=True),
        sa.Column("assigned_unit_id", sa.Integer, sa.ForeignKey("units.id", ondelete="SET NULL"), nullable=True),
        sa.Column("decided_by", sa.Integer, sa.ForeignKey("users.id", ondelete="SET NULL"), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_uploads_user", "uploads", ["user_id"])
    op.create_index("ix_uploads_assignment", "uploads", ["assignment"])


def downgrade() -> None:
    op.drop_table("uploads")
    op.drop_table("unit_aliases")
    op.drop_index("uq_units_code", "units")
    with op.batch_alter_table("units") as batch:
        batch.drop_column("listed")
        batch.drop_column("parent_id")
