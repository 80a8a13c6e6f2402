"""govnlp.check_series over reports of one body (Pingtan 2021/2023/2025 taken as consecutive years,
and edited copies of seed 000 for the 2019-template item continuity)."""
from __future__ import annotations

from pathlib import Path

import govnlp

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def _dev(year: int, as_year: int) -> govnlp.Report:
    rep = govnlp.extract(str(CORPUS / "dev" / f"pingtan_syq_{year}.txt"))
    rep.meta["year"] = as_year
    return rep


def _by_id(findings):
    return {f.id: f for f in findings}


def test_carry_over_mismatch_and_match():
    reps = [_dev(2021, 2021), _dev(2023, 2022), _dev(2025, 2023)]
    f = _by_id(govnlp.check_series(reps))
    # 2021 carries 1 (natural person) into the next year, but "2022" reports 0 carried over
    assert f["cross_year.carry@2022.total"].status == "violated"
    assert f["cross_year.carry@2022.total"].expected == "0" and f["cross_year.carry@2022.total"].observed == "1"
    assert f["cross_year.carry@2022.commercial"].status == "consistent"
    # 2023 carries nothing forward and 2025 reports nothing carried over
    assert f["cross_year.carry@2023.total"].status == "consistent"
    assert all(x.cause == "report" for x in f.values() if x.rule == "cross_year.carry")


def test_order_of_reports_does_not_matter_and_gaps_are_skipped():
    a, b, c = _dev(2021, 2021), _dev(2023, 2022), _dev(2025, 2023)
    assert [x.id for x in govnlp.check_series([c, a, b])] == [x.id for x in govnlp.check_series([a, b, c])]
    assert govnlp.check_series([_dev(2021, 2021), _dev(2023, 2023)]) == []


def test_in_force_continuity_is_a_warning():
    f = _by_id(govnlp.check_series([_dev(2021, 2021), _dev(2023, 2022)]))
    w = f["cross_year.in_force@2022.art20_1.normative_docs"]
    # 665 + 77 - 132 = 610 != 470
    assert (w.status, w.severity, w.expected, w.observed) == ("violated", "warning", "470", "610")
    assert f["cross_year.in_force@2022.art20_1.regulations"].status == "consistent"


def test_2019_items_continuity():
    text = (CORPUS / "seeds" / "000_d22fa7e95b50c23a.txt").read_text(encoding="utf-8")
    prev = govnlp.extract(text)
    prev.meta["year"] = 2020
    same = govnlp.extract(text.replace("行政许可 | 95 | 0 | 123250 |", "行政许可 | 95 | 3 | 100 |"))
    same.meta["year"] = 2021
    moved = govnlp.extract(text.replace("行政许可 | 95 | 0 | 123250 |", "行政许可 | 97 | 0 | 100 |"))
    moved.meta["year"] = 2021
    ok = _by_id(govnlp.check_series([prev, same]))["cross_year.items@2021.art20_5.licensing"]
    bad = _by_id(govnlp.check_series([prev, moved]))["cross_year.items@2021.art20_5.licensing"]
    assert ok.status == "consistent"
    assert (bad.status, bad.expected, bad.observed) == ("violated", "97", "95")
