"""compare: two versions of a law, article by article (a 修改对照表).

    texts     the comparison form of a text, and how alike two texts are
    sides     one version as the diff sees it: its articles and headings
    order     longest increasing run, heaviest chain (for moves)
    align     the passes that pair articles, with their thresholds
    headings  编/章/节 paired by the articles they hold
    inner     changes inside one article: characters and 款/项/目
    result    the records a diff returns
    diff      diff_documents: the rows, in reading order
    render    side-by-side text, Markdown and HTML 对照表
"""
