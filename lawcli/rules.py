"""The catalogue of findings: every warning and `check` rule, with its stable code,
its severity, its Chinese message and what it means.

One table for every stage: the parser's numbering diagnostics, the reference
warnings of a look-up and the draft checker all spell their messages from here, so
a finding reads the same wherever it is shown and a later interface (an editor, a
web page) can list and explain all of them.  Severities (docs/check.md):

- error: certainly wrong in the text as given;
- warning: probably wrong, and the message says why;
- info: drafting style.

Plain data and two small functions: this module is imported on every parse.
"""

from __future__ import annotations

from collections import namedtuple

#: code: stable, never reused (N101); name: the old spelled-out name, also accepted by
#: --ignore/--select; templates: variant → message (str.format fields); description and
#: example for docs/check.md and `lawcli check --rules`.
Rule = namedtuple("Rule", "code name severity templates description example")

SEVERITIES = ("error", "warning", "info")

_TABLE = (
    Rule("N101", "numbering-gap", "error",
         {"": "{where}{prev}之后是{label}，中间缺少编号"},
         "编、章、节、条（含之N）、项、目的编号中间缺号",
         "第六条之后是第八条"),
    Rule("N102", "numbering-duplicate", "error",
         {"": "{where}{label}重复出现"},
         "同一层级的编号重复出现",
         "两个第十条"),
    Rule("N103", "numbering-order", "error",
         {"": "{where}{label}排在{prev}之后，顺序颠倒"},
         "编号顺序颠倒",
         "（一）（三）（二）"),
    Rule("N104", "numbering-start", "error",
         {"": "{where}编号不是从一开始：{label}"},
         "一组编号不从一开始（章跨编连续编号、项跨中间段落续编的除外）",
         "第一条之前没有条文，列举从（二）开始"),
    Rule("R201", "dangling-reference", "error",
         {"": "“{text}”引用的{targets}不存在",
          "first": "“{text}”出现在{where}，前面没有可引用的{unit}",
          "few": "“{text}”前面没有这么多{unit}可引用",
          "before": "“{text}”前面没有可引用的{unit}"},
         "本文件内部引用的条、款、项、目或章节不存在",
         "全文只有五十条，却写“依照本条例第九十九条”"),
    Rule("R202", "deleted-reference", "error",
         {"": "“{text}”引用的{targets}已删去"},
         "内部引用的条文只剩“（删去）”",
         "第二条写“违反本条例第一条”，第一条为“（删去）”"),
    Rule("R203", "self-reference", "info",
         {"": "“{text}”引用的是{what}，应写作“{better}”"},
         "条文以编号引用自身，宜写“本条”“本款”",
         "第五条中写“本办法第五条”"),
    Rule("R211", "external-missing", "warning",
         {"": "“{text}”引用的{targets}在文库的《{act}》（{path}）中不存在",
          "later": "“{text}”引用的{targets}在文库的《{act}》（{path}）中不存在；"
                   "文库所存版本（{version}）晚于本文件（{date}），所引可能是修订前的条文"},
         "引用文库中已登记的其他法律、法规时，该文本没有所引的条文（文库所存版本可能不是所指版本，故为警告）",
         "“依照行政处罚法第九十九条”，而文库中的行政处罚法只有八十六条"),
    Rule("R212", "stale-citation", "warning",
         {"": "“{text}”引用的《{act}》{targets}，本文件成文时（{date}）施行的版本（{version}）"
              "与文库中的最新版本（{latest}）条文不同"},
         "所引条文在引用文件成文时施行的版本与最新版本不同（修订后条号变动的常见情形）",
         "2019年的规定引用行政处罚法第三十二条，该条在2021年修订后内容已变"),
    Rule("S301", "unbalanced-brackets", "error",
         {"": "{mark}没有配对的{pair}", "before": "{mark}前面没有配对的{pair}"},
         "《》“”（）‘’〈〉「」【】不成对（半角括号按全角计）",
         "“（情节严重的”之后没有“）”"),
    Rule("S302", "empty-article", "error",
         {"": "{label}没有条文内容"},
         "有条号而没有内容的条",
         "“第十一条”一行之后直接是第十二条"),
    Rule("D401", "no-effective-date", "info",
         {"": "没有施行日期条款（如“本{name}自××××年×月×日起施行”）"},
         "有条文的法律文件没有施行日期条款，题注或信息行中也没有施行日期（宪法、修正案、修改或批准的决定等不要求）",
         "最后一条不是“本条例自2024年1月1日起施行”"),
    Rule("F601", "unreadable-number", "warning",
         {"": "{heading}：编号无法读作数字，按正文处理"},
         "编、章、节、项、目的编号读不成数字（如“第万二章”），该行按正文读入",
         "“第万二章　总则”"),
    Rule("F602", "truncated-input", "warning",
         {"": "文件在第{offset}字节处截断于一个UTF-8字符中间，只读到截断处"},
         "输入在多字节字符中间结束（下载或复制不完整），截断处之前的内容照常读取",
         "文件最后一个字节是“条”的三个字节中的前两个"),
    Rule("F603", "article-markers-repaired", "info",
         {"": "修复了{count}处残缺的条文标记，条文按编号顺序找回"},
         "条文标记残缺（“笫五十四条”“第一百二十八 条”、几条连在一行），按编号顺序找回并计数",
         "“…。第十三条　…”写在第十二条的同一行"),
    Rule("P501", "mixed-punctuation", "info",
         {"": "使用了{other}标点“{marks}”（如“…{snippet}…”），正文其余部分以{main}标点为主",
          "labels": "列举项的项号使用半角括号（如“{label}”，共{count}处），正文以全角标点为主"},
         "正文混用全角与半角标点",
         "全角正文中出现“,”“.”"),
    Rule("P502", "item-punctuation", "info",
         {"": "{label}以“{mark}”结尾，同一列举的其他各项以“{dominant}”结尾",
          "none": "{label}末尾缺少标点",
          "last": "列举的最后一项{label}应以“。”结尾（现为“{mark}”）"},
         "列举项末尾标点不一致：各项以“；”结尾，最后一项以“。”结尾",
         "（一）甲；（二）乙。（三）丙；"),
)

#: Findings about the file as a whole, not a place in it: shown beside every look-up.
WHOLE_FILE = frozenset({"F602"})

#: code → Rule, in catalogue order.
RULES: dict[str, Rule] = {r.code: r for r in _TABLE}
#: name → Rule (numbering-gap → N101).
BY_NAME: dict[str, Rule] = {r.name: r for r in _TABLE}


def rule(key: str) -> Rule | None:
    """The rule a code (N101) or a name (numbering-gap) stands for."""
    return RULES.get(key) or BY_NAME.get(key)


def severity(key: str) -> str:
    r = rule(key)
    return r.severity if r is not None else "warning"


def message(key: str, variant: str = "", **fields: object) -> str:
    """A rule's Chinese message with its fields filled in; missing fields read as empty."""
    r = rule(key)
    if r is None:
        raise KeyError(key)
    template = r.templates[variant]
    return template.format_map(_Blank(fields))


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


def matches(code: str, patterns: list[str]) -> bool:
    """Whether a code is named by one of the patterns: a code (N101), a prefix of codes
    (N, N1, R20), a rule's name (numbering-gap) or a severity (error, info)."""
    r = RULES.get(code)
    for p in patterns:
        if code.startswith(p.upper()) or p in SEVERITIES and r is not None and r.severity == p:
            return True
        if r is not None and (p == r.name or (p.endswith("-") and r.name.startswith(p))):
            return True
    return False


def unknown(patterns: list[str]) -> list[str]:
    """Patterns that name no rule (a typo in --ignore or --select)."""
    return [p for p in patterns if not any(matches(c, [p]) for c in RULES)]
