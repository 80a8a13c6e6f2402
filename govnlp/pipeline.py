"""The pipeline: a config naming the stages to run, ``__call__`` for one source, ``pipe`` for streams."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

from .document import Document
from .errors import GovnlpError
from .read import read_source
from .report import Report
from .stages import STAGES

DEFAULT_STAGES = ("normalize", "segment", "tables", "claims", "themes", "reconcile")


@dataclass
class Pipeline:
    """Runs the configured stages over a source.

    >>> nlp = Pipeline()
    >>> nlp("一、总体情况\\n全年主动公开政府信息12条。").sections[0].kind
    'overview'
    """

    stages: tuple[str, ...] = DEFAULT_STAGES
    config: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        unknown = [s for s in self.stages if s not in STAGES]
        if unknown:
            raise GovnlpError(f"unknown pipeline stage(s): {', '.join(unknown)}; "
                              f"registered: {', '.join(STAGES)}")

    def __call__(self, source: str | os.PathLike) -> Report:
        if not isinstance(source, (str, os.PathLike)):
            raise TypeError(f"extract() takes a path or a str of report text, not {type(source).__name__}")
        doc = Document(read_source(source), config=self.config)
        return self.run(doc)

    def run(self, doc: Document) -> Report:
        for name in self.stages:
            STAGES[name](doc)
        return doc.report

    def pipe(self, sources: Iterable[str | os.PathLike], errors: str = "raise") -> Iterator[Report | GovnlpError]:
        """Reports for a stream of sources, in order.

        ``errors="raise"`` stops at the first bad source; ``errors="return"`` yields the
        :class:`GovnlpError` in its place and goes on.
        """
        if errors not in ("raise", "return"):
            raise ValueError("errors must be 'raise' or 'return'")
        for src in sources:
            try:
                yield self(src)
            except GovnlpError as e:
                if errors == "raise":
                    raise
                yield e


def load(**config: Any) -> Pipeline:
    """The default pipeline; keyword options (e.g. ``theme_model="models/NAME"``) go to its config."""
    stages = tuple(config.pop("stages", DEFAULT_STAGES))
    return Pipeline(stages=stages, config=config)


def extract(source: str | os.PathLike, **config: Any) -> Report:
    """Read and analyse one report: a path (.txt .md .html .htm .pdf .docx) or its text."""
    return load(**config)(source)
