"""Tables arriving as DOCX, PDF and HTML (with row/column spans) map to the same fields."""
from __future__ import annotations

from pathlib import Path

import govnlp

ROWS = [["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], ["规章", "1", "0", "5"],
        ["行政规范性文件", "12", "3", "/"]]


def _check(rep: govnlp.Report) -> None:
    f = rep.fields
    assert rep.meta["template"] == "2021"
    assert [f[k].value for k in ("art20_1.regulations.issued", "art20_1.regulations.repealed",
                                 "art20_1.regulations.in_force", "art20_1.normative_docs.issued",
                                 "art20_1.normative_docs.repealed")] == ["1", "0", "5", "12", "3"]
    assert "art20_1.normative_docs.in_force" not in f          # "/" is blank, not 0
    fv = f["art20_1.normative_docs.issued"]
    assert rep.text[fv.start:fv.end] == "12"


def test_docx_table_with_merged_title_row(tmp_path: Path):
    import docx
    d = docx.Document()
    d.add_paragraph("二、主动公开政府信息情况")
    t = d.add_table(rows=4, cols=4)
    for i, row in enumerate([["第二十条第（一）项", "", "", ""]] + ROWS):
        for j, v in enumerate(row):
            t.cell(i, j).text = v
    t.cell(0, 0).merge(t.cell(0, 3))
    p = tmp_path / "r.docx"
    d.save(p)
    _check(govnlp.extract(str(p)))


def test_pdf_table(tmp_path: Path):
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    st = ParagraphStyle("c", fontName="STSong-Light")
    p = tmp_path / "r.pdf"
    t = Table([[Paragraph(c, st) for c in r] for r in ROWS])
    t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    SimpleDocTemplate(str(p), pagesize=A4).build([Paragraph("二、主动公开政府信息情况 第二十条第（一）项", st), t])
    _check(govnlp.extract(str(p)))


def test_html_table_with_spans(tmp_path: Path):
    html = ("<html><body><p>二、主动公开政府信息情况</p><table>"
            "<tr><td colspan='4'>第二十条第（一）项</td></tr>"
            + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in ROWS)
            + "<tr><td colspan='4'>第二十条第（五）项</td></tr>"
            "<tr><td>信息内容</td><td colspan='3'>本年处理决定数量</td></tr>"
            "<tr><td>行政许可</td><td colspan='3'>2293</td></tr></table></body></html>")
    p = tmp_path / "r.html"
    p.write_text(html, encoding="utf-8")
    rep = govnlp.extract(str(p))
    _check(rep)
    assert rep.fields["art20_5.licensing.decisions"].value == "2293"   # colspan copies collapse
