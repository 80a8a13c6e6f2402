"""The object the pipeline stages pass along (govnlp's counterpart of a spaCy ``Doc``)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .read.base import Source
from .report import Report


@dataclass
class Document:
    """Working state: the read source, its analysis text, and the Report being filled.

    ``norm`` has the same length as ``text``: offsets found in it are offsets into ``text``.
    """

    source: Source
    norm: str = ""
    report: Report = None  # type: ignore[assignment]
    table_regions: list[tuple[int, int, str]] = field(default_factory=list)
    headings: list[Any] = field(default_factory=list)
    printed_fields: set[str] = field(default_factory=set)  # table cells present (blank or not): tables stage
    config: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.source.text

    def __post_init__(self) -> None:
        if self.report is None:
            self.report = Report(text=self.source.text, source=self.source.path,
                                 warnings=list(self.source.warnings))

    def warn(self, message: str) -> None:
        if message not in self.report.warnings:
            self.report.warnings.append(message)
