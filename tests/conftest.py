"""Shared fixtures: the corpus beside the checkout (../shared/corpus) and the parsed reports."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))  # shared test helpers (claims_helpers …)
CORPUS = Path(os.environ.get("GOVNLP_CORPUS", ROOT.parent / "shared" / "corpus"))
SEEDS = sorted((CORPUS / "seeds").glob("*.txt"))
DEV = sorted((CORPUS / "dev").glob("*.txt"))
DEV_HTML = sorted((CORPUS / "dev" / "html").glob("*.html"))

if not SEEDS or not DEV:
    raise RuntimeError(f"the corpus is missing at {CORPUS}; set GOVNLP_CORPUS to shared/corpus")


def corpus_key(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


@pytest.fixture(scope="session")
def nlp():
    import govnlp
    return govnlp.load()


ANNOTATIONS = ROOT / "annotations" / "themes"


@pytest.fixture(scope="session")
def corpus() -> Path:
    return CORPUS
