"""Bytes → text: the reader a file's content calls for (Word, PDF, a web page or
text), a fixed decoding order for text, binary detection, and standard input.

Order (documented in docs/input.md): a BOM decides (UTF-8, UTF-16 LE/BE); else strict
UTF-8; else GB18030 and Big5, both strictly.  Big5 byte pairs are nearly all valid
GB18030 too, so when both decode, the whole text is scored by how many of a fixed
set of very common legal characters each reading yields (never a guess from a few
bytes), GB18030 winning ties.  `--encoding` skips all of this.
"""

from __future__ import annotations

import codecs
import sys

from ..errors import InputError

_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
#: Characters frequent in every legal text, in both scripts; used only to choose
#: between two strict decodings that both succeeded.
_COMMON = set("的第条條法人国國和在规規定本款项項应應当當或者及其有关關部门門政府管理")


def _score(text: str) -> int:
    return sum(1 for c in text if c in _COMMON)


def decode(data: bytes, encoding: str | None = None, name: str = "input") -> tuple[str, str]:
    """Return (text, encoding used).  Raises InputError for binary or undecodable bytes."""
    if encoding:
        try:
            return data.decode(encoding), encoding
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as e:
            raise InputError(f"{name}: not valid {encoding} (byte {e.start})") from None
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc.replace("-sig", "")
            except UnicodeDecodeError as e:
                raise InputError(f"{name}: invalid {enc} after its byte-order mark (byte {e.start})") from None
    if b"\x00" in data[:8192]:
        head = data[:8192]  # UTF-16's NULs are the high bytes of ASCII: first in BE, second in LE
        order = "be" if head[0::2].count(0) > head[1::2].count(0) else "le"
        raise InputError(f"{name}: looks like a binary file (NUL bytes); "
                         f"if it is UTF-16 without a byte-order mark, pass --encoding utf-16-{order}")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        if utf8_error.reason == "unexpected end of data" and utf8_error.start >= len(data) - 3:
            raise InputError(f"{name}: ends in the middle of a UTF-8 character "
                             f"(byte {utf8_error.start}): the file looks truncated") from None
        bad = data.decode("utf-8", errors="replace").count("\ufffd")
        if bad * 200 < len(data):
            # Nearly all valid UTF-8: a few corrupt bytes, not another encoding.  Reading
            # it as GB18030 would turn every character into mojibake.
            raise InputError(f"{name}: invalid UTF-8 at byte {utf8_error.start} "
                             f"({bad} bad byte sequence(s)); pass --encoding to force one") from None
        candidates = []
        for enc in ("gb18030", "big5"):
            try:
                candidates.append((data.decode(enc), enc))
            except UnicodeDecodeError:
                pass
        if not candidates:
            raise InputError(
                f"{name}: cannot decode: not UTF-8 (byte {utf8_error.start}), GB18030 or Big5; "
                "pass --encoding if you know it") from None
        if len(candidates) == 2 and _score(candidates[1][0]) > _score(candidates[0][0]):
            return candidates[1]
        return candidates[0]




#: bytes.translate's deletions that leave only the control characters that mark a
#: binary file: U+0000–U+0008 and U+000E–U+001F (tab, line ends and form feed are text).
_NOT_CONTROL = bytes(b for b in range(256) if not (b <= 8 or 0x0E <= b <= 0x1F))


def _check_text(text: str, name: str) -> str:
    # Controls are ASCII: counted among the first 20,000 characters' ASCII ones at C
    # speed (a search checks every file of a folder; the regex took seven times longer).
    controls = len(text[:20000].encode("ascii", "ignore").translate(None, _NOT_CONTROL))
    if controls > 8:
        raise InputError(f"{name}: looks like a binary file ({controls} control characters)")
    if not text.strip(" \t\r\n\u3000\ufeff"):
        raise InputError(f"{name}: is empty")
    return text


def read_bytes(path: str | None) -> tuple[bytes, str]:
    """The raw bytes of a path or of standard input ('-'), and a display name."""
    if path is None or path == "-":
        return sys.stdin.buffer.read(), "<stdin>"
    try:
        with open(path, "rb") as fh:  # (not pathlib: its import costs a look-up ~4 ms)
            return fh.read(), path
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from None


def decode_checked(data: bytes, encoding: str | None, name: str) -> str:
    """The text of a file's bytes, whatever reader it needs (see read_text)."""
    return read_text(data, encoding, name)[0]


def _utf8_cut(data: bytes) -> int | None:
    """Where UTF-8 text is cut inside its last character (a broken-off download), when
    everything before is valid UTF-8; else None."""
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError as e:
        if e.reason != "unexpected end of data" or e.start < len(data) - 3:
            return None
        try:
            data[:e.start].decode("utf-8")
        except UnicodeDecodeError:
            return None
        return e.start


def read_text(data: bytes, encoding: str | None, name: str) -> tuple[str, str, tuple[str, ...]]:
    """(text, reader, notes): the bytes read by the reader their content calls for —
    "docx", "pdf", "html" (formats.detect) or "text", decoded as above.
    `encoding` applies to text and to a web page (over its declared charset).

    `notes`: what the reader had to say about the input that did not stop it — a text
    cut inside its last UTF-8 character is read up to the cut, with a note naming the
    byte (the caller makes it a warning).
    """
    from .formats import detect

    kind = detect(data)
    notes: tuple[str, ...] = ()
    if kind == "text":
        try:
            text, _ = decode(data, encoding, name)
        except InputError:
            cut = _utf8_cut(data) if encoding is None else None
            if cut is None:
                raise
            text = data[:cut].decode("utf-8-sig")
            notes = (f"文件在第 {cut} 字节处中断，最后一个字符不完整（可能下载未完成）："
                     f"只读取了此前的内容，丢弃末尾 {len(data) - cut} 个字节",)
    elif kind == "docx":
        from .word import docx_text

        text = docx_text(data, name)
    elif kind == "pdf":
        from .pdfread import pdf_text

        text = pdf_text(data, name)
    elif kind == "ole":
        raise InputError(f"{name}：这是旧版 Word（.doc）或其他 OLE 格式的文件，lawcli 不能直接读取；"
                         "请在 Word 中另存为 .docx 或纯文本（.txt）后再试")
    else:
        from .webpage import html_text

        text = html_text(data, encoding, name)
    return _check_text(text, name), kind, notes


def read_input(path: str | None, encoding: str | None = None) -> tuple[str, str]:
    """Read a path or '-' (standard input).  Returns (text, display name)."""
    data, name = read_bytes(path)
    return decode_checked(data, encoding, name), name
