"""The reconcile stage: every check that produces findings, in a fixed order."""
from __future__ import annotations

from ..document import Document


def reconcile(doc: Document) -> None:
    """Run the table identity checks, then the narrative checks (both not built yet)."""
    from . import claims_check, identities
    identities.check_identities(doc)
    claims_check.check_claims(doc)
