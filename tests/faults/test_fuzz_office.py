"""Fuzz: mutated DOCX/XLSX/PDF/HTML bytes (flipped bits, truncation, shuffled or duplicated zip members,
bad CRCs, damaged XML inside a member) never make ``extract_bytes`` raise or hang: a corrupt file is a
one-line refusal. Deterministic (``derandomize``) with a fixed budget of examples, so CI runs the same
files every time."""

from __future__ import annotations

import io
import signal
import warnings
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from types import FrameType

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.extract import extract_bytes
from jixiao.samples.families.families import central, national_td
from jixiao.samples.families.render import to_docx, to_html, to_pdf, to_xlsx

EXAMPLES = 500
SECONDS_PER_FILE = 30  # far above any real file's time: only a hang reaches it


@cache
def bases() -> list[tuple[str, bytes]]:
    """Real files of every format the readers take: a 自评表 and a 申报表, each as DOCX, XLSX, PDF, HTML."""
    forms = [central()[0].form, national_td()[0].form]
    files = []
    for form in forms:
        for suffix, render in (("docx", to_docx), ("xlsx", to_xlsx), ("pdf", to_pdf), ("html", to_html)):
            files.append((f"form.{suffix}", render([form])))
    return files


def _members(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(info, archive.read(info)) for info in archive.infolist()]


def _zip(members: list[tuple[zipfile.ZipInfo, bytes]]) -> bytes:
    out = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        warnings.simplefilter("ignore")  # "Duplicate name": on purpose
        for info, body in members:
            archive.writestr(info.filename, body)
    return out.getvalue()


MUTATIONS = ("flip", "truncate", "overwrite", "shuffle", "duplicate", "bad_crc", "member_bytes", "drop_member")


def mutate(name: str, data: bytes, kind: str, a: int, b: int) -> bytes:
    """One corruption of ``data``; ``a`` and ``b`` choose where and what."""
    raw = bytearray(data)
    if kind == "flip" or (kind not in ("truncate", "overwrite") and not name.endswith(("docx", "xlsx"))):
        raw[a % len(raw)] ^= 1 << (b % 8)
        return bytes(raw)
    if kind == "truncate":
        return bytes(raw[:a % len(raw)])
    if kind == "overwrite":
        start = a % len(raw)
        raw[start:start + 16] = bytes((b + i * 31) % 256 for i in range(16))
        return bytes(raw)
    members = _members(data)
    if kind == "shuffle":
        order = sorted(range(len(members)), key=lambda i: (i * (b | 1) + a) % (len(members) + 7))
        return _zip([members[i] for i in order])
    if kind == "duplicate":
        members.insert(b % (len(members) + 1), members[a % len(members)])
        return _zip(members)
    if kind == "drop_member":
        del members[a % len(members)]
        return _zip(members)
    if kind == "member_bytes":
        info, body = members[a % len(members)]
        if body:
            changed = bytearray(body)
            changed[b % len(changed)] = (changed[b % len(changed)] + 1 + a % 255) % 256
            members[a % len(members)] = (info, bytes(changed))
        return _zip(members)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:  # bad_crc: damage a member's stored bytes in place
        infos = [i for i in archive.infolist() if i.compress_size]
    info = infos[a % len(infos)]
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    raw[start + b % info.compress_size] ^= 0x5A
    return bytes(raw)


class Hang(Exception):
    pass


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    def alarm(_signum: int, _frame: FrameType | None) -> None:
        raise Hang(f"no answer in {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_bases_are_read() -> None:
    """The unmutated files are real forms: the fuzz starts from documents the readers understand."""
    for name, data in bases():
        doc = extract_bytes(data, name)
        assert doc.form_count() >= 1, (name, doc.warnings)


@settings(max_examples=EXAMPLES, derandomize=True, database=None, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(base=st.integers(0, 7), kind=st.sampled_from(MUTATIONS), a=st.integers(0, 2**31), b=st.integers(0, 2**31),
       twice=st.booleans())
def test_mutated_office_files_never_raise(base: int, kind: str, a: int, b: int, twice: bool) -> None:
    name, data = bases()[base]
    data = mutate(name, data, kind, a, b)
    if twice and data:
        data = mutate(name, data, "flip", b, a)
    with time_limit(SECONDS_PER_FILE):
        doc = extract_bytes(data, name)  # any exception fails the test, with the mutation that caused it
    for warning in doc.warnings:
        assert "\n" not in warning  # a refusal is one line
