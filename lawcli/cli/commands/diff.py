"""diff: compare two versions of a regulation article by article (a 修改对照表).

No `from __future__ import annotations` here: typer reads the option types of the
command, which are imported from lawcli.cli inside `register`.
"""

from typing import Annotated, Optional

import typer

DIFF_FORMATS = ("text", "json", "markdown", "html")


def register(app: typer.Typer) -> None:
    """Add `diff` to the application."""
    from ..declare import DocOpt, EncodingOpt

    @app.command()
    def diff(
        old: Annotated[Optional[str], typer.Argument(
            help="The earlier version: a file, or '-' for standard input (none with --law-old).",
            metavar="OLD", show_default=False)] = None,
        new: Annotated[Optional[str], typer.Argument(
            help="The later version: a file, or '-' for standard input (none with --law-new).",
            metavar="NEW", show_default=False)] = None,
        doc: DocOpt = None,
        doc_old: Annotated[Optional[str], typer.Option(
            "--doc-old", help="Document of OLD when it holds several (overrides --doc for OLD).")] = None,
        doc_new: Annotated[Optional[str], typer.Option(
            "--doc-new", help="Document of NEW when it holds several (overrides --doc for NEW).")] = None,
        show_all: Annotated[bool, typer.Option(
            "--all", "-a", help="Show unchanged articles too (text, markdown, html).")] = False,
        fmt: Annotated[str, typer.Option(
            "--format", "-f", help="Output format: text, json, markdown or html.")] = "text",
        width: Annotated[Optional[int], typer.Option(
            "--width", "-w", help="Width of the side-by-side text (default: the terminal's).")] = None,
        encoding: EncodingOpt = None,
        act: Annotated[Optional[str], typer.Option(
            "--act", metavar="ACT",
            help="The amendment act between OLD and NEW: fills the 说明 column with its instructions.")] = None,
        law_old: Annotated[Optional[str], typer.Option(
            "--law-old", help="OLD is a library document named by a title fragment (see `lawcli library`).")] = None,
        law_new: Annotated[Optional[str], typer.Option(
            "--law-new", help="NEW is a library document named by a title fragment.")] = None,
    ) -> None:
        """Compare two versions of a law: every article aligned, a 修改对照表.

        Each article of both versions lands in one row: unchanged, modified, added,
        deleted, split or merged, and flagged when renumbered or moved; chapters and
        sections are compared too.  Formatting alone (full/half-width punctuation and
        digits, spaces) is never a change.  Exit 0 when the versions are identical, 1
        when they differ, 2 on error.

        Examples:

          lawcli diff 反垄断法-2007.md 反垄断法-2022.md

          lawcli diff old.md new.md --format html > 对照表.html

          lawcli diff gazette.txt new.txt --doc-old 数据条例 --format json

          lawcli diff 会计法-2017.md 会计法-2024.md --act 修改决定.md --format markdown

          lawcli diff --law-old 反垄断法(2007 --law-new 反垄断法(2022
        """
        code = run_diff(old, new, doc, doc_old, doc_new, show_all, fmt, width, encoding, act,
                        law_old, law_new)
        if code:
            raise typer.Exit(code)


def run_diff(old: Optional[str], new: Optional[str], doc: Optional[str], doc_old: Optional[str],
             doc_new: Optional[str], show_all: bool, fmt: str, width: Optional[int],
             encoding: Optional[str], act: Optional[str] = None, law_old: Optional[str] = None,
             law_new: Optional[str] = None) -> int:
    """Load both sides, diff, render; the exit code says whether they differ."""
    from ...compare.diff import diff_documents
    from ...compare.render import text_segments, to_html, to_json_data, to_markdown
    from ...errors import InputError, UsageError
    from ..kit import check_format, emit_json, emit_segments, load, report_warnings, use_color, write

    check_format(fmt, DIFF_FORMATS)
    old, new = _sides(old, new, law_old, law_new)
    if old == "-" and new == "-":
        raise UsageError("only one of OLD and NEW can be '-' (standard input is read once)")
    if width is not None and width < 24:
        raise UsageError(f"--width must be at least 24 (got {width})")
    src_old = load(old, encoding, law_old)
    src_new = load(new, encoding, law_new)
    d_old = _pick(src_old, doc_old if doc_old is not None else doc, "--doc-old")
    d_new = _pick(src_new, doc_new if doc_new is not None else doc, "--doc-new")
    report_warnings(src_old, [d_old])
    report_warnings(src_new, [d_new])
    result = diff_documents(d_old, d_new)
    if not d_old.articles and not d_new.articles and not result.parts:
        raise InputError(f"{src_old.name} and {src_new.name}: nothing to compare "
                         "(no article, no text outside the title)")
    explain = _act_explainer(act, d_old, encoding) if act is not None else None  # lawcli amend
    if fmt == "json":
        emit_json(to_json_data(result, old_file=src_old.name, new_file=src_new.name, explain=explain))
    elif fmt == "markdown":
        write(to_markdown(result, show_all=show_all, explain=explain))
    elif fmt == "html":
        write(to_html(result, show_all=show_all, explain=explain))
    else:
        import shutil

        color = use_color()
        cols = width or shutil.get_terminal_size((120, 24)).columns
        emit_segments(text_segments(result, width=cols, color=color, show_all=show_all, explain=explain))
    return 0 if result.identical else 1


def _sides(old: Optional[str], new: Optional[str], law_old: Optional[str],
           law_new: Optional[str]) -> tuple[Optional[str], Optional[str]]:
    """OLD and NEW files as given: the positional files fill the sides that no --law-…
    names, in order (`diff --law-old 反垄断法(2007 new.md`: new.md is NEW)."""
    from ...errors import UsageError

    files = [f for f in (old, new) if f is not None]
    wanted = (law_old is None) + (law_new is None)
    if len(files) != wanted:
        if wanted == 2:
            raise UsageError("diff needs OLD and NEW: two files (or library documents: "
                             "--law-old, --law-new)")
        if wanted == 1:
            law, side = ("--law-old", "NEW") if law_old is not None else ("--law-new", "OLD")
            raise UsageError(f"with {law}, give one file: {side}")
        raise UsageError("with --law-old and --law-new, give no file")
    it = iter(files)
    return (None if law_old is not None else next(it)), (None if law_new is not None else next(it))


def _act_explainer(act: str, d_old, encoding: Optional[str]):
    """The 说明 column from an amendment act (lawcli amend's log); failures go to stderr."""
    from ...amend import apply_to_document, explainer
    from ...text.reader import read_input
    from ..kit import warn

    act_text, act_name = read_input(act, encoding)
    res = apply_to_document(d_old, act_text)
    for e in res.failed:
        warn(f"{act_name}: item {e.item} (line {e.line}): {e.op} {e.target}: {e.reason}")
    return explainer(res)


def _pick(source, doc: Optional[str], option: str):
    """The one document of a side: --doc's, else the only one, else the only one with articles."""
    from ...errors import UsageError

    docs = source.select(doc)
    if len(docs) == 1:
        return docs[0]
    with_articles = [d for d in docs if d.articles]
    if len(with_articles) == 1:
        return with_articles[0]
    listing = "; ".join(f"{d.index}: {d.title}" for d in (with_articles or docs)[:30])
    raise UsageError(f"{source.name} holds {len(docs)} documents: choose one with {option} "
                     f"(or --doc): {listing}")
