"""Which reader a file needs, told by its content, never by its name.

A Word file is a ZIP archive holding `word/document.xml`; a PDF starts with `%PDF-`
(a few bytes of junk before it are allowed, as readers allow); a saved web page
starts with `<html` or `<!doctype html` once a byte-order mark, white space,
comments (`<!-- saved from url=… -->`) and an XML declaration are skipped.
Everything else is text, decoded by reader.decode.  The old binary Word format
(.doc) and other ZIP archives are recognised only to say what they are.
"""

from __future__ import annotations

from ..errors import InputError

TEXT, DOCX, PDF, HTML = "text", "docx", "pdf", "html"
OLE = "ole"  # the old .doc / .xls: recognised only to say so

_ZIP = (b"PK\x03\x04", b"PK\x05\x06")  # a local file header; an empty archive
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .xls: the old compound-file formats
_SKIP = b" \t\r\n\x0c"


def _html_head(data: bytes) -> bool:
    head = data[:4096]
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    elif head[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 with its mark: look at its ASCII
        enc = "utf-16-le" if head[:2] == b"\xff\xfe" else "utf-16-be"
        head = head[2:].decode(enc, "ignore").encode("ascii", "ignore")
    pos = 0
    while True:
        while pos < len(head) and head[pos] in _SKIP:
            pos += 1
        rest = head[pos:pos + 15].lower()
        if rest.startswith((b"<html", b"<!doctype html")):
            return True
        if rest.startswith(b"<!--"):
            end = head.find(b"-->", pos + 4)
        elif rest.startswith(b"<?xml"):
            end = head.find(b"?>", pos + 5)
        else:
            return False
        if end < 0:
            return False
        pos = end + 3 if rest.startswith(b"<!--") else end + 2


def detect(data: bytes) -> str:
    """The reader for these bytes: "docx", "pdf", "html" or "text" ("ole": none)."""
    if data.startswith(_ZIP):
        return DOCX
    if b"%PDF-" in data[:1024]:
        return PDF
    if data.startswith(_OLE):
        return OLE
    if data[:1] in (b"<", b"\xef", b"\xff", b"\xfe", b" ", b"\t", b"\r", b"\n") and _html_head(data):
        return HTML
    return TEXT


def need(module: str, extra: str, what: str):
    """Import an optional dependency, or say which extra installs it."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise InputError(f"读取{what}需要可选依赖 {module}，请先安装：pip install 'lawcli[{extra}]'") from None
