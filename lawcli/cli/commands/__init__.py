"""Command implementations, imported only when their command runs.

Commands beyond the core ones live in their own module here and expose
`register(app)`; add the module's name and its command names to EXTENSIONS to
add its commands to `lawcli`.  Such a module is imported whenever one of its commands runs,
so at its top level it imports only typer and typing (search.py: typing only, since plain
searches skip typer); the work is imported inside the command body.
"""

from __future__ import annotations

#: Module → the commands it registers (so a run imports only its own command's module).
EXTENSIONS: dict[str, tuple[str, ...]] = {
    "search": ("index", "library"),
    "amend": ("amend",),
    "refs": ("refs", "check"),
    "diff": ("diff",),
}
