"""HTML pages: main content found by text density, block text as lines, tables as grids.

Parsing is done by lxml's HTML parser (libxml2), which copes with the broken markup of
real government sites.  Only the element that holds the article is read, so the page's
navigation, footer and scripts never reach the text.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..errors import UnsupportedFormatError
from .base import Source, TextBuilder
from .text import decode_bytes

_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article",
          "blockquote", "pre", "dd", "dt", "dl", "header", "footer", "form", "center", "address"}
_SKIP = {"script", "style", "noscript", "template", "head", "iframe", "svg", "button", "select",
         "input", "textarea", "nav"}
_CONTAINERS = {"div", "section", "article", "main", "body", "form", "center", "font", "span"}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)
_MAX_DEPTH = 400  # deeper nesting is flattened, never recursed into


def read_html(path: str | Path) -> Source:
    """Read an .html/.htm report page (any of UTF-8, GBK/GB18030 …)."""
    path = Path(path)
    return html_to_source(path.read_bytes(), str(path))


def html_to_source(data: bytes, name: str | None = None) -> Source:
    from lxml import html as lxml_html  # imported when used

    m = _CHARSET.search(data[:4096])
    text = None
    if m:
        enc = m.group(1).decode("ascii").lower()
        enc = {"gb2312": "gb18030", "gbk": "gb18030", "utf8": "utf-8"}.get(enc, enc)
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            text = None
    if text is None:
        text = decode_bytes(data, name or "<html>")
    text = re.sub(r"<\?xml[^>]*\?>", "", text, count=1)
    if not text.strip():
        return Source(text="", path=name, format="html")
    try:
        root = lxml_html.document_fromstring(text, parser=_lxml()[0])
    except Exception as e:  # lxml raises ParserError/ValueError on hopeless input
        raise UnsupportedFormatError(f"{name}: not parseable as HTML ({e})") from None
    meta = _page_meta(root)
    body = root.find("body")
    main = main_content(body if body is not None else root)
    builder = TextBuilder()
    title = meta.get("title")
    _walk(main, builder, [], 0)
    out = builder.text()
    src = Source(text=out, path=name, format="html", tables=builder.tables, meta=meta)
    if title and title not in out[:400]:
        src.meta.setdefault("title", title)
    return src


@lru_cache(maxsize=1)
def _lxml():
    """lxml's HTML parser with plain elements, and ``text_content()`` as lxml.html defines it.

    lxml.html's parser builds the same tree (it is this parser plus a Python element-class
    lookup); that lookup ran for every element proxy the reader touched, a large part of the
    time spent walking a page.
    """
    from lxml import etree
    return etree.HTMLParser(), etree.XPath("string()", smart_strings=False)


def _text_content(el) -> str:
    """``lxml.html.HtmlElement.text_content()`` for any element."""
    return _lxml()[1](el)


def _page_meta(root) -> dict:
    meta: dict[str, str] = {}
    for m in root.iter("meta"):
        key = (m.get("name") or "").lower()
        val = (m.get("content") or "").strip()
        if not val:
            continue
        if key in ("articletitle", "title"):
            meta.setdefault("title", val)
        elif key in ("pubdate", "publishdate", "firstpublishedtime"):
            meta.setdefault("published", val)
        elif key == "url":
            meta.setdefault("url", val)
        elif key in ("contentsource", "author"):
            meta.setdefault("publisher", val)
    if "title" not in meta:
        t = root.find(".//title")
        if t is not None and (_text_content(t) or "").strip():
            meta["title"] = _text_content(t).strip().split("_")[0]
    return meta


def _text_lens(el) -> tuple[dict, dict]:
    """Characters of text and characters inside links below every node of ``el``'s subtree
    (scripts excluded; a node's own tail counts), as two dicts keyed by node.

    One pass: each node's own text and tail is measured once and added to its parent's,
    children before parents (the quadratic re-walk of every subtree at every level is gone).
    """
    nodes = list(el.iter())
    total: dict = {}
    link: dict = {}
    for node in nodes:
        tag = node.tag   # comments and PIs have a function here, never in _SKIP nor "a"
        if tag in _SKIP:
            total[node] = link[node] = 0
            continue
        text = node.text
        n = len(text.strip()) if text else 0
        tail = node.tail
        total[node] = n + len(tail.strip()) if tail else n
        link[node] = n if tag == "a" else 0
    for node in reversed(nodes):   # document order reversed: every child before its parent
        if node is not el:
            parent = node.getparent()
            total[parent] += total[node]
            link[parent] += link[node]
    return total, link


def main_content(el):
    """Descend while one child holds most of the non-link text: the article container."""
    totals, links = _text_lens(el)
    for _ in range(_MAX_DEPTH):
        total, link = totals[el], links[el]
        best, best_len = None, 0
        for child in el:
            if not isinstance(child.tag, str) or child.tag not in _CONTAINERS:
                continue
            t, lk = totals[child], links[child]
            score = t - 2 * lk
            if score > best_len:
                best, best_len = child, score
        if best is None or best_len < 0.7 * max(1, total - 2 * link):
            return el
        el = best
    return el


def _walk(el, out: TextBuilder, line: list[str], depth: int) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in _SKIP:
        return
    if tag == "table":
        _flush(out, line)
        out.table(_grid(el), "html")
        if el.tail:
            line.append(el.tail)
        return
    if tag == "br":
        _flush(out, line)
    block = tag in _BLOCK or tag == "tr"
    if block:
        _flush(out, line)
    if el.text:
        line.append(el.text)
    if depth < _MAX_DEPTH:
        for child in el:
            _walk(child, out, line, depth + 1)
    else:
        line.append(_text_content(el))
    if block:
        _flush(out, line)
    if el.tail:
        line.append(el.tail)


def _flush(out: TextBuilder, line: list[str]) -> None:
    if line:
        out.line("".join(line).replace("\xa0", " "))
        line.clear()


def _grid(table) -> list[list[str]]:
    """Rows of cell texts with rowspan/colspan expanded into a rectangle."""
    rows = [tr for tr in table.iter("tr") if _nearest_table(tr) is table]
    grid: list[list[str]] = []
    pending: dict[tuple[int, int], str] = {}
    for r, tr in enumerate(rows):
        out_row: list[str] = []
        c = 0
        for td in tr:
            if not isinstance(td.tag, str) or td.tag not in ("td", "th"):
                continue
            while (r, c) in pending:
                out_row.append(pending.pop((r, c)))
                c += 1
            txt = " ".join(_text_content(td).replace("\xa0", " ").split())
            rs = _span(td.get("rowspan"))
            cs = _span(td.get("colspan"))
            for dc in range(cs):
                out_row.append(txt)
                for dr in range(1, rs):
                    pending[(r + dr, c + dc)] = txt
            c += cs
        while (r, c) in pending:
            out_row.append(pending.pop((r, c)))
            c += 1
        grid.append(out_row)
    width = max((len(r) for r in grid), default=0)
    return [r + [""] * (width - len(r)) for r in grid]


def _span(v: str | None) -> int:
    if v is None:   # no rowspan/colspan attribute (most cells)
        return 1
    try:
        return max(1, min(int(v or 1), 100))
    except ValueError:
        return 1


def _nearest_table(el):
    p = el.getparent()
    while p is not None and p.tag != "table":
        p = p.getparent()
    return p
