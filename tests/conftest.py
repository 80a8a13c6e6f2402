from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ANNOTATIONS = ROOT / "annotations" / "themes"
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def corpus() -> Path:
    assert (CORPUS / "seeds").is_dir(), f"the shared corpus must sit beside the repository: {CORPUS}"
    return CORPUS
