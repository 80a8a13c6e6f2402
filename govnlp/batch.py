"""Batch processing of many reports into tables: one row per report, per finding, per claim.

``run_batch(inputs, out_dir, jobs=N)`` extracts every file with ``jobs`` worker processes,
appends rows to JSONL files as each report finishes (so an interrupted run loses nothing),
skips files already recorded when run again, records a failed file with its error and goes
on, and finally writes the same tables as Parquet (``pyarrow``, the ``batch`` extra).

The unit of work, :func:`process_one`, is a plain picklable function of one path, so the same
job runs on a distributed engine unchanged, e.g. with Dask::

    import dask.bag as db
    rows = db.from_sequence(paths, npartitions=64).map(process_one).compute()
"""
from __future__ import annotations

import glob
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from .errors import GovnlpError

TABLES = ("reports", "findings", "claims", "errors")
_NLP = None


def _pipeline():
    global _NLP
    if _NLP is None:
        from .pipeline import load
        _NLP = load()
    return _NLP


def process_one(path: str) -> dict[str, list[dict[str, Any]]]:
    """Rows of every table for one file; an unreadable file gives one ``errors`` row."""
    path = str(path)
    try:
        report = _pipeline()(path)
    except GovnlpError as e:
        return {"errors": [{"source": path, "error": type(e).__name__, "message": str(e)}]}
    except Exception as e:  # a bug must not stop a province-wide run; it is recorded
        return {"errors": [{"source": path, "error": type(e).__name__, "message": f"internal error: {e}"}]}
    d = report.to_dict()
    meta = d["meta"]
    row: dict[str, Any] = {"source": path, "agency": meta.get("agency"), "year": meta.get("year"),
                           "template": meta.get("template"), "script": meta.get("script"),
                           "n_sections": len(d["sections"]), "n_sentences": len(d["sentences"]),
                           "n_claims": len(d["claims"]), "n_findings": len(d["findings"]),
                           "n_violated": sum(1 for f in d["findings"] if f["status"] == "violated"),
                           "warnings": "; ".join(d["warnings"])}
    for fid, fv in d["fields"].items():
        row[fid] = fv["value"]
    findings = [{"source": path, **{k: (json.dumps(v) if isinstance(v, list) else v) for k, v in f.items()}}
                for f in d["findings"]]
    claims = [{"source": path, **c} for c in d["claims"]]
    return {"reports": [row], "findings": findings, "claims": claims}


def expand_inputs(inputs: Iterable[str]) -> list[str]:
    """Files named by paths, directories (recursively) and glob patterns, sorted, deduplicated."""
    from .read import READERS
    out: set[str] = set()
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            out.update(str(f) for f in p.rglob("*") if f.is_file() and f.suffix.lower() in READERS)
        elif any(ch in item for ch in "*?["):
            out.update(f for f in glob.glob(item, recursive=True) if os.path.isfile(f))
        else:
            out.add(item)
    return sorted(out)


@dataclass
class BatchResult:
    done: int
    skipped: int
    failed: int
    out_dir: Path


def _done_sources(out_dir: Path) -> set[str]:
    seen: set[str] = set()
    for name in ("reports", "errors"):
        f = out_dir / f"{name}.jsonl"
        if f.exists():
            with open(f, encoding="utf-8") as fh:
                for line in fh:
                    try:
                        seen.add(json.loads(line)["source"])
                    except (ValueError, KeyError):
                        continue  # a line cut by an interrupted run
    return seen


def _results(paths: list[str], jobs: int) -> Iterator[dict[str, list[dict]]]:
    if jobs <= 1 or len(paths) < 2:
        for p in paths:
            yield process_one(p)
        return
    from concurrent.futures import ProcessPoolExecutor
    with ProcessPoolExecutor(max_workers=jobs) as ex:
        yield from ex.map(process_one, paths, chunksize=max(1, min(32, len(paths) // (jobs * 4) or 1)))


def run_batch(inputs: Iterable[str], out_dir: str | os.PathLike, jobs: int | None = None,
              progress: bool = True, parquet: bool = True) -> BatchResult:
    """Extract every input into ``out_dir``/{reports,findings,claims,errors}.jsonl (+ .parquet)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = expand_inputs(inputs)
    seen = _done_sources(out)
    todo = [p for p in paths if p not in seen]
    jobs = jobs or os.cpu_count() or 1
    handles = {t: open(out / f"{t}.jsonl", "a", encoding="utf-8") for t in TABLES}
    done = failed = 0
    it = _results(todo, jobs)
    if progress and todo:
        from tqdm import tqdm
        it = tqdm(it, total=len(todo), desc="batch", unit="report")
    try:
        for rows in it:
            for table, items in rows.items():
                for r in items:
                    handles[table].write(json.dumps(r, ensure_ascii=False) + "\n")
            for h in handles.values():
                h.flush()
            failed += bool(rows.get("errors"))
            done += not rows.get("errors")
    finally:
        for h in handles.values():
            h.close()
    if parquet:
        write_parquet(out)
    return BatchResult(done, len(paths) - len(todo), failed, out)


def write_parquet(out: Path) -> None:
    """Convert each JSONL table in ``out`` to Parquet (all columns as read; values stay strings)."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    for t in TABLES:
        src = out / f"{t}.jsonl"
        rows = []
        if src.exists():
            with open(src, encoding="utf-8") as fh:
                for line in fh:
                    try:
                        rows.append(json.loads(line))
                    except ValueError:
                        continue
        cols = sorted({k for r in rows for k in r}, key=lambda k: (k != "source", k))
        table = pa.table({c: pa.array([_cell(r.get(c)) for r in rows], type=_type(rows, c)) for c in cols}) \
            if rows else pa.table({"source": pa.array([], pa.string())})
        pq.write_table(table, out / f"{t}.parquet")


def _cell(v: Any) -> Any:
    return json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v


def _type(rows: list[dict], col: str):
    import pyarrow as pa
    vals = [r.get(col) for r in rows if r.get(col) is not None]
    if vals and all(isinstance(v, bool) for v in vals):
        return pa.bool_()
    if vals and all(isinstance(v, int) and not isinstance(v, bool) for v in vals):
        return pa.int64()
    if vals and all(isinstance(v, float) for v in vals):
        return pa.float64()
    return pa.string()
