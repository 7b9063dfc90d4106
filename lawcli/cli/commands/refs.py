"""refs / check: cross-references, backlinks, and the draft linter.

No `from __future__ import annotations` here: typer reads the option types of the
commands, which are imported from lawcli.cli inside `register`.
"""

from typing import Annotated, List, Optional

import typer


def register(app: typer.Typer) -> None:
    """Add `refs` and `check` to the application."""
    from ..declare import DocOpt, EncodingOpt, FormatOpt, LawOpt

    @app.command()
    def refs(
        file: Annotated[Optional[str], typer.Argument(
            help="Input file; '-' reads standard input.", show_default=False)] = None,
        ref: Annotated[Optional[str], typer.Argument(
            help="Only the references made in this provision: 41, 第四十一条, 41.2, 第五章 …",
            show_default=False)] = None,
        to: Annotated[Optional[str], typer.Option(
            "--to", help="Backlinks: every provision citing this one (or one of its 款/项): 23, 23.1 …")] = None,
        doc: DocOpt = None,
        fmt: FormatOpt = "text",
        encoding: EncodingOpt = None,
        law: LawOpt = None,
    ) -> None:
        """References of a document: who cites what, internal or to another act.

        Each line: the citing provision, the reference as written, and what it
        resolves to (dangling references are marked 不存在).  Exit 0 when something
        is listed, 1 when nothing is, 2 on error.

        Examples:

          lawcli refs gazette.txt --doc 传统村落

          lawcli refs law.md 41

          lawcli refs law.md --to 23 --format json

          lawcli refs --law 传统村落 23   (a library document: see `lawcli library`)
        """
        run_refs(file, ref, to, doc, fmt, encoding, law)

    @app.command()
    def check(
        file: Annotated[Optional[str], typer.Argument(
            help="Input file; '-' or nothing (when piped) reads standard input.", show_default=False)] = None,
        ignore: Annotated[Optional[List[str]], typer.Option(
            "--ignore", help="Silence a rule (repeat, or comma-separate): mixed-punctuation,item-punctuation …")] = None,
        severity: Annotated[str, typer.Option(
            "--severity", help="Lowest severity reported: warning (everything) or error.")] = "warning",
        rules: Annotated[bool, typer.Option("--rules", help="List the rules and exit.")] = False,
        doc: DocOpt = None,
        fmt: FormatOpt = "text",
        encoding: EncodingOpt = None,
        law: LawOpt = None,
    ) -> None:
        """Lint a draft: numbering, dangling references, brackets, punctuation, lists, 施行日期.

        Exit 0 when clean, 1 when there are findings, 2 on error.  In a file of
        several documents (a gazette issue) the ones with articles are checked.

        Examples:

          lawcli check draft.txt

          lawcli check draft.txt --ignore mixed-punctuation --format json

          lawcli check gazette.txt --doc 传统村落 --severity error

          lawcli check --law 传统村落
        """
        run_check(file, ignore or [], severity, rules, doc, fmt, encoding, law)


# -- the work (imported lazily: this module is loaded at every start-up) -------------------

def _documents(source, doc: str | None) -> list:
    """--doc's document, or every document with articles (all of them if none has)."""
    docs = source.select(doc)
    if doc is None and len(docs) > 1:
        docs = [d for d in docs if d.articles] or docs
    return docs


def _nodes(d, ref: str):
    from ...query.address import parse_ref, resolve

    return resolve(d, parse_ref(ref))


def run_refs(file: str | None, ref: str | None, to: str | None, doc: str | None, fmt: str,
             encoding: str | None, law: str | None = None) -> None:
    from ...errors import NotFoundError, UsageError
    from ...query.address import parse_ref
    from ...refs.extract import extract
    from ...refs.present import backlinks, to_dict
    from ...refs.resolve import node_address
    from ..kit import check_format, doc_ref, emit_json, emit_segments, load, report_warnings

    check_format(fmt, ("text", "json"))
    if law is not None and ref is None:  # `lawcli refs --law 传统村落 23`: the lone argument is REF
        file, ref = None, file
    file, ref = _swap_for_stdin(file, ref)
    if ref is not None and to is not None:
        raise UsageError("give either REF (references made there) or --to (references to it), not both")
    for r in (ref, to):
        if r is not None:
            parse_ref(r)  # a malformed reference fails before any reading
    source = load(file, encoding, law)
    docs = _documents(source, doc)
    results = []  # (doc, [Reference])
    first_error = None
    named = to or ref
    for d in docs:
        all_refs = extract(d)
        try:
            if to is not None:
                targets = _nodes(d, to)
                named = node_address(d, targets[0]) + ("等" if len(targets) > 1 else "")
                found = backlinks(d, targets, all_refs)
            elif ref is not None:
                sources = _nodes(d, ref)
                named = node_address(d, sources[0]) + ("等" if len(sources) > 1 else "")
                inside = {id(n) for top in sources for n in top.walk()}
                found = [r for r in all_refs if id(r.source) in inside]
            else:
                found = all_refs
        except NotFoundError as e:
            first_error = first_error or e
            continue
        results.append((d, found))
    if not results and first_error is not None:
        raise first_error
    report_warnings(source, [d for d, _ in results])  # a numbering gap matters to references
    if fmt == "json":
        emit_json([dict(to_dict(d, r), document=doc_ref(d)) for d, found in results for r in found])
    else:
        emit_segments(_refs_segments(results, several=len(docs) > 1))
    if not any(found for _, found in results):
        if to is not None:
            raise NotFoundError(f"no provision cites {named}")
        raise NotFoundError(f"no reference in {named}" if ref else f"{source.name}: no references")


def _swap_for_stdin(file: str | None, ref: str | None) -> tuple:
    """`cat law.txt | lawcli refs 41`: a lone argument that is no file but reads as a
    reference is the REF (a missing law.txt stays a FILE that cannot be read)."""
    import os
    import sys

    from ...errors import UsageError
    from ...query.address import parse_ref

    if (ref is None and file not in (None, "-") and not os.path.exists(file)
            and sys.stdin is not None and not sys.stdin.isatty()):
        try:
            parse_ref(file)
        except UsageError:
            return file, ref
        return None, file
    return file, ref


def _refs_segments(results, several: bool) -> list:
    from ...refs.present import summarize
    from ...refs.resolve import node_address

    seg: list = []
    for d, found in results:
        if several and found:
            seg.append((f"==> 《{d.title}》（文档 {d.index}）\n", "bold"))
        for r in found:
            seg.append((f"{r.source.line:>6}  ", "dim"))
            seg.append((node_address(d, r.source), "bold"))
            seg.append(("  “" + r.text + "”  → ", None))
            if r.external:
                seg.append(("〔外部〕" + summarize(r, d), "dim"))
            elif r.dangling:
                seg.append((summarize(r, d), "red"))
            else:
                seg.append((summarize(r, d), "green"))
            seg.append(("\n", None))
    return seg


def run_check(file: str | None, ignore: list[str], severity: str, rules: bool, doc: str | None,
              fmt: str, encoding: str | None, law: str | None = None) -> None:
    from ...errors import UsageError
    from ..kit import check_format, emit_json, load, write

    check_format(fmt, ("text", "json"))
    from ...refs.check import RULES, check

    if rules:
        if fmt == "json":
            emit_json([{"rule": k, "severity": v[0], "description": v[1]} for k, v in RULES.items()])
        else:
            write("".join(f"{k:<22} {v[0]:<8} {v[1]}\n" for k, v in RULES.items()))
        return
    names = [n.strip() for item in ignore for n in item.split(",") if n.strip()]
    unknown = [n for n in names if n not in RULES]
    if unknown:
        raise UsageError(f"--ignore: unknown rule {', '.join(unknown)}; rules: {', '.join(RULES)}")
    if severity not in ("warning", "error"):
        raise UsageError(f"--severity must be warning or error (got {severity!r})")
    source = load(file, encoding, law)
    docs = _documents(source, doc)
    findings = [f for d in docs for f in check(d, names)
                if severity == "warning" or f.severity == "error"]
    if fmt == "json":
        emit_json([f.to_dict() for f in findings])
    else:
        _check_text(source, findings, several=len(docs) > 1)
    if findings:
        raise typer.Exit(1)


def _check_text(source, findings, several: bool) -> None:
    import sys

    from ..kit import emit_segments

    seg: list = []
    for f in findings:
        where = f"{source.name}:{f.line}: " if f.line else f"{source.name}: "
        seg.append((where, "dim"))
        seg.append((f.severity, "bold red" if f.severity == "error" else "yellow"))
        seg.append((f" [{f.rule}] ", "dim"))
        title = f"《{f.title}》" if several and f.title else ""
        seg.append((f"{title}{f.address}：{f.message}\n", None))
    emit_segments(seg)
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    sys.stderr.write(f"lawcli: {errors} error(s), {warnings} warning(s)\n" if findings
                     else "lawcli: clean\n")
