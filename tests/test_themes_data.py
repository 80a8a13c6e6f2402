"""Annotations: completeness, datasets loading, alignment by offsets, leave-one-report-out."""
import json
import shutil

import numpy as np

from govnlp.themes.data import build_examples, leave_one_report_out, load_dataset, read_annotations
from govnlp.themes.labels import LABELS
from tests.conftest import ANNOTATIONS


def test_every_sentence_of_seeds_and_dev_is_labelled():
    recs = read_annotations(ANNOTATIONS)
    units = [json.loads(l) for f in sorted((ANNOTATIONS / "sentences").glob("*.jsonl"))
             for l in f.read_text(encoding="utf-8").splitlines()]
    assert len(recs) == len(units) == 958
    assert {(r["doc"], r["start"], r["end"]) for r in recs} == {(u["doc"], u["start"], u["end"]) for u in units}
    assert len({r["doc"] for r in recs}) == 14
    for r in recs:
        assert r["labels"] and set(r["labels"]) <= set(LABELS)
        assert r["labels"] == ["other"] or "other" not in r["labels"]


def test_offsets_point_into_the_source_text(corpus):
    recs = read_annotations(ANNOTATIONS)
    by_doc = {}
    for r in recs:
        by_doc.setdefault(r["doc"], []).append(r)
    for doc, rs in by_doc.items():
        src = next(corpus.glob(f"*/{doc}.txt")).read_text(encoding="utf-8")
        for r in rs[:20]:
            assert src[r["start"]:r["end"]] == r["text"]


def test_loadable_with_datasets():
    import datasets
    ds = load_dataset(ANNOTATIONS)
    assert isinstance(ds, datasets.Dataset) and len(ds) == 958
    assert set(ds.column_names) >= {"doc", "start", "end", "text", "labels"}
    files = sorted(str(p) for p in ANNOTATIONS.glob("*.jsonl"))
    ds2 = datasets.load_dataset("json", data_files=files, split="train")
    assert len(ds2) == 958 and ds2[0]["labels"] == ds[0]["labels"]


def test_alignment_by_exact_offsets_then_overlap(tmp_path, corpus):
    doc = "001_e90c2bdef7009ef2"
    lines = (ANNOTATIONS / f"{doc}.jsonl").read_text(encoding="utf-8").splitlines()
    shifted = []
    for l in lines:                      # as if an older segmenter had cut one character shorter
        r = json.loads(l)
        if r["end"] - r["start"] > 4:
            r["end"] -= 1
        shifted.append(json.dumps(r, ensure_ascii=False))
    (tmp_path / f"{doc}.jsonl").write_text("\n".join(shifted) + "\n", encoding="utf-8")
    ex = build_examples(tmp_path, [corpus])
    ref = build_examples(ANNOTATIONS, [corpus])
    assert ex.aligned == {doc: "segmented"} and ex.unmatched == 0
    idx = [i for i, g in enumerate(ref.groups) if g == doc]
    assert np.array_equal(ex.Y, ref.Y[idx])
    assert ex.spans == [ref.spans[i] for i in idx]


def test_without_sources_the_annotated_units_are_used(tmp_path):
    shutil.copy(ANNOTATIONS / "002_087a8e6c0d9ad53e.jsonl", tmp_path)
    ex = build_examples(tmp_path, corpus=[tmp_path / "nowhere"])
    assert ex.aligned == {"002_087a8e6c0d9ad53e": "annotated"} and len(ex) == 62
    assert {u.section for u in ex.units} >= {"overview", "problems"}


def test_leave_one_report_out():
    folds = list(leave_one_report_out(["a", "a", "b", "c", "b"]))
    assert [g for g, _, _ in folds] == ["a", "b", "c"]
    for g, tr, te in folds:
        assert set(tr) | set(te) == set(range(5)) and not set(tr) & set(te)
