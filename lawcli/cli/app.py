"""The `lawcli` command's typer application: parse options, call the library, render.

Only typer is imported at start-up; every command imports what it needs when it
runs, so `lawcli article 23 FILE` does not pay for rich, opencc or the diff engine.
"""

# No `from __future__ import annotations` here: typer would then have to eval every
# option's annotation string on each run (~3 ms of a cold look-up).
import sys
from typing import Annotated, Optional

import typer

from .. import __version__

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

# -- options shared by the commands -------------------------------------------------
FileArg = Annotated[Optional[str], typer.Argument(
    metavar="FILE", help="Input file; '-' or nothing (when piped) reads standard input.", show_default=False)]
DocOpt = Annotated[Optional[str], typer.Option(
    "--doc", "-d", help="Document of a multi-document file: index from `lawcli docs`, or a title fragment.")]
FormatOpt = Annotated[str, typer.Option("--format", "-f", help="Output format: text or json.")]
PunctOpt = Annotated[str, typer.Option(
    "--punct", help="published: as printed; standard: official full-width punctuation (，。（）《》).")]
EncodingOpt = Annotated[Optional[str], typer.Option(
    "--encoding", help="Force an encoding (utf-8, gb18030, big5, utf-16 …) instead of detecting it.")]
LawOpt = Annotated[Optional[str], typer.Option(
    "--law", "-l", help="Use a library document (see `lawcli library`) named by a title fragment, instead of FILE.")]


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


def article(
    ref: Annotated[str, typer.Argument(metavar="REF", help="23, 二十三, 第二十三条, 23-25, 23.2.3, 120之一, 第三章 …")],
    file: FileArg = None,
    doc: DocOpt = None,
    fmt: FormatOpt = "text",
    punct: PunctOpt = "published",
    encoding: EncodingOpt = None,
    law: LawOpt = None,
) -> None:
    """Print an article, a paragraph or item of it, a range, or a chapter.

    Examples:

      lawcli article 23 samples/示例市古树名木保护条例.txt

      lawcli article 23.2.3 law.txt --format json

      lawcli article 第三章 law.md

      cat law.txt | lawcli article 第十条之一

      lawcli article 23 --law 传统村落
    """
    from .commands.core import run_article

    run_article(ref, file, doc, fmt, punct, encoding, law)


def toc(
    file: FileArg = None,
    doc: DocOpt = None,
    fmt: FormatOpt = "text",
    encoding: EncodingOpt = None,
    law: LawOpt = None,
) -> None:
    """Outline: 编/分编/章/节 headings with their article ranges and counts.

    Example: lawcli toc samples/示例省公共数据条例.txt
    """
    from .commands.core import run_toc

    run_toc(file, doc, fmt, encoding, law)


def print_(
    file: FileArg = None,
    doc: DocOpt = None,
    fmt: FormatOpt = "text",
    punct: PunctOpt = "published",
    encoding: EncodingOpt = None,
    law: LawOpt = None,
) -> None:
    """The whole document, cleanly rendered (JSON: the whole tree).

    Example: lawcli print samples/示例市古树名木保护条例.txt --format json
    """
    from .commands.core import run_print

    run_print(file, doc, fmt, punct, encoding, law)


def docs(
    file: FileArg = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text, json or table.")] = "text",
    encoding: EncodingOpt = None,
    law: LawOpt = None,
) -> None:
    """List the documents of a file (a gazette issue holds dozens).

    Example: lawcli docs samples/示例省人大常委会公报-2024-05.txt --format json
    """
    from .commands.core import run_docs

    run_docs(file, fmt, encoding, law)


#: The core commands, registered on demand: typer builds every registered command on
#: each run, and a look-up (run dozens of times a day) needs only its own.
_CORE = {"article": article, "toc": toc, "print": print_, "docs": docs}
_registered: set[str] = set()


def _register(names: list[str]) -> None:
    for name in names:
        if name not in _registered:
            app.command(name)(_CORE[name])
            _registered.add(name)


def _register_module(name: str) -> None:
    from importlib import import_module

    if name not in _registered:
        import_module(f".commands.{name}", __package__).register(app)
        _registered.add(name)


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
    """The typer application, with lawcli's error handling (guard.guarded).  The
    console script enters through lawcli.entry, which comes here for everything but
    the plain everyday look-ups."""
    from .guard import guarded

    args = sys.argv[1:] if argv is None else list(argv)
    _prepare(args)

    def run() -> int:
        app(args=args, prog_name="lawcli", standalone_mode=True)
        return 0

    return guarded(run)
