"""amend: reading an amendment act and applying it to the law it amends.

The public names are looked up lazily, as `lawcli` itself does: `lawcli.amend`
is imported by the CLI's commands only when one runs, and even then a caller
that needs `law_key` alone should not load the applier.

    >>> from lawcli.amend import apply_act, check_result, parse_act
"""

from __future__ import annotations

__all__ = ["parse_act", "law_key", "Act", "ActPart", "Instruction", "Op", "Target",
           "apply_act", "apply_to_document", "Result", "LogEntry",
           "check_result", "explainer", "Check", "CheckRow", "Fragment"]

_INSTRUCTIONS = {"law_key", "Act", "ActPart", "Instruction", "Op", "Target"}
_RESULT = {"Result", "LogEntry"}
_RECONCILE = {"check_result", "explainer", "Check", "CheckRow", "Fragment"}


def __getattr__(name: str):
    if name == "parse_act":
        from .act import parse_act

        return parse_act
    if name in _INSTRUCTIONS:
        from . import instructions

        return getattr(instructions, name)
    if name in ("apply_act", "apply_to_document"):
        from . import apply

        return getattr(apply, name)
    if name in _RESULT:
        from . import result

        return getattr(result, name)
    if name in _RECONCILE:
        from . import reconcile

        return getattr(reconcile, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
