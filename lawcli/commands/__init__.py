"""Command implementations, imported only when their command runs.

Commands beyond the core ones live in their own module here and expose
`register(app)`; add the module's name and its command names to EXTENSIONS to
add its commands to `lawcli`.  Such a module is imported at every start-up, so at its top level it
imports only typer and typing; the work is imported inside the command body.
"""

from __future__ import annotations

#: Module → the commands it registers (so a run imports only its own command's module).
EXTENSIONS: dict[str, tuple[str, ...]] = {
    "search": ("search", "index", "library"),
    "amend": ("amend",),
    "refs": ("refs", "check"),
    "diff": ("diff",),
}
