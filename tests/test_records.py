"""records.record: a class body with annotated fields becomes a tuple record."""

from __future__ import annotations

import pytest

from lawcli.records import record


@record
class Point:
    """A point, for the test."""

    x: int
    y: int
    label: str = ""
    tags: tuple[str, ...] = ()

    def moved(self, dx: int) -> Point:
        return self._replace(x=self.x + dx)

    @property
    def named(self) -> bool:
        return bool(self.label)


def test_fields_defaults_and_methods():
    p = Point(1, 2)
    assert Point._fields == ("x", "y", "label", "tags")
    assert p == (1, 2, "", ()) and p.label == "" and not p.named
    assert p.moved(3) == Point(4, 2) and Point(0, 0, "o").named
    assert Point.__doc__ == "A point, for the test." and Point.__module__ == __name__
    assert Point.__annotations__["x"] == "int"
    assert hash(p) == hash((1, 2, "", ()))


def test_records_are_immutable_and_slotted():
    p = Point(1, 2)
    with pytest.raises(AttributeError):
        p.x = 5  # type: ignore[misc]
    with pytest.raises(AttributeError):
        p.z = 5  # type: ignore[attr-defined]


def test_a_default_before_a_field_without_one_is_refused():
    with pytest.raises(TypeError, match="follows one with a default"):
        @record
        class Bad:
            a: int = 0
            b: int
