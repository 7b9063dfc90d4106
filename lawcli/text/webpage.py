"""A saved web page (.html) → the text of the law on it, one line per block.

Parsed with the standard library's html.parser (docs/input.md: measured against
selectolax and lxml, it is fast enough for pages of any law, and needs nothing
installed).  What is kept and how:

- left out: the head (title, scripts, styles), script, style, noscript, template,
  svg, iframe, object, canvas, form controls, nav, and header, footer and aside
  outside an article; elements hidden with `display:none` or `hidden`, and those
  whose class or id names navigation (nav, menu, breadcrumb, crumb, sidebar, share,
  toolbar, footer, copyright) or, outside an article, a page's own header (header,
  site-header, top, banner …);
- when the page marks its content with <main> or <article> holding most of its
  text, only that content;
- <br>, <p>, <div>, <li>, <tr>, headings and the other block elements end a line; a
  table's cells are joined by a tab; white space inside a line collapses to one space
  as a browser shows it (not in <pre>), and a source line break between two CJK
  characters to nothing; U+3000 and &nbsp; are kept as written.

Encoding: a byte-order mark; else `--encoding`; else strict UTF-8; else the charset
the page declares (<meta charset>, http-equiv); else the text order of reader.decode.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from ..errors import InputError

_SKIP = {"head", "title", "script", "style", "noscript", "template", "svg", "iframe", "object",
         "canvas", "select", "button", "textarea", "nav", "math", "map"}
_OUTSIDE_ARTICLE = {"header", "footer", "aside"}
_BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol",
          "dl", "dt", "dd", "blockquote", "pre", "section", "article", "main", "center", "hr",
          "address", "figure", "figcaption", "caption", "header", "footer", "aside", "tbody",
          "thead", "tfoot", "form", "fieldset", "legend", "details", "summary", "body", "html"}
_CELL = {"td", "th"}
_VOID = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "param",
         "source", "track", "wbr"}
_NAV_NAME = re.compile(r"nav|menu|breadcrumb|crumb|sidebar|share|toolbar|footer|copyright", re.I)
#: A class or id token naming a page's own header: header, site-header, top, banner …
_PAGE_HEAD = re.compile(r"(?:^|\s)(?:(?:site|page|global|main)[-_])?(?:header|head|top|topbar|banner)(?:\s|$)", re.I)
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_SPACE = re.compile(r"[ \t\r\n\f]+")
#: A line break in the source between two wide (CJK) characters: no space at all
#: (CSS Text's segment-break rule), so hard-wrapped HTML does not split 第一条 's text.
_WIDE = "\u2e80-\u303f\u3040-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_BREAK = re.compile(rf"(?<=[{_WIDE}])[ \t]*[\r\n][ \t\r\n]*(?=[{_WIDE}])")
_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
            "cp936": "gb18030", "euc-cn": "gb18030", "big5-hkscs": "big5hkscs", "x-x-big5": "big5"}


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skip: list[list] = []  # [tag, nesting] of the element being left out
        self.pre = 0
        self.article = 0
        self.lines: list[list[str]] = [[]]
        self.main_lines: list[list[str]] = [[]]
        self.in_main = 0
        self.main_tag: list[str] = []
        self.dropped = 0

    def _break(self) -> None:
        for target in (self.lines, self.main_lines) if self.in_main else (self.lines,):
            if target[-1]:
                target.append([])

    def handle_starttag(self, tag, attrs):
        if self.skip:
            if tag == self.skip[-1][0] and tag not in _VOID:
                self.skip[-1][1] += 1
            return
        a = dict(attrs)
        names = f"{a.get('class') or ''} {a.get('id') or ''}"
        if (tag in _SKIP or (tag in _OUTSIDE_ARTICLE and not self.article)
                or "hidden" in a or _HIDDEN.search(a.get("style") or "")
                or (tag not in ("body", "html", "main", "article")
                    and (_NAV_NAME.search(names) or (not self.article and _PAGE_HEAD.search(names))))):
            if tag not in _VOID:
                self.skip.append([tag, 1])
                self.dropped += 1
            return
        if tag in ("main", "article"):
            self.article += 1
            self.in_main += 1
            self.main_tag.append(tag)
        if tag == "pre":
            self.pre += 1
        if tag in _BLOCK:
            self._break()
        elif tag in _CELL:
            self._text("\t")

    def handle_startendtag(self, tag, attrs):
        if not self.skip and tag in ("br", "hr", "p", "div"):
            self._break()

    def handle_endtag(self, tag):
        if self.skip:
            top = self.skip[-1]
            if tag == top[0]:
                top[1] -= 1
                if top[1] == 0:
                    self.skip.pop()
            return
        if tag in _BLOCK:
            self._break()
        if tag == "pre" and self.pre:
            self.pre -= 1
        if tag in ("main", "article") and self.main_tag and self.main_tag[-1] == tag:
            self.main_tag.pop()
            self.article -= 1
            self.in_main -= 1

    def _text(self, s: str) -> None:
        self.lines[-1].append(s)
        if self.in_main:
            self.main_lines[-1].append(s)

    def handle_data(self, data):
        if self.skip:
            return
        if self.pre:
            parts = data.split("\n")
            for k, part in enumerate(parts):
                if k:
                    self._break()
                if part:
                    self._text(part)
            return
        if "\n" in data or "\r" in data:
            data = _CJK_BREAK.sub("", data)
        self._text(_SPACE.sub(" ", data))


def _lines(chunks: list[list[str]]) -> list[str]:
    lines = ("".join(chunk).strip(" \t") for chunk in chunks)
    return [line for line in lines if line]


def _decode(data: bytes, encoding: str | None, name: str) -> str:
    from .reader import decode

    if encoding or data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode(data, encoding, name)[0]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    m = _CHARSET.search(data[:8192])
    if m:
        declared = m.group(1).decode("ascii").lower()
        try:
            return data.decode(_ALIASES.get(declared, declared))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data, None, name)[0]


def html_text(data: bytes, encoding: str | None, name: str) -> str:
    """The text of a saved web page's bytes."""
    text = _decode(data, encoding, name)
    parser = _Text()
    try:
        parser.feed(text)
        parser.close()
    except (AssertionError, ValueError) as e:  # html.parser is lenient; a broken page still fails cleanly
        raise InputError(f"{name}：网页无法解析（{e}）") from None
    everything = _lines(parser.lines)
    main = _lines(parser.main_lines)
    if main and sum(map(len, main)) >= 0.5 * sum(map(len, everything)):
        everything = main
    return "\n".join(everything) + "\n"
