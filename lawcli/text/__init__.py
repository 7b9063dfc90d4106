"""text: bytes to clean logical lines, and the pieces every later stage shares.

The first stage of the pipeline; it knows nothing of trees.  In the order a file
goes through it:

    reader      bytes → text: the decoding order, binary and empty input, stdin
    normalize   text → logical lines through named, counted repairs (plain, Markdown)
    pdftext     PDF extractions: page numbers and running headers out, wraps joined
    segment     a gazette issue's lines → where each document lies (its title block)
    lines       the line types these share: Line, DocSpan, Normalized

and what the other stages build on:

    grammar     the address grammar: numbers, units, 之, lists, self-names, labels
    patterns    the structural patterns of headings and items (from grammar)
    numerals    一百零四 ↔ 104, article keys "120-1"
    textfold    width folding for matching (，/, ２３/23), characters outside GB2312
    punct       --punct standard;  convert  OpenCC;  t2s  its one-character answers
    styled      styled text segments and JSON encoding, for every renderer
"""
