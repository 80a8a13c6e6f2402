"""Reading: encodings, HTML pages, DOCX and PDF written from seeds, and bad input."""
from __future__ import annotations

import codecs
import zipfile

import pytest

import govnlp
from govnlp.errors import (GovnlpError, SourceNotFoundError, UndecodableFileError, UnreadableDocxError,
                           UnreadablePDFError, UnsupportedFormatError)
from govnlp.read import read_source

from .conftest import DEV, DEV_HTML, SEEDS, corpus_key

SEED_001 = next(p for p in SEEDS if p.name.startswith("001"))
SEED_004 = next(p for p in SEEDS if p.name.startswith("004"))


def _shape(report):
    return [(s.number, s.kind, s.title) for s in report.sections], \
           [report.text[s.start:s.end] for s in report.sentences]


@pytest.mark.parametrize("encoding,bom", [("gbk", b""), ("gb18030", b""), ("utf-8", codecs.BOM_UTF8),
                                          ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)])
def test_encodings_give_the_same_sections_and_sentences(tmp_path, encoding, bom):
    text = SEED_001.read_text(encoding="utf-8")
    f = tmp_path / "report.txt"
    f.write_bytes(bom + text.encode(encoding))
    assert _shape(govnlp.extract(str(f))) == _shape(govnlp.extract(str(SEED_001)))


def test_gb18030_traditional_seed(tmp_path):
    text = SEED_004.read_text(encoding="utf-8")
    f = tmp_path / "report.txt"
    f.write_bytes(text.encode("gb18030"))
    r = govnlp.extract(str(f))
    assert r.text == text
    assert _shape(r) == _shape(govnlp.extract(str(SEED_004)))


@pytest.mark.parametrize("html", DEV_HTML, ids=corpus_key)
def test_dev_html_gives_the_same_sections_as_crawled_text(nlp, html):
    txt = next(p for p in DEV if p.stem == html.stem)
    from_html = nlp(str(html))
    from_txt = nlp(str(txt))
    assert [(s.number, s.kind) for s in from_html.sections if s.number] == \
           [(s.number, s.kind) for s in from_txt.sections if s.number]
    assert from_html.meta["year"] == from_txt.meta["year"]
    assert from_html.meta["agency"] == from_txt.meta["agency"]
    # navigation, scripts and footers of the page are not in the text
    assert "省人大" not in from_html.text and "<" not in from_html.text


def test_html_tables_expand_spans_into_rows():
    src = read_source(str(next(p for p in DEV_HTML if p.stem == "pingtan_syq_2021")))
    assert len(src.tables) == 3
    appeals = src.tables[2]
    assert len({len(r) for r in appeals.rows}) == 1, "rectangular grid"
    assert [c.text for c in appeals.rows[-1]] == ["1", "0", "2", "0", "3", "12", "0", "0", "0", "12",
                                                   "0", "0", "0", "0", "0"]
    for row in appeals.rows:
        for cell in row:
            assert src.text[cell.start:cell.end] == cell.text
    assert "1 | 0 | 2 | 0 | 3 |" in src.text


def test_gbk_html_page(tmp_path):
    page = "<html><head><meta charset='gbk'><title>x</title></head><body><div><p>一、总体情况</p>" \
           "<p>全年主动公开政府信息12条。</p><table><tr><td rowspan='2'>a</td><td>1</td></tr>" \
           "<tr><td>2</td></tr></table></div></body></html>"
    f = tmp_path / "page.html"
    f.write_bytes(page.encode("gbk"))
    r = govnlp.extract(str(f))
    assert r.sections[0].title == "总体情况"
    assert "a | 1 |\na | 2 |" in r.text


def _write_docx(path, text):
    import docx
    d = docx.Document()
    lines = text.splitlines()
    rows = [ln for ln in lines if "|" in ln]
    for ln in lines:
        if "|" not in ln:
            d.add_paragraph(ln)
    t = d.add_table(rows=2, cols=3)
    for i, row in enumerate([["信息内容", "本年制发件数", "本年废止件数"], ["规章", "0", "0"]]):
        for j, v in enumerate(row):
            t.cell(i, j).text = v
    d.save(str(path))
    return rows


def test_docx_written_from_a_seed_reads_back_with_the_same_sections(tmp_path):
    f = tmp_path / "report.docx"
    _write_docx(f, SEED_001.read_text(encoding="utf-8"))
    r = govnlp.extract(str(f))
    assert [(s.number, s.kind, s.title) for s in r.sections] == \
           [(s.number, s.kind, s.title) for s in govnlp.extract(str(SEED_001)).sections]
    assert "规章 | 0 | 0 |" in r.text


def _write_pdf(path, text, width=38):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), pagesize=A4)
    y = 800
    for para in text.splitlines():
        if "|" in para:
            continue
        chunks = [para[i:i + width] for i in range(0, len(para), width)] or [""]
        for chunk in chunks:  # hard-wrapped like a real PDF
            if y < 50:
                c.showPage()
                y = 800
            c.setFont("STSong-Light", 10)
            c.drawString(40, y, chunk)
            y -= 14
    c.save()


def test_pdf_written_from_a_seed_reads_back_with_the_same_sections(tmp_path):
    f = tmp_path / "report.pdf"
    _write_pdf(f, SEED_001.read_text(encoding="utf-8"))
    r = govnlp.extract(str(f))
    want = govnlp.extract(str(SEED_001))
    assert [(s.number, s.kind, s.title) for s in r.sections] == \
           [(s.number, s.kind, s.title) for s in want.sections]
    # hard-wrapped lines are joined into one sentence; the line breaks stay in the text
    long = "全年主动公开政府信息4578条"
    s = next(s for s in r.sentences if long in r.text[s.start:s.end])
    assert "\n" in r.text[s.start:s.end] and r.text[s.start:s.end].endswith("。")


def test_empty_file_gives_a_report_with_a_warning(tmp_path):
    f = tmp_path / "empty.txt"
    f.write_bytes(b"")
    r = govnlp.extract(str(f))
    assert r.sentences == [] and r.sections == []
    assert any("empty" in w for w in r.warnings)
    assert r.to_dict()["warnings"]


def test_table_only_file_gives_a_warning(tmp_path):
    f = tmp_path / "t.txt"
    f.write_text("信息内容 | 本年制发件数 |\n规章 | 0 |\n", encoding="utf-8")
    r = govnlp.extract(str(f))
    assert r.sentences == [] and r.warnings


def test_binary_garbage_is_a_typed_error(tmp_path):
    import random
    rnd = random.Random(7)
    f = tmp_path / "garbage.txt"
    f.write_bytes(bytes(rnd.randrange(256) for _ in range(5000)))
    with pytest.raises(GovnlpError) as e:
        govnlp.extract(str(f))
    assert isinstance(e.value, (UnsupportedFormatError, UndecodableFileError))


def test_invalid_utf16_is_undecodable(tmp_path):
    f = tmp_path / "bad.txt"
    f.write_bytes(codecs.BOM_UTF16_LE + "政府".encode("utf-16-le") + b"\x00\xd8")
    with pytest.raises(UndecodableFileError):
        govnlp.extract(str(f))


def test_unsupported_extension(tmp_path):
    f = tmp_path / "report.xls"
    f.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(UnsupportedFormatError, match=r"\.xls"):
        govnlp.extract(str(f))


def test_missing_file():
    with pytest.raises(SourceNotFoundError):
        govnlp.extract("no/such/report.txt")


def test_truncated_pdf(tmp_path):
    good = tmp_path / "good.pdf"
    _write_pdf(good, SEED_001.read_text(encoding="utf-8"))
    bad = tmp_path / "truncated.pdf"
    bad.write_bytes(good.read_bytes()[:700])
    with pytest.raises(UnreadablePDFError):
        govnlp.extract(str(bad))
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.4\n" + b"\x00garbage" * 50)
    with pytest.raises(UnreadablePDFError):
        govnlp.extract(str(junk))


def test_broken_docx(tmp_path):
    f = tmp_path / "x.docx"
    f.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(UnreadableDocxError):
        govnlp.extract(str(f))
    z = tmp_path / "y.docx"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("hello.txt", "no document part")
    with pytest.raises(UnreadableDocxError):
        govnlp.extract(str(z))


def test_text_given_as_a_string_and_wrong_types():
    r = govnlp.extract("一、总体情况\n全年公开12条。")
    assert r.source is None and r.sections[0].kind == "overview"
    with pytest.raises(TypeError):
        govnlp.extract(b"bytes are not text")  # type: ignore[arg-type]
