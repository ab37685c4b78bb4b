"""``form_edits.kind``: "ocr" for the correction of a cell read uncertainly from a scan (识别更正),
"edit" for every other change (model ``FormEdit`` in ``jixiao/web/schema.py``).

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("form_edits", sa.Column("kind", sa.String(8), nullable=False, server_default="edit"))


def downgrade() -> None:
    with op.batch_alter_table("form_edits") as batch:
        batch.drop_column("kind")
