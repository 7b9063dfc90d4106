"""refs: the citations of a document — extracted, resolved, checked.

    patterns   the regexes of citations on folded text (from text/grammar.py)
    extract    a document's text → citations with their spans; which act is cited
    locations  chains of numbers and the citing place → locations (lists, ranges, 前款)
    resolve    locations → nodes of the tree; addresses; dangling targets
    present    summaries, the JSON shape, backlinks, dangling-reference diagnostics
    warnings   those diagnostics added to a parsed source (for look-ups)
    check      `lawcli check`: the draft linter built on all of it
"""
