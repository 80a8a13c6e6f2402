"""Score govnlp's table reading against hand-made gold annotations.

    python evaluation/score_tables.py [--annotations annotations/tables] [--corpus /work/shared/corpus] [-v]

For every ``<doc>.json`` gold file the document is read with ``govnlp.extract`` — the seed/dev
``.txt`` and, for dev reports, also the original page ``dev/html/<doc>.html`` — and every gold
field is compared exactly (Decimal-normalised value; a null gold cell must be absent).  Printed:
per-document and total cell accuracy by source kind (seeds txt, dev html, dev crawled txt),
template accuracy, blanks read as values, and on crawled text the share of wrong cells marked
low-confidence (< 0.9).  Gold ``appeals.``-prefixed ids are read without the prefix; gold
``unmatched`` rows are compared with ``legacy.unmatched[<label>]`` fields.
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import govnlp  # noqa: E402
from govnlp.tables.schema import fold  # noqa: E402

LOW = 0.9


def gold_fields(gold: dict) -> dict[str, str | None]:
    """Gold field id → value, with the ``appeals.`` prefix stripped and unmatched rows added."""
    out: dict[str, str | None] = {}
    for k, v in gold["fields"].items():
        out[k[len("appeals."):] if k.startswith("appeals.") else k] = v
    for u in gold.get("unmatched", []):
        out[f"legacy.unmatched[{u['label']}]"] = u.get("value")
    return out


def same(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a is b
    try:
        return Decimal(a) == Decimal(b)
    except InvalidOperation:
        return a == b


def _unmatched(fields: dict) -> dict[str, object]:
    return {fold(k[len("legacy.unmatched["):-1], numbering=True): v for k, v in fields.items()
            if k.startswith("legacy.unmatched[")}


@dataclass
class Score:
    cells: int = 0
    right: int = 0
    blanks_as_values: int = 0
    wrong_low: int = 0
    templates: int = 0
    templates_right: int = 0
    wrong: list[str] = field(default_factory=list)

    def add(self, o: "Score") -> None:
        for k in ("cells", "right", "blanks_as_values", "wrong_low", "templates", "templates_right"):
            setattr(self, k, getattr(self, k) + getattr(o, k))
        self.wrong += o.wrong


def score_doc(gold: dict, path: Path) -> Score:
    rep = govnlp.extract(str(path))
    got = rep.fields
    unm = _unmatched(got)
    s = Score(templates=1, templates_right=int(rep.meta.get("template") == gold["template"]))
    for fid, want in gold_fields(gold).items():
        fv = got.get(fid)
        if fv is None and fid.startswith("legacy.unmatched["):
            fv = unm.get(fold(fid[len("legacy.unmatched["):-1], numbering=True))
        have = fv.value if fv is not None else None
        s.cells += 1
        if same(have, want):
            s.right += 1
            continue
        if want is None:
            s.blanks_as_values += 1
        if fv is not None and fv.confidence < LOW:
            s.wrong_low += 1
        s.wrong.append(f"{fid}: gold {want!r} got {have!r}"
                       + (f" (conf {fv.confidence})" if fv is not None else ""))
    return s


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--annotations", default=str(ROOT / "annotations" / "tables"))
    ap.add_argument("--corpus", default="/work/shared/corpus")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    corpus = Path(args.corpus)
    totals = {"seeds txt": Score(), "dev html": Score(), "dev crawled txt": Score()}
    for gf in sorted(Path(args.annotations).glob("*.json")):
        gold = json.loads(gf.read_text(encoding="utf-8"))
        src = corpus / gold["source"]
        runs = [("seeds txt" if gold["source"].startswith("seeds") else "dev crawled txt", src)]
        if gold["source"].startswith("dev/"):
            runs.append(("dev html", corpus / "dev" / "html" / (gold["doc"] + ".html")))
        for kind, path in runs:
            s = score_doc(gold, path)
            totals[kind].add(s)
            low = f" wrong-low-conf {s.wrong_low}/{len(s.wrong)}" if kind == "dev crawled txt" else ""
            print(f"{gold['doc']:<24} {kind:<16} cells {s.right}/{s.cells} ({100 * s.right / max(1, s.cells):.1f}%)"
                  f" template {'ok' if s.templates_right else 'WRONG'} blanks-as-values {s.blanks_as_values}{low}")
            if args.verbose:
                for w in s.wrong:
                    print("    ", w)
    print()
    allc = Score()
    for kind, s in totals.items():
        allc.add(s)
        low = (f", wrong cells marked low-confidence {s.wrong_low}/{len(s.wrong)}"
               if kind == "dev crawled txt" else "")
        print(f"TOTAL {kind:<16} cells {s.right}/{s.cells} ({100 * s.right / max(1, s.cells):.2f}%), "
              f"templates {s.templates_right}/{s.templates}, blanks read as values {s.blanks_as_values}{low}")
    print(f"TOTAL all              cells {allc.right}/{allc.cells} ({100 * allc.right / max(1, allc.cells):.2f}%), "
          f"templates {allc.templates_right}/{allc.templates}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
