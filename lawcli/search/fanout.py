"""Run work over contiguous chunks of a list in forked processes, results in order.

Why: a search of a directory without an index parses every file that may hold a
hit, and parsing is pure Python — one CPU.  Forked children parse the later
chunks while this process does the first, so on a machine with several CPUs the
wall time is about that of one chunk.  os.fork and a pipe per child rather than
multiprocessing: its import alone costs more than a child's work on a small
corpus, and a child needs nothing but the state it inherits.

Only where fork is the platform's safe default (Linux); elsewhere, and for
small inputs, the work runs here, in order, with the same results.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing's constant without importing typing (start-up)

if TYPE_CHECKING:
    from typing import Any, Callable, Iterator, Sequence


def jobs_for(total_bytes: int, count: int) -> int:
    """How many processes to use: LAWCLI_JOBS when set (1 = never fork), else one per
    CPU (at most 4) for at least 1 MB in 4 or more files."""
    env = os.environ.get("LAWCLI_JOBS", "").strip()
    if env.isdigit() and int(env) > 0:
        return min(int(env), count) if sys.platform.startswith("linux") else 1
    if not sys.platform.startswith("linux") or total_bytes < 1_000_000 or count < 4:
        return 1
    return max(1, min(os.cpu_count() or 1, 4, count))


def split(items: Sequence[Any], sizes: Sequence[int], n: int) -> list[list[Any]]:
    """n contiguous chunks of roughly equal total size (none empty)."""
    total = sum(sizes) or 1
    chunks: list[list[Any]] = [[]]
    acc = 0
    for item, size in zip(items, sizes):
        if chunks[-1] and len(chunks) < n and acc >= total * len(chunks) / n:
            chunks.append([])
        chunks[-1].append(item)
        acc += size
    return chunks


def run(chunks: list[list[Any]], work: Callable[[list[Any]], Iterator[Any]]) -> Iterator[Any]:
    """work(chunk)'s items for every chunk, in order: the first chunk here (its items
    as they come), the others in forked children, each child's items after it.

    A child's items must pickle.  An exception in a child is raised here when its
    turn comes, as if the work had run in order.
    """
    import pickle

    children: list[tuple[int, int]] = []  # (pid, read end)
    try:
        for chunk in chunks[1:]:
            r, w = os.pipe()
            pid = os.fork()
            if pid == 0:  # the child: compute, send, leave without running anything else
                os.close(r)
                code = 0
                try:
                    try:
                        data = pickle.dumps((True, list(work(chunk))), pickle.HIGHEST_PROTOCOL)
                    except KeyboardInterrupt:
                        os._exit(130)
                    except Exception as e:  # noqa: BLE001 - sent to the parent, raised there
                        try:
                            data = pickle.dumps((False, e), pickle.HIGHEST_PROTOCOL)
                        except Exception:  # noqa: BLE001
                            data = pickle.dumps((False, RuntimeError(f"{type(e).__name__}: {e}")))
                    with os.fdopen(w, "wb") as out:
                        out.write(data)
                except BaseException:  # the parent went away (a closed pipe) or worse
                    code = 1
                os._exit(code)
            os.close(w)
            children.append((pid, r))
        yield from work(chunks[0])
        while children:
            pid, r = children.pop(0)
            with os.fdopen(r, "rb") as inp:
                data = inp.read()
            os.waitpid(pid, 0)
            ok, payload = pickle.loads(data) if data else (False, RuntimeError("a worker process died"))
            if not ok:
                raise payload
            yield from payload
    finally:
        import signal

        for pid, r in children:  # stopped early (an error, `| head`): end the others
            for call, arg in ((os.kill, (pid, signal.SIGTERM)), (os.close, (r,)), (os.waitpid, (pid, 0))):
                try:
                    call(*arg)
                except OSError:
                    pass
