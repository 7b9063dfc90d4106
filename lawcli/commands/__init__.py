"""Command implementations, imported only when their command runs.

Commands beyond the core ones live in their own module here and expose
`register(app)`; list the function in EXTENSIONS to add the command to `lawcli`.
Registration only declares options (cheap); the work is imported inside the command.
"""

from __future__ import annotations

from typing import Callable

EXTENSIONS: list[Callable] = []
