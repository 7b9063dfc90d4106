"""Repairs for text extracted from PDF (gazette issues): see normalize.py."""

from __future__ import annotations

from collections import Counter


def looks_extracted(physical: list[str]) -> bool:
    return False


def normalize_extracted(physical: list[str], repairs: Counter):  # pragma: no cover
    raise NotImplementedError
