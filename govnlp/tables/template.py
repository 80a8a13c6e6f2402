"""Which template a report's tables follow — from headers and rows, never from the year.

>>> d = TemplateDetector(); d.see_proactive("信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数"); d.template()
'2021'
>>> d = TemplateDetector(); d.see_requests(["granted", "other"]); d.template()
'2019'
>>> TemplateDetector().template()
'unknown'
"""
from __future__ import annotations

from .schema import fold, load_rules


class TemplateDetector:
    """Collects evidence table by table; ``template()`` decides."""

    def __init__(self) -> None:
        self.votes = {"2021": 0, "2019": 0, "pre2019": 0}

    def see_proactive(self, header_text: str) -> None:
        f = fold(header_text)
        for t in ("2021", "2019"):
            self.votes[t] += 2 * sum(1 for w in load_rules()["template_headers"][t] if w in f)

    def see_requests(self, row_keys: list[str]) -> None:
        if any(k.startswith("other.") for k in row_keys):
            self.votes["2021"] += 1
        elif "other" in row_keys:
            self.votes["2019"] += 1

    def see_legacy(self) -> None:
        self.votes["pre2019"] += 3

    def template(self) -> str:
        best = max(self.votes, key=lambda t: self.votes[t])
        return best if self.votes[best] > 0 else "unknown"
