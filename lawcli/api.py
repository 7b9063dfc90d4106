"""The library's public functions (re-exported by `lawcli`): read, look up, compare.

Scripts use these instead of the command line; the CLI is built on them too.  None
of them prints: problems come back as `Document.warnings`, or as exceptions from
lawcli.errors for input that cannot be read.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing's constant without importing typing (start-up)

if TYPE_CHECKING:
    from .parsing.source import Source


def load_bytes(data: bytes, name: str = "<bytes>", encoding: str | None = None) -> Source:
    """Decode and parse a file's bytes, with the dangling-reference warnings.

    The encoding is detected (BOM, UTF-8, GB18030/Big5) unless given; undecodable,
    binary or empty input raises lawcli.errors.InputError.
    """
    from .parsing.source import load_text
    from .refs.warnings import with_reference_warnings
    from .text.reader import decode_checked

    return with_reference_warnings(load_text(decode_checked(data, encoding, name), name))


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
