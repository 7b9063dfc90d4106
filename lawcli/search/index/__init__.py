"""The search index: every provision of every file of a directory, in SQLite.

Why SQLite FTS5 with the trigram tokenizer: it ships with Python, needs no word
segmentation (Chinese has no spaces) and answers substring queries of three or
more characters from an index.  It only *narrows* the search: candidate articles
come from FTS, then the same engine as an unindexed search (`searcher.py`)
runs on their stored rows, so both give identical hits; a literal of ideographs at
the smallest unit is answered row by row in SQL (`query._literal_hits`), checked against
that engine by the tests.  A trigram query cannot
match a term of one or two characters (罚款, 罚): every key ends with two sentinel
characters, so each occurrence of such a term begins some trigram; those
trigrams are listed from the index's vocabulary (fts5vocab, a range scan) and
OR-ed.  Other short terms (Latin letters, digits) are looked up with instr()
over the stored keys — a scan of plain columns, still with no parsing.

One FTS entry ("group") per article, and per paragraph outside articles; its key
is `terms.space_free_key` of the group's whole text, so matches across 款 and
with --ignore-space are candidates too.

Rows are stored in document order with their ids given, so a document's rows and a
group's are ranges of ids.  Files are re-parsed only when their content hash
changes (stat is checked first, as git does); directories' modification times
are kept so that a search need not list the corpus again (`Index.listed_files`).
The index is rebuilt in a temporary copy and moved over the old one with
os.replace, so an interrupted build leaves the previous index intact.

The modules: schema.py (the tables, where an index lives, opening one, what it
lists), build.py (parsing files into rows and writing them), query.py (searching
through an index).  Building and searching know nothing of each other: both
stand on the schema.  Building also uses lock.py (one writer at a time, the
temporary copies of dead builds removed), workers.py (parsing processes that die
with the build) and salvage.py (a damaged library set aside, its registrations
read back).
"""
