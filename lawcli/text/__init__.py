"""text: bytes to clean logical lines, and the pieces every later stage shares.

The first stage of the pipeline; it knows nothing of trees.  In the order a file
goes through it:

    reader      bytes → text: the reader the content calls for, the decoding order,
                binary and empty input, stdin
    formats     which reader: Word, PDF, a web page or text, told by the content
    word        a .docx → lines: paragraphs, list numbering, tables, notes
    pdfread     a PDF's text layer → lines in reading order (pypdf, an extra)
    webpage     a saved web page → the lines of its text (html.parser)
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
