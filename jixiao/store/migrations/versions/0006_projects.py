"""Projects across documents: ``projects``, ``project_forms`` (the links, with evidence, confidence
and a reviewer's decision) and, on ``findings``, the project a lifecycle finding is about and the
other forms it cites (models ``Project``, ``ProjectForm``, ``FindingRow`` in ``jixiao/store/schema.py``).

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from jixiao.store.types import Money

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "projects",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("unit_id", sa.Integer, sa.ForeignKey("units.id", ondelete="SET NULL")),
        sa.Column("code", sa.String(64)),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("unit_key", sa.Text, nullable=False),
        sa.Column("name_key", sa.Text, nullable=False),
    )
    op.create_index("ix_projects_unit_key", "projects", ["unit_key"])
    op.create_index("ix_projects_code", "projects", ["code"])
    op.create_index("ix_projects_unit", "projects", ["unit_id"])
    op.create_table(
        "project_forms",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("project_id", sa.Integer, sa.ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
        sa.Column("form_id", sa.Integer, sa.ForeignKey("forms.id", ondelete="CASCADE"), nullable=False),
        sa.Column("stage", sa.String(16), nullable=False),
        sa.Column("year", sa.Integer),
        sa.Column("method", sa.String(16), nullable=False),
        sa.Column("confidence", Money, nullable=False),
        sa.Column("evidence", sa.Text, nullable=False),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("decided_by", sa.Text),
        sa.Column("decided_at", sa.DateTime(timezone=True)),
        sa.UniqueConstraint("project_id", "form_id", name="uq_project_forms_project_form"),
    )
    op.create_index("ix_project_forms_form", "project_forms", ["form_id"])
    with op.batch_alter_table("findings") as batch:
        batch.add_column(sa.Column("project_id", sa.Integer))
        batch.add_column(sa.Column("related", sa.Text))
        batch.create_foreign_key("fk_findings_project", "projects", ["project_id"], ["id"], ondelete="CASCADE")
        batch.create_index("ix_findings_project", ["project_id"])


def downgrade() -> None:
    with op.batch_alter_table("findings") as batch:
        batch.drop_index("ix_findings_project")
        batch.drop_constraint("fk_findings_project", type_="foreignkey")
        batch.drop_column("related")
        batch.drop_column("project_id")
    op.drop_table("project_forms")
    op.drop_table("projects")
