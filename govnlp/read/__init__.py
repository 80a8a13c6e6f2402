"""Stage 1 — read: any supported source into text plus table cells, with offsets.

``read_source`` dispatches on the file extension; a ``str`` that is not an existing
path is taken as the report text itself.
"""
from __future__ import annotations

import os
from pathlib import Path

from ..errors import InputTooLargeError, SourceNotFoundError, UnsupportedFormatError
from .base import Cell, RawTable, Source
from .docx import read_docx
from .html import read_html
from .pdf import read_pdf
from .text import decode_bytes, read_text, source_from_text

__all__ = ["Cell", "RawTable", "Source", "read_source", "read_text", "read_html", "read_pdf",
           "read_docx", "decode_bytes", "READERS", "MAX_BYTES"]

READERS = {".txt": read_text, ".md": read_text, ".text": read_text, ".html": read_html,
           ".htm": read_html, ".xhtml": read_html, ".pdf": read_pdf, ".docx": read_docx}
MAX_BYTES = 100 * 1024 * 1024  # PDF and DOCX (images make them large)
MAX_TEXT_BYTES = 20 * 1024 * 1024  # text and HTML: a real report is well under 1 MB


def read_source(source: str | os.PathLike) -> Source:
    """Read a path (.txt .md .html .htm .pdf .docx) or report text given as ``str``."""
    if isinstance(source, str) and not _looks_like_path(source):
        if len(source) > MAX_TEXT_BYTES:
            raise InputTooLargeError(f"text of {len(source)} characters is over the {MAX_TEXT_BYTES} limit")
        return source_from_text(source)
    path = Path(source)
    if not path.is_file():
        raise SourceNotFoundError(f"{path}: no such file")
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise UnsupportedFormatError(
            f"{path}: unsupported file type {path.suffix or '(none)'}; govnlp reads "
            + ", ".join(sorted(READERS)))
    size = path.stat().st_size
    limit = MAX_BYTES if path.suffix.lower() in (".pdf", ".docx") else MAX_TEXT_BYTES
    if size > limit:
        raise InputTooLargeError(f"{path}: {size} bytes is over the {limit}-byte limit for "
                                 f"{path.suffix} files (govnlp.read.MAX_TEXT_BYTES / MAX_BYTES)")
    return reader(path)


def _looks_like_path(s: str) -> bool:
    """A short one-line string naming a file or ending in a known extension is a path."""
    if len(s) > 1024 or "\n" in s or not s.strip():
        return False
    return os.path.isfile(s) or Path(s).suffix.lower() in READERS
