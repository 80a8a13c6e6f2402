"""Typed errors and warnings raised or recorded by govnlp.

Every failure a user can cause with bad input surfaces as a subclass of
:class:`GovnlpError`; nothing else escapes :func:`govnlp.extract`.
"""
from __future__ import annotations


class GovnlpError(Exception):
    """Base class of every error govnlp raises on purpose."""


class SourceNotFoundError(GovnlpError, FileNotFoundError):
    """A path that names no file."""


class UnsupportedFormatError(GovnlpError):
    """The source is not a format govnlp reads (e.g. ``.xls``, an image, binary data)."""


class UndecodableFileError(GovnlpError):
    """A text file whose bytes decode in no supported encoding (UTF-8/16, GB18030)."""


class UnreadablePDFError(GovnlpError):
    """A PDF that cannot be parsed (truncated, encrypted, corrupt)."""


class UnreadableDocxError(GovnlpError):
    """A DOCX that cannot be opened (not a zip, missing parts, too large when unpacked)."""


class InputTooLargeError(GovnlpError):
    """The source exceeds the size limits govnlp accepts."""


class ModelError(GovnlpError):
    """A theme model directory that is missing, incomplete or of an unknown format."""


class GovnlpWarning(UserWarning):
    """Category of the warnings govnlp records on a Report and emits via :mod:`warnings`."""
