"""Extract every corpus excerpt and score it against the readings: what the tests assert and what
``bench/corpus_accuracy.py`` prints."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jixiao.extract import extract_path
from jixiao.present.jsonout import document_json
from tests.corpus.readings import EXCERPTS, Excerpt
from tests.corpus.scoring import Score, compare, has_numbers, self_evaluations


@dataclass
class ExcerptResult:
    excerpt: Excerpt
    doc: Mapping[str, Any]
    score: Score
    forms_found: int  # extracted self-evaluations carrying a number

    @property
    def found(self) -> bool:
        return self.forms_found > 0


@dataclass
class CorpusResult:
    excerpts: list[ExcerptResult] = field(default_factory=list)
    score: Score = field(default_factory=Score)

    @property
    def found(self) -> int:
        """Excerpts holding a filled self-evaluation in which one was found."""
        return sum(1 for r in self.excerpts if r.excerpt.holds == "filled" and r.found)

    @property
    def holding(self) -> int:
        return sum(1 for r in self.excerpts if r.excerpt.holds == "filled")


def extract_json(path: Path) -> Mapping[str, Any]:
    return document_json(extract_path(path))


def measure_excerpt(corpus: Path, excerpt: Excerpt) -> ExcerptResult:
    doc = extract_json(corpus / excerpt.file)
    found = sum(1 for form in self_evaluations(doc) if has_numbers(form))
    return ExcerptResult(excerpt, doc, compare(doc, excerpt.forms), found)


def measure(corpus: Path) -> CorpusResult:
    result = CorpusResult()
    for excerpt in EXCERPTS:
        one = measure_excerpt(corpus, excerpt)
        result.excerpts.append(one)
        result.score.add(one.score)
    return result
