"""Malformed and hostile files are handled within stated time and memory bounds."""
from __future__ import annotations

import resource
import time
import zipfile

import pytest

import govnlp
from govnlp.errors import GovnlpError, InputTooLargeError, UnreadableDocxError


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_docx_zip_bomb_is_refused_before_inflating(tmp_path):
    bomb = tmp_path / "bomb.docx"
    chunk = b"\0" * (1 << 20)
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as z:
        with z.open("word/document.xml", "w") as f:
            for _ in range(210):
                f.write(chunk)
    assert bomb.stat().st_size < 2_000_000
    t0 = time.perf_counter()
    with pytest.raises(UnreadableDocxError, match="zip bomb"):
        govnlp.extract(str(bomb))
    assert time.perf_counter() - t0 < 2


def test_fifty_megabyte_text_is_refused_quickly(tmp_path):
    big = tmp_path / "big.txt"
    line = ("全年主动公开政府信息4578条，其中发布新闻1269条。" * 40 + "\n").encode("utf-8")
    with open(big, "wb") as f:
        for _ in range(50 * (1 << 20) // len(line) + 1):
            f.write(line)
    before = _rss_mb()
    t0 = time.perf_counter()
    with pytest.raises(InputTooLargeError):
        govnlp.extract(str(big))
    assert time.perf_counter() - t0 < 1
    assert _rss_mb() - before < 50


def test_deeply_nested_html(tmp_path):
    page = tmp_path / "deep.html"
    page.write_text("<html><body>" + "<div>" * 50_000 + "一、总体情况<p>全年公开12条。</p>"
                    + "</div>" * 50_000 + "</body></html>", encoding="utf-8")
    t0 = time.perf_counter()
    try:
        r = govnlp.extract(str(page))
    except GovnlpError:
        pass
    else:
        assert isinstance(r.text, str)
    assert time.perf_counter() - t0 < 10


def test_large_but_allowed_text_is_processed(tmp_path):
    """A 2 MB report (bigger than any real one) runs in bounded time."""
    f = tmp_path / "long.txt"
    f.write_text("一、总体情况\n" + "全年主动公开政府信息4578条，其中发布新闻1269条。\n" * 80_000, encoding="utf-8")
    t0 = time.perf_counter()
    r = govnlp.extract(str(f))
    assert len(r.sentences) == 80_001
    assert time.perf_counter() - t0 < 60
