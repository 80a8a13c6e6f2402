"""Command line: ``govnlp extract``, ``govnlp check``, ``govnlp report``, ``govnlp batch`` (and ``govnlp train`` when available)."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Iterable, Iterator

from .errors import GovnlpError

PROGRESS_MIN_FILES = 5


def _progress(items: list[str], label: str) -> Iterable[str]:
    if len(items) < PROGRESS_MIN_FILES:
        return items
    from tqdm import tqdm
    return tqdm(items, desc=label, unit="report", file=sys.stderr)


def _reports(paths: list[str], label: str, config: dict) -> Iterator[tuple[str, object]]:
    """(path, Report or error message) for every path; a bad file never stops the others."""
    from .pipeline import load
    nlp = load(**config)
    for path in _progress(paths, label):
        try:
            yield path, nlp(path)
        except GovnlpError as e:
            yield path, f"{e}"
        except OSError as e:
            yield path, f"{path}: {e.strerror or e}"


def _open_out(path: str | None):
    if path is None:
        return sys.stdout
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    return open(path, "w", encoding="utf-8")


def cmd_extract(args: argparse.Namespace) -> int:
    config = {"theme_model": args.theme_model} if args.theme_model else {}
    failed = 0
    out = _open_out(args.output)
    results = []
    try:
        for path, rep in _reports(args.files, "extract", config):
            if isinstance(rep, str):
                failed += 1
                print(f"govnlp: error: {rep}", file=sys.stderr)
                continue
            if args.format == "jsonl":
                out.write(rep.to_json() + "\n")
            else:
                results.append(rep.to_dict())
        if args.format == "json" and results:
            data = results[0] if len(args.files) == 1 else results
            out.write(json.dumps(data, ensure_ascii=False, indent=args.indent) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    return 1 if failed else 0


def _line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _excerpt(text: str, start: int, end: int, width: int = 18) -> str:
    a, b = max(0, start - width), min(len(text), end + width)
    s = text[a:start] + "【" + text[start:end] + "】" + text[end:b]
    return " ".join(s.split())


def format_findings(path: str, report, show_consistent: bool = False) -> str:
    """Findings of one report as a reviewer's list (violated first)."""
    order = {"violated": 0, "unverifiable": 1, "consistent": 2}
    items = sorted(report.findings, key=lambda f: (order.get(f.status, 3), f.rule, f.id))
    counts = {k: sum(1 for f in items if f.status == k) for k in order}
    lines = [f"{path}: {counts['violated']} violated, {counts['unverifiable']} unverifiable, "
             f"{counts['consistent']} consistent"]
    culprit = {"report": "报告本身前后不一致", "extraction": "可能是读取有误"}
    for f in items:
        if f.status == "consistent" and not show_consistent:
            continue
        lines.append(f"  [{f.status}] {f.rule} ({f.severity}) — {f.message}")
        if f.expected is not None or f.observed is not None:
            lines.append(f"      expected {f.expected}  observed {f.observed}   "
                         f"cause: {f.cause} ({culprit.get(f.cause, f.cause)}), confidence {f.confidence:.2f}")
        for start, end in f.spans[:8]:
            lines.append(f"      line {_line_of(report.text, start)}: {_excerpt(report.text, start, end)}")
    for w in report.warnings:
        lines.append(f"  [warning] {w}")
    return "\n".join(lines)


def cmd_check(args: argparse.Namespace) -> int:
    violated = failed = 0
    out = _open_out(args.output)
    payload = []
    try:
        for path, rep in _reports(args.files, "check", {}):
            if isinstance(rep, str):
                failed += 1
                print(f"govnlp: error: {rep}", file=sys.stderr)
                continue
            violated += sum(1 for f in rep.findings if f.status == "violated")
            if args.format == "json":
                d = rep.to_dict()
                payload.append({"source": path, "meta": d["meta"], "findings": d["findings"],
                                "warnings": d["warnings"]})
            else:
                out.write(format_findings(path, rep, args.all) + "\n")
        if args.format == "json":
            out.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    if failed:
        return 2
    return 1 if violated else 0


def cmd_report(args: argparse.Namespace) -> int:
    from .review import render_review
    (_, rep), = _reports([args.file], "report", {})
    if isinstance(rep, str):
        print(f"govnlp: error: {rep}", file=sys.stderr)
        return 2
    out = _open_out(args.output)
    try:
        out.write(render_review(rep))
    finally:
        if out is not sys.stdout:
            out.close()
    return 0


def cmd_batch(args: argparse.Namespace) -> int:
    from .batch import run_batch
    res = run_batch(args.inputs, args.output, jobs=args.jobs, progress=not args.quiet,
                    parquet=not args.no_parquet)
    print(f"govnlp batch: {res.done} done, {res.skipped} skipped (already in {res.out_dir}), "
          f"{res.failed} failed", file=sys.stderr)
    return 1 if res.failed else 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="govnlp", description="Read Chinese government information-disclosure annual reports.")
    sub = p.add_subparsers(dest="command", required=True)
    e = sub.add_parser("extract", help="extract sections, sentences, claims, tables and findings as JSON")
    e.add_argument("files", nargs="+", help=".txt .md .html .htm .pdf .docx")
    e.add_argument("--format", choices=["json", "jsonl"], default="json")
    e.add_argument("-o", "--output", help="write here instead of standard output")
    e.add_argument("--indent", type=int, default=None)
    e.add_argument("--theme-model", help="directory of a trained theme model (default: the bundled one)")
    e.set_defaults(func=cmd_extract)
    c = sub.add_parser("check", help="list every finding (table identities, narrative vs tables)")
    c.add_argument("files", nargs="+")
    c.add_argument("--format", choices=["text", "json"], default="text")
    c.add_argument("-o", "--output")
    c.add_argument("--all", action="store_true", help="also list consistent checks")
    c.set_defaults(func=cmd_check)
    r = sub.add_parser("report", help="one self-contained HTML review page: highlighted text and clickable findings")
    r.add_argument("file", help=".txt .md .html .htm .pdf .docx")
    r.add_argument("-o", "--output", help="write here instead of standard output (e.g. review.html)")
    r.set_defaults(func=cmd_report)
    b = sub.add_parser("batch", help="extract many reports into Parquet/JSONL tables (resumable)")
    b.add_argument("inputs", nargs="+", help="files, directories or glob patterns")
    b.add_argument("-o", "--output", required=True, help="output directory")
    b.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores)")
    b.add_argument("--no-parquet", action="store_true", help="JSONL only")
    b.add_argument("--quiet", action="store_true", help="no progress bar")
    b.set_defaults(func=cmd_batch)
    try:
        from .themes.cli import add_train_parser
    except ImportError:
        pass
    else:
        add_train_parser(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    """Entry point; exit status 0 ok, 1 violations (check) or unreadable files (extract), 2 errors."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except GovnlpError as e:
        print(f"govnlp: error: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
