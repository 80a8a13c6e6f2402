"""Result dataclasses and the JSON contract of ``Report.to_dict()`` (schema_version "1").

The shape follows ``spec/output.md``; every key is always present.  Offsets are
Python string indices into ``Report.text`` (end exclusive).
"""
from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field, fields
from typing import Any

SCHEMA_VERSION = "1"

_ATOMIC = frozenset({str, int, float, bool, type(None)})
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _plain(obj: Any) -> Any:
    """What ``dataclasses.asdict`` makes of ``obj`` (the same result, by the same rules), with
    the field names looked up once per class and str/int/float/bool/None returned as they are
    (``copy.deepcopy`` returns those unchanged): several times faster on a Report."""
    t = type(obj)
    if t in _ATOMIC:
        return obj
    names = _FIELD_NAMES.get(t)
    if names is None and hasattr(t, "__dataclass_fields__"):
        names = _FIELD_NAMES[t] = tuple(f.name for f in fields(t))
    if names is not None:
        out = {}
        for name in names:
            v = getattr(obj, name)
            out[name] = v if type(v) in _ATOMIC else _plain(v)
        return out
    if isinstance(obj, tuple) and hasattr(obj, "_fields"):
        return t(*[_plain(v) for v in obj])
    if isinstance(obj, (list, tuple)):
        return t([v if type(v) in _ATOMIC else _plain(v) for v in obj])
    if isinstance(obj, dict):
        return t((_plain(k), _plain(v)) for k, v in obj.items())
    return copy.deepcopy(obj)


@dataclass
class Section:
    index: int
    number: str | None
    title: str
    kind: str
    start: int
    end: int


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    section: int | None
    themes: list[str] = field(default_factory=list)
    scores: dict[str, float] = field(default_factory=dict)
    heading: bool = False


@dataclass
class Claim:
    index: int
    start: int
    end: int
    text: str
    value: str
    unit: str
    approx: bool
    implicit: bool
    metric: str | None
    sentence: int | None
    parent: int | None = None
    field: str | None = None
    scope: str = "agency"


@dataclass
class Table:
    index: int
    kind: str
    start: int
    end: int
    rows: list[list[str]]


@dataclass
class FieldValue:
    value: str
    table: int | None
    start: int
    end: int
    confidence: float = 1.0
    raw: str | None = None
    unit: str | None = None


@dataclass
class Finding:
    id: str
    rule: str
    status: str
    severity: str
    cause: str
    confidence: float
    message: str
    expected: str | None
    observed: str | None
    fields: list[str] = field(default_factory=list)
    claims: list[int] = field(default_factory=list)
    spans: list[list[int]] = field(default_factory=list)


@dataclass
class Report:
    """What :func:`govnlp.extract` returns."""

    text: str
    source: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    sections: list[Section] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    fields: dict[str, FieldValue] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able data in the shape of spec/output.md."""
        meta = {"agency": None, "year": None, "template": "unknown", "script": "simplified"}
        meta.update(self.meta)
        sentences = []
        for s in self.sentences:
            d = _plain(s)
            d.pop("heading")
            sentences.append(d)
        return {
            "schema_version": SCHEMA_VERSION,
            "source": self.source,
            "text": self.text,
            "meta": meta,
            "sections": [_plain(s) for s in self.sections],
            "sentences": sentences,
            "claims": [_plain(c) for c in self.claims],
            "tables": [_plain(t) for t in self.tables],
            "fields": {k: _plain(v) for k, v in self.fields.items()},
            "findings": [_plain(f) for f in self.findings],
            "warnings": list(self.warnings),
        }

    def to_json(self, indent: int | None = None) -> str:
        """UTF-8 JSON text of :meth:`to_dict` (deterministic key order)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def span(self, start: int, end: int) -> str:
        return self.text[start:end]
