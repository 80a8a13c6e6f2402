"""Per-stage timing over the corpus: median ms per report of read and of every registered stage.

Usage: python bench/stages.py [--corpus ../shared/corpus] [--repeat 7] [--kind text|html|all]
                              [--code DIR]   (time the govnlp of another checkout, e.g. a baseline)
For each run every report goes through read → the default stages in order; each stage's time
is summed over the reports of a kind, and the median over runs is divided by the number of
reports.  Not a test.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _files(corpus: Path) -> dict[str, list[Path]]:
    return {
        "text": sorted((corpus / "seeds").glob("*.txt")) + sorted((corpus / "dev").glob("*.txt")),
        "html": sorted((corpus / "dev" / "html").glob("*.html")),
    }


def time_stages(paths: list[str], repeat: int) -> dict[str, float]:
    """Median over ``repeat`` runs of the per-report ms of each stage (and their total)."""
    from govnlp.document import Document
    from govnlp.pipeline import DEFAULT_STAGES
    from govnlp.read import read_source
    from govnlp.stages import STAGES

    names = ("read",) + DEFAULT_STAGES
    runs: dict[str, list[float]] = {n: [] for n in names + ("total",)}
    for _ in range(repeat):
        acc = dict.fromkeys(names, 0.0)
        for p in paths:
            t0 = time.perf_counter()
            doc = Document(read_source(p))
            acc["read"] += time.perf_counter() - t0
            for name in DEFAULT_STAGES:
                t0 = time.perf_counter()
                STAGES[name](doc)
                acc[name] += time.perf_counter() - t0
        for n in names:
            runs[n].append(acc[n] * 1000 / len(paths))
        runs["total"].append(sum(acc.values()) * 1000 / len(paths))
    return {n: statistics.median(v) for n, v in runs.items()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--kind", choices=("text", "html", "all"), default="all")
    ap.add_argument("--code", default=str(ROOT), help="directory holding the govnlp package to time")
    args = ap.parse_args()
    sys.path.insert(0, args.code)
    import govnlp
    nlp = govnlp.load()
    print(f"govnlp from {Path(govnlp.__file__).parent}")
    files = _files(Path(args.corpus))
    kinds = list(files) if args.kind == "all" else [args.kind]
    for kind in kinds:
        paths = [str(p) for p in files[kind]]
        for p in paths:   # warm: model loading, regex compilation, lru caches
            nlp(p)
        res = time_stages(paths, args.repeat)
        print(f"{kind} ({len(paths)} reports, median of {args.repeat} runs), ms/report:")
        print("  " + "  ".join(f"{n} {v:.2f}" for n, v in res.items()))


if __name__ == "__main__":
    main()
