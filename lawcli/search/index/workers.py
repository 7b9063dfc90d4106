"""Worker processes that parse for a build, and die with it.

A pool's workers wait on a queue whose write end every one of them
inherited, so when the building process is killed (SIGKILL, or SIGTERM before any
clean-up) they never see it close and wait forever.  Each worker therefore watches
its parent: on Linux the kernel kills it when the parent dies (prctl
PR_SET_PDEATHSIG), and everywhere a thread checks twice a second that the parent is
still there.  An interrupted build (Ctrl-C, SIGTERM) stops its workers itself instead
of waiting for their queued work.  Workers ignore SIGINT: Ctrl-C reaches the whole
process group, and the parent decides.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing's constant without importing typing (start-up)

if TYPE_CHECKING:
    from typing import Any, Callable, Iterator, Sequence

_PR_SET_PDEATHSIG = 1


def parallel_map(fn: Callable[[Any], Any], items: Sequence[Any], workers: int) -> Iterator[Any]:
    """fn(item) for every item, in order, computed by `workers` processes.

    multiprocessing.Pool rather than ProcessPoolExecutor: when a build is interrupted,
    `Pool.terminate` stops the workers and its own threads, while an executor whose
    worker was killed in the middle of sending a result waits for the rest of it forever.
    """
    import multiprocessing

    # fork where it is safe (Linux): a worker's parent is then this process, which it
    # watches; elsewhere the platform's default (spawn), watched by process id.
    linux = sys.platform.startswith("linux")
    context = multiprocessing.get_context("fork") if linux else multiprocessing.get_context()
    pool = context.Pool(workers, initializer=watch_parent, initargs=(os.getpid(), linux))
    done = False
    try:
        yield from pool.imap(fn, items, chunksize=2)
        done = True
    finally:
        if done:
            pool.close()
        else:  # an error, an interrupt, or the caller stopped reading
            pool.terminate()
        pool.join()


def watch_parent(parent: int, direct: bool) -> None:
    """A worker's start: die with `parent` (direct: it is our parent process)."""
    import signal
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler, inherited by fork
    if direct and sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # the thread below still watches
    if not _parent_alive(parent, direct):  # it died before the kernel was told
        os._exit(1)
    threading.Thread(target=_watch, args=(parent, direct), daemon=True).start()


def _watch(parent: int, direct: bool) -> None:
    import time

    while _parent_alive(parent, direct):
        time.sleep(0.5)
    os._exit(1)


def _parent_alive(parent: int, direct: bool) -> bool:
    if direct:
        return os.getppid() == parent
    from .lock import alive

    return alive(parent)
