"""`record`: an immutable record class written like a NamedTuple, without `typing`.

A search starts dozens of times a day, and on its path `typing` is the costliest
import left (with what it pulls in: contextlib, and `re` when nothing else has),
while each `typing.NamedTuple` class then costs about 0.3 ms more to create than
a `collections.namedtuple` one.  Together some 5 ms of a command that takes a few
tens.  `record` reads the same class body — annotated fields, defaults, methods,
docstring — and makes a namedtuple subclass of it, so the search modules keep
their readable declarations and import no `typing` at run time.
"""

from __future__ import annotations

from collections import namedtuple

#: Set by no one: type checkers treat the name as true (the stdlib's own idiom), so
#: annotations-only imports can hide behind it without importing `typing`.
TYPE_CHECKING = False

_SKIP = {"__dict__", "__weakref__", "__annotations__"}


def record(cls: type) -> type:
    """The class as a tuple subclass with the annotated fields, in order.

    Defaults are the values the body gives fields (trailing ones, as in a
    NamedTuple).  Instances are tuples: cheap to create, compare and hash.
    """
    fields = list(cls.__dict__.get("__annotations__", {}))
    defaults = [cls.__dict__[f] for f in fields if f in cls.__dict__]
    if any(f not in cls.__dict__ for f in fields[len(fields) - len(defaults):]):
        # (namedtuple would give the defaults to the last fields, silently)
        raise TypeError(f"{cls.__name__}: a field without a default follows one with a default")
    base = namedtuple(cls.__name__, fields, defaults=defaults, module=cls.__module__)  # type: ignore[misc]
    body = {k: v for k, v in cls.__dict__.items() if k not in _SKIP and k not in fields}
    body["__slots__"] = ()
    body["__annotations__"] = cls.__dict__.get("__annotations__", {})
    return type(cls.__name__, (base,), body)
