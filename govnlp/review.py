"""A reviewer's page: one self-contained HTML file for one :class:`~govnlp.report.Report`.

``render_review(report)`` returns the page (inline CSS and JS, no external resources): a side
panel with the report's metadata, a table of contents, a theme legend and the findings (violated
first) whose evidence links jump to — and flash — the highlighted spans in the text; the text
itself with sections as anchors, sentences coloured by theme, claims and table cells of canonical
fields highlighted.  Every highlight is built from the character offsets into ``report.text``;
overlapping highlights are rendered from sorted boundary events, so the markup always nests.
``govnlp report FILE -o review.html`` writes it.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from html import escape

from .report import Finding, Report

STATUS_ORDER = {"violated": 0, "unverifiable": 1, "consistent": 2}
STATUS_ZH = {"violated": "违反", "unverifiable": "无法核验", "consistent": "一致"}
CAUSE_ZH = {"report": "报告本身前后不一致", "extraction": "可能是读取有误"}
#: theme → (Chinese name, colour)
THEMES: dict[str, tuple[str, str]] = {
    "proactive_disclosure": ("主动公开", "#8fd19e"),
    "request_disclosure": ("依申请公开", "#9ec5fe"),
    "policy_interpretation": ("政策解读", "#f8c291"),
    "platform_building": ("平台建设", "#c5a3ff"),
    "information_management": ("信息管理", "#7fd6d0"),
    "supervision_guarantee": ("监督保障", "#f5a3c7"),
    "problems_improvements": ("问题与改进", "#f3d96b"),
    "other": ("其他", "#d0d0d0"),
}

CSS = """
*{box-sizing:border-box}
body{margin:0;font:15px/1.6 "Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",
 "WenQuanYi Micro Hei",sans-serif;color:#1f2328;background:#f6f7f9}
#side{position:fixed;top:0;left:0;bottom:0;width:460px;overflow-y:auto;background:#fff;
 border-right:1px solid #d8dee4;padding:16px 18px 40px}
main{position:fixed;top:0;left:460px;right:0;bottom:0;overflow-y:auto;padding:20px 36px 50vh}
#text{max-width:1100px}
h1{font-size:19px;margin:0 0 6px}h2{font-size:15px;margin:18px 0 6px;border-bottom:1px solid #eaeef2;padding-bottom:3px}
dl.meta{display:grid;grid-template-columns:auto 1fr;gap:1px 10px;margin:6px 0;font-size:13px}
dl.meta dt{color:#656d76}dl.meta dd{margin:0;word-break:break-all}
.counts{display:flex;flex-wrap:wrap;gap:6px;margin:8px 0}
.pill{border-radius:10px;padding:1px 9px;font-size:12.5px;color:#fff;white-space:nowrap}
.violated{--st:#cf222e}.unverifiable{--st:#bc6c00}.consistent{--st:#1a7f37}
.pill.violated,.pill.unverifiable,.pill.consistent,.badge{background:var(--st)}
.pill.n{background:#57606a}
.warn{background:#fff8c5;border:1px solid #d4a72c;border-radius:6px;padding:4px 8px;font-size:13px;margin:4px 0}
nav.toc ol{margin:0;padding-left:4px;list-style:none;font-size:13.5px}nav.toc a{color:#0969da;text-decoration:none}
.legend{display:flex;flex-wrap:wrap;gap:5px;font-size:12.5px}
.legend .sw{border-radius:4px;padding:0 6px;cursor:pointer;border:1px solid #d0d7de}
.legend .sw.on{outline:2px solid #1f2328}
label.tog{font-size:12.5px;display:block;margin:6px 0 0}
ul.findings{list-style:none;margin:0;padding:0}
.finding{border:1px solid #d8dee4;border-left:4px solid var(--st);border-radius:6px;padding:6px 9px;margin:7px 0;
 font-size:13.5px;background:#fff}
.finding .fh{display:flex;flex-wrap:wrap;gap:6px;align-items:center}
.badge{color:#fff;border-radius:4px;padding:0 6px;font-size:12px}
.finding code{font-size:12.5px;background:#f0f2f4;padding:0 4px;border-radius:3px}
.sev,.conf{color:#656d76;font-size:12px}
.msg{margin:4px 0}.eo{margin:2px 0;font-size:13px}.eo b{font-variant-numeric:tabular-nums}
.cause{font-size:12.5px;color:#656d76}
.ev a{display:inline-block;margin:2px 4px 0 0;padding:0 6px;border-radius:4px;font-size:12.5px;
 background:#eef3fb;color:#0550ae;text-decoration:none;border:1px solid #c8d7ee}
.ev a:hover{background:#dbe8fb}
details>summary{cursor:pointer;font-size:13.5px;margin-top:8px;color:#1a7f37}
#text{white-space:pre-wrap;word-break:break-word;font-size:16px;line-height:2.05;background:#fff;
 border:1px solid #d8dee4;border-radius:8px;padding:20px 26px}
.sec-anchor{scroll-margin-top:20px}
.tbl{background:#f3f4f6;font-size:14.5px;box-shadow:0 0 0 1px #e3e6ea}
.sent{border-radius:3px}.sent.head{font-weight:700}
mark{background:none;color:inherit;border-radius:3px;scroll-margin:40vh}
mark.claim{background:#ffe066;box-shadow:inset 0 -2px 0 #e8a400}
mark.cell{background:#a5d8ff;box-shadow:inset 0 -2px 0 #1c7ed6}
mark.ev{outline:1.5px dashed var(--st);outline-offset:1px;cursor:pointer}
mark.ev.violated{outline:2.5px solid var(--st);background-color:#ffd8d8}
mark.ev.violated.claim,mark.ev.violated.cell{background-color:#ffb3b3}
mark.flash{animation:flash 1.6s ease-out}.finding.flash{animation:fflash 1.6s ease-out}
@keyframes flash{0%,40%{background:#ff6d00;color:#fff;outline:3px solid #ff6d00}}
@keyframes fflash{0%,40%{background:#fff0e0;box-shadow:0 0 0 3px #ff6d00}}
"""

JS = """
function flash(els){els.forEach(function(e){e.classList.remove('flash');void e.offsetWidth;e.classList.add('flash');});}
function go(id){var t=document.getElementById(id);if(!t)return false;var d=t.closest('details');if(d)d.open=true;
 t.scrollIntoView({block:t.tagName==='MARK'?'center':'nearest'});
 flash(t.tagName==='MARK'?document.querySelectorAll('mark[data-s="'+id+'"]'):[t]);return true;}
document.addEventListener('click',function(ev){
 var a=ev.target.closest('a[href^="#s-"]');
 if(a){var id=a.getAttribute('href').slice(1);if(go(id)){ev.preventDefault();history.replaceState(null,'','#'+id);}return;}
 var m=ev.target.closest('mark[data-f]');
 if(m){go(m.dataset.f.split(' ')[0]);return;}
 var s=ev.target.closest('.legend .sw[data-theme]');
 if(s){var th=s.dataset.theme,on=document.body.dataset.only===th;document.body.dataset.only=on?'':th;
  document.querySelectorAll('.legend .sw').forEach(function(x){x.classList.toggle('on',!on&&x===s);});}
});
document.getElementById('themes-on').addEventListener('change',function(e){
 document.body.classList.toggle('no-themes',!e.target.checked);});
if(location.hash.length>1)go(decodeURIComponent(location.hash.slice(1)));
"""


def _theme_css() -> str:
    rules = []
    for name, (_, colour) in THEMES.items():
        if name != "other":
            rules.append(f".sent.p-{name}{{background:{colour}55}}"
                         f".sent.q-{name}{{box-shadow:inset 0 -3px 0 {colour}}}")
        rules.append(f".sw[data-theme={name}]{{background:{colour}}}"
                     f"body[data-only={name}] .sent:not(.th-{name}){{background:none;box-shadow:none}}"
                     f"body[data-only={name}] .sent.th-{name}{{background:{colour}99}}")
    rules.append("body.no-themes .sent{background:none!important;box-shadow:none!important}")
    return "\n".join(rules)


def _attrs(d: dict[str, str]) -> str:
    return "".join(f' {k}="{escape(v)}"' for k, v in d.items() if v)


@dataclass
class _El:
    """One highlight over ``text[start:end]``; ``prio`` 0 = sentence (may be split), 1 = mark."""

    start: int
    end: int
    prio: int
    tag: str
    attrs: dict[str, str]
    opened: bool = field(default=False, compare=False)

    def open_tag(self) -> str:
        a = dict(self.attrs)
        if self.opened:  # a later fragment of a split element: the id stays on the first one
            a.pop("id", None)
            a["class"] = (a.get("class", "") + " frag").strip()
        self.opened = True
        return f"<{self.tag}{_attrs(a)}>"


def _markup(text: str, els: list[_El], points: dict[int, list[str]]) -> str:
    """``text`` escaped, with every element wrapped around its span and ``points`` inserted.

    Walks the sorted boundaries keeping a stack of open elements: at an end, everything above
    the ending element is closed and reopened (a fragment); a mark that starts inside a sentence
    ending before the mark closes that sentence first and reopens it inside, so marks stay whole
    unless two marks partly overlap.

    >>> _markup("ab<d", [_El(0, 3, 0, "span", {}), _El(2, 4, 1, "mark", {"id": "m"})], {})
    '<span>ab</span><mark id="m"><span class="frag">&lt;</span>d</mark>'
    """
    els = sorted(els, key=lambda e: (e.start, -e.end, e.prio))
    starts: dict[int, list[_El]] = defaultdict(list)
    for e in els:
        starts[e.start].append(e)
    bounds = sorted({0, len(text), *points, *(e.start for e in els), *(e.end for e in els)})
    out: list[str] = []
    stack: list[_El] = []

    def reopen(items: list[_El]) -> None:
        for e in items:
            out.append(e.open_tag())
            stack.append(e)

    def close_from(i: int) -> list[_El]:
        popped = stack[i:]
        del stack[i:]
        out.extend(f"</{e.tag}>" for e in reversed(popped))
        return popped

    prev = 0
    for p in bounds:
        out.append(escape(text[prev:p], quote=False))
        prev = p
        ending = [i for i, e in enumerate(stack) if e.end <= p]
        if ending:
            reopen([e for e in close_from(ending[0]) if e.end > p])
        out.extend(points.get(p, ()))
        for e in starts.get(p, ()):
            j = None
            for i in range(len(stack) - 1, -1, -1):
                if stack[i].prio >= e.prio:
                    break
                if stack[i].end < e.end:
                    j = i
            popped = close_from(j) if j is not None else []
            reopen([e])
            reopen(popped)
    out.extend(f"</{e.tag}>" for e in reversed(stack))
    return "".join(out)


def _sid(start: int, end: int) -> str:
    return f"s-{start}-{end}"


def _valid(text: str, start: int, end: int) -> bool:
    return 0 <= start < end <= len(text)


def _ordered(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (STATUS_ORDER.get(f.status, 3), f.rule, f.id))


def _elements(report: Report, fids: dict[int, str]) -> list[_El]:
    """Sentence wrappers plus one mark per distinct claim / cell / evidence span."""
    text = report.text
    els: list[_El] = []
    for s in report.sentences:
        if not _valid(text, s.start, s.end):
            continue
        themes = sorted(s.themes, key=lambda t: -s.scores.get(t, 0.0))
        cls = ["sent", *(f"th-{t}" for t in themes)]
        if s.heading:
            cls.append("head")
        if themes:
            cls.append(f"p-{themes[0]}")
        if len(themes) > 1:
            cls.append(f"q-{themes[1]}")
        names = "、".join(THEMES.get(t, (t, ""))[0] for t in themes) or "—"
        scores = " · ".join(f"{k} {v:.2f}" for k, v in sorted(s.scores.items(), key=lambda kv: -kv[1]))
        els.append(_El(s.start, s.end, 0, "span", {"class": " ".join(cls), "data-s": _sid(s.start, s.end),
                                                   "title": f"主题: {names}\n{scores}"}))
    for t in report.tables:
        if _valid(text, t.start, t.end):
            els.append(_El(t.start, t.end, 0, "span", {"class": "tbl", "data-s": f"t-{t.start}-{t.end}",
                                                       "title": f"table {t.index}: {t.kind}"}))
    marks: dict[tuple[int, int], dict] = defaultdict(lambda: {"cls": [], "title": [], "f": []})
    for c in report.claims:
        if _valid(text, c.start, c.end):
            m = marks[c.start, c.end]
            m["cls"].append("claim")
            m["title"].append(f"{c.value} {c.unit} · {c.metric or '—'} · {c.field or '—'}"
                              + (" (implicit)" if c.implicit else "") + (" (approx)" if c.approx else ""))
    for fid, fv in report.fields.items():
        if _valid(text, fv.start, fv.end):
            m = marks[fv.start, fv.end]
            m["cls"].append("cell")
            m["title"].append(f"{fid} = {fv.value} ({fv.confidence:.2f})")
    for k, f in enumerate(_ordered(report.findings)):
        for start, end in f.spans:
            if _valid(text, start, end):
                m = marks[start, end]
                if "ev" not in m["cls"]:
                    m["cls"] += ["ev", f.status]  # the first (most severe) finding colours it
                m["f"].append(fids[k])
                m["title"].append(f"[{STATUS_ZH.get(f.status, f.status)}] {f.rule}")
    for (start, end), m in marks.items():
        key = _sid(start, end)
        els.append(_El(start, end, 1, "mark", {"class": " ".join(dict.fromkeys(m["cls"])), "id": key,
                                               "data-s": key, "data-f": " ".join(dict.fromkeys(m["f"])),
                                               "title": "\n".join(dict.fromkeys(m["title"]))}))
    return els


def _snippet(s: str, width: int = 14) -> str:
    s = " ".join(s.split())
    return s if len(s) <= width else s[: width - 1] + "…"


def _finding_html(report: Report, f: Finding, fid: str, cells: dict[tuple[int, int], str]) -> str:
    text = report.text
    st = escape(f.status)
    parts = [f'<li class="finding {st}" id="{fid}"><div class="fh"><span class="badge">'
             f'{escape(STATUS_ZH.get(f.status, f.status))} {st}</span><code>{escape(f.rule)}</code>'
             f'<span class="sev">{escape(f.severity)}</span>'
             f'<span class="conf">confidence {f.confidence:.2f}</span></div>',
             f'<p class="msg">{escape(f.message)}</p>']
    if f.expected is not None or f.observed is not None:
        parts.append(f'<p class="eo">expected <b>{escape(str(f.expected))}</b> · observed '
                     f'<b>{escape(str(f.observed))}</b></p>')
    parts.append(f'<div class="cause">cause: {escape(f.cause)} — {escape(CAUSE_ZH.get(f.cause, f.cause))}</div>')
    links = []
    for start, end in f.spans:
        if not _valid(text, start, end):
            links.append(f"<span class=\"sev\">[{start}, {end}] (no position)</span>")
            continue
        line = text.count("\n", 0, start) + 1
        label = cells.get((start, end)) or _snippet(text[start:end])
        ctx = " ".join((text[max(0, start - 20):start] + "【" + text[start:end] + "】" + text[end:end + 20]).split())
        links.append(f'<a href="#{_sid(start, end)}" title="{escape(ctx)}">L{line} {escape(label)}</a>')
    if links:
        parts.append(f'<div class="ev">evidence: {"".join(links)}</div>')
    parts.append("</li>")
    return "".join(parts)


def _findings_html(report: Report, fids: dict[int, str]) -> str:
    cells: dict[tuple[int, int], str] = {}
    for fid, fv in report.fields.items():
        cells.setdefault((fv.start, fv.end), f"{fid} = {fv.value}")
    groups: dict[str, list[str]] = defaultdict(list)
    for k, f in enumerate(_ordered(report.findings)):
        groups[f.status if f.status in STATUS_ORDER else "unverifiable"].append(
            _finding_html(report, f, fids[k], cells))
    out = [f'<h2 id="findings">发现 Findings ({len(report.findings)})</h2>']
    if not report.findings:
        out.append('<p class="sev">没有可核验的项目 (no findings).</p>')
    for st in ("violated", "unverifiable"):
        if groups[st]:
            out.append(f'<ul class="findings">{"".join(groups[st])}</ul>')
    if groups["consistent"]:
        out.append(f'<details class="consistent"><summary>{STATUS_ZH["consistent"]} consistent '
                   f'({len(groups["consistent"])}) — 点击展开</summary><ul class="findings">'
                   f'{"".join(groups["consistent"])}</ul></details>')
    return "".join(out)


def _header_html(report: Report) -> str:
    meta = {"agency": None, "year": None, "template": "unknown", "script": "simplified", **report.meta}
    title = meta.get("title") or f"{meta['agency'] or '?'} {meta['year'] or '?'} 年度报告"
    rows = [("agency 机关", meta["agency"]), ("year 年度", meta["year"]), ("template 模板", meta["template"]),
            ("script 字形", meta["script"]), ("source 来源", report.source or "(text)")]
    if meta.get("url"):
        rows.append(("url", meta["url"]))
    dl = "".join(f"<dt>{escape(k)}</dt><dd>{escape(str(v if v is not None else '—'))}</dd>" for k, v in rows)
    counts = {st: sum(f.status == st for f in report.findings) for st in STATUS_ORDER}
    pills = "".join(f'<span class="pill {st}">{STATUS_ZH[st]} {st} {n}</span>' for st, n in counts.items())
    pills += (f'<span class="pill n">claims {len(report.claims)}</span>'
              f'<span class="pill n">fields {len(report.fields)}</span>'
              f'<span class="pill n">tables {len(report.tables)}</span>'
              f'<span class="pill n">sentences {len(report.sentences)}</span>')
    warns = "".join(f'<div class="warn">⚠ {escape(w)}</div>' for w in report.warnings)
    return (f"<header><h1>{escape(str(title))}</h1><dl class=\"meta\">{dl}</dl>"
            f'<div class="counts">{pills}</div>{warns}</header>')


def _side_html(report: Report, fids: dict[int, str]) -> str:
    toc = "".join(f'<li><a href="#sec-{s.index}">{escape(((s.number or "") + " " + s.title).strip())}</a></li>'
                  for s in report.sections)
    used: dict[str, int] = defaultdict(int)
    for s in report.sentences:
        for t in s.themes:
            used[t] += 1
    legend = "".join(f'<span class="sw" data-theme="{escape(t)}" title="{escape(t)}: 点击只显示此主题">'
                     f'{escape(zh)} {used.get(t, 0)}</span>' for t, (zh, _) in THEMES.items())
    legend += ('<span class="sw" style="background:#ffe066">数字 claim</span>'
               '<span class="sw" style="background:#a5d8ff">表格单元 cell</span>'
               '<span class="sw" style="outline:2.5px solid #cf222e;background:#ffd8d8">违反的证据 evidence</span>'
               '<span class="sw" style="outline:1.5px dashed #1a7f37">一致的证据</span>'
               '<span class="sw" style="outline:1.5px dashed #bc6c00">无法核验的证据</span>')
    return (f'<aside id="side">{_header_html(report)}'
            f'<nav class="toc"><h2>目录 Sections</h2><ol>{toc or "<li>—</li>"}</ol></nav>'
            f'<h2>图例 Legend</h2><div class="legend">{legend}</div>'
            '<label class="tog"><input type="checkbox" id="themes-on" checked> 句子按主题着色 colour sentences by theme'
            f'</label>{_findings_html(report, fids)}</aside>')


def render_review(report: Report) -> str:
    """The review page of ``report`` as one self-contained UTF-8 HTML document."""
    fids = {k: f"f-{k}" for k in range(len(report.findings))}
    points: dict[int, list[str]] = defaultdict(list)
    for s in report.sections:
        if 0 <= s.start <= len(report.text):
            points[s.start].append(f'<a class="sec-anchor" id="sec-{s.index}"></a>')
    body = _markup(report.text, _elements(report, fids), points)
    title = report.meta.get("title") or report.source or "govnlp review"
    return ("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(str(title))} — govnlp review</title><style>{CSS}{_theme_css()}</style></head>"
            f"<body>{_side_html(report, fids)}<main><div id=\"text\">{body}</div></main>"
            f"<script>{JS}</script></body></html>\n")
