"""Command implementations, imported only when their command runs; `run_command` runs
an everyday command (options.py) for whichever parser read its arguments.

Commands beyond the core ones live in their own module here and expose
`register(app)`; add the module's name and its command names to EXTENSIONS to
add its commands to `lawcli`.  Such a module is imported whenever one of its commands runs,
so at its top level it imports only typer and typing (search.py: typing only, since plain
searches skip typer); the work is imported inside the command body.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing's constant without importing typing (start-up)

if TYPE_CHECKING:
    from typing import Any

#: Module → the commands it registers (so a run imports only its own command's module).
EXTENSIONS: dict[str, tuple[str, ...]] = {
    "search": ("index", "library"),
    "amend": ("amend",),
    "refs": ("refs", "check"),
    "diff": ("diff",),
}


def run_command(command: str, params: dict[str, Any]) -> int:
    """Run one of the everyday commands (options.py) with its parsed values, whichever
    parser read them; its exit code."""
    if command == "search":
        from .search import run_search

        return run_search(**{**params, "args": params["args"] or [], "patterns": params["patterns"] or []})
    from . import core

    getattr(core, f"run_{command}")(**params)
    return 0
