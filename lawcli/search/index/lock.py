"""One writer at a time for an index file, and what interrupted writers left behind.

An update reads the index, writes a new copy (`….sqlite.tmp-PID`) and moves it over
the old one.  Two updates at once (four `lawcli library add` started together) would
each copy the same old index and the last move would win, losing the others'
registrations.  So every update holds an exclusive lock on `….sqlite.lock` (beside
the index, never removed: removing a lock file races with the next taker) from
reading the index to moving the copy, and reads the index again once it holds it:
each writer applies its own change to what the one before it wrote.

A build killed with SIGKILL cannot remove its copy; the next writer removes every
copy whose process is gone.
"""

from __future__ import annotations

import contextlib
import glob
import os

TYPE_CHECKING = False  # typing's constant without importing typing (start-up)

if TYPE_CHECKING:
    from typing import Iterator


class Busy(Exception):
    """Another process is writing this index (only when not waiting for it)."""


@contextlib.contextmanager
def writer(db_path: str, wait: bool = True) -> Iterator[None]:
    """Hold the index's writer lock; `wait=False` raises Busy instead of waiting."""
    fd = os.open(f"{db_path}.lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _lock(fd, wait)
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)


def _lock(fd: int, wait: bool) -> None:
    try:
        import fcntl
    except ImportError:  # Windows: msvcrt locks a byte range (and retries for 10 s)
        import msvcrt

        mode = msvcrt.LK_LOCK if wait else msvcrt.LK_NBLCK
        while True:
            try:
                msvcrt.locking(fd, mode, 1)
                return
            except OSError:
                if not wait:
                    raise Busy() from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except BlockingIOError:
        raise Busy() from None


def _unlock(fd: int) -> None:
    try:
        import fcntl
    except ImportError:
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    fcntl.flock(fd, fcntl.LOCK_UN)


def temp_path(db_path: str) -> str:
    """This process's copy of the index while it writes one."""
    return f"{db_path}.tmp-{os.getpid()}"


def remove_stale(db_path: str) -> list[str]:
    """Remove the copies left by writers that are gone (killed mid-build); their paths."""
    removed = []
    for path in glob.glob(glob.escape(db_path) + ".tmp-*"):
        pid = path.rsplit("-", 1)[1]
        if pid.isdigit() and int(pid) != os.getpid() and alive(int(pid)):
            continue
        try:
            os.remove(path)
            removed.append(path)
        except OSError:
            pass
    return removed


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    except OSError:
        return False
    return True
