"""refs: the citations of a document — extracted, resolved, checked.

    patterns   the regexes of citations on folded text (from text/grammar.py)
    extract    a document's text → citations with their spans; which act is cited
    context    the article a bare 第五项/第二款 belongs to when its sentence names one
    locations  chains of numbers and the citing place → locations (lists, ranges, 前款)
    resolve    locations → nodes of the tree; addresses; dangling targets
    present    summaries, the JSON shape, backlinks, dangling-reference diagnostics
    warnings   those diagnostics added to a parsed source (for look-ups)
    effective  whether a document says when it takes effect, and whether it must (D401)
    check      `lawcli check`: the draft linter built on all of it (codes: lawcli/rules.py)
"""
