"""OpenCC's one-character Traditional → Simplified answers, kept in a folder given to it.

Matching maps a text's characters outside GB2312 to Simplified one character for one
(`terms._t2s_table`).  Asking OpenCC costs ~13 ms a process (import and dictionaries),
on every search that meets such a character — a Traditional document, or one rare
character in a name.  OpenCC's answer for a single character does not change while
OpenCC does not, so the answers for every ideograph of the BMP's CJK blocks are
computed once (~10 ms), stored in the folder `keep_in` names (the CLI names its parse
cache's; 42 KB, marshal) and read back in well under a millisecond by later runs.
Characters beyond these blocks (Extension B and later) are still asked of OpenCC, as
is everything when no folder is named.
"""

from __future__ import annotations

import marshal
import os

#: The CJK blocks stored: Extension A, the Unified Ideographs, the compatibility ones.
BLOCKS = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))

_FORMAT = 1

#: Where the map is kept (None: nowhere, OpenCC is asked each run); see keep_in.
_FOLDER: str | None = None


def keep_in(folder: str | None) -> None:
    """Keep the map in `folder` (None: keep it nowhere).  The CLI names its cache
    folder before a search, so the text stage never needs to know where that is."""
    global _FOLDER
    _FOLDER = folder


def in_blocks(ch: str) -> bool:
    o = ord(ch)
    return any(lo <= o <= hi for lo, hi in BLOCKS)


def convert_each(chars: list[str]) -> dict[int, int]:
    """{code point: code point} of the characters OpenCC turns into another single
    one, each converted on its own line (a phrase rule may not span two).  A batch
    whose line count OpenCC changes is converted again in halves, so that one odd
    answer never costs the others theirs."""
    from .convert import to_simplified

    out: dict[int, int] = {}
    pending = [chars]
    while pending:
        batch = pending.pop()
        got = to_simplified("\n".join(batch)).split("\n")
        if len(got) != len(batch):
            if len(batch) > 1:
                pending += [batch[:len(batch) // 2], batch[len(batch) // 2:]]
            continue
        out.update((ord(a), ord(b)) for a, b in zip(batch, got) if len(b) == 1 and b != a)
    return out


def stored() -> dict[int, int] | None:
    """The map for every character of BLOCKS, read from the folder, or made and
    written there on first use; None when there is no folder or OpenCC is missing."""
    path = _path()
    if path is None:
        return None
    try:
        with open(path, "rb") as fh:
            return marshal.load(fh)
    except (OSError, EOFError, ValueError, TypeError):
        pass
    table = convert_each([chr(c) for lo, hi in BLOCKS for c in range(lo, hi + 1)])
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        tmp = f"{path}.tmp-{os.getpid()}"
        with open(tmp, "wb") as fh:
            marshal.dump(table, fh)
        os.replace(tmp, path)  # whole or not at all, for a search running alongside
    except OSError:
        pass  # a read-only cache: the map still serves this run
    return table


def _path() -> str | None:
    """The map's file, named after the installed OpenCC (its package's size and time)."""
    from importlib.util import find_spec

    top = _FOLDER
    spec = find_spec("opencc") if top is not None else None
    if top is None or spec is None or not spec.origin:
        return None
    try:
        st = os.stat(spec.origin)
    except OSError:
        return None
    return os.path.join(top, f"t2s-{_FORMAT}-{st.st_size}-{st.st_mtime_ns}.marshal")
