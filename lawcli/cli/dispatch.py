"""Running an everyday command (options.py) with its parsed values.

One function for both parsers, so `lawcli article 23 FILE` does the same whether
quickargs.py or typer read its arguments.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing's constant without importing typing (start-up)

if TYPE_CHECKING:
    from typing import Any


def run_command(command: str, params: dict[str, Any]) -> int:
    """Run one of the everyday commands (options.py) with its parsed values, whichever
    parser read them; its exit code."""
    if command == "search":
        from .commands.search import run_search

        return run_search(**{**params, "args": params["args"] or [], "patterns": params["patterns"] or []})
    from .commands import core

    getattr(core, f"run_{command}")(**params)
    return 0
