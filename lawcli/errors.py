"""Exceptions and exit codes.  The library raises; only the CLI turns them into exits."""

from __future__ import annotations


class ExitCode:
    """The exit statuses (plain ints, not an IntEnum: every run imports this module,
    and enum costs a few milliseconds to import)."""

    FOUND = 0  # the answer was found (or, for diff/check: no difference, no finding)
    NOT_FOUND = 1  # a well-formed question with no answer: no article 99, no hit
    BAD_INPUT = 2  # bad usage, or input that cannot be read


class LawcliError(Exception):
    """An error with a one-line message meant for people."""

    exit_code = ExitCode.BAD_INPUT


class InputError(LawcliError):
    """The input cannot be read: missing, binary, undecodable, empty."""


class OutputError(LawcliError):
    """The output cannot be written: a full disk, a device that refuses it."""


class UsageError(LawcliError):
    """The question is malformed: an unreadable reference, an ambiguous --doc."""


class NotFoundError(LawcliError):
    """The question is fine but the document has no such thing."""

    exit_code = ExitCode.NOT_FOUND
