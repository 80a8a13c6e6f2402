"""Every hand-transcribed table cell (annotations/tables) against govnlp.extract.

Seeds and the dev reports' original HTML pages: every cell exact, blanks absent, template right.
Dev crawled text (cells run together): at least 98% exact, and every wrong cell low-confidence.
"""
from __future__ import annotations

import json
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pytest

import govnlp
from govnlp.tables.schema import fold

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
GOLD = sorted((ROOT / "annotations" / "tables").glob("*.json"))


def _gold(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _expected(g: dict) -> dict[str, str | None]:
    out = {(k[8:] if k.startswith("appeals.") else k): v for k, v in g["fields"].items()}
    for u in g.get("unmatched", []):
        out[f"legacy.unmatched[{u['label']}]"] = u["value"]
    return out


@lru_cache(maxsize=None)
def _read(path: str) -> govnlp.Report:
    return govnlp.extract(path)


def _got(rep: govnlp.Report, fid: str):
    fv = rep.fields.get(fid)
    if fv is None and fid.startswith("legacy.unmatched["):
        want = fold(fid[17:-1], numbering=True)
        fv = next((v for k, v in rep.fields.items()
                   if k.startswith("legacy.unmatched[") and fold(k[17:-1], numbering=True) == want), None)
    return fv


def _cases(kind: str):
    for g in GOLD:
        d = _gold(g)
        if kind == "txt" and d["source"].startswith("seeds/"):
            yield pytest.param(d, CORPUS / d["source"], id=d["doc"])
        if kind == "html" and d["source"].startswith("dev/"):
            yield pytest.param(d, CORPUS / "dev" / "html" / f"{d['doc']}.html", id=d["doc"] + ".html")
        if kind == "crawled" and d["source"].startswith("dev/"):
            yield pytest.param(d, CORPUS / d["source"], id=d["doc"] + ".txt")


def _mismatches(d: dict, path: Path) -> tuple[list[str], int, govnlp.Report]:
    rep = _read(str(path))
    bad = []
    exp = _expected(d)
    for fid, want in exp.items():
        fv = _got(rep, fid)
        if want is None:
            if fv is not None:
                bad.append(f"{fid}: blank read as {fv.value}")
        elif fv is None or Decimal(fv.value) != Decimal(want):
            bad.append(f"{fid}: want {want} got {fv.value if fv else None}")
    return bad, len(exp), rep


def test_gold_files_present():
    assert len(GOLD) >= 13


@pytest.mark.parametrize("d,path", list(_cases("txt")) + list(_cases("html")))
def test_every_cell_exact(d, path):
    bad, n, rep = _mismatches(d, path)
    assert n > 0
    assert bad == []
    assert rep.meta["template"] == d["template"]


@pytest.mark.parametrize("d,path", list(_cases("crawled")))
def test_crawled_cells(d, path):
    bad, n, rep = _mismatches(d, path)
    assert rep.meta["template"] == d["template"]
    assert len(bad) <= 0.02 * n, bad
    for line in bad:
        fid = line.split(":")[0]
        fv = _got(rep, fid)
        assert fv is not None and fv.confidence < 0.9, line


def test_crawled_total_accuracy_at_least_98_percent():
    right = total = 0
    for p in _cases("crawled"):
        d, path = p.values
        bad, n, _ = _mismatches(d, path)
        right += n - len(bad)
        total += n
    assert total > 800 and right / total >= 0.98


@pytest.mark.parametrize("d,path", list(_cases("txt")) + list(_cases("html")) + list(_cases("crawled")))
def test_no_identity_violated_on_gold_tables(d, path):
    rep = _read(str(path))
    assert [f.id for f in rep.findings if f.rule.startswith(("requests.", "appeals.", "legacy."))
            and f.status == "violated"] == []


@pytest.mark.parametrize("d,path", list(_cases("txt")) + list(_cases("html")))
def test_field_offsets_point_at_the_cell(d, path):
    rep = _read(str(path))
    for fid, fv in rep.fields.items():
        printed = rep.text[fv.start:fv.end]
        assert printed == (fv.raw or printed)
        if fv.raw is None:
            assert Decimal(printed.replace(",", "")) == Decimal(fv.value), fid
