"""The tables stage: interpret located tables into ``Report.tables`` and ``Report.fields``."""
from __future__ import annotations

from ..document import Document


def read_tables(doc: Document) -> None:
    """Not built yet: no tables are interpreted and the template stays 'unknown'."""
    doc.report.meta.setdefault("template", "unknown")
