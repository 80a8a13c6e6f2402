"""PDF text layer via pdfplumber: lines as laid out, ruled tables as grids."""
from __future__ import annotations

from pathlib import Path

from ..errors import UnreadablePDFError
from .base import Source, TextBuilder

MAX_PAGES = 500


def read_pdf(path: str | Path) -> Source:
    """Read a PDF report's text layer; hard-wrapped lines keep their line breaks.

    Tables that pdfplumber finds from ruling lines become structured rows; the text
    inside them is not repeated as lines.  A PDF with no text layer (a scan) gives an
    empty text and a warning on the Report, not an exception.
    """
    try:
        import pdfplumber
        from pdfminer.pdfparser import PDFSyntaxError
        from pdfplumber.utils.exceptions import PdfminerException
    except ImportError as e:  # pragma: no cover - optional extra
        raise UnreadablePDFError("reading PDF needs the 'pdf' extra: pip install govnlp[pdf]") from e
    path = Path(path)
    out = TextBuilder()
    warnings: list[str] = []
    try:
        with pdfplumber.open(path) as pdf:
            pages = pdf.pages
            if len(pages) > MAX_PAGES:
                warnings.append(f"PDF has {len(pages)} pages; only the first {MAX_PAGES} were read")
            for page in pages[:MAX_PAGES]:
                _read_page(page, out)
    except (PDFSyntaxError, PdfminerException, ValueError, KeyError, TypeError, AssertionError, EOFError) as e:
        raise UnreadablePDFError(f"{path}: not a readable PDF ({type(e).__name__}: {e})") from None
    except Exception as e:  # pdfminer raises many ad-hoc types on broken files
        if isinstance(e, (MemoryError, KeyboardInterrupt)):
            raise
        raise UnreadablePDFError(f"{path}: not a readable PDF ({type(e).__name__}: {e})") from None
    text = out.text()
    if not text.strip():
        warnings.append("PDF has no text layer (scanned image?); nothing to analyse")
    return Source(text=text, path=str(path), format="pdf", tables=out.tables,
                  hard_wrapped=True, warnings=warnings)


def _read_page(page, out: TextBuilder) -> None:
    tables = sorted(page.find_tables(), key=lambda t: t.bbox[1])
    top = 0.0
    for t in tables:
        x0, t_top, x1, t_bottom = t.bbox
        if t_top > top:
            _lines(page.crop((0, top, page.width, t_top), strict=False), out)
        out.table([[c or "" for c in row] for row in t.extract()], "pdf")
        top = max(top, t_bottom)
    if top < page.height:
        _lines(page.crop((0, top, page.width, page.height), strict=False), out)


def _lines(region, out: TextBuilder) -> None:
    text = region.extract_text() or ""
    for line in text.split("\n"):
        out.line(line)
