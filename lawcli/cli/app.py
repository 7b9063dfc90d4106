"""The `lawcli` command's typer application: parse options, call the library, render.

Only typer is imported at start-up; every command imports what it needs when it
runs, so `lawcli article 23 FILE` does not pay for rich, opencc or the diff engine.
"""

# No `from __future__ import annotations` here: typer would then have to eval every
# option's annotation string on each run (~3 ms of a cold look-up).
import sys
from typing import Annotated

import typer

from .. import __version__
from .declare import declared

app = typer.Typer(
    name="lawcli",
    help="Read Chinese legislative texts: articles, outlines, search, diffs, references.\n\n"
    "Example: lawcli article 23 samples/示例市古树名木保护条例.txt",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"lawcli {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", "-V", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Read Chinese legislative texts: articles, outlines, search, diffs, references."""


#: The core commands, registered on demand: typer builds every registered command on
#: each run, and a look-up (run dozens of times a day) needs only its own.
_CORE = ("article", "toc", "print", "docs", "search")
_registered: set[str] = set()  # commands of _CORE, and modules of commands/ (as "module:NAME")


def _register(names: list[str]) -> None:
    for name in names:
        if name not in _registered:
            app.command(name)(declared(name))
            _registered.add(name)


def _register_module(name: str) -> None:
    from importlib import import_module

    if f"module:{name}" not in _registered:
        import_module(f".commands.{name}", __package__).register(app)
        _registered.add(f"module:{name}")


def register_all() -> None:
    """Every command: for help, for unknown commands and for `--version`."""
    from .commands import EXTENSIONS

    _register(list(_CORE))
    for name in EXTENSIONS:
        _register_module(name)


def _prepare(argv: list[str]) -> None:
    """Register what this run needs: the named command alone when there is one."""
    from .commands import EXTENSIONS

    words = [a for a in argv if not a.startswith("-")]
    helping = "--help" in argv or "-h" in argv
    if words and not helping:
        if words[0] in _CORE:
            _register([words[0]])
            return
        for module, commands in EXTENSIONS.items():
            if words[0] in commands:
                _register_module(module)
                return
    register_all()


def main(argv: list[str] | None = None) -> int:
    """The typer application, with lawcli's error handling (kit.guarded).  The
    console script enters through lawcli.entry, which comes here for everything but
    the plain everyday look-ups."""
    from .kit import guarded

    args = sys.argv[1:] if argv is None else list(argv)
    _prepare(args)

    def run() -> int:
        app(args=args, prog_name="lawcli", standalone_mode=True)
        return 0

    return guarded(run)
