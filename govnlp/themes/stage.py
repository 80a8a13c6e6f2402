"""The themes stage: ``Sentence.themes`` and ``Sentence.scores`` for every sentence."""
from __future__ import annotations

from ..document import Document


def label_themes(doc: Document) -> None:
    """Not built yet: sentences carry no themes."""
