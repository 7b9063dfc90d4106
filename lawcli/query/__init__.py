"""query: addresses and renderings of a tree, beside it.

    address   references as people type them (23.2.3, 第三章) → nodes; a node's address
    render    trees → styled segments, the outline (toc), the document list
"""
