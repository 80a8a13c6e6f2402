"""Narrative checks: ``claims.part_whole`` and ``claims.vs_table`` findings."""
from __future__ import annotations

from ..document import Document


def check_claims(doc: Document) -> None:
    """Not built yet: no findings."""
