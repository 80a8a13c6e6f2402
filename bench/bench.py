"""Benchmark govnlp.extract over the corpus: reports/s, MB/s, latency, memory, import time.

Usage: python bench/bench.py [--corpus ../shared/corpus] [--repeat 5] [--jobs N]
Prints a markdown table (medians over repeats) for BENCHMARKS.md.  Not a test.
"""
from __future__ import annotations

import argparse
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BARE = re.compile(r"\d+(?:\.\d+)?\s*(?:条|件|项|个|次|篇|人|万元|元|%)")


def _files(corpus: Path) -> dict[str, list[Path]]:
    return {
        "text": sorted((corpus / "seeds").glob("*.txt")) + sorted((corpus / "dev").glob("*.txt")),
        "html": sorted((corpus / "dev" / "html").glob("*.html")),
    }


def _extract_all(paths: list[str]) -> int:
    import govnlp
    nlp = govnlp.load()
    n = 0
    for p in paths:
        n += len(nlp(p).sentences)
    return n


def _time(fn, repeat: int) -> float:
    ts = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t0)
    return statistics.median(ts)


def cold_import(repeat: int) -> float:
    ts = []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", "import time;t=time.perf_counter();import govnlp;"
                              "print(time.perf_counter()-t)"], capture_output=True, text=True,
                             cwd=ROOT, check=True)
        ts.append(float(out.stdout))
    return statistics.median(ts)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    import govnlp
    nlp = govnlp.load()
    rows = []
    for kind, files in _files(Path(args.corpus)).items():
        paths = [str(p) for p in files]
        size = sum(p.stat().st_size for p in files) / 1e6
        for p in paths:  # warm: model loading, regex compilation
            nlp(p)
        lat = [statistics.median(_time_one(nlp, p) for _ in range(args.repeat)) for p in paths]
        one = _time(lambda: [nlp(p) for p in paths], args.repeat)
        texts = [govnlp.extract(p).text for p in paths]
        bare = _time(lambda: [sum(1 for _ in BARE.finditer(t)) for t in texts], args.repeat)
        chunks = [paths[i::args.jobs] for i in range(args.jobs)]
        with ProcessPoolExecutor(args.jobs) as ex:
            list(ex.map(_extract_all, chunks))  # warm workers
            t0 = time.perf_counter()
            for _ in range(args.repeat):
                list(ex.map(_extract_all, chunks))
            many = (time.perf_counter() - t0) / args.repeat
        rows.append((kind, len(paths), size, statistics.median(lat) * 1000, len(paths) / one, size / one,
                     len(paths) / many, one / bare))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"command: python bench/bench.py --repeat {args.repeat} --jobs {args.jobs}\n")
    print("| input | reports | MB | median ms/report | reports/s (1 core) | MB/s (1 core) | "
          f"reports/s ({args.jobs} procs) | × bare regex |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r[0]} | {r[1]} | {r[2]:.2f} | {r[3]:.2f} | {r[4]:.0f} | {r[5]:.2f} | {r[6]:.0f} | {r[7]:.0f} |")
    print(f"\npeak RSS (this process, 1-core runs): {rss:.0f} MB; cold `import govnlp`: {cold_import(args.repeat):.3f} s")


def _time_one(nlp, path: str) -> float:
    t0 = time.perf_counter()
    nlp(path)
    return time.perf_counter() - t0


if __name__ == "__main__":
    main()
