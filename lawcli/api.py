"""The library's public functions (re-exported by `lawcli`): read, look up, search,
compare, amend, check.

Scripts use these instead of the command line, and the CLI is built on the same
pieces.  None of them prints: problems come back as values (`Document.warnings`,
findings), and input that cannot be used raises an exception of lawcli.errors
(`InputError` for unreadable input, `UsageError` for a malformed question,
`NotFoundError` when a well-formed question has no answer).
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing's constant without importing typing (start-up)

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

    from .amend.result import Result
    from .compare.result import DiffResult
    from .parsing.model import Document, Node
    from .parsing.source import Source
    from .refs.check import Finding
    from .refs.extract import Reference
    from .search.hits import Hit


def parse(text: str, *, source: str | None = None) -> Document:
    """One legal document from its text (already decoded).

        >>> doc = parse("某条例\\n第一条　为了测试，制定本条例。\\n")
        >>> doc.article_index["1"].full_text
        '为了测试，制定本条例。'

    A file that may hold several documents (a gazette issue) is read with `load_text`.
    """
    from .parsing.build import parse as parse_one

    return parse_one(text, source=source)


def load_text(text: str, name: str = "<text>") -> Source:
    """Every document of a decoded text (one, or dozens for a gazette issue), with the
    repairs normalisation made; no reference warnings (see `load_bytes`).

        >>> load_text("某条例\\n第一条　为了测试。\\n").documents[0].title
        '某条例'
    """
    from .parsing.source import load_text as load

    return load(text, name)


def load_bytes(data: bytes, name: str = "<bytes>", encoding: str | None = None) -> Source:
    """Decode and parse a file's bytes, with the dangling-reference warnings.

    A Word file, a PDF with a text layer and a saved web page are read by their
    content (`Source.reader` says which reader); text's encoding is detected (BOM,
    UTF-8, GB18030/Big5) unless given.  Undecodable, binary, empty or damaged input
    raises lawcli.errors.InputError.

        >>> src = load_bytes("某条例\\n第一条　依照本条例第九条。\\n".encode("gb18030"))
        >>> [w.code for w in src.documents[0].warnings]
        ['R201']
    """
    from .parsing.source import load_text as load
    from .refs.warnings import with_reference_warnings
    from .text.reader import read_text

    text, reader, notes = read_text(data, encoding, name)
    source = load(text, name, reader=reader)
    if notes:  # what the reader noticed (a cut at the end): a warning of the last document
        from .parsing.model import Diagnostic

        last = source.documents[-1]
        extra = tuple(Diagnostic("F602", n, last.end_line or None) for n in notes)
        source = source._replace(documents=source.documents[:-1] + (last.evolve(warnings=last.warnings + extra),))
    return with_reference_warnings(source)


def load_file(path: str | None, encoding: str | None = None) -> Source:
    """Read and parse a file ('-' or None: standard input): its documents (one, or
    many for a gazette issue), each with its warnings.

        >>> source = load_file("samples/示例市古树名木保护条例.txt")
        >>> source.documents[0].article_index["9"].label
        '第九条'
    """
    from .text.reader import read_bytes

    data, name = read_bytes(path)
    return load_bytes(data, name, encoding)


def find_article(doc: Document, ref: str) -> list[Node]:
    """The nodes a reference names, written as people write it: 23, 第二十三条,
    23.2.3 (第二十三条第二款第三项), 120之一, 23-25, 第三章, 第二编第一章, 序言, 附件一.

        >>> doc = parse("某条例\\n第一条　一。\\n第二条　二：\\n（一）甲；\\n（二）乙。\\n")
        >>> [n.full_text for n in find_article(doc, "第二条第（二）项")]
        ['（二）乙。']

    Raises UsageError for a reference it cannot read, NotFoundError (which says what
    the document does have) for one it has not.
    """
    from .query.address import parse_ref, resolve

    return resolve(doc, parse_ref(ref))


def address(doc: Document, node: Node) -> str:
    """How a node is cited.

        >>> doc = parse("某条例\\n第一条　一。\\n第二条　二：\\n（一）甲；\\n（二）乙。\\n")
        >>> address(doc, find_article(doc, "2.1.2")[0])
        '《某条例》第二条第一款第（二）项'
    """
    from .query.address import address as cite

    return cite(doc, node)


def search_paths(pattern: str | Sequence[str], paths: Sequence[str], *, regex: bool = False,
           all_terms: bool = False, level: str = "smallest", doc: str | None = None,
           kind: str | None = None, within: str | None = None, context: int = 0,
           ignore_space: bool = False, use_index: bool = True) -> Iterator[Hit]:
    """Provisions of files or directories that say something, each named by its address
    (`lawcli search` without its output): an iterator of Hit records.

        >>> hits = list(search_paths("所在单位为养护责任人", ["samples/示例市古树名木保护条例.txt"]))
        >>> hits[0].address
        '《示例市古树名木保护条例》第九条第一款第（一）项'

    Several patterns match any of them, or all within one article with `all_terms`.
    A directory that has an index (`lawcli index DIR`) is answered from it; problems
    met in a directory (an unreadable file) are skipped, not raised.  (Not `search`:
    that is the name of the package, lawcli.search.)
    """
    from .search.find import find
    from .search.searcher import Outcome, Plan, Searcher
    from .search.terms import build_query

    patterns = [pattern] if isinstance(pattern, str) else list(pattern)
    expr = build_query(patterns, regex=regex, all_terms=all_terms)
    searcher = Searcher(Plan(expr, ignore_space=ignore_space, level=level, doc=doc, kind=kind,
                             within=within, context=context))
    return find(list(paths), searcher, Outcome(), use_index=use_index)


def diff(old: Document, new: Document) -> DiffResult:
    """Two versions of a law, article by article: every article of both lands in one
    row (unchanged, modified, moved, split, merged, added, deleted), with the changes
    inside each.  `lawcli diff --format json` prints `diff(...).to_dict()`.

        >>> old = parse("某条例\\n第一条　为了测试。\\n第二条　本条例自公布之日起施行。\\n")
        >>> new = parse("某条例\\n第一条　为了测试和示范。\\n第二条　本条例自公布之日起施行。\\n")
        >>> [row.status for row in diff(old, new).rows]
        ['modified', 'unchanged']
    """
    from .compare.diff import diff_documents

    return diff_documents(old, new)


def apply_act(old_text: str, act_text: str, *, law: str | None = None, name: str = "<old>") -> Result:
    """Apply an amendment act (修改决定, 修正案) to the text of the law it amends: the
    consolidated text (`.text`) and a log of every instruction (`.log`).

    `law` picks the law's part of an act that amends several (default: the one
    whose title matches the old text's).  Raises UsageError when the act has no part
    for this law.

        >>> old = "某条例\\n第一条　为了测试。\\n第二条　本条例自公布之日起施行。\\n"
        >>> act = "关于修改《某条例》的决定\\n一、将第一条修改为：“为了测试和示范。”\\n"
        >>> print(apply_act(old, act).text, end="")
        某条例
        第一条　为了测试和示范。
        第二条　本条例自公布之日起施行。
    """
    from .amend.apply import apply_act as apply

    return apply(old_text, act_text, law=law, name=name)


def references(doc: Document) -> list[Reference]:
    """Every citation of a document, in order: the citing node, the text and its
    offsets, and the places cited (resolved to nodes inside this document; another
    act's are kept with `external=True`).

        >>> doc = parse("某条例\\n第一条　一。\\n第二条　违反本条例第一条和《某法》第三条的，予以纠正。\\n")
        >>> [(r.text, r.external) for r in references(doc)]
        [('本条例第一条', False), ('《某法》第三条', True)]
    """
    from .refs.extract import extract

    return extract(doc)


def check(doc: Document, ignore: Iterable[str] = (), select: Iterable[str] = ()) -> list[Finding]:
    """The draft checker's findings for one document (`lawcli check`), in line order;
    `ignore` and `select` take codes (R201), prefixes (R, N1), rule names
    (dangling-reference) or severities (info) — see lawcli/rules.py and docs/check.md.

        >>> doc = parse("某条例\\n第一条　依照本条例第九条。\\n第二条　本条例自2024年1月1日起施行。\\n")
        >>> [(f.code, f.severity) for f in check(doc)]
        [('R201', 'error')]
    """
    from .refs.check import check as run

    return run(doc, ignore, select)


def check_documents(docs: Sequence[Document], ignore: Iterable[str] = (), select: Iterable[str] = (),
                    library: bool = True) -> list[Finding]:
    """`check` over several documents, with the citations of other acts checked against
    the library (`lawcli library add`) when `library` is true and one is registered:
    R211 when the cited act has no such article, R212 when the article changed since
    the version in force when the citing text was written (docs/check.md).

        >>> docs = load_text("某条例\\n第一条　依照本条例第九条。\\n").documents
        >>> [(f.code, f.severity) for f in check_documents(docs, library=False)]
        [('D401', 'info'), ('R201', 'error')]
    """
    from .refs.check import check as run

    out = [f for d in docs for f in run(d, ignore, select)]
    if library:
        from .cited import library_findings

        out.extend(f for d in docs for f in library_findings(d, ignore, select))
    return out
