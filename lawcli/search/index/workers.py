"""Worker processes that parse for a build, and die with it.

Each worker has a pipe of its own, and this process deals the jobs out and reads the
results back in order.  Not multiprocessing.Pool: its workers share one job queue
guarded by a lock that an idle worker holds while it waits, so `Pool.terminate` after
an interrupt could wait on that lock for ever (about one interrupted build in three),
and killing the workers first left the lock held by a dead process.  With one pipe
per worker nothing is shared: an interrupted build (Ctrl-C, SIGTERM, an error, the
caller stopping) kills its workers and reaps them, which cannot block.

A worker also watches its parent, for the case where the parent is killed outright
(SIGKILL): on Linux the kernel kills it (prctl PR_SET_PDEATHSIG), and everywhere a
thread checks twice a second that the parent is still there.  Workers ignore SIGINT:
Ctrl-C reaches the whole process group, and the parent decides.
"""

from __future__ import annotations

import os
import sys

from ...errors import LawcliError

TYPE_CHECKING = False  # typing's constant without importing typing (start-up)

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from typing import Any, Callable, Iterator, Sequence

_PR_SET_PDEATHSIG = 1

#: Jobs sent ahead to each worker, so that it never waits for the next one.
_AHEAD = 2


class WorkerDied(LawcliError):
    """A worker ended without sending its result (killed from outside, out of memory):
    the build stops and says so, exit 2, rather than writing an index with a hole."""


def parallel_map(fn: Callable[[Any], Any], items: Sequence[Any], workers: int) -> Iterator[Any]:
    """fn(item) for every item, in order, computed by `workers` processes.

    An exception raised by fn in a worker is raised here, at that item's turn.
    """
    import multiprocessing
    from collections import deque
    from multiprocessing.connection import wait

    # fork where it is safe (Linux): a worker's parent is then this process, which it
    # watches; elsewhere the platform's default (spawn), watched by process id.
    linux = sys.platform.startswith("linux")
    context = multiprocessing.get_context("fork") if linux else multiprocessing.get_context()
    procs: list[Any] = []
    conns: list[Connection] = []
    done = False
    try:
        for _ in range(max(1, workers)):
            mine, theirs = context.Pipe()
            proc = context.Process(target=_serve, args=(fn, theirs, os.getpid(), linux), daemon=True)
            procs.append(proc)
            conns.append(mine)
            proc.start()
            theirs.close()
        jobs = iter(enumerate(items))
        queued: dict[Connection, deque[int]] = {c: deque() for c in conns}
        for _ in range(_AHEAD):
            for c in conns:
                _send_next(c, jobs, queued[c])
        ready: dict[int, Any] = {}
        turn = 0
        while any(queued.values()):
            for c in wait([c for c in conns if queued[c]]):
                try:
                    ok, value = c.recv()
                except EOFError:
                    raise WorkerDied("建立索引时一个解析进程意外退出，索引未改动；请重试") from None
                ready[queued[c].popleft()] = (ok, value)
                _send_next(c, jobs, queued[c])
            while turn in ready:
                ok, value = ready.pop(turn)
                if not ok:
                    raise value
                yield value
                turn += 1
        done = True
    finally:
        _stop(procs, conns, gently=done)


def _send_next(conn: Connection, jobs: Iterator[tuple[int, Any]], queue: Any) -> None:
    job = next(jobs, None)
    if job is not None:
        queue.append(job[0])
        conn.send(job[1])


def _stop(procs: list[Any], conns: list[Connection], gently: bool) -> None:
    """End the workers: a clean end tells them to leave; anything else kills them.
    Neither waits on anything a worker holds."""
    for c in conns:
        try:
            if gently:
                c.send(None)
            c.close()
        except OSError:
            pass
    for p in procs:
        if not gently and p.pid is not None:
            try:
                p.kill()
            except OSError:
                pass
        if p.pid is not None:
            p.join(timeout=None if not gently else 10)
            if p.is_alive():  # a clean end that did not come: do not wait for ever
                p.kill()
                p.join()


def _serve(fn: Callable[[Any], Any], conn: Connection, parent: int, direct: bool) -> None:
    """A worker: fn(job) for each job that arrives, until None or the pipe closes."""
    watch_parent(parent, direct)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            result: tuple[bool, Any] = (True, fn(job))
        except Exception as e:  # noqa: BLE001 - sent to the parent, raised there
            result = (False, e)
        try:
            conn.send(result)
        except (EOFError, OSError):
            return
        except Exception as e:  # noqa: BLE001 - a result or exception that does not pickle
            conn.send((False, RuntimeError(f"{type(e).__name__}: {e}")))


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
