"""The table behind 我的上传: every file a user uploaded, with what became of it.

uploads >─ users, units, documents   one row per uploaded file: its outcome (recognized, partly
                                     recognized, not recognized, unchanged, rejected) with the reason,
                                     the document it made (none when nothing was recognized), the
                                     unit names the file prints, and — when they are not the
                                     uploader's unit — the decision on it (pending → confirmed by
                                     the uploader, or reassigned by a reviewer).
Changing it needs a migration in ``jixiao/store/migrations/versions/`` (the one that made it: "units").
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from jixiao.store.schema import Base
from jixiao.web.schema import User  # the users table, on the same metadata

OUTCOMES = ("recognized", "partial", "unrecognized", "unchanged", "rejected")
ASSIGNMENTS = ("pending", "confirmed", "reassigned")


class Upload(Base):
    """One uploaded file. ``assignment`` is None when the file names no unit but the uploader's."""

    __tablename__ = "uploads"
    __table_args__ = (Index("ix_uploads_user", "user_id"), Index("ix_uploads_assignment", "assignment"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey(User.id, ondelete="SET NULL"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="SET NULL"))  # the uploader's
    file_name: Mapped[str] = mapped_column(Text)
    size: Mapped[int | None] = mapped_column(BigInteger)
    sha256: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    outcome: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(Text)
    form_count: Mapped[int] = mapped_column(Integer)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="SET NULL"))
    printed_units: Mapped[str] = mapped_column(Text)  # JSON list: each unit name the file prints, and its match
    assignment: Mapped[str | None] = mapped_column(String(16))
    assigned_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="SET NULL"))
    decided_by: Mapped[int | None] = mapped_column(ForeignKey(User.id, ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
