"""refs / check: cross-references, backlinks, and the draft linter.

No `from __future__ import annotations` here: typer reads the option types of the
commands, which are imported from lawcli.cli inside `register`.
"""

from typing import Annotated, List, Optional

import typer


def register(app: typer.Typer) -> None:
    """Add `refs` and `check` to the application."""
    from ..declare import DocOpt, EncodingOpt, FormatOpt, LawOpt, QuietOpt

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
        quiet: QuietOpt = False,
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
        run_refs(file, ref, to, doc, fmt, encoding, law, quiet)

    @app.command()
    def check(
        file: Annotated[Optional[str], typer.Argument(
            help="Input file; '-' or nothing (when piped) reads standard input.", show_default=False)] = None,
        ignore: Annotated[Optional[List[str]], typer.Option(
            "--ignore", help="Leave out rules (repeat, or comma-separate): a code (P501), a prefix (P), "
                             "a rule name (mixed-punctuation) or a severity (info).")] = None,
        select: Annotated[Optional[List[str]], typer.Option(
            "--select", help="Only these rules (same forms as --ignore): R2, N101,N102 …")] = None,
        severity: Annotated[str, typer.Option(
            "--severity", help="Lowest severity reported: info (everything), warning or error.")] = "info",
        rules: Annotated[bool, typer.Option("--rules", help="List the rules (code, severity, description) and exit.")] = False,
        quiet: QuietOpt = False,
        doc: DocOpt = None,
        fmt: FormatOpt = "text",
        encoding: EncodingOpt = None,
        law: LawOpt = None,
    ) -> None:
        """Lint a draft: numbering, references (inside and to library laws), brackets,
        punctuation, lists, 施行日期.  Severities and every rule: docs/check.md.

        Exit 0 when no finding is reported, 1 when some are, 2 on error.  In a file of
        several documents (a gazette issue) the ones with articles are checked.

        Examples:

          lawcli check draft.txt

          lawcli check draft.txt --ignore P --format json

          lawcli check draft.txt --select R2,N

          lawcli check gazette.txt --doc 传统村落 --severity error

          lawcli check --law 传统村落
        """
        run_check(file, ignore or [], severity, rules, doc, fmt, encoding, law, select or [], quiet)


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
             encoding: str | None, law: str | None = None, quiet: bool = False) -> None:
    from ...errors import NotFoundError, UsageError
    from ...query.address import parse_ref
    from ...refs.extract import extract
    from ...refs.present import backlinks, to_dict
    from ...refs.resolve import node_address
    from ..kit import check_format, doc_ref, emit_json, emit_segments, load, report_warnings, spans

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
    from ...cited import Library, follow

    lib = Library.registered()  # citations of registered acts are followed into them
    scope = None if ref is None else {d.index: spans(_nodes(d, ref)) for d, _ in results}
    report_warnings(source, [d for d, _ in results], scope, quiet)
    if fmt == "json":
        emit_json([dict(to_dict(d, r), document=doc_ref(d), library=[f.to_dict() for f in follow(r, lib)])
                   for d, found in results for r in found])
    else:
        emit_segments(_refs_segments(results, several=len(docs) > 1, lib=lib))
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


def _refs_segments(results, several: bool, lib=None) -> list:
    from ...cited import follow
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
                followed = follow(r, lib) if lib else []
                if followed:
                    seg.append(("  ⇒ ", None))
                    seg.append(("；".join(f"《{f.title}》{f.address}" + ("" if f.node is not None else "（文库中不存在）")
                                         for f in followed) + f"  {followed[0].path}",
                                "green" if all(f.node is not None for f in followed) else "red"))
            elif r.dangling:
                seg.append((summarize(r, d), "red"))
            else:
                seg.append((summarize(r, d), "green"))
            seg.append(("\n", None))
    return seg


def _patterns(values: list[str], option: str) -> list[str]:
    from ...errors import UsageError
    from ...rules import RULES, unknown

    names = [n.strip() for item in values for n in item.split(",") if n.strip()]
    bad = unknown(names)
    if bad:
        raise UsageError(f"{option}: unknown rule {', '.join(bad)}; codes: {', '.join(RULES)} "
                         "(see lawcli check --rules)")
    return names


def run_check(file: str | None, ignore: list[str], severity: str, rules: bool, doc: str | None,
              fmt: str, encoding: str | None, law: str | None = None, select: list[str] | None = None,
              quiet: bool = False) -> None:
    from ...errors import UsageError
    from ...rules import RULES, SEVERITIES
    from ..kit import check_format, emit_json, load, write

    check_format(fmt, ("text", "json"))
    if rules:
        if fmt == "json":
            emit_json([{"code": r.code, "rule": r.name, "severity": r.severity,
                        "description": r.description, "example": r.example,
                        "messages": list(r.templates.values())} for r in RULES.values()])
        else:
            write("".join(f"{r.code}  {r.name:<20} {r.severity:<8} {r.description}\n" for r in RULES.values()))
        return
    skip, only = _patterns(ignore, "--ignore"), _patterns(select or [], "--select")
    if severity not in SEVERITIES:
        raise UsageError(f"--severity must be info, warning or error (got {severity!r})")
    lowest = SEVERITIES.index(severity)
    source = load(file, encoding, law)
    docs = _documents(source, doc)
    from ...api import check_documents

    findings = [f for f in check_documents(docs, skip, only)
                if SEVERITIES.index(f.severity) <= lowest]
    if fmt == "json":
        emit_json([f.to_dict() for f in findings])
    else:
        _check_text(source, findings, several=len(docs) > 1, quiet=quiet)
    if findings:
        raise typer.Exit(1)


def _check_text(source, findings, several: bool, quiet: bool = False) -> None:
    import sys

    from ..kit import emit_segments

    seg: list = []
    for f in findings:
        where = f"{source.name}:{f.line}: " if f.line else f"{source.name}: "
        seg.append((where, "dim"))
        seg.append((f.severity, _STYLE.get(f.severity)))
        seg.append((f" [{f.code}] ", "dim"))
        title = f"《{f.title}》" if several and f.title else ""
        seg.append((f"{title}{f.address}：{f.message}\n", None))
    emit_segments(seg)
    if quiet:
        return
    from collections import Counter

    n = Counter(f.severity for f in findings)
    sys.stderr.write(f"lawcli: {n['error']} error(s), {n['warning']} warning(s), {n['info']} info\n"
                     if findings else "lawcli: clean\n")


_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
