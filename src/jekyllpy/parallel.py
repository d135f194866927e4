"""Rendering on several cores with output identical to a serial build.

Jekyll renders every collection document, then every page, one after another; a template
that reads another item's `content`/`output` sees it converted when that item came earlier
and raw when it comes later. We fork workers that, with the parent, take that order's items
one by one as each becomes free (forking after `read`/`generate`, so workers share the site
read-only, copy-on-write).
A worker cannot see earlier items rendered by other processes, so reads of earlier items are
recorded; once all results are in, a reader is tainted if what it saw differs from what a
serial render would have shown (or if it read a tainted item), and the parent re-renders
tainted items serially with an exact view of Jekyll's order (`RenderView`).
Items whose rendering changes the site (Sass pages add source-map pages) are barriers
rendered in the parent, so everything after them sees the site as a serial render would.
"""
from __future__ import annotations

import gc
import marshal
import os
import struct
from typing import TYPE_CHECKING, Any, Callable

from jekyllpy.errors import JekyllpyError
from jekyllpy.logger import hold_in_parent, hold_records, release, replay_records

if TYPE_CHECKING:
    from jekyllpy.site import Site

MIN_ITEMS_PER_WORKER = 8


class RenderView:
    """Which state of another item a render may see, in Jekyll's serial order."""

    def __init__(self, order: list) -> None:
        self.seq = {id(item): i for i, item in enumerate(order)}
        self.raw: dict[int, str] = {}
        self.cursor: int | None = None       # parent re-render: items after it look unrendered
        self.mine: set[int] | None = None     # worker: the items this process renders
        self.phase_start = 0                  # first item of the phase being rendered
        self.current: int | None = None
        self.reads: list[tuple[int, int, str]] = []  # (reader, earlier item read, "content"/"output"/"pages")
        self.tainted: set[int] = set()
        self.deferred: set[int] = set()       # early items rendered at the end of their phase,
                                              # their added pages not announced
        self.may_pend = False                 # deferred items nobody read may stay unrendered
        self.pending: list[int] = []          # ... and these did (render_in_parallel's result)

    def content(self, item) -> Any:
        self._note(item, "content")
        i = self.seq.get(id(item))
        if self.cursor is not None and i is not None and i > self.cursor:
            return self.raw.get(i, item.content)
        return item.content

    def output(self, item) -> Any:
        self._note(item, "output")
        i = self.seq.get(id(item))
        if self.cursor is not None and i is not None and i > self.cursor:
            return None
        return item.output

    def _note(self, item, kind: str) -> None:
        """Remember reads of earlier items of this phase: serially they would be rendered by
        now; whether this process saw the same is decided once all results are in."""
        if self.mine is None or self.current is None:
            return
        i = self.seq.get(id(item))
        if i is not None and self.phase_start <= i < self.current:
            self.reads.append((self.current, i, kind))

    def current_lists_pages(self) -> None:
        """`site.pages`/`site.html_pages` was listed: it lacks the pages a deferred item adds."""
        if self.mine is not None and self.current is not None and self.deferred:
            self.reads.append((self.current, -1, "pages"))

    def settle(self, order: list, rendered_by: dict[int, int]) -> None:
        """Taint every reader that saw something a serial render would not have shown."""
        for reader, item, kind in sorted(self.reads):
            if kind == "pages":  # listed the pages before a deferred item before it added its own
                if any(self.phase_start <= d < reader for d in self.deferred):
                    self.tainted.add(reader)
                continue
            if item in self.tainted:
                self.tainted.add(reader)
            elif rendered_by.get(item) != rendered_by.get(reader):
                final = order[item].content if kind == "content" else order[item].output
                seen = self.raw.get(item) if kind == "content" else None
                if final != seen:
                    self.tainted.add(reader)
        self.reads.clear()


def render_in_parallel(site: Site, order: list, render_one: Callable, jobs: int,
                       early: Callable[[Any], bool] = lambda item: False,
                       ready: Callable[[], bool] | None = None,
                       announce: Callable[[Any], list] | None = None, may_pend: bool = False) -> list[int]:
    """Render `order` (docs then pages) like a serial loop, on up to `jobs` processes.

    `early(item)`: items whose result does not depend on other items (Sass pages compiled
    by another process); they render at the start of their phase, and pages they add are
    hidden from the items before them (`Page.added_by`, honoured by the `site.pages` drop).
    `ready()`: whether the early items' results are there yet; when given and false, the
    phase renders first and the early items after it (the parent would only have waited),
    and items after them that saw their state or listed the pages render again; the phase's
    workers start only once the other process is done (both cores are busy until then).
    `announce(item)`: adds now, as stand-ins, the pages a deferred item will add (their
    place and metadata final): listing the pages then needs no second render, and reading a
    stand-in counts as reading the item. With `may_pend`, deferred items of the last phase
    that nobody read are left to the caller — their indices are returned — to render once
    everything else is written (`Site.process`; the writer waits for them last)."""
    view = RenderView(order)
    for i, item in enumerate(order):
        view.raw[i] = item.content
    site.render_view = view
    try:
        n_docs = sum(1 for item in order if not getattr(item, "is_page", False))
        # Phase 1: documents; phase 2: pages (which see every document converted). Items whose
        # rendering changes the site (Sass pages add a source-map page) are barriers: they
        # render in the parent, between the phases before and after them.
        bounds = [0, n_docs, len(order)]
        barriers = [i for i, item in enumerate(order) if _serial_only(item) and not early(item)]
        bounds += barriers + [i + 1 for i in barriers]
        bounds = sorted(set(bounds))
        for start, stop in zip(bounds, bounds[1:]):
            if stop - start == 1 and _serial_only(order[start]) and not early(order[start]):
                view.phase_start = start
                view.current = start
                render_one(order[start])
                view.current = None
                continue
            skip, deferred, announced = set(), [], set()
            for i in range(start, stop):
                if early(order[i]):
                    skip.add(i)
                    if ready is not None and not ready():
                        deferred.append(i)
                        if announce is not None:
                            for page in announce(order[i]):
                                view.seq[id(page)] = i  # its readers read the item
                            announced.add(i)
                        continue
                    view.current = i
                    render_one(order[i])
            view.current = None
            busy = (lambda: not ready()) if deferred else None
            view.may_pend = may_pend and stop == len(order)
            _render_phase(site, order, view, render_one, jobs, start, stop, skip, deferred, busy,
                          announced)
        view.mine = None
        if view.tainted:  # their second render might read what was left pending
            _render_pending(order, view, render_one)
        for i in sorted(view.tainted):
            item = order[i]
            item.content = view.raw[i]  # as before its serial render: raw, no output
            item.output = None
            view.cursor = view.current = i
            render_one(item)
        view.cursor = view.current = None
        return view.pending
    finally:
        site.render_view = None


def _render_pending(order, view, render_one) -> None:
    for i in view.pending:
        view.current = i
        render_one(order[i])
    view.current = None
    view.pending = []


def _serial_only(item) -> bool:
    return getattr(item, "asset_file", False)


def _render_holding(site, order, view, render_one, i: int, logs: dict) -> None:
    """Render item `i` in the parent, its log lines kept in `logs[i]` for the ordered replay."""
    held = hold_in_parent(site.logger)
    view.current = i
    try:
        render_one(order[i])
    finally:
        view.current = None
        release(site.logger)
        if held is not None:
            logs[i] = held


def _render_deferred(site, order, view, render_one, deferred: list[int], rendered_by: dict[int, int],
                     logs: dict, error: tuple | None) -> tuple | None:
    """The early items whose results came late, in the parent after the rest of the phase
    (up to the phase's first error, which a serial render would not have passed). Each counts
    as rendered by a process of its own, so every later reader of its content or output is
    checked (`RenderView.settle`), as is every later listing of the pages. Returns the
    phase's first error."""
    for i in deferred:
        if error is not None and i > error[0]:
            break
        if view.may_pend and error is None and not any(item == i for _reader, item, _kind in view.reads):
            view.pending.append(i)
            continue
        try:
            _render_holding(site, order, view, render_one, i, logs)
        except JekyllpyError as exc:
            return (i, exc)
        rendered_by[i] = -1 - i
    return error


def _render_serially(site, order, view, render_one, indices: list[int], deferred: list[int]) -> None:
    """One process, some early items deferred: as the parallel branch does, lines are kept
    per item and replayed in order, and reads are recorded for `RenderView.settle`."""
    view.mine = set()
    logs: dict[int, list] = {}
    rendered_by: dict[int, int] = {}
    error = None
    for i in indices:
        try:
            _render_holding(site, order, view, render_one, i, logs)
        except JekyllpyError as exc:
            error = (i, exc)
            break
        rendered_by[i] = 0
    _finish_phase(site, order, view, render_one, deferred, rendered_by, logs, error)


def _finish_phase(site, order, view, render_one, deferred: list[int], rendered_by: dict[int, int],
                  logs: dict, error: tuple | None) -> None:
    """After a phase's items: its deferred items, every item's log lines in Jekyll's order,
    its first error raised, or else the readers that saw something a serial render would
    not have shown marked for rendering again."""
    error = _render_deferred(site, order, view, render_one, deferred, rendered_by, logs, error)
    for i in sorted(logs):
        replay_records(site.logger, logs[i])
    if error is not None:
        raise error[1]
    view.mine = None
    view.settle(order, rendered_by)


def _render_phase(site, order, view, render_one, jobs, start, stop, skip=frozenset(), deferred=(),
                  busy: Callable[[], bool] | None = None, announced=frozenset()) -> None:
    """Render `order[start:stop]` (less `skip`) on up to `jobs` processes, then `deferred`.
    `busy()`: another process of the build (the Sass head start) still holds a core; while
    it does, the parent renders alone and forks the workers once that core is free."""
    view.phase_start = start
    view.deferred = set(deferred) - set(announced)
    indices = [i for i in range(start, stop) if i not in skip]
    workers = min(jobs, max(1, len(indices) // MIN_ITEMS_PER_WORKER))
    # Items are handed out one at a time, in order, to whichever process is free: a phase
    # mixes cheap items with a few very heavy ones (archive pages listing every post), and
    # fixed shares left one process idle while the other finished.
    dispenser = _Dispenser.make(indices) if workers > 1 else None
    if dispenser is None:  # one process, or no shared memory to share the items through
        if deferred:
            _render_serially(site, order, view, render_one, indices, list(deferred))
            view.deferred = set()
            return
        for i in indices:
            view.current = i
            render_one(order[i])
        view.current = None
        return
    # Objects that exist now are shared with the workers copy-on-write; keep the cyclic GC
    # from walking (and so copying) them in every worker.
    gc.freeze()

    def fork_workers() -> list[tuple[int, int]]:
        return [fork_child(lambda fd: _worker(order, view, render_one, dispenser, fd, site))
                for _k in range(workers - 1)]

    waiting = busy is not None and busy()
    children = [] if waiting else fork_workers()
    # The parent takes items too, in order. Every item's log lines are kept and replayed in
    # Jekyll's order at the end, so the grouped log reads as a serial build's.
    error: tuple[int, BaseException] | None = None
    rendered_by: dict[int, int] = {}
    logs: dict[int, list] = {}
    view.mine = set()
    held = hold_in_parent(site.logger)
    try:
        while (i := dispenser.take()) is not None:
            view.current = i
            rendered_by[i] = 0
            mark = len(held) if held is not None else 0
            try:
                render_one(order[i])
            except JekyllpyError as exc:
                error = (i, exc)
                dispenser.stop()  # every earlier item was taken already: it still finishes
                break
            finally:
                if held is not None:
                    logs[i] = held[mark:]
            if waiting and not busy():  # a core came free: the rest of the phase is shared
                waiting = False
                gc.freeze()
                children = fork_workers()
    finally:
        release(site.logger)
    view.current = None
    for k, (pid, read_fd) in enumerate(children, start=1):
        kind, data = receive_result(pid, read_fd, ("crash", "worker died without a result"))
        if kind == "ok":
            results, reads, logged, clock_read = data
            logs.update(logged)
            site.clock_read = site.clock_read or clock_read
            site.progress.advance(len(results))
            for i, content, output in results:
                order[i].content, order[i].output = content, output
                rendered_by[i] = k
            view.reads.extend(reads)
        elif kind == "error":
            i, exc = data
            if error is None or i < error[0]:
                error = (i, exc)
        else:
            raise RuntimeError(f"a render worker failed:\n{data}")
    gc.unfreeze()
    _finish_phase(site, order, view, render_one, list(deferred), rendered_by, logs, error)
    view.deferred = set()


def fork_child(work: Callable[[int], None]) -> tuple[int, int]:
    """Fork a process that runs `work(write_fd)` and exits — status 1 if it raised; it never
    falls back into the parent's code. Returns its pid and the read end of its pipe."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        code = 0
        try:
            work(write_fd)
        except BaseException:  # noqa: BLE001 - the parent reports a missing result
            code = 1
        finally:
            os._exit(code)
    os.close(write_fd)
    return pid, read_fd


class _Dispenser:
    """The phase's item indices, handed out in order across forked processes: a counter in
    shared memory behind a lock (both made before forking)."""

    def __init__(self, indices: list[int]) -> None:
        import multiprocessing

        self.indices = indices
        self.next = multiprocessing.RawValue("q", 0)
        self.lock = multiprocessing.Lock()

    @classmethod
    def make(cls, indices: list[int]) -> "_Dispenser | None":
        """None where the system has no shared semaphores (some sandboxes lack /dev/shm):
        the phase then renders serially, with the same output."""
        try:
            return cls(indices)
        except (OSError, ImportError):
            return None

    def take(self) -> int | None:
        with self.lock:
            k = self.next.value
            if k >= len(self.indices):
                return None
            self.next.value = k + 1
        return self.indices[k]

    def stop(self) -> None:
        with self.lock:
            self.next.value = len(self.indices)


def _worker(order, view, render_one, dispenser: _Dispenser, write_fd, site) -> None:
    view.mine = set()
    view.reads = []  # forked in the middle of a phase: the parent's reads are the parent's
    held = hold_records(site.logger)
    logged: dict[int, list] = {}
    results = []
    try:
        while (i := dispenser.take()) is not None:
            view.current = i
            mark = len(held)
            render_one(order[i])
            logged[i] = held[mark:]
            results.append((i, order[i].content, order[i].output))
        from jekyllpy.cache import save_all

        save_all()  # this worker's conversions, for the next build
        message = ("ok", (results, view.reads, logged, site.clock_read))
    except JekyllpyError as exc:
        dispenser.stop()
        message = ("error", (view.current, exc))
    except BaseException:  # noqa: BLE001
        dispenser.stop()
        import traceback

        message = ("crash", traceback.format_exc())
    send_result(write_fd, message)


def send_result(fd: int, message: Any, plain: bool = False) -> None:
    """A forked child's answer to its parent: pickled, its length first; the pipe is closed.
    `plain`: the message holds only str/bytes/numbers/None in tuples, lists and dicts, and is
    sent with marshal, which needs no import (pickle's costs a child ~2 ms)."""
    if plain:
        data = b"M" + marshal.dumps(message)
    else:
        import pickle

        data = b"P" + pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    with os.fdopen(fd, "wb") as fh:
        fh.write(struct.pack("<Q", len(data)))
        fh.write(data)


def receive_result(pid: int, fd: int, missing: Any, reap: bool = True) -> Any:
    """The answer of the child `pid` on `fd` (read before the child is reaped: a large answer
    fills the pipe, and the child waits for it to be read), or `missing` if it sent none.
    `reap=False`: the caller reaps the child later (`os.waitpid`) — a forked child takes a
    few milliseconds to exit, which the caller need not wait for now."""
    try:
        with os.fdopen(fd, "rb") as fh:
            head = fh.read(8)
            payload = fh.read(struct.unpack("<Q", head)[0]) if len(head) == 8 else b""
    finally:
        if reap:
            os.waitpid(pid, 0)
    if not payload:
        return missing
    if payload[:1] == b"M":
        return marshal.loads(memoryview(payload)[1:])
    import pickle

    return pickle.loads(memoryview(payload)[1:])
