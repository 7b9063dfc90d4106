"""amend: apply an amendment act (修改决定 / 修正案) to a law.

No `from __future__ import annotations` here: typer reads the option types of the
command, which are imported from lawcli.cli inside `register`.
"""

from typing import Annotated, Optional

import typer


def register(app: typer.Typer) -> None:
    """Add `amend` to the application."""
    from ..declare import EncodingOpt, FormatOpt

    @app.command()
    def amend(
        old: Annotated[str, typer.Argument(help="The law before the act (Markdown or plain text).", metavar="OLD",
                                           show_default=False)],
        act: Annotated[str, typer.Argument(help="The amendment act: 修改决定, 修正案 …", metavar="ACT",
                                           show_default=False)],
        law: Annotated[Optional[str], typer.Option(
            "--law", metavar="NAME", help="Which law of a multi-law act (default: the one matching OLD's title).")] = None,
        check: Annotated[Optional[str], typer.Option(
            "--check", metavar="NEW", help="Compare the result with the official re-published text, article by article.")] = None,
        fmt: FormatOpt = "text",
        encoding: EncodingOpt = None,
    ) -> None:
        """Apply an amendment act to a law: the consolidated text and a log of each instruction.

        The consolidated text goes to stdout in OLD's form (Markdown in, Markdown out).
        Instructions that cannot be applied are reported on stderr (and in the JSON
        log) and the rest is still applied.  With --check NEW, stdout lists the
        articles where the result differs from NEW and whether an instruction of the
        act explains each.  Exit 0 when everything applied (and, with --check, the
        result equals NEW), 1 otherwise, 2 on error.

        Examples:

          lawcli amend 会计法-2017.md 关于修改会计法的决定.md > 会计法-2024.md

          lawcli amend old.md act.md --check new.md

          lawcli amend 保安服务管理条例.md 国务院决定.md --law 保安服务管理条例 --format json
        """
        code = run_amend(old, act, law, check, fmt, encoding)
        if code:
            raise typer.Exit(code)


def run_amend(old: str, act: str, law: Optional[str], check: Optional[str], fmt: str,
              encoding: Optional[str]) -> int:
    from ...amend import apply_act, check_result
    from ...parsing.source import load_text
    from ...text.reader import read_input
    from ..kit import check_format, emit_json, warn, write

    check_format(fmt, ("text", "json"))
    old_text, old_name = read_input(old, encoding)
    act_text, act_name = read_input(act, encoding)
    try:
        result = apply_act(old_text, act_text, law=law, name=old_name)
    except (ValueError, IndexError, KeyError, AttributeError, TypeError, RecursionError) as e:
        from ...errors import InputError

        # A text no rule foresaw: one line on stderr, never a traceback.
        raise InputError(f"cannot apply {act_name} to {old_name} ({type(e).__name__}: {e}); "
                         "please report this input") from None
    checked = None
    if check is not None:
        new_text, new_name = read_input(check, encoding)
        official = load_text(new_text, new_name).with_articles() or []
        if not official:
            from ...errors import InputError

            raise InputError(f"{new_name}: no article found")
        from ...amend import law_key

        same = [d for d in official if result.law and law_key(d.title) == law_key(result.law)]
        checked = check_result(result, (same or official)[0])
    failed = result.failed
    for e in failed:
        warn(f"{act_name}: item {e.item} (line {e.line}): {e.op} {e.target}: {e.reason}")
    for w in result.warnings:
        if not w.startswith("the act numbers"):
            warn(w)
    if fmt == "json":
        doc = result.document()
        data = {
            "law": result.law,
            "old": old_name,
            "act": act_name,
            "format": result.format,
            "summary": {"operations": len(result.log), "applied": len(result.log) - len(failed),
                        "failed": len(failed),
                        "renumbered": len(result.renumbered)},
            "log": [e.to_dict() for e in result.log],
            "renumbered": result.renumbered,
            "text": result.text,
            "document": doc.to_dict(lines=False),
        }
        if checked is not None:
            data["check"] = checked.to_dict()
        emit_json(data)
    elif checked is not None:
        write(_check_text(result, checked, check))
    else:
        write(result.text)
    return 1 if failed or (checked is not None and not checked.identical) else 0


def _short(s: Optional[str], n: int = 60) -> str:
    if s is None:
        return "—"
    s = s.replace("\n", "⏎")
    return s if len(s) <= n else s[: n - 1] + "…"


def _check_text(result, checked, new_name: str) -> str:
    lines = [f"《{result.law or '?'}》: {checked.articles} articles (official: {checked.official_articles}); "
             f"{len(result.log)} operations, {len(result.failed)} failed; "
             f"{len(checked.rows)} difference(s) from {new_name}"
             f" ({sum(1 for r in checked.rows if not r.explained)} not explained by the act)"]
    if checked.misnumbered:
        from ...text.grammar import article_label

        def name(key: str) -> str:
            return article_label(key) if key[:1].isdigit() else key

        shown = "; ".join(f"result {name(a)} = official {name(b)}" for a, b in checked.misnumbered[:3])
        lines.append(f"numbering differs for {len(checked.misnumbered)} article(s) with the same text: {shown}"
                     + (" …" if len(checked.misnumbered) > 3 else ""))
    for r in checked.rows:
        if r.explained:
            why = f"where item {'、'.join(r.instructions)} changed it"
        elif r.instructions:
            why = f"NOT explained: item {'、'.join(r.instructions)} changed this article, but not there"
        else:
            why = "NOT explained: no instruction touches it"
        tag = {"text": "differs", "missing": "missing from the result", "extra": "not in the official text",
               "heading": "heading differs"}[r.kind]
        lines.append(f"{r.label}: {tag}{' (punctuation only)' if r.punctuation_only else ''} — {why}")
        if r.fragments:
            for f in r.fragments[:4]:
                lines.append(f"    result:   {_short(f.result)}")
                lines.append(f"    official: {_short(f.official)}")
        elif r.kind != "text":
            lines.append(f"    result:   {_short(r.result)}")
            lines.append(f"    official: {_short(r.official)}")
    return "\n".join(lines) + "\n"
