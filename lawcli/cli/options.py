"""The everyday commands' arguments and options, declared once.

`lawcli article 23 FILE` runs dozens of times a day, and importing typer costs more
than the look-up itself, so plain invocations are read by quickargs.py without it.
Both that parser and the typer application (app.py: help, mistakes, every other
form) are built from this table, so the two cannot drift apart.  Plain data only:
this module is imported on every run.
"""

from __future__ import annotations

from collections import namedtuple

#: A positional argument: the run_* parameter it fills, its help and metavar;
#: `required`; `variadic`: it takes every remaining word.
Arg = namedtuple("Arg", "dest help metavar required variadic", defaults=(False, False))
#: An option: the run_* parameter, its flags ("--doc -d"), the kind of value
#: (str, int, float, list: repeatable, flag: no value), the default and the help.
Opt = namedtuple("Opt", "dest flags kind default help")
#: A command: its arguments and options in the order help lists them, its help text.
Command = namedtuple("Command", "args options help")

FILE = Arg("file", "Input file; '-' or nothing (when piped) reads standard input.", "FILE")
DOC = Opt("doc", "--doc -d", "str", None,
          "Document of a multi-document file: index from `lawcli docs`, or a title fragment.")
FORMAT = Opt("fmt", "--format -f", "str", "text", "Output format: text or json.")
PUNCT = Opt("punct", "--punct", "str", "published",
            "published: as printed; standard: official full-width punctuation (，。（）《》).")
ENCODING = Opt("encoding", "--encoding", "str", None,
               "Force an encoding (utf-8, gb18030, big5, utf-16 …) instead of detecting it.")
LAW = Opt("law", "--law -l", "str", None,
          "Use a library document (see `lawcli library`) named by a title fragment, instead of FILE.")
QUIET = Opt("quiet", "--quiet -q", "flag", False,
             "No warnings on stderr (JSON still carries those about what is printed).")

COMMANDS: dict[str, Command] = {
    "article": Command(
        (Arg("ref", "23, 二十三, 第二十三条, 23-25, 23.2.3, 120之一, 第三章 …", "REF", required=True), FILE),
        (DOC, FORMAT, PUNCT, ENCODING, LAW, QUIET),
        """Print an article, a paragraph or item of it, a range, or a chapter.

Examples:

  lawcli article 23 samples/示例市古树名木保护条例.txt

  lawcli article 23.2.3 law.txt --format json

  lawcli article 第三章 law.md

  cat law.txt | lawcli article 第十条之一

  lawcli article 23 --law 传统村落"""),
    "toc": Command(
        (FILE,), (DOC, FORMAT, ENCODING, LAW, QUIET),
        """Outline: 编/分编/章/节 headings with their article ranges and counts.

Example: lawcli toc samples/示例省公共数据条例.txt"""),
    "print": Command(
        (FILE,), (DOC, FORMAT, PUNCT, ENCODING, LAW, QUIET),
        """The whole document, cleanly rendered (JSON: the whole tree).

Example: lawcli print samples/示例市古树名木保护条例.txt --format json"""),
    "docs": Command(
        (FILE,), (FORMAT._replace(help="text, json or table."), ENCODING, LAW, QUIET),
        """List the documents of a file (a gazette issue holds dozens).

Example: lawcli docs samples/示例省人大常委会公报-2024-05.txt --format json"""),
    "search": Command(
        (Arg("args", "PATTERN then PATH … (file, directory, or -). With -e/--query every argument "
                     "is a PATH. No PATH: the library.", "PATTERN [PATH]...", variadic=True),),
        (Opt("patterns", "--regexp -e", "list", None, "A pattern; repeat for several (any of them, or --all)."),
         Opt("query", "--query -q", "str", None, "A query: words AND-ed, OR, -word/NOT, ( ), \"…\", /regex/."),
         Opt("regex", "--regex -E", "flag", False, "Patterns are regular expressions."),
         Opt("all_terms", "--all", "flag", False, "Every pattern within one article."),
         Opt("ignore_space", "--ignore-space", "flag", False, "White space never matters."),
         DOC._replace(help="Documents whose title contains this (one file: an index too)."),
         Opt("kind", "--kind", "str", None, "Only documents of this kind: 条例, 法, 决定 …"),
         Opt("within", "--within", "str", None, "Only inside 第三章, 第二编第一章, 10-20 …"),
         Opt("level", "--level", "str", "smallest", "Unit of a hit: smallest (default), item, paragraph or article."),
         Opt("count", "--count -c", "flag", False, "Hits per document."),
         Opt("files_with_matches", "--files-with-matches -l", "flag", False, "Only the names of files with hits."),
         Opt("context", "--context -C", "int", 0, "Show N neighbouring units."),
         Opt("line_number", "--line-number -n", "flag", False, "Prefix each hit with its source line."),
         FORMAT._replace(help="text, json or jsonl."),
         Opt("index", "--index", "str", None, "Search DIR through its index (built by `lawcli index DIR`)."),
         Opt("no_index", "--no-index", "flag", False, "Never use an index: parse the files."),
         LAW._replace(flags="--law", help="Search one library document, named by a title fragment."),
         Opt("timeout", "--timeout", "float", 2.0, "Seconds a regular expression may spend on one unit."),
         ENCODING._replace(help="Force an input encoding.")),
        """Find provisions by words or patterns; each hit is named by its address.

Exit 0 when something is found, 1 when nothing is, 2 on error.

Examples:

  lawcli search 传统建筑 gazette.txt --doc 传统村落

  lawcli search 條例 laws/ --kind 条例 --level article

  lawcli search -e 罚款 -e 没收 --all laws/ --format jsonl

  lawcli search -q '(拆除 | 损毁) 传统建筑 -批准' laws/

  lawcli search --regex '处.{1,6}罚款' law.md --within 第六章

  lawcli search 个人信息   (no PATH: the library, see `lawcli library`)

  lawcli search 罚款 --law 反垄断法(2022"""),
}
