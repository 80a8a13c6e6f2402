"""Batch runs: every good report yields rows, a corrupted file one error row, reruns resume."""
from __future__ import annotations

import json
import shutil

import pyarrow.parquet as pq

from govnlp.batch import process_one, run_batch

from .conftest import DEV, SEEDS


def _rows(path):
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def test_batch_with_a_corrupted_file(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for p in SEEDS[:3] + DEV[:2]:
        shutil.copy(p, src / p.name)
    (src / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<")
    out = tmp_path / "out"
    res = run_batch([str(src)], out, jobs=2, progress=False)
    assert (res.done, res.failed, res.skipped) == (5, 1, 0)
    reports = pq.read_table(out / "reports.parquet").to_pylist()
    assert sorted(r["source"].rsplit("/", 1)[1] for r in reports) == sorted(p.name for p in SEEDS[:3] + DEV[:2])
    errors = _rows(out / "errors.jsonl")
    assert len(errors) == 1 and errors[0]["error"] == "UnreadablePDFError"
    assert errors[0]["source"].endswith("broken.pdf")
    # a second run skips what is done and adds nothing
    again = run_batch([str(src)], out, jobs=1, progress=False)
    assert (again.done, again.skipped) == (0, 6)
    assert len(_rows(out / "reports.jsonl")) == 5


def test_process_one_runs_on_dask():
    import dask.bag as db
    paths = [str(p) for p in SEEDS[:2]]
    rows = db.from_sequence(paths, npartitions=2).map(process_one).compute(scheduler="processes")
    assert [r["reports"][0]["source"] for r in rows] == paths
    assert rows[0]["reports"][0]["year"] == 2020
