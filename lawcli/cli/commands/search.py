"""search / index / library: find provisions by words, in files, indexes and the library.

No `from __future__ import annotations`: typer would eval every option's annotation
string on each run, a noticeable part of a search's start-up.  The `run_*` functions
need no typer: lawcli.entry calls them directly for plain invocations.
"""


def register(app) -> None:
    """Add `index` and `library add|list|remove` to the application (`search` is
    declared in options.py, with the other everyday commands).

    typer is imported by each part, not at the top: a plain search runs `run_search`
    without it (lawcli.entry), nor `typing` (the annotations below are evaluated when
    the commands are defined)."""
    _add_index(app)
    _add_library(app)


def _add_index(app) -> None:
    """`lawcli index DIR`."""
    from typing import Annotated

    import typer

    @app.command("index")
    def index_cmd(
        directory: Annotated[str, typer.Argument(help="Directory whose files are indexed (recursively).")],
        fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
        force: Annotated[bool, typer.Option("--force", help="Index even / or the home directory, "
                                                            "or more than 50,000 files.")] = False,
    ) -> None:
        """Build or update the search index of a directory (SQLite FTS5, trigram).

        Only files whose content changed are parsed again; the index is replaced
        atomically, so an interrupted build leaves the previous one intact.

        Example: lawcli index laws/ && lawcli search 罚款 laws/
        """
        raise typer.Exit(run_index(directory, fmt, force))


def _add_library(app) -> None:
    """`lawcli library add|list|remove`, a command group of its own."""
    from typing import Annotated, List

    import typer

    library = typer.Typer(help="Documents registered once and searched or read without a path.\n\n"
                               "Example: lawcli library add laws/ && lawcli library list",
                          no_args_is_help=True, rich_markup_mode=None)
    app.add_typer(library, name="library")

    @library.command("add")
    def library_add(
        paths: Annotated[List[str], typer.Argument(help="Files or directories to register.")],
        fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
        force: Annotated[bool, typer.Option("--force", help="Register even / or the home directory, "
                                                            "or more than 50,000 files.")] = False,
    ) -> None:
        """Register files (a directory: every .txt/.md under it) in the library.

        Example: lawcli library add ../shared/corpus/national
        """
        raise typer.Exit(run_library_add(paths, fmt, force))

    @library.command("list")
    def library_list(
        fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    ) -> None:
        """List the library's documents: title, kind, articles, effective date, source.

        Example: lawcli library list --format json
        """
        run_library_list(fmt)

    @library.command("remove")
    def library_remove(
        names: Annotated[List[str], typer.Argument(help="Source paths or title fragments.")],
    ) -> None:
        """Remove files from the library, by path or by a title fragment naming one document.

        Example: lawcli library remove 传统村落
        """
        run_library_remove(names)


# -- the work behind the commands (imported lazily: start-up stays cheap) -----------------

def _guarded(fn):
    """A database or file-system failure becomes one `lawcli: error:` line (exit 2)."""
    import functools

    @functools.wraps(fn)
    def run(*args, **kwargs):
        import sys

        from ...errors import InputError

        try:
            return fn(*args, **kwargs)
        except BrokenPipeError:
            raise
        except OSError as e:
            raise InputError(f"{e.filename or 'file system'}: {e.strerror or e}") from None
        except Exception as e:
            # (sqlite3 is looked up, not imported: a search without an index never needs it)
            sqlite3 = sys.modules.get("sqlite3")
            if sqlite3 is not None and isinstance(e, sqlite3.Error):
                raise InputError(f"index database: {e}") from None
            raise

    return run


@_guarded
def run_search(args, patterns, query, regex, all_terms, ignore_space, doc, kind, within, level,
               count, files_with_matches, context, fmt, index, no_index, timeout, encoding,
               law=None, line_number=False) -> int:
    import gc

    from ...errors import UsageError
    from ...search.find import find
    from ...search.hits import count_by_document, hit_plain, hit_segments
    from ...search.searcher import Outcome, Plan, Searcher
    from ...search.terms import build_query
    from ...text.styled import to_jsonl
    from ..kit import check_format, emit_json, use_color, warn, write

    # A search makes many small acyclic objects and the process is short-lived:
    # the cyclic collector would only slow it down (source.load_text does the same).
    gc.disable()
    check_format(fmt, ("text", "json", "jsonl"))
    if count and files_with_matches:
        raise UsageError("--count and --files-with-matches do not combine")
    args = list(args)
    if not patterns and query is None:
        if not args:
            raise UsageError("missing PATTERN (try: lawcli search 罚款 law.md)")
        patterns = [args.pop(0)]
    import math

    if not (math.isfinite(timeout) and timeout > 0):  # nan would switch the guard off
        raise UsageError(f"--timeout must be a number of seconds more than 0 (got {timeout})")
    expr = build_query(patterns, regex=regex, all_terms=all_terms, query=query)
    show_file = (len(args) > 1 or (len(args) == 1 and _is_dir(args[0])) or index is not None
                 or (not args and law is None))
    if fmt == "text" and not use_color():
        fmt = "plain"  # no styles to keep: each hit becomes one string at once
    every_hit = not (count or files_with_matches)  # each hit printed, not counts or names
    searcher = Searcher(Plan(expr, ignore_space=ignore_space, level=level, doc=doc, kind=kind,
                             within=within, context=context, timeout=timeout,
                             first_per_file=files_with_matches, count_only=count,
                             rendered=every_hit and fmt == "plain" and show_file and not line_number),
                        store=_parse_cache())
    outcome = Outcome()
    hits = find(args, searcher, outcome, index=index, use_index=not no_index, encoding=encoding,
                law=law)
    found = 0
    if files_with_matches:
        seen: dict[str, None] = {}  # insertion-ordered set
        for h in hits:
            if h.file not in seen:
                seen[h.file] = None
                if fmt in ("text", "plain"):
                    write(h.file + "\n")
                elif fmt == "jsonl":
                    write(to_jsonl([{"file": h.file}]))
        if fmt == "json":
            emit_json(list(seen))
        found = len(seen)
    elif count:
        rows = count_by_document(hits)
        if fmt == "json":
            emit_json(rows)
        elif fmt == "jsonl":
            write(to_jsonl(rows))
        else:
            for r in rows:
                write(f"{r['count']}\t{r['file']}\t《{r['document']}》\n")
        found = len(rows)
    elif fmt == "json":
        data = [h.to_dict() for h in hits]
        emit_json({"query": str_query(expr), "hits": data, "count": len(data)})
        found = len(data)
    else:
        batch: list = []  # written every 200 hits: one terminal check and write per batch
        for h in hits:
            if fmt == "plain":
                if context and found:
                    batch.append("--\n")
                # (a str is a hit the index has already written out: Plan.rendered)
                batch.append(h if type(h) is str else hit_plain(h, show_file=show_file,
                                                                 show_line=line_number))
            elif fmt == "jsonl":
                batch.append(h.to_dict())
            else:
                if context and found:
                    batch.append(("--\n", "dim"))
                batch.extend(hit_segments(h, show_file=show_file, show_line=line_number))
            found += 1
            if found % 200 == 0:
                _flush_batch(batch, fmt)
                batch = []
        _flush_batch(batch, fmt)
    if within and not found and not searcher.within_found:
        outcome.notes.append(f"--within {within}: none of the documents that may hold the pattern has it")
    for e in outcome.notes + outcome.errors:
        warn(e)
    if outcome.errors:
        return 2
    return 0 if found else 1


def _parse_cache():
    """The parse cache as the searcher's store of trees (None when it is off), and its
    folder as the place for OpenCC's character answers (text/t2s.py)."""
    from ...text import t2s
    from .. import cache

    folder = cache.directory()
    t2s.keep_in(folder)
    return cache if folder is not None else None


def _flush_batch(batch: list, fmt: str) -> None:
    from ...text.styled import to_jsonl
    from ..kit import emit_segments, write

    if not batch:
        return
    if fmt == "plain":
        write("".join(batch))
    elif fmt == "jsonl":
        write(to_jsonl(batch))
    else:
        emit_segments(batch)


def _is_dir(path: str) -> bool:
    import os

    return os.path.isdir(path)


def str_query(expr) -> str:
    from ...search.terms import And, Not, Term

    if isinstance(expr, Term):
        return str(expr)
    if isinstance(expr, Not):
        return "-" + str_query(expr.item)
    sep = " " if isinstance(expr, And) else " | "
    return "(" + sep.join(str_query(e) for e in expr.items) + ")"


@_guarded
def run_index(directory: str, fmt: str, force: bool = False) -> int:
    from ...search.index.build import build_index
    from ..kit import check_format

    check_format(fmt, ("text", "json"))
    with _stopped_by_sigterm():
        return _report(build_index(directory, progress=_progress_line(), force=force), fmt)


class _Terminated(SystemExit):
    """SIGTERM during a build: unwinds like an exception, so the temporary copy is
    removed and the workers are stopped (index/workers.py) before the process ends."""


def _stopped_by_sigterm():
    import contextlib
    import signal
    import threading

    @contextlib.contextmanager
    def handler():
        if threading.current_thread() is not threading.main_thread():
            yield
            return

        def stop(signum, frame):
            raise _Terminated(128 + signum)

        previous = signal.signal(signal.SIGTERM, stop)
        try:
            yield
        finally:
            signal.signal(signal.SIGTERM, previous)

    return handler()


def _progress_line():
    """A build's progress for a person watching: one line on stderr, rewritten in place
    at most five times a second, and cleared at the end; None when stderr is no
    terminal (a script's log gets the summary only)."""
    import sys
    import time

    if not sys.stderr.isatty():
        return None
    last = [0.0]

    def show(done: int, total: int, nbytes: int) -> None:
        now = time.monotonic()
        if done < total and now - last[0] < 0.2:
            return
        last[0] = now
        end = "\r\033[K" if done == total else "\r"
        sys.stderr.write(f"\rlawcli: indexed {done:,} of {total:,} files ({nbytes / 1e6:.1f} MB){end}")
        sys.stderr.flush()

    return show


def _report(report, fmt: str) -> int:
    """A build report (index or library): problems as warnings, then the summary; the
    exit status, as a search's: 2 when some file could not be read (the others are
    indexed all the same), else 0."""
    from ..kit import emit_json, warn, write

    for e in report.notes + report.errors:
        warn(e)
    if fmt == "json":
        emit_json(report.to_dict())
    else:
        write(report.summary() + "\n")
    return 2 if report.errors else 0


@_guarded
def run_library_add(paths, fmt: str, force: bool = False) -> int:
    from ...search.library import add
    from ..kit import check_format

    check_format(fmt, ("text", "json"))
    with _stopped_by_sigterm():
        return _report(add(paths, progress=_progress_line(), force=force), fmt)


@_guarded
def run_library_list(fmt: str) -> None:
    from ...search.library import entries
    from ..kit import check_format, emit_json, warn, write

    check_format(fmt, ("text", "json"))
    notes: list = []
    rows = entries(notes)
    for n in notes:
        warn(n)
    if fmt == "json":
        emit_json(rows)
        return
    for r in rows:
        eff = f"  施行 {r['effective']}" if r["effective"] else ""
        arts = f"  {r['articles']}条" if r["articles"] else ""
        write(f"{r['kind']}  {r['title']}{arts}{eff}  {r['source']}\n")


@_guarded
def run_library_remove(names) -> None:
    from ...search.library import remove
    from ..kit import write

    for path in remove(names):
        write(f"removed {path}\n")
