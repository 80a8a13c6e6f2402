"""Merge two annotators' theme labels into the final annotations and write the data card.

    python training/adjudicate_themes.py [annotations/themes]

Reads ``raw_A/*.jsonl`` and ``raw_B/*.jsonl`` (the same sentence units, each with ``labels``) and
``adjudication/decisions.jsonl`` (one decision per disagreement: doc, start, end, labels, note).  Writes
``<doc_id>.jsonl`` (doc, start, end, text, labels, section, heading), ``agreement.json`` and
``README.md`` (data card).  Fails when a disagreement has no decision.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from govnlp.themes.labels import LABELS  # noqa: E402


def read(folder: Path) -> dict[tuple, dict]:
    out = {}
    for f in sorted(folder.glob("*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                out[(r["doc"], r["start"], r["end"])] = r
    return out


def kappa(a: list[bool], b: list[bool]) -> float:
    n = len(a)
    po = sum(x == y for x, y in zip(a, b)) / n
    pa, pb = sum(a) / n, sum(b) / n
    pe = pa * pb + (1 - pa) * (1 - pb)
    return 1.0 if pe == 1 else (po - pe) / (1 - pe)


def f1(a: list[bool], b: list[bool]) -> float:
    tp = sum(x and y for x, y in zip(a, b))
    d = sum(a) + sum(b)
    return 2 * tp / d if d else 1.0


def main(folder: str = "annotations/themes") -> None:
    folder = Path(folder)
    A, B = read(folder / "raw_A"), read(folder / "raw_B")
    if set(A) != set(B):
        raise SystemExit(f"raw_A and raw_B cover different sentences ({len(A)} vs {len(B)})")
    decisions = {(r["doc"], r["start"], r["end"]): r for r in
                 (json.loads(l) for l in (folder / "adjudication" / "decisions.jsonl").read_text(encoding="utf-8").splitlines() if l.strip())}
    keys = sorted(A, key=lambda k: (k[0], k[1]))
    final, missing, n_adj = {}, [], 0
    for k in keys:
        la, lb = sorted(A[k]["labels"]), sorted(B[k]["labels"])
        if la == lb:
            final[k] = la
        elif k in decisions:
            final[k] = sorted(decisions[k]["labels"])
            n_adj += 1
        else:
            missing.append(k)
    if missing:
        raise SystemExit(f"{len(missing)} disagreements without a decision, e.g. {missing[:3]}")
    for k, labs in final.items():
        if not labs or ("other" in labs and len(labs) > 1) or any(l not in LABELS for l in labs):
            raise SystemExit(f"{k}: invalid label set {labs}")
    per_label = {}
    for lab in LABELS:
        a = [lab in A[k]["labels"] for k in keys]
        b = [lab in B[k]["labels"] for k in keys]
        per_label[lab] = {"kappa": round(kappa(a, b), 4), "f1_A_vs_B": round(f1(a, b), 4),
                          "A": sum(a), "B": sum(b), "final": sum(lab in final[k] for k in keys)}
    agree_exact = sum(sorted(A[k]["labels"]) == sorted(B[k]["labels"]) for k in keys)
    pairs_a = [(k, l) for k in keys for l in A[k]["labels"]]
    pairs_b = {(k, l) for k in keys for l in B[k]["labels"]}
    micro = 2 * len(set(pairs_a) & pairs_b) / (len(pairs_a) + len(pairs_b))
    stats = {"sentences": len(keys), "reports": len({k[0] for k in keys}), "exact_agreement": agree_exact,
             "adjudicated": n_adj, "micro_f1_A_vs_B": round(micro, 4), "per_label": per_label}
    docs: dict[str, list] = {}
    for k in keys:
        r = A[k]
        docs.setdefault(k[0], []).append({"doc": r["doc"], "start": r["start"], "end": r["end"], "text": r["text"],
                                         "labels": final[k], "section": r.get("section"),
                                         "heading": bool(r.get("heading"))})
    for doc, rows in docs.items():
        (folder / f"{doc}.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                                            encoding="utf-8")
    (folder / "agreement.json").write_text(json.dumps(stats, indent=1), encoding="utf-8")
    (folder / "README.md").write_text(card(stats, docs), encoding="utf-8")
    print(json.dumps({k: v for k, v in stats.items() if k != "per_label"}))


def card(s: dict, docs: dict) -> str:
    rows = "\n".join(f"| `{l}` | {d['final']} | {d['A']} | {d['B']} | {d['kappa']:.3f} | {d['f1_A_vs_B']:.3f} |"
                     for l, d in s["per_label"].items())
    per_doc = "\n".join(f"| {d} | {len(r)} |" for d, r in docs.items())
    return f"""# Theme annotations (data card)

Every sentence of the 5 seed reports (`corpus/seeds/`) and the 9 development reports (`corpus/dev/`),
{s['sentences']} sentences of {s['reports']} reports, labelled with the sentence themes of
`spec/annotation-guide.md` §2 (multi-label; `other` exclusive). The sentence units are those the
segmenter cut when the annotation was made (`sentences/` in the main tree); training re-segments the
source reports and aligns these labels by offsets (exact, else largest overlap).

## Files

- `<doc_id>.jsonl` — the final labels: one JSON object per sentence with `doc`, `start`, `end`
  (offsets into the report text as read, end exclusive), `text`, `labels`, plus `section` (title of
  the enclosing top-level section) and `heading`.
- `raw_A/`, `raw_B/` — two independent annotations of the same units.
- `adjudication/decisions.jsonl` — one decision per disagreement (both annotators' labels, the chosen labels,
  and the reason); `agreement.json` — the figures below.
- Rebuild with `python training/adjudicate_themes.py annotations/themes`.

Load with `datasets`:

```python
import datasets
ds = datasets.load_dataset("json", data_files="annotations/themes/*.jsonl", split="train")
# or: from govnlp.themes.data import load_dataset; ds = load_dataset("annotations/themes")
```

## Process and agreement

Annotators A and B labelled independently. They agreed exactly on {s['exact_agreement']} of
{s['sentences']} sentences; the other {s['adjudicated']} were adjudicated by the themes maintainer by
the guide, following the conventions visible in the sentences both annotators agreed on (recurring
decisions: a channel used only as the means of publishing — 通过门户网站公开…条 — is not
`platform_building`, while setting up or running one — 设立专栏, 开设栏目, several channels at once — is;
generic opening boilerplate is `other`, or `supervision_guarantee` when it names the 领导小组; statistics
of non-disclosure work such as business registration are `other`; 复议/诉讼 are `supervision_guarantee`). Label-level micro-F1 between A and B:
{s['micro_f1_A_vs_B']:.3f}.

| label | final count | A | B | Cohen's κ (A vs B) | F1 (A vs B) |
|---|---|---|---|---|---|
{rows}

## Reports

| doc | sentences |
|---|---|
{per_doc}

## Caveats

14 reports from few agencies (one Fujian region dominates the dev set); 004 is in traditional script
(featurised after 繁→简). Heading lines carry the theme they introduce (guide rule 3).
"""


if __name__ == "__main__":
    main(*sys.argv[1:])
