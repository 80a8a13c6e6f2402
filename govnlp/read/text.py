"""Plain text and markdown files: encoding detection and crawler headers."""
from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..errors import UndecodableFileError, UnsupportedFormatError
from .base import Source

# Header lines a crawler writes before the page text ("标题: …", "原文链接: …"), ended by a rule.
_HEADER_LINE = re.compile(r"^([^\s:：]{1,8})[:：][ \t]?(.*)$")
_HEADER_RULE = re.compile(r"^=+\s*正文\s*=+\s*$|^={5,}\s*$")
_HEADER_KEYS = {"标题": "title", "发布时间": "published", "文号": "doc_number",
                "发布机构": "publisher", "栏目": "column", "原文链接": "url", "来源": "publisher"}


def decode_bytes(data: bytes, name: str = "<bytes>") -> str:
    """Decode report bytes: BOMs first, then strict UTF-8, then GB18030, then detection.

    >>> decode_bytes("政府信息".encode("gb18030"))
    '政府信息'
    >>> decode_bytes(codecs.BOM_UTF8 + "公开".encode())
    '公开'
    """
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", name)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", name)
    if b"\x00" in data[:8192]:
        enc = _utf16_without_bom(data[:8192])
        if enc is None:
            raise UnsupportedFormatError(f"{name}: binary data, not a text report")
        return _strict(data, enc, name)
    if _looks_binary(data):
        raise UnsupportedFormatError(f"{name}: binary data, not a text report")
    for enc in ("utf-8", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - dependency of the package
        best = None
    else:
        best = from_bytes(data).best()
    if best is not None and best.encoding:
        return str(best)
    raise UndecodableFileError(f"{name}: bytes decode as neither UTF-8, UTF-16 nor GB18030")


def _strict(data: bytes, enc: str, name: str) -> str:
    try:
        return data.decode(enc)
    except UnicodeDecodeError as e:
        raise UndecodableFileError(f"{name}: invalid {enc} at byte {e.start}") from None


_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def _looks_binary(data: bytes) -> bool:
    """NUL bytes or many control bytes in the first 8 KB mean binary, not text."""
    head = data[:8192]
    if not head:
        return False
    ctrl = len(head) - len(head.translate(None, _CONTROL))
    return ctrl / len(head) > 0.05


def _utf16_without_bom(head: bytes) -> str | None:
    """The UTF-16 byte order whose decoding is mostly CJK or ASCII text, if any."""
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            s = head[: len(head) // 2 * 2].decode(enc)
        except UnicodeDecodeError:
            continue
        good = sum(1 for ch in s if "\u4e00" <= ch <= "\u9fff" or ch.isprintable() and ord(ch) < 0x3000)
        if good > len(s) * 0.9:
            return enc
    return None


def read_text(path: str | Path) -> Source:
    """Read a .txt/.md report; the decoded file is the text."""
    path = Path(path)
    data = path.read_bytes()
    text = decode_bytes(data, str(path))
    return source_from_text(text, str(path))


def source_from_text(text: str, path: str | None = None) -> Source:
    src = Source(text=text, path=path, format="text")
    split_crawler_header(src)
    return src


def split_crawler_header(src: Source) -> None:
    """Move a crawler's ``key: value`` header block into ``meta`` and set ``body_start``."""
    text = src.text
    pos = 0
    meta: dict[str, str] = {}
    n_keys = 0
    while pos < len(text):
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        line = text[pos:end].strip()
        if _HEADER_RULE.match(line):
            if n_keys >= 2:
                src.meta.update(meta)
                src.body_start = min(len(text), end + 1)
            return
        m = _HEADER_LINE.match(line)
        if m and n_keys < 30:
            key = _HEADER_KEYS.get(m.group(1))
            if key and m.group(2).strip():
                meta.setdefault(key, m.group(2).strip())
            n_keys += 1
        elif line and not (n_keys and "详见" in line):
            return
        if nl < 0:
            return
        pos = nl + 1
