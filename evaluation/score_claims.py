"""Score govnlp's numeric claims against the gold annotations (annotations/claims/*.jsonl).

    python evaluation/score_claims.py [--corpus ../shared/corpus  (default: $GOVNLP_CORPUS)] [--tables auto|pipeline|gold|none]
                                      [--json out.json] [--verbose]

A predicted claim matches a gold claim when the spans are equal (``exact``), or else when they
overlap and state the same value (``overlap``); each gold claim matches at most one prediction.
Reported per document and overall: claim precision/recall/F1, implicit-zero recall, attribute
agreement on matched pairs (unit, approx, implicit, parent, field, scope) and field-link P/R/F1 (a link
counts as correct when a matched pair has the same field or the same "+"-sum, order-free, with
the ``appeals.`` prefix stripped).

``--tables`` says where table fields come from, which field links need: ``pipeline`` (the tables
stage), ``gold`` (annotations/tables/<doc>.json injected after the tables stage: template and
non-blank fields), ``none`` (no fields, template unknown), ``auto`` (pipeline where it produced
fields, else gold).  The mode used for each document is printed.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from govnlp.document import Document  # noqa: E402
from govnlp.read import read_source  # noqa: E402
from govnlp.report import FieldValue  # noqa: E402
from govnlp.stages import STAGES  # noqa: E402


def norm_field(f: str | None) -> str | None:
    if not f:
        return None
    return "+".join(sorted(x.strip().removeprefix("appeals.") for x in f.split("+")))


def run_doc(path: Path, doc_id: str, tables: str) -> tuple[list[dict], str]:
    doc = Document(read_source(str(path)))
    for name in ("normalize", "segment", "tables"):
        STAGES[name](doc)
    mode = "pipeline" if doc.report.fields else "none"
    gold_tables = ROOT / "annotations" / "tables" / f"{doc_id}.json"
    if tables == "gold" or (tables == "auto" and not doc.report.fields):
        if gold_tables.exists():
            g = json.loads(gold_tables.read_text(encoding="utf-8"))
            doc.report.meta["template"] = g["template"]
            doc.report.fields = {k: FieldValue(str(v), None, 0, 0) for k, v in g["fields"].items()
                                 if v is not None}
            mode = "gold"
    if tables == "none":
        doc.report.fields, doc.report.meta["template"], mode = {}, "unknown", "none"
    STAGES["claims"](doc)
    return [{"start": c.start, "end": c.end, "text": c.text, "value": c.value, "unit": c.unit,
             "approx": c.approx, "implicit": c.implicit, "parent": c.parent, "field": c.field,
             "scope": c.scope} for c in doc.report.claims], mode


def match(gold: list[dict], pred: list[dict]) -> tuple[dict[int, int], int]:
    """gold index → pred index; exact spans first, then overlaps with the same value."""
    by_span = {(p["start"], p["end"]): j for j, p in enumerate(pred)}
    m: dict[int, int] = {}
    used: set[int] = set()
    for i, g in enumerate(gold):
        j = by_span.get((g["start"], g["end"]))
        if j is not None:
            m[i] = j
            used.add(j)
    exact = len(m)
    for i, g in enumerate(gold):
        if i in m:
            continue
        for j, p in enumerate(pred):
            if j not in used and p["start"] < g["end"] and g["start"] < p["end"] and p["value"] == g["value"]:
                m[i] = j
                used.add(j)
                break
    return m, exact


def prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else 1.0
    r = tp / ngold if ngold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


ATTRS = ("unit", "approx", "implicit", "parent", "field", "scope")


def score(gold: list[dict], pred: list[dict]) -> dict:
    m, exact = match(gold, pred)
    inv = {j: i for i, j in m.items()}
    agree = {a: 0 for a in ATTRS}
    for i, j in m.items():
        g, p = gold[i], pred[j]
        for a in ("unit", "approx", "implicit", "scope"):
            agree[a] += g[a] == p[a]
        gp = g["parent"]
        pp = inv.get(p["parent"], -1) if p["parent"] is not None else None
        agree["parent"] += gp == pp
        agree["field"] += norm_field(g["field"]) == norm_field(p["field"])
    imp = [i for i, g in enumerate(gold) if g["implicit"]]
    link_tp = sum(1 for i, j in m.items() if gold[i]["field"] and norm_field(gold[i]["field"]) == norm_field(pred[j]["field"]))
    return {"gold": len(gold), "pred": len(pred), "tp": len(m), "exact": exact, "overlap": len(m) - exact,
            "implicit_gold": len(imp), "implicit_found": sum(1 for i in imp if i in m),
            "agree": agree, "link_tp": link_tp, "link_pred": sum(1 for p in pred if p["field"]),
            "link_gold": sum(1 for g in gold if g["field"])}


def find_source(corpus: Path, doc_id: str) -> Path | None:
    for sub in ("seeds", "dev", "test", ""):
        p = corpus / sub / f"{doc_id}.txt"
        if p.exists():
            return p
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=os.environ.get("GOVNLP_CORPUS", str(ROOT.parent / "shared" / "corpus")))
    ap.add_argument("--gold", default=str(ROOT / "annotations" / "claims"))
    ap.add_argument("--tables", choices=("auto", "pipeline", "gold", "none"), default="auto")
    ap.add_argument("--json")
    ap.add_argument("--verbose", action="store_true", help="list misses and false claims")
    a = ap.parse_args(argv)
    total: dict = {}
    rows = []
    for gf in sorted(Path(a.gold).glob("*.jsonl")):
        doc_id = gf.stem
        src = find_source(Path(a.corpus), doc_id)
        if src is None:
            print(f"skip {doc_id}: source not found", file=sys.stderr)
            continue
        gold = [json.loads(x) for x in gf.read_text(encoding="utf-8").splitlines() if x.strip()]
        pred, mode = run_doc(src, doc_id, a.tables)
        s = score(gold, pred)
        s["doc"], s["tables"] = doc_id, mode
        rows.append(s)
        for k, v in s.items():
            if isinstance(v, int):
                total[k] = total.get(k, 0) + v
            elif isinstance(v, dict):
                t = total.setdefault(k, {})
                for kk, vv in v.items():
                    t[kk] = t.get(kk, 0) + vv
        if a.verbose:
            m, _ = match(gold, pred)
            used = set(m.values())
            for i, g in enumerate(gold):
                if i not in m:
                    print(f"  {doc_id} MISS  {g['start']}:{g['end']} {g['text']}")
            for j, p in enumerate(pred):
                if j not in used:
                    print(f"  {doc_id} FALSE {p['start']}:{p['end']} {p['text']}")
    total["doc"], total["tables"] = "ALL", "-"
    print(f"{'doc':24} {'tables':8} {'gold':>4} {'pred':>4} {'P':>6} {'R':>6} {'F1':>6} {'impR':>5} "
          + " ".join(f"{x:>8}" for x in ATTRS) + f" {'linkP':>6} {'linkR':>6} {'linkF1':>6}")
    for s in rows + [total]:
        p, r, f = prf(s["tp"], s["pred"], s["gold"])
        ir = s["implicit_found"] / s["implicit_gold"] if s["implicit_gold"] else 1.0
        lp, lr, lf = prf(s["link_tp"], s["link_pred"], s["link_gold"])
        ag = " ".join(f"{(s['agree'][x] / s['tp'] if s['tp'] else 1.0):8.3f}" for x in ATTRS)
        print(f"{s['doc']:24} {s['tables']:8} {s['gold']:4} {s['pred']:4} {p:6.3f} {r:6.3f} {f:6.3f} {ir:5.2f} "
              f"{ag} {lp:6.3f} {lr:6.3f} {lf:6.3f}")
    print(f"matches: {total['exact']} exact span, {total['overlap']} overlapping span with the same value")
    if a.json:
        Path(a.json).write_text(json.dumps({"docs": rows, "all": total}, ensure_ascii=False, indent=1),
                                encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
