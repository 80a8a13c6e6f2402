"""govnlp — read Chinese government information-disclosure annual reports (政府信息公开工作年度报告).

>>> import govnlp
>>> report = govnlp.extract("一、总体情况\\n2020年共收到5起依申请信息公开。")
>>> [s.title for s in report.sections]
['总体情况']
"""
from .errors import (GovnlpError, GovnlpWarning, InputTooLargeError, ModelError, SourceNotFoundError,
                     UndecodableFileError, UnreadableDocxError, UnreadablePDFError, UnsupportedFormatError)
from .pipeline import Pipeline, extract, load
from .report import Claim, FieldValue, Finding, Report, Section, Sentence, Table
from .series import check_series

__version__ = "0.1.0"
__all__ = ["extract", "load", "check_series", "Pipeline", "Report", "Section", "Sentence", "Claim", "Table",
           "FieldValue", "Finding", "GovnlpError", "GovnlpWarning", "UnsupportedFormatError",
           "UndecodableFileError", "UnreadablePDFError", "UnreadableDocxError", "InputTooLargeError",
           "ModelError", "SourceNotFoundError"]
