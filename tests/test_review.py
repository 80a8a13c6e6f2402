"""The review page (``govnlp report``): structure, offsets, and what headless Chromium shows."""
from __future__ import annotations

import shutil
import struct
import subprocess
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

import pytest
from lxml import html as lxml_html

import govnlp
from govnlp.cli import main
from govnlp.report import Claim, FieldValue, Finding, Report, Section, Sentence
from govnlp.review import render_review

from conftest import DEV_HTML, SEEDS

SEED_001 = next(p for p in SEEDS if p.name.startswith("001_"))
DEV_PAGE = next(p for p in DEV_HTML if p.name == "pingtan_syq_2012.html")
VOID = {"meta", "input", "br", "img", "link", "hr", "wbr"}


class _Nesting(HTMLParser):
    """Fails on any end tag that does not close the innermost open element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1:]}>"
        self.stack.pop()


def check_page(page: str, report: Report):
    """Shared structural checks; returns the parsed document."""
    checker = _Nesting()
    checker.feed(page)
    checker.close()
    assert checker.stack == []
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    doc = lxml_html.fromstring(page)
    assert not doc.xpath("//script[@src]|//link|//img|//iframe|//object")   # self-contained
    ids = [e.get("id") for e in doc.iter() if e.get("id")]
    assert len(ids) == len(set(ids))
    hrefs = [a.get("href") for a in doc.iter("a") if (a.get("href") or "").startswith("#")]
    assert hrefs and not [h for h in hrefs if h[1:] not in set(ids)]
    # every highlight (all fragments of it together) is exactly its span of report.text
    parts = defaultdict(list)
    for e in doc.xpath("//*[@data-s]"):
        parts[e.tag, e.get("data-s")].append(e.text_content())
    assert parts
    for (_, key), texts in parts.items():
        start, end = map(int, key.split("-")[1:])
        assert "".join(texts) == report.text[start:end], key
    for e in doc.xpath("//mark[@id]"):                                      # whole unless split
        start, end = map(int, e.get("id").split("-")[1:])
        if len(parts["mark", e.get("id")]) == 1:
            assert e.text_content() == report.text[start:end]
    assert doc.get_element_by_id("text").text_content() == report.text
    return doc


@pytest.fixture(scope="module")
def seed():
    report = govnlp.extract(str(SEED_001))
    return report, render_review(report)


@pytest.fixture(scope="module")
def dev():
    report = govnlp.extract(str(DEV_PAGE))
    return report, render_review(report)


def test_seed_page_structure(seed):
    report, page = seed
    doc = check_page(page, report)
    violated = [f for f in report.findings if f.status == "violated"]
    assert any(f.expected == "4578" and f.observed == "4668" for f in violated)
    lis = doc.xpath('//li[contains(@class,"finding")]')
    assert len(lis) == len(report.findings)
    assert "violated" in lis[0].get("class")                    # violated first …
    assert all(li.xpath("ancestor::details") for li in lis if "consistent" in li.get("class"))  # … consistent folded
    first = lis[0].text_content()
    assert "claims.part_whole" in first and "4578" in first and "4668" in first and "报告本身前后不一致" in first
    links = lis[0].xpath('.//a[starts-with(@href,"#s-")]')
    assert len(links) == len(violated[0].spans)
    target = doc.get_element_by_id(links[0].get("href")[1:])
    assert target.text_content() == "4578条" and "claim" in target.get("class") and "ev" in target.get("class")
    claims = doc.xpath('//mark[contains(concat(" ",@class," ")," claim ")]')
    assert len(claims) == len({(c.start, c.end) for c in report.claims})
    assert "4578 条 · 主动公开政府信息" in target.get("title")
    cells = doc.xpath('//mark[contains(concat(" ",@class," ")," cell ")]')
    assert cells and all("=" in c.get("title") for c in cells)
    assert [a.get("href") for a in doc.xpath('//nav//a')] == [f"#sec-{s.index}" for s in report.sections]
    sents = doc.xpath('//span[contains(concat(" ",@class," ")," sent ")]')
    assert len(sents) == len(report.sentences) and all("主题" in s.get("title") for s in sents)
    header = doc.xpath("//header")[0].text_content()
    assert "漳河新区" in header and "2021" in header and "violated 1" in header and "consistent 43" in header


def test_dev_html_page_structure(dev):
    report, page = dev
    doc = check_page(page, report)
    assert report.meta["agency"] in doc.xpath("//header")[0].text_content()
    evidence = {(a, b) for f in report.findings for a, b in f.spans}
    assert {tuple(map(int, m.get("id").split("-")[1:])) for m in doc.xpath("//mark[@id]")} >= evidence


def test_overlapping_highlights_nest_and_escape():
    text = "一、<总体>\n全年共收到申请12件,办结10件。其中&公开5件\n二、其他"
    i = text.index
    sents = [Sentence(0, 0, 6, 0, ["other"], {"other": 1.0}, True),
             Sentence(1, 7, i("。") + 1, 0, ["request_disclosure"], {"request_disclosure": 0.9}),
             Sentence(2, i("。") + 1, i("件\n二") + 1, 0, ["request_disclosure", "proactive_disclosure"],
                      {"request_disclosure": 0.7, "proactive_disclosure": 0.8})]
    a, b = i("12件"), i("10件")
    claims = [Claim(0, a, a + 3, "12件", "12", "件", False, False, "收到申请", 1),
              Claim(1, b, b + 3, "10件", "10", "件", False, False, "办结", 1, field="requests.done")]
    spans = [[a, b + 3], [b, b + 3], [b + 1, i("其中") + 2], [a, a + 3], [i("二、"), len(text) + 5]]
    report = Report(text=text, sections=[Section(0, "一", "<总体>", "overview", 0, 6)], sentences=sents,
                    claims=claims, fields={"requests.done": FieldValue("10", None, b, b + 3, 0.5)},
                    findings=[Finding("x", "t.rule", "violated", "error", "extraction", 0.5, "a<b & c", "1", "2",
                                      spans=spans)], warnings=["<warn>"])
    page = render_review(report)
    doc = check_page(page, report)
    assert doc.xpath('//mark[contains(@class,"frag")]') and doc.xpath('//span[contains(@class,"frag")]')
    assert "&lt;总体&gt;" in page and "a&lt;b &amp; c" in page and "&lt;warn&gt;" in page
    assert page.count(f'id="s-{b}-{b + 3}"') == 1                                   # claim, cell, evidence: one element
    assert "(no position)" in page and "可能是读取有误" in page


def test_cli_report(tmp_path, capsys):
    out = tmp_path / "review.html"
    assert main(["report", str(SEED_001), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert main(["report", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "x.html")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("govnlp: error:") and "\n" not in err
    (tmp_path / "bad.xyz").write_text("x")
    assert main(["report", str(tmp_path / "bad.xyz")]) == 2


def _chromium() -> str:
    """The Chromium binary, installed with apt-get when missing (as CI does)."""
    names = ("chromium", "chromium-browser", "google-chrome")
    found = next((shutil.which(n) for n in names if shutil.which(n)), None)
    if found:
        return found
    cmd = ["apt-get", "install", "-y", "-qq", "chromium"]
    if subprocess.run(cmd, capture_output=True).returncode != 0:
        subprocess.run(["apt-get", "update", "-qq"], capture_output=True, check=True)
        subprocess.run(cmd, capture_output=True, check=True)
    return next(shutil.which(n) for n in names if shutil.which(n))


def _headless(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}"]
    return subprocess.run([_chromium(), *flags, *args], capture_output=True, timeout=60)


def test_chromium_renders_page(seed, tmp_path):
    report, page = seed
    path = tmp_path / "review.html"
    path.write_text(page, encoding="utf-8")
    violated = next(f for f in report.findings if f.status == "violated")
    start, end = violated.spans[0]
    res = _headless(tmp_path, "--dump-dom", f"{path.as_uri()}#s-{start}-{end}")   # as an evidence link does
    assert res.returncode == 0, res.stderr.decode()[-2000:]
    dom = lxml_html.fromstring(res.stdout.decode("utf-8"))
    assert "flash" in dom.get_element_by_id(f"s-{start}-{end}").get("class")        # the script ran and found it
    assert violated.message in dom.get_element_by_id("side").text_content()
    claims = dom.xpath('//mark[contains(concat(" ",@class," ")," claim ")]')
    assert [c.text_content() for c in claims] == [c.text for c in sorted(report.claims, key=lambda c: c.start)]
    assert dom.get_element_by_id("s-160-165").text_content() == "4578条"
    shot = tmp_path / "shot.png"
    res = _headless(tmp_path, f"--screenshot={shot}", "--window-size=1280,2000", path.as_uri())
    assert res.returncode == 0, res.stderr.decode()[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    assert struct.unpack(">II", data[16:24]) == (1280, 2000)
