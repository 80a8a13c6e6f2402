"""Theme annotations: loading (also as a ``datasets.Dataset``), alignment to the current
segmenter's sentences, and a leave-one-report-out splitter.

An annotation directory holds ``<doc_id>.jsonl`` files, one JSON object per sentence with at least
``doc``, ``start``, ``end``, ``text``, ``labels`` (offsets into the report text as read); the
adjudication also keeps ``section`` (the title of the top-level section) and ``heading``.

Training aligns annotations to the sentences the *current* segmenter cuts from the source report
(exact offsets, else the annotation with the largest overlap), so a changed segmenter does not make
the annotations stale.  When the source report cannot be found the annotated units are used as they
are.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Sequence

import numpy as np

from .labels import LABELS, Unit

SOURCE_SUFFIXES = (".txt", ".html", ".htm", ".md", ".pdf", ".docx")


def read_annotations(data_dir: str | os.PathLike) -> list[dict]:
    """All records of ``data_dir/*.jsonl`` (not sub-folders), in file then line order."""
    data_dir = Path(data_dir)
    files = sorted(data_dir.glob("*.jsonl"))
    if not files:
        raise FileNotFoundError(f"no *.jsonl annotation files in {data_dir}")
    out = []
    for f in files:
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            rec = json.loads(line)
            missing = {"doc", "start", "end", "text", "labels"} - set(rec)
            if missing:
                raise ValueError(f"{f}:{n}: missing {', '.join(sorted(missing))}")
            bad = [l for l in rec["labels"] if l not in LABELS]
            if bad or not rec["labels"]:
                raise ValueError(f"{f}:{n}: bad labels {rec['labels']!r}")
            out.append(rec)
    return out


def load_dataset(data_dir: str | os.PathLike):
    """The annotations as a ``datasets.Dataset`` (columns doc, start, end, text, labels, section,
    heading).  Equivalent to ``datasets.load_dataset("json", data_files=".../*.jsonl")``."""
    import datasets
    recs = read_annotations(data_dir)
    cols = ("doc", "start", "end", "text", "labels", "section", "heading")
    return datasets.Dataset.from_list([{c: r.get(c, None if c != "heading" else False) for c in cols}
                                       for r in recs])


def find_sources(data_dir: str | os.PathLike, corpus: Sequence[str | os.PathLike] | None = None,
                 docs: Sequence[str] = ()) -> dict[str, Path]:
    """doc id → source file, searching ``corpus`` folders, else ``$GOVNLP_CORPUS`` and the
    ``corpus/`` (or ``../shared/corpus/``) folders beside the repository holding ``data_dir``."""
    if corpus is None:
        roots: list[Path] = []
        if os.environ.get("GOVNLP_CORPUS"):
            roots += [Path(p) for p in os.environ["GOVNLP_CORPUS"].split(os.pathsep)]
        repo = Path(data_dir).resolve().parent.parent
        roots += [repo / "corpus", repo.parent / "shared" / "corpus"]
    else:
        roots = [Path(p) for p in corpus]
    dirs = []
    for r in roots:
        if r.is_dir():
            dirs.append(r)
            dirs += sorted(p for p in r.iterdir() if p.is_dir())
    found = {}
    for d in docs:
        for folder in dirs:
            hit = next((folder / (d + s) for s in SOURCE_SUFFIXES if (folder / (d + s)).is_file()), None)
            if hit:
                found[d] = hit
                break
    return found


@dataclass
class Examples:
    """Aligned training examples: units, an (n, 8) label matrix, report ids, and provenance."""

    units: list[Unit]
    Y: np.ndarray
    groups: list[str]
    spans: list[tuple[int, int]] = field(default_factory=list)
    aligned: dict[str, str] = field(default_factory=dict)   # doc → "segmented" | "annotated"
    unmatched: int = 0

    def __len__(self) -> int:
        return len(self.units)


def build_examples(data_dir: str | os.PathLike, corpus=None, segment: bool = True) -> Examples:
    """Annotations of ``data_dir`` aligned to the sentences the current pipeline cuts."""
    from ..segment import section_kind
    recs = read_annotations(data_dir)
    by_doc: dict[str, list[dict]] = {}
    for r in recs:
        by_doc.setdefault(r["doc"], []).append(r)
    sources = find_sources(data_dir, corpus, list(by_doc)) if segment else {}
    ex = Examples([], np.zeros((0, len(LABELS)), int), [])
    rows = []
    for doc_id, anns in by_doc.items():
        anns.sort(key=lambda r: (r["start"], r["end"]))
        if doc_id in sources:
            units, spans = segment_units(sources[doc_id])
            ex.aligned[doc_id] = "segmented"
            for u, (a, b) in zip(units, spans):
                rec = align(anns, a, b)
                if rec is None:
                    ex.unmatched += 1
                    continue
                ex.units.append(u), ex.groups.append(doc_id), ex.spans.append((a, b))
                rows.append(rec["labels"])
        else:
            from ..normalize import normalize
            ex.aligned[doc_id] = "annotated"
            for rec in anns:
                title = (rec.get("section") or "").split(" ", 1)[-1]
                ex.units.append(Unit(normalize(rec["text"]), section_kind(title) if title else "unknown",
                                     bool(rec.get("heading"))))
                ex.groups.append(doc_id), ex.spans.append((rec["start"], rec["end"]))
                rows.append(rec["labels"])
    from .model import labels_to_matrix
    ex.Y = labels_to_matrix(rows, len(rows))
    return ex


def align(anns: list[dict], a: int, b: int) -> dict | None:
    """The annotation with exactly the offsets ``[a, b)``, else the one overlapping it most."""
    best, best_ov = None, 0
    for r in anns:
        if r["start"] == a and r["end"] == b:
            return r
        ov = min(b, r["end"]) - max(a, r["start"])
        if ov > best_ov:
            best, best_ov = r, ov
    return best


def segment_units(path: str | os.PathLike) -> tuple[list[Unit], list[tuple[int, int]]]:
    """Run read → normalize → segment on a source and return its sentences as units."""
    from ..pipeline import Pipeline
    from .stage import units_of
    pipe = Pipeline(stages=("normalize", "segment"))
    from ..document import Document
    from ..read import read_source
    doc = Document(read_source(path))
    pipe.run(doc)
    return units_of(doc), [(s.start, s.end) for s in doc.report.sentences]


def leave_one_report_out(groups: Sequence[str]) -> Iterator[tuple[str, np.ndarray, np.ndarray]]:
    """(report id, train indices, test indices) for each report, in first-seen order.

    >>> [(g, tr.tolist(), te.tolist()) for g, tr, te in leave_one_report_out(["a", "b", "a"])]
    [('a', [1], [0, 2]), ('b', [0, 2], [1])]
    """
    groups = np.asarray(groups)
    for g in dict.fromkeys(groups.tolist()):
        test = groups == g
        yield g, np.flatnonzero(~test), np.flatnonzero(test)
