"""The tables (SQLAlchemy 2 declarative models). Changing them needs a migration in ``migrations/``.

documents ─< forms ─< form_rows        one row per input file version; forms of every kind in one
     │          │                      table (key columns + the full form JSON in ``data``, so new
     └────< findings                    fields need no migration); findings point at their form.
units, years: what forms are filed under; units ─< unit_aliases (the master list's other names),
units.parent_id: the 主管部门 → 下属单位 tree.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from jixiao.store.types import Money


class Base(DeclarativeBase):
    pass


class Unit(Base):
    """A budget unit (预算单位): street office, bureau, school …"""

    __tablename__ = "units"
    __table_args__ = (UniqueConstraint("name", name="uq_units_name"), Index("uq_units_code", "code", unique=True))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    code: Mapped[str | None] = mapped_column(String(64))
    region: Mapped[str | None] = mapped_column(Text)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))  # 主管部门 (None: top of the tree)
    listed: Mapped[bool] = mapped_column(Boolean, server_default=false())  # in the master list (单位名录)


class UnitAlias(Base):
    """Another name a unit is printed under (简称, 旧称, a variant): documents naming it are filed
    under the unit. ``key`` is the alias as compared (:func:`jixiao.store.units.name_key`)."""

    __tablename__ = "unit_aliases"
    __table_args__ = (UniqueConstraint("key", name="uq_unit_aliases_key"), Index("ix_unit_aliases_unit", "unit_id"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(Text)


class Year(Base):
    __tablename__ = "years"
    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)


class DocumentRow(Base):
    """One version of one input file. A changed file at the same path is a new version; the old
    one stays (``current`` false). ``status`` is ``ok`` or ``failed`` (with ``error``)."""

    __tablename__ = "documents"
    __table_args__ = (UniqueConstraint("path", "sha256", name="uq_documents_path_sha256"),
                      UniqueConstraint("path", "version", name="uq_documents_path_version"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    path: Mapped[str] = mapped_column(Text)
    file_name: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    format: Mapped[str | None] = mapped_column(String(16))
    size: Mapped[int | None] = mapped_column(BigInteger)
    encoding: Mapped[str | None] = mapped_column(String(32))
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(8))
    error: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer)
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
    current: Mapped[bool] = mapped_column(Boolean)
    warnings: Mapped[str] = mapped_column(Text)  # JSON list of strings
    form_count: Mapped[int] = mapped_column(Integer)
    finding_count: Mapped[int] = mapped_column(Integer)
    profile: Mapped[str] = mapped_column(String(64))
    jixiao_version: Mapped[str] = mapped_column(String(32))
    extra: Mapped[str] = mapped_column(Text)  # JSON: document-level results that are not forms


class FormRow(Base):
    """One form of any kind: self_evaluation, department_evaluation, project_evaluation,
    project_target_declaration, department_target_declaration, budget_table."""

    __tablename__ = "forms"
    __table_args__ = (UniqueConstraint("document_id", "kind", "idx", name="uq_forms_document_kind_idx"),
                      Index("ix_forms_kind_year", "kind", "year"), Index("ix_forms_unit", "unit_id"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    idx: Mapped[int] = mapped_column(Integer)  # position among the forms of the same kind in the document
    name: Mapped[str | None] = mapped_column(Text)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    year: Mapped[int | None] = mapped_column(ForeignKey("years.year"))
    total_score: Mapped[Decimal | None] = mapped_column(Money)
    total_weight: Mapped[Decimal | None] = mapped_column(Money)
    grade: Mapped[str | None] = mapped_column(Text)  # as printed
    recomputed_grade: Mapped[str | None] = mapped_column(Text)
    amount: Mapped[Decimal | None] = mapped_column(Money)
    executed: Mapped[Decimal | None] = mapped_column(Money)
    execution_rate: Mapped[Decimal | None] = mapped_column(Money)
    line_start: Mapped[int | None] = mapped_column(Integer)
    line_end: Mapped[int | None] = mapped_column(Integer)
    page_start: Mapped[int | None] = mapped_column(Integer)
    page_end: Mapped[int | None] = mapped_column(Integer)
    row_count: Mapped[int] = mapped_column(Integer)
    data: Mapped[str] = mapped_column(Text)  # the full form as JSON (decimals as strings, exact)


class FormChildRow(Base):
    """A row of a form: an indicator, a conclusion part, a declared indicator or a table row."""

    __tablename__ = "form_rows"
    __table_args__ = (UniqueConstraint("form_id", "section", "position", name="uq_form_rows_position"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    form_id: Mapped[int] = mapped_column(ForeignKey("forms.id", ondelete="CASCADE"))
    section: Mapped[str] = mapped_column(String(24))  # indicator | part | declared_indicator | table_row
    position: Mapped[int] = mapped_column(Integer)
    level1: Mapped[str | None] = mapped_column(Text)
    level2: Mapped[str | None] = mapped_column(Text)
    level3: Mapped[str | None] = mapped_column(Text)
    level4: Mapped[str | None] = mapped_column(Text)
    code: Mapped[str | None] = mapped_column(Text)
    item: Mapped[str | None] = mapped_column(Text)
    target: Mapped[str | None] = mapped_column(Text)
    actual: Mapped[str | None] = mapped_column(Text)
    nature: Mapped[str | None] = mapped_column(Text)
    measure: Mapped[str | None] = mapped_column(Text)  # 度量单位
    direction: Mapped[str | None] = mapped_column(Text)
    weight: Mapped[Decimal | None] = mapped_column(Money)
    score: Mapped[Decimal | None] = mapped_column(Money)
    note: Mapped[str | None] = mapped_column(Text)  # 偏差原因 / 扣分原因
    values: Mapped[str | None] = mapped_column(Text)  # JSON list, table rows only
    line: Mapped[int | None] = mapped_column(Integer)


class FindingRow(Base):
    __tablename__ = "findings"
    __table_args__ = (UniqueConstraint("document_id", "seq", name="uq_findings_document_seq"),
                      Index("ix_findings_severity", "severity"), Index("ix_findings_code", "code"),
                      Index("ix_findings_form", "form_id"), Index("ix_findings_project", "project_id"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    form_id: Mapped[int | None] = mapped_column(ForeignKey("forms.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(16))
    severity: Mapped[str] = mapped_column(String(8))
    category: Mapped[str] = mapped_column(String(24))
    rule: Mapped[str | None] = mapped_column(Text)
    line_start: Mapped[int | None] = mapped_column(Integer)
    location: Mapped[str] = mapped_column(Text)  # JSON object
    message: Mapped[str] = mapped_column(Text)
    expected: Mapped[str | None] = mapped_column(Text)  # JSON
    actual: Mapped[str | None] = mapped_column(Text)  # JSON
    profile: Mapped[str] = mapped_column(String(64))
    # a cross-document (lifecycle) finding: the project it is about and the other forms it cites (JSON list)
    project_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    related: Mapped[str | None] = mapped_column(Text)


class Project(Base):
    """One budget project across documents and years (申报 → 监控 → 自评 → 评价): its forms are linked
    to it in ``project_forms``. ``unit_key``/``name_key`` are the unit and name as compared
    (:mod:`jixiao.link.keys`)."""

    __tablename__ = "projects"
    __table_args__ = (Index("ix_projects_unit_key", "unit_key"), Index("ix_projects_code", "code"),
                      Index("ix_projects_unit", "unit_id"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="SET NULL"))
    code: Mapped[str | None] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(Text)
    unit_key: Mapped[str] = mapped_column(Text)
    name_key: Mapped[str] = mapped_column(Text)


class ProjectForm(Base):
    """A link of a form to a project, with how it was made (``method`` code | name | fuzzy | reviewer
    | new), its ``evidence`` (JSON) and ``confidence`` (a fraction); ``state`` linked | uncertain
    (made by the machine) or confirmed | broken (decided by a reviewer, who is recorded)."""

    __tablename__ = "project_forms"
    __table_args__ = (UniqueConstraint("project_id", "form_id", name="uq_project_forms_project_form"),
                      Index("ix_project_forms_form", "form_id"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    form_id: Mapped[int] = mapped_column(ForeignKey("forms.id", ondelete="CASCADE"))
    stage: Mapped[str] = mapped_column(String(16))
    year: Mapped[int | None] = mapped_column(Integer)
    method: Mapped[str] = mapped_column(String(16))
    confidence: Mapped[Decimal] = mapped_column(Money)
    evidence: Mapped[str] = mapped_column(Text)  # JSON object
    state: Mapped[str] = mapped_column(String(12))
    decided_by: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


TABLES = (Unit.__table__, UnitAlias.__table__, Year.__table__, DocumentRow.__table__, FormRow.__table__,
          FormChildRow.__table__, FindingRow.__table__, Project.__table__, ProjectForm.__table__)

