"""Output primitives every renderer shares: styled text segments and JSON encoding.

Apart from render.py (which turns trees into segments) so that commands that
never render a tree — a search through an index — do not import the tree model.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing's constant without importing typing (start-up)

if TYPE_CHECKING:
    from typing import Any, Iterable

#: (text, style or None): the CLI prints styles only on a terminal.
Segment = tuple[str, "str | None"]


def punctuate(segments: list[Segment], punct: str) -> list[Segment]:
    if punct != "standard":
        return segments
    from .punct import standardize
    # Convert on the joined text so a mark next to a styled label sees its neighbour.
    joined = "".join(t for t, _ in segments)
    converted = standardize(joined)
    out, pos = [], 0
    for text, style in segments:
        out.append((converted[pos:pos + len(text)], style))
        pos += len(text)
    return out


def plain(segments: list[Segment]) -> str:
    return "".join(t for t, _ in segments)


def to_json(data: Any) -> str:
    import json  # lazy: text output, the common case, does not need it

    return json.dumps(data, ensure_ascii=False, indent=2)


def to_jsonl(rows: Iterable[Any]) -> str:
    import json

    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
