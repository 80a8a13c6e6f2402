"""``govnlp train themes`` — the command-line entry of theme-model training.

The main CLI (:mod:`govnlp.cli`) hooks this in with :func:`add_train_parser`; standalone::

    python -m govnlp.themes.cli train themes --data annotations/themes --backend sklearn \\
        --out models/themes-default --seed 0
"""
from __future__ import annotations

import argparse
import sys


def add_train_parser(subparsers) -> argparse.ArgumentParser:
    """Add ``train`` (with its ``themes`` target) to an argparse ``subparsers`` object."""
    train = subparsers.add_parser("train", help="train a model from annotations")
    targets = train.add_subparsers(dest="target", required=True)
    p = targets.add_parser("themes", help="train the sentence-theme model",
                           description="Train a sentence-theme model; writes the model, metrics.json "
                                       "(leave-one-report-out) and MODEL_CARD.md to --out.")
    p.add_argument("--data", default="annotations/themes", help="folder of <doc_id>.jsonl annotations")
    p.add_argument("--backend", choices=("sklearn", "transformers"), default="sklearn")
    p.add_argument("--out", required=True, help="model directory to write (e.g. models/NAME)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--corpus", action="append", default=None,
                   help="folder(s) holding the source reports, to re-segment and align annotations by "
                        "offsets (default: $GOVNLP_CORPUS, ./corpus, ../shared/corpus)")
    p.add_argument("--cv", choices=("loro", "none"), default="loro",
                   help="leave-one-report-out evaluation (default) or none")
    p.add_argument("--base-model", default=None, help="local Hugging Face encoder directory (transformers)")
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--batch-size", type=int, default=16)
    p.add_argument("--max-length", type=int, default=128)
    p.add_argument("--lr", type=float, default=None)
    p.add_argument("--install-default", action="store_true",
                   help="also copy the model into the package as the default (sklearn only)")
    p.add_argument("--quiet", action="store_true")
    p.set_defaults(func=run_train)
    return train


def run_train(args: argparse.Namespace) -> int:
    from .train import train
    log = (lambda *a, **k: None) if args.quiet else (lambda *a, **k: print(*a, file=sys.stderr, **k))
    m = train(args.data, args.out, backend=args.backend, seed=args.seed, corpus=args.corpus, cv=args.cv,
              base_model=args.base_model, epochs=args.epochs, batch_size=args.batch_size,
              max_length=args.max_length, lr=args.lr, install_default=args.install_default, log=log)
    summary = {k: m[k]["micro"]["f1"] for k in ("combined", "model_alone", "rules_alone") if k in m}
    print(f"{args.out}: micro-F1 {summary}; {m['train_seconds']} s")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="govnlp")
    sub = parser.add_subparsers(dest="command", required=True)
    add_train_parser(sub)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except (ValueError, FileNotFoundError) as e:
        print(f"govnlp: error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
