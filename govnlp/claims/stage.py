"""The claims stage: fill ``Report.claims`` from the narrative sentences."""
from __future__ import annotations

from ..document import Document


def find_claims_stage(doc: Document) -> None:
    """Not built yet: no claims."""
