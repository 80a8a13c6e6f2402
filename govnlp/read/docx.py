"""DOCX documents via python-docx: paragraphs and tables in document order."""
from __future__ import annotations

import zipfile
from pathlib import Path

from ..errors import UnreadableDocxError
from .base import Source, TextBuilder

MAX_UNPACKED = 200 * 1024 * 1024  # a zip bomb is refused before anything is inflated
MAX_RATIO = 200


def read_docx(path: str | Path) -> Source:
    """Read a .docx report: every paragraph a line, every table a grid (merged cells repeated)."""
    path = Path(path)
    _check_zip(path)
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError as e:  # pragma: no cover - optional extra
        raise UnreadableDocxError("reading DOCX needs the 'docx' extra: pip install govnlp[docx]") from e
    try:
        document = docx.Document(str(path))
    except Exception as e:  # python-docx raises KeyError/PackageNotFoundError/lxml errors
        raise UnreadableDocxError(f"{path}: not a readable DOCX ({type(e).__name__}: {e})") from None
    out = TextBuilder()
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            out.line(Paragraph(child, document).text)
        elif tag == "tbl":
            table = Table(child, document)
            out.table([[cell.text for cell in row.cells] for row in table.rows], "docx")
    return Source(text=out.text(), path=str(path), format="docx", tables=out.tables)


def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError) as e:
        raise UnreadableDocxError(f"{path}: not a DOCX (zip) file ({e})") from None
    size = sum(i.file_size for i in infos)
    packed = max(1, sum(i.compress_size for i in infos))
    if size > MAX_UNPACKED or size / packed > MAX_RATIO and size > 20 * 1024 * 1024:
        raise UnreadableDocxError(
            f"{path}: refuses to unpack {size} bytes from {packed} (zip bomb?)")
