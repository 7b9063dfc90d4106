"""Citations of other acts resolved against the library (placeholder, filled in below)."""

from __future__ import annotations


def library_findings(doc, ignore=(), select=()):
    return []
