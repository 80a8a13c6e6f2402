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


# A short report in the statutory layout, for tests of the theme stage and the spaCy component.
SAMPLE_REPORT = ("一、总体情况\n全年主动公开政府信息4578条,其中发布新闻1269条。\n"
                 "在政府门户网站开设“政策解读”栏目。\n"
                 "二、主动公开政府信息情况\n见下表。\n"
                 "三、收到和处理政府信息公开申请情况\n2020年共收到5起依申请信息公开,均答复完毕。\n"
                 "四、政府信息公开行政复议、行政诉讼情况\n无。\n"
                 "五、存在的主要问题及改进情况\n三是政策解读形式单一。\n"
                 "六、其他需要报告的事项\n无其他需要报告的事项。\n")


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
