"""The initial schema: units, years, documents (with versions), forms, form_rows, findings.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from jixiao.store.types import Money

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "units",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("code", sa.String(64)),
        sa.Column("region", sa.Text),
        sa.UniqueConstraint("name", name="uq_units_name"),
    )
    op.create_table("years", sa.Column("year", sa.Integer, primary_key=True, autoincrement=False))
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("file_name", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("format", sa.String(16)),
        sa.Column("size", sa.BigInteger),
        sa.Column("encoding", sa.String(32)),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("error", sa.Text),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("previous_id", sa.Integer, sa.ForeignKey("documents.id")),
        sa.Column("current", sa.Boolean, nullable=False),
        sa.Column("warnings", sa.Text, nullable=False),
        sa.Column("form_count", sa.Integer, nullable=False),
        sa.Column("finding_count", sa.Integer, nullable=False),
        sa.Column("profile", sa.String(64), nullable=False),
        sa.Column("jixiao_version", sa.String(32), nullable=False),
        sa.Column("extra", sa.Text, nullable=False),
        sa.UniqueConstraint("path", "sha256", name="uq_documents_path_sha256"),
        sa.UniqueConstraint("path", "version", name="uq_documents_path_version"),
    )
    op.create_table(
        "forms",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("idx", sa.Integer, nullable=False),
        sa.Column("name", sa.Text),
        sa.Column("unit_id", sa.Integer, sa.ForeignKey("units.id")),
        sa.Column("year", sa.Integer, sa.ForeignKey("years.year")),
        sa.Column("total_score", Money),
        sa.Column("total_weight", Money),
        sa.Column("grade", sa.Text),
        sa.Column("recomputed_grade", sa.Text),
        sa.Column("amount", Money),
        sa.Column("executed", Money),
        sa.Column("execution_rate", Money),
        sa.Column("line_start", sa.Integer),
        sa.Column("line_end", sa.Integer),
        sa.Column("page_start", sa.Integer),
        sa.Column("page_end", sa.Integer),
        sa.Column("row_count", sa.Integer, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.UniqueConstraint("document_id", "kind", "idx", name="uq_forms_document_kind_idx"),
    )
    op.create_index("ix_forms_kind_year", "forms", ["kind", "year"])
    op.create_index("ix_forms_unit", "forms", ["unit_id"])
    op.create_table(
        "form_rows",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("form_id", sa.Integer, sa.ForeignKey("forms.id", ondelete="CASCADE"), nullable=False),
        sa.Column("section", sa.String(24), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("level1", sa.Text),
        sa.Column("level2", sa.Text),
        sa.Column("level3", sa.Text),
        sa.Column("level4", sa.Text),
        sa.Column("code", sa.Text),
        sa.Column("item", sa.Text),
        sa.Column("target", sa.Text),
        sa.Column("actual", sa.Text),
        sa.Column("nature", sa.Text),
        sa.Column("measure", sa.Text),
        sa.Column("direction", sa.Text),
        sa.Column("weight", Money),
        sa.Column("score", Money),
        sa.Column("note", sa.Text),
        sa.Column("values", sa.Text),
        sa.Column("line", sa.Integer),
        sa.UniqueConstraint("form_id", "section", "position", name="uq_form_rows_position"),
    )
    op.create_table(
        "findings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("form_id", sa.Integer, sa.ForeignKey("forms.id", ondelete="CASCADE")),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("code", sa.String(16), nullable=False),
        sa.Column("severity", sa.String(8), nullable=False),
        sa.Column("category", sa.String(24), nullable=False),
        sa.Column("rule", sa.Text),
        sa.Column("line_start", sa.Integer),
        sa.Column("location", sa.Text, nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("expected", sa.Text),
        sa.Column("actual", sa.Text),
        sa.Column("profile", sa.String(64), nullable=False),
        sa.UniqueConstraint("document_id", "seq", name="uq_findings_document_seq"),
    )
    op.create_index("ix_findings_severity", "findings", ["severity"])
    op.create_index("ix_findings_code", "findings", ["code"])
    op.create_index("ix_findings_form", "findings", ["form_id"])


def downgrade() -> None:
    for table in ("findings", "form_rows", "forms", "documents", "years", "units"):
        op.drop_table(table)
