"""Incremental rebuilds from a dependency graph recorded while rendering.

Jekyll's own `--incremental` serves stale pages because it only knows which file produced
which output. Here every rendered output records what it *read*, split by phase — the item's
own content (Liquid + converter) versus its layouts — because a listing page only changes when
another item's converted *content* changes, not when that item's layout does:

- tokens: ``layout:NAME`` (a layout's body), ``layoutfm:NAME`` (its front matter, visible to
  the content as ``layout.*``), ``include:NAME``, ``file:REL`` (``include_relative``), ``data:KEY``
  / ``data:*``, ``sass`` (any Sass source), ``time``;
- groups: ``site.posts``, ``site.pages``, a collection, ``site.documents`` …, and whether the
  item read another item's ``output`` (not only its content);
- collection documents also depend on their neighbours (``page.previous``/``page.next``).

Recording needs no change to the renderer: the recorder wraps the site's Liquid renderer
(``render_source``, ``load_include``, ``load_relative_include``), its ``site`` drop, its
``layouts`` and ``data`` mappings and the render view the drops consult for other items'
content, and listens to the public hooks. Render workers (parallel.py) hand their records back
through one file each, written when the worker saves its caches.

A rebuild (`IncrementalBuilder.rebuild(changed_paths)`):

1. classifies the paths: `_config.yml` or `_plugins/` → a full build; a body-only edit of a
   page or document, a layout, include, data or Sass file, a modified static file → patched in
   place (reading a 5,000-document site takes seconds, patching one file milliseconds);
   anything else (a file added or deleted, front matter edited) → the site is read and
   generated afresh and each item is matched to the previous build by key;
2. walks the render order once, predicting whether each item's output and content change (a
   reader sees earlier items rendered and later ones raw, as in Jekyll's serial order, so
   changes only flow forward); the site's shape (`Shape`: order, keys, groups, destinations)
   and the untouched items' meta digests are kept from the last rebuild, so planning a patch
   costs little more than the edit;
3. renders the dirty items — open pages first, after exactly the items they depend on, with
   an ordered view that shows every item as a serial render would have — and writes each
   output atomically as soon as it is rendered; outputs whose source is gone are deleted.
   `build --incremental` renders a costly tail of pages (listing pages) on forked workers.

Nothing changed → nothing is rendered: the outputs are only checked to be present.
The graph is pickled under `<cache_dir>/jekyllpy/incremental/` for `build --incremental`.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import os
import pickle
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

from jekyllpy.errors import JekyllpyError

if TYPE_CHECKING:
    from jekyllpy.site import Site

GRAPH_VERSION = 3
URL_ONLY_GROUPS = {"files"}  # groups whose readers see members' paths and URLs only
# `site.related_posts` (no LSI) is the ten newest posts other than the reader: a reader
# depends on the eleven newest, not on every post (each post of a Minimal Mistakes site
# reads it, so an edit of an older post would otherwise re-render every later post)
RECENT_POSTS = "recent_posts"
RELATED_POSTS_COUNT = 10

# site.<key> → the group it makes the reader depend on
_DROP_GROUPS = {
    "posts": "posts", "related_posts": RECENT_POSTS, "tags": "posts", "categories": "posts",
    "pages": "pages", "html_pages": "pages", "documents": "documents",
    "collections": "collections", "static_files": "static_files",
}


# ---------------------------------------------------------------------------------------
# fingerprints
# ---------------------------------------------------------------------------------------

def stable_repr(value: Any, depth: int = 0) -> str:
    """A repr that is the same for equal data across processes (no object ids): what a
    reader of an item can see of its data."""
    if depth > 40:
        return "…"
    if isinstance(value, dict):
        return "{" + ",".join(f"{stable_repr(k, depth + 1)}:{stable_repr(v, depth + 1)}"
                              for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(stable_repr(v, depth + 1) for v in value) + "]"
    if isinstance(value, (_dt.datetime, _dt.date, _dt.time)):  # tzinfo reprs carry ids
        return f"{type(value).__name__}({value.isoformat()})"
    if value is None or isinstance(value, (str, int, float, bool)):
        return repr(value)
    content = getattr(value, "content", None)  # an Excerpt: its raw text decides
    if isinstance(content, str):
        return f"<{type(value).__name__} {content!r}>"
    return f"<{type(value).__name__}>"


def _digest(*parts: Any) -> str:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(str(part).encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def _text_digest(text: str | None) -> str:
    if text is None:
        return "-"
    return hashlib.blake2b(text.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


# ---------------------------------------------------------------------------------------
# item keys
# ---------------------------------------------------------------------------------------

def _is_generated(item) -> bool:
    from jekyllpy.documents import PageWithoutAFile

    return isinstance(item, PageWithoutAFile)


def _reads_unknown(item) -> bool:
    """A generated page whose content is made outside Liquid (a feed or sitemap built in
    Python at render time, a Sass source map): what it reads is not recorded, so it renders
    whenever anything changes. Pages made from data alone at generate time (redirects) say
    so with `content_from_data`: their text is in their meta, their reads are recorded."""
    return _is_generated(item) and not getattr(item, "content_from_data", False)


def _row(site: Site, item) -> tuple:
    """(item, source rel, destination rel, key), computed once per item object when the
    site carries an index (a recorder attaches one, emptied when the site resets): a patch
    keeps the same objects, whose URLs are memoised anyway, so a rebuild of a 6,000-item
    site looks ~6,000 destinations up instead of recomputing them (~0.4 s)."""
    index = site.__dict__.get("_jp_item_index")
    if index is not None:
        row = index.get(id(item))
        if row is not None and row[0] is item:
            return row
    src = _source_rel(site, item)
    dest = os.path.relpath(item.destination(site.dest), site.dest).replace(os.sep, "/")
    kind = "s" if not hasattr(item, "output") else ("g" if _is_generated(item) else "r")
    row = (item, src, dest, f"{kind}:{src or ''}>{dest}")
    if index is not None:
        index[id(item)] = row  # holds the item: its id cannot be reused while listed
    return row


def _source_rel(site: Site, item) -> str | None:
    if _is_generated(item):
        return None
    path = getattr(item, "path", None)
    if not path:
        return None
    try:
        rel = os.path.relpath(path, site.source)
    except ValueError:
        return None
    return None if rel.startswith("..") else rel.replace(os.sep, "/")


def source_rel(site: Site, item) -> str | None:
    """The item's source file relative to the source, or None for generated pages."""
    return _row(site, item)[1]


def dest_rel(site: Site, item) -> str:
    return _row(site, item)[2]


def item_key(site: Site, item) -> str:
    """Stable across builds: source path and destination (a paginated template has one
    source and many destinations; a generated page has no source)."""
    return _row(site, item)[3]


def render_order(site: Site) -> list:
    """The order Site.render uses: every collection's documents, then the pages — less
    the pages another item's rendering added (a Sass page's source map), which a build
    writes as they are."""
    return [doc for c in site.collections.values() for doc in c.docs] + \
        [p for p in site.pages if getattr(p, "added_by", None) is None]


def _meta(site: Site, item, raw: str | None) -> str:
    """What another item can see of this one without rendering it: data, url, raw text."""
    data = getattr(item, "data", None)
    if isinstance(data, dict):
        data = {k: v for k, v in data.items() if k != "excerpt"}
        excerpt = item.data.get("excerpt")
        from jekyllpy.documents import Excerpt

        # a generated excerpt follows from the raw text (below); rendering rewrites it
        data_repr = stable_repr(data) + ("<Excerpt>" if isinstance(excerpt, Excerpt) else stable_repr(excerpt))
    else:
        data_repr = ""
    url = getattr(item, "url", "")
    extra = ""
    if not hasattr(item, "output"):  # static file: its time shows unless builds are pinned
        if not os.environ.get("SOURCE_DATE_EPOCH", "").strip().isdigit():
            try:
                extra = str(os.stat(item.path).st_mtime_ns)
            except OSError:
                extra = "gone"
    return _digest(data_repr, url, _text_digest(raw), extra)


# ---------------------------------------------------------------------------------------
# the records
# ---------------------------------------------------------------------------------------

@dataclass
class Record:
    """What one rendered output read, and what it produced."""

    key: str
    src: str | None = None
    dest: str = ""
    always: bool = False
    content_tokens: set = field(default_factory=set)
    layout_tokens: set = field(default_factory=set)
    content_groups: set = field(default_factory=set)
    layout_groups: set = field(default_factory=set)
    reads_output: bool = False
    outputs_read: set = field(default_factory=set)  # keys of other items whose output it read
    meta: str = ""
    neighbours: str = ""
    content: str | None = None   # converted content (restored for clean items)
    output_digest: str = ""
    cost: float = 0.0            # seconds its last render took (decides forking a rebuild)

    def tokens(self) -> set:
        return self.content_tokens | self.layout_tokens

    def groups(self) -> set:
        return self.content_groups | self.layout_groups


@dataclass
class Graph:
    records: dict = field(default_factory=dict)         # key → Record
    groups: dict = field(default_factory=dict)          # group → tuple of member keys
    metas: dict = field(default_factory=dict)           # key → meta digest (every item)
    statics: dict = field(default_factory=dict)         # static key → (src, dest)
    layouts: dict = field(default_factory=dict)         # name → (body digest, data digest)
    data: dict = field(default_factory=dict)            # data key → digest
    signatures: dict = field(default_factory=dict)      # source rel → (mtime_ns, size)
    time: Any = None
    config: str = ""

    def keys_for_source(self, rel: str) -> list[str]:
        return [k for k, r in self.records.items() if r.src == rel] + \
               [k for k, (src, _d) in self.statics.items() if src == rel]


class _Builder:
    __slots__ = ("key", "phase", "ctok", "ltok", "cgrp", "lgrp", "reads_output", "outputs", "started")

    def __init__(self, key: str) -> None:
        self.key = key
        self.phase: list[str] = []
        self.ctok: set = set()
        self.ltok: set = set()
        self.cgrp: set = set()
        self.lgrp: set = set()
        self.reads_output = False
        self.outputs: set = set()
        self.started = time.perf_counter()

    def token(self, tok: str, phase: str | None = None) -> None:
        phase = phase or (self.phase[-1] if self.phase else "content")
        (self.ctok if phase == "content" else self.ltok).add(tok)

    def group(self, name: str) -> None:
        phase = self.phase[-1] if self.phase else "content"
        (self.cgrp if phase == "content" else self.lgrp).add(name)


# ---------------------------------------------------------------------------------------
# recording
# ---------------------------------------------------------------------------------------

class _RecordingDict(dict):
    """`site.data` / `site.layouts` that tell the recorder which keys a render looked up."""

    __slots__ = ("_note",)

    def __init__(self, data: dict, note: Callable[[str], None]) -> None:
        super().__init__(data)
        self._note = note

    def __getitem__(self, key):
        self._note(str(key))
        return super().__getitem__(key)

    def get(self, key, default=None):
        self._note(str(key))
        return super().get(key, default)

    def __contains__(self, key) -> bool:
        self._note(str(key))
        return super().__contains__(key)

    def __iter__(self):
        self._note("*")
        return super().__iter__()

    def keys(self):
        self._note("*")
        return super().keys()

    def values(self):
        self._note("*")
        return super().values()

    def items(self):
        self._note("*")
        return super().items()

    def __len__(self) -> int:
        self._note("*")
        return super().__len__()

    def __reduce__(self):  # pickled (parallel workers, caches) as the plain dict it is
        return (dict, (dict(super().items()),))


class OrderedView:
    """What drops see of other items while one item renders: in Jekyll's serial order,
    items after the current one are still raw (no output). Also records, for the graph,
    that the current item read another item's content or output."""

    def __init__(self, recorder: "Recorder", seq: dict[int, int], raw: dict[int, str]) -> None:
        self.recorder = recorder
        self.seq = seq
        self.raw = raw
        self.cursor: int | None = None
        self.current: int | None = None
        # in a render worker (IncrementalBuilder._render_forked): positions other processes
        # render, and the items here that saw one of them before it was rendered
        self.foreign: set[int] = set()
        self.tainted: set[int] = set()

    def _later(self, item) -> int | None:
        i = self.seq.get(id(item))
        if self.cursor is not None and i is not None and i > self.cursor:
            return i
        if i is not None and self.cursor is not None and (i in self.foreign or i in self.tainted):
            self.tainted.add(self.cursor)  # an earlier item this process has no final text of
        return None

    def current_lists_pages(self) -> None:
        """Nothing to do: an incremental render defers no item (cf. parallel.RenderView), and
        the graph records `site.pages` readers through the site drop."""

    def content(self, item):
        i = self._later(item)
        return self.raw.get(i, item.content) if i is not None else item.content

    def output(self, item):
        self.recorder.note_output(item)
        return None if self._later(item) is not None else item.output


class Recorder:
    """Attached to a site: records each rendered item's dependencies (see module doc)."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.parent_pid = os.getpid()
        self.records: dict[str, Record] = {}   # built by the last render
        self.current: _Builder | None = None
        self.current_item = None
        self.enabled = True
        self.in_rebuild = False
        self.raw: dict[str, str] = {}          # key → raw content before rendering
        self.read_meta: dict[str, str] = {}    # key → data digest right after reading
        self._tmpdir: str | None = None
        self._flusher = _WorkerFlush(self)
        self._own_view: OrderedView | None = None
        self._keys: dict[int, str] = {}
        site.__dict__["_jp_item_index"] = {}
        hooks = site.hooks
        hooks.register("site", "after_reset", lambda s, *a: self.reset(), priority=-100)
        hooks.register("site", "post_read", lambda s, *a: self.after_read(), priority=-100)
        hooks.register("site", "pre_render", lambda s, *a: self.before_render(), priority=-100)
        hooks.register(["pages", "documents"], "pre_render", self.item_pre_render, priority=100)
        hooks.register("site", "post_render", lambda s, *a: self.after_render(), priority=100)
        self.wrap()
        if site._read_done:  # attached after reading (not the usual case)
            self.after_read()

    def reset(self) -> None:
        """A reset site has new items: forget their keys, wrap the new renderer."""
        self.site.__dict__["_jp_item_index"] = {}
        self.wrap()

    # wrapping -----------------------------------------------------------------------
    def wrap(self) -> None:
        site = self.site
        from jekyllpy.liquid.drops import SiteDrop

        recorder = self

        class RecordingSiteDrop(SiteDrop):
            def __getitem__(self, key):
                recorder.note_site_key(key)
                return super().__getitem__(key)

            def get(self, key, default=None):
                recorder.note_site_key(key)
                return super().get(key, default)

        if not isinstance(site.site_drop, RecordingSiteDrop):
            drop = RecordingSiteDrop(site)
            drop.current_document = site.site_drop.current_document
            site.site_drop = drop
            site.payload["site"] = drop
        liquid = site.liquid
        if getattr(liquid, "_jekyllpy_recording", None) is not self:
            liquid._jekyllpy_recording = self
            original_render = liquid.render_source
            original_include = liquid.load_include
            original_relative = liquid.load_relative_include

            def render_source(source, path, assigns, line_offset=1):
                b = recorder.current
                if b is None:
                    return original_render(source, path, assigns, line_offset)
                item = recorder.current_item
                inner = b.phase[-1] if b.phase else None
                if inner == "content" or str(path) == str(getattr(item, "path", "")):
                    b.phase.append("content")
                else:
                    b.phase.append("layout")
                try:
                    return original_render(source, path, assigns, line_offset)
                finally:
                    b.phase.pop()

            def load_include(name, token):
                if recorder.current is not None:
                    recorder.current.token(f"include:{name}")
                    caller = sys._getframe(1).f_locals.get("self")
                    if type(caller).__name__ == "IncludeCachedNode":
                        # its text is rendered once and reused: see _share_cached_includes
                        recorder.current.token(f"include_cached:{name}")
                return original_include(name, token)

            def load_relative_include(current_dir, name, token):
                if recorder.current is not None:
                    base = os.path.join(str(site.source), str(current_dir))
                    rel = os.path.relpath(os.path.normpath(os.path.join(base, name)), site.source)
                    recorder.current.token(f"file:{rel.replace(os.sep, '/')}")
                return original_relative(current_dir, name, token)

            liquid.render_source = render_source
            liquid.load_include = load_include
            liquid.load_relative_include = load_relative_include
        if not getattr(site, "_jekyllpy_files_wrapped", False):
            original_files = site.each_site_file

            def each_site_file():
                if recorder.current is not None:
                    recorder.current.group("files")
                return original_files()

            site.each_site_file = each_site_file
            site._jekyllpy_files_wrapped = True

    def wrap_mappings(self) -> None:
        site = self.site
        if not isinstance(site.data, _RecordingDict):
            site.data = _RecordingDict(site.data, self.note_data)
        if not isinstance(site.layouts, _RecordingDict):
            site.layouts = _RecordingDict(site.layouts, self.note_layout)

    # notes ---------------------------------------------------------------------------
    def note_site_key(self, key) -> None:
        b = self.current
        if b is None or not isinstance(key, str):
            return
        group = _DROP_GROUPS.get(key)
        if group is not None:
            b.group(group)
        elif key == "time":
            b.token("time")
        elif key in self.site.collections:
            b.group("c:" + key)

    def note_data(self, key: str) -> None:
        if self.current is not None:
            self.current.token(f"data:{key}")

    def note_layout(self, name: str) -> None:
        b = self.current
        if b is None:
            return
        if not b.phase:  # between phases: the layout's data is in `layout` for the content
            b.token(f"layoutfm:{name}", "content")
            b.token(f"layout:{name}", "layout")
        else:
            b.token(f"layout:{name}")
            b.token(f"layoutfm:{name}")

    def note_output(self, item) -> None:
        """Which other items' output the current one read (not a flag: a page that prints
        one post's output must not wait for every post)."""
        if self.current is not None and item is not self.current_item:
            self.current.reads_output = True
            key = self._keys.get(id(item))
            if key is None:
                try:
                    key = self._keys[id(item)] = item_key(self.site, item)
                except Exception:  # noqa: BLE001 - an excerpt or odd object: no key
                    return
            self.current.outputs.add(key)

    # hooks ---------------------------------------------------------------------------
    def after_read(self) -> None:
        """Wrap data/layouts; note each item's data as read (before generators touch it),
        which a body-only patch compares against."""
        self.wrap_mappings()
        site = self.site
        self.read_meta = {}
        for item in render_order(site):
            try:
                self.read_meta[item_key(site, item)] = stable_repr(_plain_data(item.data))
            except Exception:  # noqa: BLE001 - an item without a destination yet: no patching
                continue

    def before_render(self) -> None:
        """Snapshot raw contents; make sure other items' reads go through a view."""
        site = self.site
        self.parent_pid = os.getpid()
        self._keys = {}
        if self.in_rebuild:  # IncrementalBuilder keeps raw texts and installs its own view
            self._tmpdir = None
            return
        self.records = {}
        order = render_order(site)
        self.raw = {}
        for item in order:
            self.raw[item_key(site, item)] = item.content
        if site.render_view is None and self.enabled:
            self._own_view = OrderedView(self, {}, {})
            site.render_view = self._own_view
        self._tmpdir = tempfile.mkdtemp(prefix="jekyllpy-deps-")
        from jekyllpy import cache

        cache._LIVE.add(self._flusher)  # saved by each render worker with its caches

    def item_pre_render(self, item, *_args) -> None:
        from jekyllpy.documents import Excerpt

        if isinstance(item, Excerpt) or not self.enabled:
            return  # an excerpt renders inside its reader: its reads are the reader's
        site = self.site
        view = site.render_view
        if view is not None and not isinstance(view, OrderedView) and not getattr(view, "_jp_wrapped", False):
            _wrap_parallel_view(view, self)
        key = item_key(site, item)
        b = _Builder(key)
        if getattr(item, "pager", None) is not None:
            b.cgrp.add("posts")
        if getattr(item, "extname", "") in (".scss", ".sass"):
            b.ctok.add("sass")
        # Renderer.run looks the item's layout up just before this hook fires
        name = item.data.get("layout") if isinstance(getattr(item, "data", None), dict) else None
        if name is not None:
            from jekyllpy.renderer import _layout_key

            b.ctok.add(f"layoutfm:{_layout_key(name)}")
            b.ltok.add(f"layout:{_layout_key(name)}")
        self._close_cost()
        self.current = b
        self.current_item = item
        self.records[key] = self._record_from(b, item)

    def _close_cost(self) -> None:
        """The item rendering until now is done (items render one after another)."""
        b = self.current
        if b is not None:
            rec = self.records.get(b.key)
            if rec is not None and getattr(rec, "_builder", None) is b:
                rec.cost = time.perf_counter() - b.started

    def _record_from(self, b: _Builder, item) -> Record:
        # The record shares the builder's sets: it fills in while the item renders.
        rec = Record(key=b.key, src=source_rel(self.site, item), dest=dest_rel(self.site, item),
                     always=_reads_unknown(item))
        rec.content_tokens, rec.layout_tokens = b.ctok, b.ltok
        rec.content_groups, rec.layout_groups = b.cgrp, b.lgrp
        rec.outputs_read = b.outputs
        rec._builder = b  # type: ignore[attr-defined]
        return rec

    def after_render(self) -> None:
        site = self.site
        if self._own_view is not None and site.render_view is self._own_view:
            site.render_view = None
        self._own_view = None
        self._close_cost()
        self.current = None
        self.current_item = None
        self._merge_worker_records()
        for rec in self.records.values():
            b = getattr(rec, "_builder", None)
            if b is not None:
                rec.reads_output = rec.reads_output or b.reads_output
                del rec._builder  # type: ignore[attr-defined]

    def _merge_worker_records(self) -> None:
        tmp = self._tmpdir
        self._tmpdir = None
        if not tmp:
            return
        try:
            for name in os.listdir(tmp):
                try:
                    with open(os.path.join(tmp, name), "rb") as fh:
                        records = pickle.load(fh)
                except Exception:  # noqa: BLE001 - a torn file: those items count as unknown
                    continue
                for key, rec in records.items():
                    self.records.setdefault(key, rec)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    def flush_worker(self) -> None:
        """In a render worker: hand this process's records to the parent."""
        if os.getpid() == self.parent_pid or not self._tmpdir:
            return
        self._close_cost()
        out = {key: detached(rec) for key, rec in self.records.items()}
        path = os.path.join(self._tmpdir, f"{os.getpid()}.pickle")
        with open(path + ".tmp", "wb") as fh:
            pickle.dump(out, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(path + ".tmp", path)


def detached(rec: Record) -> Record:
    """A finished copy of a record still filling in (sets shared with its builder): what a
    render worker sends its parent."""
    b = getattr(rec, "_builder", None)
    return Record(key=rec.key, src=rec.src, dest=rec.dest, always=rec.always,
                  content_tokens=set(rec.content_tokens), layout_tokens=set(rec.layout_tokens),
                  content_groups=set(rec.content_groups), layout_groups=set(rec.layout_groups),
                  reads_output=rec.reads_output or bool(b and b.reads_output),
                  outputs_read=set(rec.outputs_read), cost=rec.cost)


class _WorkerFlush:
    """Registered with jekyllpy.cache's savers: a render worker calls `save()` before it
    exits, which is our moment to write its records."""

    def __init__(self, recorder: Recorder) -> None:
        self.recorder = recorder

    def save(self) -> None:
        try:
            self.recorder.flush_worker()
        except OSError:
            pass


def _wrap_parallel_view(view, recorder: Recorder) -> None:
    original_output = view.output

    def output(item):
        recorder.note_output(item)
        return original_output(item)

    view.output = output
    view._jp_wrapped = True


# ---------------------------------------------------------------------------------------
# taking stock after a build
# ---------------------------------------------------------------------------------------

def _group_members(site: Site, keys: dict[int, str], files: list | None = None) -> dict[str, tuple]:
    def ks(items) -> tuple:
        return tuple(keys[id(i)] for i in items if id(i) in keys)

    groups = {
        "posts": ks(site.posts.docs),
        "pages": ks(site.pages),
        "documents": ks(site.documents()),
        "collections": ks([x for c in site.collections.values() for x in list(c.docs) + list(c.files)]),
        "static_files": ks(site.static_files),
        "files": ks(files if files is not None else list(site.each_site_file())),
        RECENT_POSTS: ks(site.posts.docs[-(RELATED_POSTS_COUNT + 1):]),
    }
    for label, c in site.collections.items():
        groups["c:" + label] = ks(c.docs)
    return groups


def _item_groups(groups: dict[str, tuple]) -> dict[str, list[str]]:
    """key → the groups it belongs to."""
    member_of: dict[str, list[str]] = {}
    for name, members in groups.items():
        for k in members:
            member_of.setdefault(k, []).append(name)
    return member_of


def all_items(site: Site, files: list | None = None) -> list:
    """Every item that has a key: what is rendered, and everything written (`files`:
    site.each_site_file() when the caller has it already)."""
    seen: set[int] = set()
    out = []
    for item in render_order(site) + (files if files is not None else list(site.each_site_file())):
        if id(item) not in seen:
            seen.add(id(item))
            out.append(item)
    return out


def _shape_signature(site: Site, order: list) -> tuple:
    """Which objects the site's lists hold, in which order (ids; the shape keeps the
    objects alive, so an id cannot be reused while it is compared)."""
    return (tuple(map(id, order)), tuple(map(id, site.pages)), tuple(map(id, site.static_files)),
            tuple((label, tuple(map(id, c.files))) for label, c in site.collections.items()))


class Shape:
    """The site's items and their places: render order, written files, keys, groups,
    collection neighbours, destinations. A patch changes texts, never which items exist or
    where they go, so a rebuild reuses the last shape while the site's lists hold the same
    objects (checked by `matches`, ~1 ms) instead of listing ~6,000 items again (~40 ms).
    Assumes an item's `write_enabled()` is stable while it exists (published, collection
    output and dates are fixed at read time)."""

    def __init__(self, site: Site, order: list | None = None) -> None:
        self.order = render_order(site) if order is None else order
        self.signature = _shape_signature(site, self.order)
        self.files = list(site.each_site_file())
        self.items = all_items(site, self.files)
        self.keys = {id(i): item_key(site, i) for i in self.items}
        self.order_keys = [self.keys[id(i)] for i in self.order]
        self.seq = {id(item): pos for pos, item in enumerate(self.order)}
        self.groups = _group_members(site, self.keys, self.files)
        self.member_of = _item_groups(self.groups)
        self.adjacent: dict[str, tuple] = {}   # document key → (previous key, next key)
        for c in site.collections.values():
            docs = c.docs
            for i, doc in enumerate(docs):
                prev = self.keys.get(id(docs[i - 1])) if i > 0 else None
                nxt = self.keys.get(id(docs[i + 1])) if i + 1 < len(docs) else None
                self.adjacent[self.keys[id(doc)]] = (prev, nxt)
        self.live = {dest_rel(site, item) for item in self.files}
        self.winners = {dest_rel(site, item): item for item in self.files}  # the last writer wins
        self.statics = site.static_files + [f for c in site.collections.values() for f in c.files]

    def matches(self, site: Site, order: list) -> bool:
        return _shape_signature(site, order) == self.signature

    def neighbours(self, metas: dict, changed: set[str] | None, records: dict) -> dict[str, tuple]:
        """key → (previous key, next key, digest of both metas). `changed`: the keys whose
        meta differs from the last graph's (taken from this same shape), whose `records`
        hold the digests of the rest; None: compute every digest."""
        out = {}
        for k, (prev, nxt) in self.adjacent.items():
            rec = records.get(k) if changed is not None else None
            if rec is not None and prev not in changed and nxt not in changed:
                out[k] = (prev, nxt, rec.neighbours)
            else:
                out[k] = (prev, nxt, _digest(prev, metas.get(prev), nxt, metas.get(nxt)))
        return out


class _RawByPosition:
    """The raw texts an OrderedView shows for later items, looked up by render position."""

    __slots__ = ("order_keys", "raw")

    def __init__(self, order_keys: list, raw: dict) -> None:
        self.order_keys, self.raw = order_keys, raw

    def get(self, pos: int, default=None):
        return self.raw.get(self.order_keys[pos], default)


def _layout_digests(site: Site) -> dict:
    layouts = dict.items(site.layouts) if isinstance(site.layouts, dict) else site.layouts.items()
    return {name: (_text_digest(layout.content), _digest(stable_repr(layout.data)))
            for name, layout in layouts}


def _data_digests(site: Site) -> dict:
    data = site.data
    items = dict.items(data) if isinstance(data, dict) else []
    return {str(k): _digest(stable_repr(v)) for k, v in items}


def config_digest(site: Site) -> str:
    from jekyllpy.cache import code_identity

    config = {k: v for k, v in site.config.items() if k not in ("serving", "watch", "livereload")}
    return _digest(code_identity(), stable_repr(config), site.environment,
                   os.environ.get("SOURCE_DATE_EPOCH", ""), os.environ.get("TZ", ""))


def source_signatures(site: Site) -> dict[str, tuple[int, int]]:
    """(mtime, size) of every file under the source, the destination and caches left out."""
    sigs: dict[str, tuple[int, int]] = {}
    source = str(site.source)
    skip = {os.path.realpath(site.dest)}
    cache_dir = site.config.get("cache_dir")
    if cache_dir:
        skip.add(os.path.realpath(site.in_source_dir(str(cache_dir))))
    for root, dirs, files in os.walk(source):
        dirs[:] = sorted(d for d in dirs if d not in (".git", ".jekyll-cache", ".sass-cache")
                         and os.path.realpath(os.path.join(root, d)) not in skip
                         and not d.startswith("." + site.dest.name + "."))
        for name in files:
            full = os.path.join(root, name)
            try:
                st = os.stat(full)
            except OSError:
                continue
            sigs[os.path.relpath(full, source).replace(os.sep, "/")] = (st.st_mtime_ns, st.st_size)
    return sigs


def take_stock(site: Site, recorder: Recorder, previous: Graph | None = None,
               rendered: set[str] | None = None, metas: dict | None = None,
               shape: "Shape | None" = None) -> Graph:
    """The graph after a build: records of rendered items (those of items left alone are
    carried over from `previous`), group memberships, every item's meta digest.

    `metas`: the digests this rebuild computed before rendering; items it did not render
    keep theirs (rendering changes only what it renders), the others are taken again.
    `shape`: the site's current Shape, if the caller has one."""
    if shape is None:
        shape = Shape(site)
    items = shape.items
    keys = shape.keys
    graph = Graph()
    raw = recorder.raw
    for item in items:
        k = keys[id(item)]
        meta = metas.get(k) if metas is not None and rendered is not None and k not in rendered else None
        graph.metas[k] = meta if meta is not None else _meta(site, item, raw.get(k, getattr(item, "content", None)))
        if not hasattr(item, "output"):
            graph.statics[k] = (source_rel(site, item), dest_rel(site, item))
    graph.groups = shape.groups
    neighbours = shape.neighbours(graph.metas, None, {})
    for item in items:
        if not hasattr(item, "output"):
            continue
        k = keys[id(item)]
        rec = recorder.records.get(k)
        carried = False
        if rec is None or (rendered is not None and k not in rendered):
            old = previous.records.get(k) if previous is not None else None
            carried = old is not None and rendered is not None and k not in rendered
            rec = old if old is not None else rec
        if rec is None:  # written but never rendered here (a Sass map page): unknown reads
            rec = Record(key=k, src=source_rel(site, item), dest=dest_rel(site, item), always=True)
        rec.meta = graph.metas[k]
        rec.neighbours = neighbours.get(k, (None, None, ""))[2]
        rec.content = item.content if isinstance(item.content, str) else None
        if not (carried and rec.output_digest):  # a clean item's output is what was written
            rec.output_digest = _text_digest(item.output)
        graph.records[k] = rec
    _share_cached_includes(graph.records)
    graph.layouts = _layout_digests(site)
    graph.data = _data_digests(site)
    graph.time = site.time
    graph.config = config_digest(site)
    return graph


def _share_cached_includes(records: dict) -> None:
    """`{% include_cached %}` renders an include once per build and pastes the text into
    every later page: what the first rendering read, every user of that include depends on.
    We do not know which reads were the include's, so users share all their dependencies."""
    users: dict[str, list] = {}
    for rec in records.values():
        for tok in rec.content_tokens | rec.layout_tokens:
            if tok.startswith("include_cached:"):
                users.setdefault(tok, []).append(rec)
    for recs in users.values():
        if len(recs) < 2:
            continue
        tokens = set().union(*(r.content_tokens | r.layout_tokens for r in recs))
        groups = set().union(*(r.content_groups | r.layout_groups for r in recs))
        reads_output = any(r.reads_output for r in recs)
        outputs = set().union(*(r.outputs_read for r in recs))
        for r in recs:
            r.content_tokens = r.content_tokens | tokens
            r.content_groups = r.content_groups | groups
            r.reads_output = r.reads_output or reads_output
            r.outputs_read = r.outputs_read | outputs


# ---------------------------------------------------------------------------------------
# writing one output
# ---------------------------------------------------------------------------------------

def write_atomic(path: Path, data: bytes) -> bool:
    """Replace a file in one step (a server reading it sees old or new bytes, never half);
    identical bytes are left alone. Returns whether the file changed."""
    try:
        if os.path.getsize(path) == len(data):
            with open(path, "rb") as fh:
                if fh.read() == data:
                    return False
    except OSError:
        pass
    def fill(fd: int, tmp: str) -> None:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)

    return _replace_via_temp(path, fill)


def _make_parent(path: Path) -> None:
    parent = path.parent
    # a file where a folder must go is replaced, as the full build's writer does
    probe = parent
    while not probe.exists():
        probe = probe.parent
    if probe.is_file():
        probe.unlink()
    parent.mkdir(parents=True, exist_ok=True)


def copy_atomic(src: str, path: Path) -> bool:
    def fill(fd: int, tmp: str) -> None:
        os.close(fd)
        shutil.copy2(src, tmp)

    return _replace_via_temp(path, fill)


def _replace_via_temp(path: Path, fill: Callable[[int, str], None]) -> bool:
    """Fill a temporary file next to `path` (`fill(fd, tmp_path)`), then rename it over
    `path` (a folder there is removed first); the temporary file never outlives a failure."""
    _make_parent(path)
    fd, tmp = tempfile.mkstemp(prefix=".jekyllpy-", dir=path.parent)
    try:
        fill(fd, tmp)
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return True


def _remove_output(dest: Path, rel: str) -> None:
    target = dest / rel
    try:
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        else:
            target.unlink()
    except FileNotFoundError:
        return
    # empty folders go too (a clean build would not have them)
    parent = target.parent
    while parent != dest and str(parent).startswith(str(dest)):
        try:
            parent.rmdir()
        except OSError:
            break
        parent = parent.parent


# ---------------------------------------------------------------------------------------
# the rebuild
# ---------------------------------------------------------------------------------------

@dataclass
class RebuildResult:
    """What one rebuild did. `outputs`: destination paths (relative) written or deleted."""

    outputs: set = field(default_factory=set)
    rendered: list = field(default_factory=list)
    deleted: list = field(default_factory=list)
    mode: str = "none"            # none | patch | reread | full
    error: JekyllpyError | None = None
    problems: list = field(default_factory=list)   # front matter problems (logged, not fatal)
    seconds: float = 0.0


class IncrementalBuilder:
    """Owns a site and its graph; `build()` once, then `rebuild(paths)` per change.

    `on_output(rel_dest)` is called as soon as each output is on disk (the server releases
    requests waiting for it and reloads the browsers showing it); `priority()` returns the
    destination paths to render first (the pages open in browsers).
    """

    def __init__(self, site: Site, *, factory: Callable[[], Site] | None = None,
                 on_output: Callable[[str], None] | None = None,
                 priority: Callable[[], Iterable[str]] | None = None,
                 on_plan: Callable[[set[str]], None] | None = None,
                 persist: bool = False) -> None:
        self.factory = factory
        self.on_output = on_output or (lambda rel: None)
        self.on_plan = on_plan or (lambda rels: None)
        self.priority = priority or (lambda: ())
        self.persist = persist
        self.graph: Graph | None = None
        self.pending_paths: set[str] = set()
        self.pending_tokens: set[str] = set()
        self.needs_full = False
        self.rendered_count = 0
        self._metas_valid = False  # graph.metas describe the site's current objects
        self._shape: Shape | None = None  # the site's items and places, while they last
        self.fork_rest = persist  # render a costly tail of pages on forked workers
        self._reread_next = False  # the last reread failed: the next rebuild reads afresh too
        self._attach(site)

    def _attach(self, site: Site) -> None:
        self.site = site
        self.recorder = Recorder(site)

    # full builds -----------------------------------------------------------------------
    def build(self) -> RebuildResult:
        """A complete build (Site.process), recording the graph."""
        start = time.perf_counter()
        site = self.site
        site.__dict__.pop("read_problems", None)
        self._metas_valid = False
        self._shape = None
        site.process()
        self._shape = Shape(site)
        self.graph = take_stock(site, self.recorder, shape=self._shape)
        self._metas_valid = True
        self._reread_next = False
        self.graph.signatures = source_signatures(site)
        self.needs_full = False
        self.pending_paths.clear()
        self.pending_tokens.clear()
        self.rendered_count = len(render_order(site))
        if self.persist:
            save_graph(site, self.graph)
        return RebuildResult(outputs={r.dest for r in self.graph.records.values()}, mode="full",
                             problems=list(site.__dict__.get("read_problems", [])),
                             seconds=time.perf_counter() - start)

    def _full(self, start: float, reload: bool = True) -> RebuildResult:
        try:
            if self.factory is not None and reload:
                self._attach(self.factory())
            result = self.build()
        except JekyllpyError as err:
            self.needs_full = True
            return RebuildResult(mode="full", error=err, seconds=time.perf_counter() - start)
        result.seconds = time.perf_counter() - start
        return result

    # incremental -----------------------------------------------------------------------
    def rebuild(self, changed: Iterable[str | os.PathLike] = ()) -> RebuildResult:
        """Bring the destination up to date after `changed` (absolute or source-relative
        paths; added, modified and deleted alike)."""
        start = time.perf_counter()
        site = self.site
        self.recorder.current = self.recorder.current_item = None  # our own reads are nobody's
        if self.graph is None and not self.needs_full:
            return self._full(start, reload=False)
        rels = set(self.pending_paths)
        for p in changed:
            p = os.fspath(p)
            rel = os.path.relpath(p, site.source) if os.path.isabs(p) else p
            rels.add(rel.replace(os.sep, "/"))
        self.pending_paths = set(rels)
        if self.graph is None or self.needs_full or self._needs_full_build(rels):
            return self._full(start)
        if not rels and not self.pending_tokens and outputs_present(site, self.graph):
            return RebuildResult(mode="none", seconds=time.perf_counter() - start)
        try:
            result = self._incremental(rels, start)
        except JekyllpyError as err:
            return RebuildResult(mode="failed", error=err, seconds=time.perf_counter() - start,
                                 problems=list(site.__dict__.get("read_problems", [])))
        self.pending_paths.clear()
        self.pending_tokens.clear()
        if self.persist:
            save_graph(site, self.graph)
        result.seconds = time.perf_counter() - start
        return result

    def _needs_full_build(self, rels: set[str]) -> bool:
        site = self.site
        config_names = {"_config.yml", "_config.yaml", "_config.toml"}
        for cf in site.config.get("__config_files__", []) or []:
            config_names.add(os.path.relpath(cf, site.source))
        plugins_dir = str(site.config.get("plugins_dir") or "_plugins")
        for rel in rels:
            if rel in config_names or os.path.basename(rel).startswith("_config."):
                return True
            if rel == plugins_dir or rel.startswith(plugins_dir + "/"):
                return True
        return False

    # classification --------------------------------------------------------------------
    def _category(self, rel: str) -> str:
        site = self.site
        cfg = site.config
        first = rel.split("/", 1)[0]
        layouts = str(cfg.get("layouts_dir") or "_layouts")
        includes = str(cfg.get("includes_dir") or "_includes")
        data = str(cfg.get("data_dir") or "_data")
        sass = str((cfg.get("sass") or {}).get("sass_dir") or "_sass") if isinstance(cfg.get("sass"), dict) else "_sass"
        if rel.startswith(layouts + "/"):
            return "layout"
        if rel.startswith(includes + "/"):
            return "include"
        if rel.startswith(data + "/"):
            return "data"
        if rel.endswith((".scss", ".sass")) and (rel.startswith(sass + "/") or first.startswith("_")):
            return "sass"
        return "content"

    def _incremental(self, rels: set[str], start: float) -> RebuildResult:
        site = self.site
        graph = self.graph
        assert graph is not None
        invalid = set(self.pending_tokens)
        for rel in rels:
            invalid.add(f"file:{rel}")
            if rel.endswith((".scss", ".sass", ".css")):
                invalid.add("sass")
        # after a failed reread the site holds a partial render (a Sass page that never ran
        # added no source map): only a fresh read restores what a patch would build on
        plan = None if self._reread_next else self._plan_patch(rels)
        site.__dict__["read_problems"] = []
        forced: set[str] = set()
        if plan is not None:
            mode = "patch" if rels else "none"
            try:
                forced = self._apply_patch(plan, invalid)
            except _Reread:
                plan = None
        if plan is None:
            mode = "reread"
            forced = set()
            self._reread(invalid)
        self.pending_tokens = set(invalid)
        result = self._render_dirty(invalid, forced, mode, rels)
        result.problems = list(site.__dict__.get("read_problems", []))
        return result

    def _plan_patch(self, rels: set[str]) -> dict | None:
        """Changes that can be applied to the site in memory, or None (read it afresh)."""
        site = self.site
        graph = self.graph
        by_src: dict[str, list] = {}
        for item in render_order(site):
            src = source_rel(site, item)
            if src is not None:
                by_src.setdefault(src, []).append(item)
        statics = {f"{s}": it for it in site.static_files for s in [source_rel(site, it)] if s}
        plan: dict[str, list] = {"body": [], "layout": [], "include": [], "data": [], "sass": [], "static": []}
        for rel in sorted(rels):
            full = site.source / rel
            exists = full.is_file()
            cat = self._category(rel)
            if cat in ("include", "data", "sass"):
                if cat == "sass" and rel in by_src:
                    return None
                plan[cat].append(rel)
                continue
            if cat == "layout":
                plan["layout"].append(rel)
                continue
            if rel in by_src:
                if not exists:
                    return None
                items = by_src[rel]
                if any(getattr(i, "pager", None) is not None for i in items) or len(items) != 1:
                    return None
                plan["body"].append((rel, items[0]))
                continue
            if rel in statics:
                if not exists:
                    return None
                plan["static"].append((rel, statics[rel]))
                continue
            if not exists and not graph.keys_for_source(rel) and not full.is_dir():
                # gone and never an input of ours (an editor's temp file, a file Jekyll skips)
                if not self._might_be_read(rel):
                    continue
            if exists and not self._might_be_read(rel):
                continue
            return None
        return plan

    def _might_be_read(self, rel: str) -> bool:
        """Whether a file could become a page, document or static file when read afresh."""
        from jekyllpy.reader import EntryFilter

        site = self.site
        parts = rel.split("/")
        ef = EntryFilter(site)
        if ef.excluded(rel) and not ef.included(rel):
            return False
        specials = {"_posts", "_drafts"} | {f"_{label}" for label in site.collections}
        cdir = str(site.config.get("collections_dir") or "")
        for i, part in enumerate(parts):
            if part.startswith((".", "_", "#", "~")) or part.endswith("~"):
                if part in specials or (cdir and part in specials):
                    continue
                if ef.included(part) or ef.included("/".join(parts[: i + 1])):
                    continue
                return False
        return True

    def _apply_patch(self, plan: dict, invalid: set[str]) -> set[str]:
        """Apply in-memory changes; returns keys that must re-render whatever they read."""
        from jekyllpy.documents import Document, Excerpt, Page
        from jekyllpy.layout import Layout
        from jekyllpy.static_file import StaticFile

        site = self.site
        forced: set[str] = set()
        cfg = site.config
        for rel in plan["include"]:
            includes = str(cfg.get("includes_dir") or "_includes")
            invalid.add(f"include:{rel[len(includes) + 1:]}")
        if plan["include"] or plan["layout"] or plan["body"]:
            site.liquid.reset()  # parsed includes and templates by file
        for rel in plan["layout"]:
            base = site.in_source_dir(str(cfg.get("layouts_dir") or "_layouts"))
            name_rel = rel[len(str(cfg.get("layouts_dir") or "_layouts")) + 1:]
            name = ".".join(name_rel.split(".")[:-1]) if "." in os.path.basename(name_rel) else None
            if name is None:
                continue
            old = dict.get(site.layouts, name)
            if (base / name_rel).is_file():
                layout = Layout(site, base, name_rel)
                dict.__setitem__(site.layouts, name, layout)
                if old is None or stable_repr(old.data) != stable_repr(layout.data):
                    invalid.add(f"layoutfm:{name}")
                if old is None or old.content != layout.content or old.path != layout.path:
                    invalid.add(f"layout:{name}")
            elif old is not None and os.path.relpath(old.path, site.source).replace(os.sep, "/") == rel:
                dict.pop(site.layouts, name)
                invalid.update({f"layout:{name}", f"layoutfm:{name}"})
        if plan["data"]:
            before = _data_digests(site)
            new = site.reader.read_data(site.in_source_dir(site.config["data_dir"]))
            site.data = _RecordingDict(new, self.recorder.note_data)
            after = _data_digests(site)
            changed = {k for k in set(before) | set(after) if before.get(k) != after.get(k)}
            invalid.update(f"data:{k}" for k in changed)
            if changed:
                invalid.add("data:*")
        if plan["sass"] or "sass" in invalid:
            invalid.add("sass")
            # the Sass converter remembers its last compile by the page's text alone
            converter = getattr(site.converters, "_sass", None)
            if converter is not None and hasattr(converter, "_last"):
                converter._last = None
        for rel, item in plan["body"]:
            problems = site.__dict__.setdefault("read_problems", [])
            count = len(problems)
            logger, site.logger = site.logger, _QuietLogger()  # the fresh read reports it
            try:
                if isinstance(item, Document):
                    fresh = Document(Path(item.path), site, item.collection)
                    fresh.read()
                else:
                    fresh = Page(site, item.base, item.dir_, item.name)
            except JekyllpyError:
                raise _Reread() from None
            finally:
                site.logger = logger
            if len(problems) != count:
                del problems[count:]
                raise _Reread()
            if stable_repr(_plain_data(fresh.data)) != self._read_data_repr(item):
                raise _Reread()
            item.content = fresh.content
            item.content_line = getattr(fresh, "content_line", 1)
            item.output = None
            if isinstance(item.data.get("excerpt"), Excerpt):
                item.data["excerpt"] = Excerpt(item)
            key = item_key(site, item)
            self.recorder.raw[key] = item.content
            forced.add(key)
        for rel, static in plan["static"]:
            invalid.add(f"static:{item_key(site, static)}")
        self._refresh_time(invalid)
        return forced

    def _read_data_repr(self, item) -> str:
        key = item_key(self.site, item)
        value = self.recorder.read_meta.get(key)
        return value if value is not None else "?"

    def _refresh_time(self, invalid: set[str]) -> None:
        site = self.site
        if site.config.get("time"):
            return
        from jekyllpy import dates

        now = dates.now(site.zone)
        if self.graph is not None and now != self.graph.time:
            invalid.add("time")
        site.time = now

    def _reread(self, invalid: set[str]) -> None:
        """Read and generate the site afresh (new objects); carry over clean items' state
        later in `_render_dirty` by key."""
        site = self.site
        graph = self.graph
        self._metas_valid = False  # new objects: nothing of the graph's metas is theirs
        self._reread_next = True   # until this reread's render completes
        site.reset()
        site.read()
        site.generate()
        layouts_now = _layout_digests(site)
        for name in set(layouts_now) | set(graph.layouts):
            a, b = graph.layouts.get(name), layouts_now.get(name)
            if a is None or b is None or a[0] != b[0]:
                invalid.add(f"layout:{name}")
            if a is None or b is None or a[1] != b[1]:
                invalid.add(f"layoutfm:{name}")
        data_now = _data_digests(site)
        changed = {k for k in set(data_now) | set(graph.data) if data_now.get(k) != graph.data.get(k)}
        invalid.update(f"data:{k}" for k in changed)
        if changed:
            invalid.add("data:*")
        includes = str(site.config.get("includes_dir") or "_includes")
        for tok in list(invalid):
            if tok.startswith("file:" + includes + "/"):
                invalid.add("include:" + tok[len("file:" + includes) + 1:])
        if site.time != graph.time:
            invalid.add("time")

    # rendering -------------------------------------------------------------------------
    def _render_dirty(self, invalid: set[str], forced: set[str], mode: str, rels: set[str]) -> RebuildResult:
        from jekyllpy.documents import Excerpt
        from jekyllpy.renderer import Renderer

        site = self.site
        graph = self.graph
        recorder = self.recorder
        reread = mode == "reread"
        order = render_order(site)
        shape = self._shape
        same_shape = shape is not None and not reread and shape.matches(site, order)
        if not same_shape:
            shape = self._shape = Shape(site, order)
        items_before = shape.items  # kept alive: their ids stay unique during the rebuild
        keys = shape.keys
        known = set(keys)
        if same_shape and set(recorder.raw) >= set(shape.order_keys):
            raw = dict(recorder.raw)  # the last rebuild's texts, patched ones updated
        else:
            raw = {}
            for k, item in zip(shape.order_keys, order):
                raw[k] = item.content if reread else recorder.raw.get(k, item.content)
        metas = self._current_metas(items_before, keys, raw, forced, invalid, reread)
        self._metas_valid = False  # until this rebuild's graph is taken (a failure leaves it so)
        groups_now = shape.groups
        member_of = shape.member_of
        old_metas = graph.metas
        changed_metas = {k for k, m in metas.items() if m != old_metas.get(k)}
        neighbours = shape.neighbours(metas, changed_metas if same_shape else None, graph.records)
        # `files` ({% link %}) shows paths and URLs only, which the keys carry: membership decides
        struct_changed = {g for g, members in groups_now.items() if graph.groups.get(g) != members}
        for k in changed_metas:
            struct_changed.update(g for g in member_of.get(k, ()) if g not in URL_ONLY_GROUPS)
        include_texts: dict[str, str] = {}
        anything = bool(invalid or forced or struct_changed or reread)
        # walk the order: which items change their output (dirty) and their content
        dirty: dict[str, bool] = {}
        content_changes: dict[str, bool] = {}
        cc_before: set[str] = set()
        records = graph.records
        for item, k in zip(order, shape.order_keys):
            rec = records.get(k)
            if rec is None or k in forced or k in changed_metas or (rec.always and anything) \
                    or (reread and getattr(item, "asset_file", False)):
                d = cc = True
            else:
                nb = neighbours.get(k)
                nb_changed = nb is not None and (nb[2] != rec.neighbours or (nb[0] is not None and content_changes.get(nb[0], False)))
                # neighbours change the content only if the content can name them
                nb_content = nb_changed and self._content_mentions_neighbours(rec, raw.get(k), include_texts)
                cc = bool(rec.content_tokens & invalid) or _hits(rec.content_groups, struct_changed, cc_before) \
                    or nb_content
                d = cc or nb_changed or bool(rec.layout_tokens & invalid) \
                    or _hits(rec.layout_groups, struct_changed, cc_before) \
                    or any(dirty.get(o, False) for o in rec.outputs_read)  # earlier items only
            dirty[k] = d
            content_changes[k] = cc
            if cc:
                cc_before.update(g for g in member_of.get(k, ()) if g not in URL_ONLY_GROUPS)
        # static files
        static_copy = []
        for item in shape.statics:
            k = keys.get(id(item))
            if k is None or not item.write_enabled():
                continue
            src = source_rel(site, item)
            if k not in graph.statics or src in rels or f"static:{k}" in invalid:
                static_copy.append(item)
        # restore clean items' rendered state after a fresh read
        if reread:
            for item in order:
                k = keys[id(item)]
                rec = graph.records.get(k)
                if not dirty[k] and rec is not None:
                    item.content = rec.content if rec.content is not None else item.content
                    item.output = self._stored_output(rec)
                    if item.output is None:
                        dirty[k] = content_changes[k] = True
        # excerpts of documents whose content may change: new ones, rendered on demand
        # (an excerpt keeps its rendered text in `content`, so it cannot be reset)
        if not reread:
            for item, k in zip(order, shape.order_keys):
                if content_changes[k]:
                    data = getattr(item, "data", None)
                    if isinstance(data, dict) and isinstance(data.get("excerpt"), Excerpt):
                        saved, item.content = item.content, raw[k]
                        data["excerpt"] = Excerpt(item)
                        item.content = saved
        todo = [item for item, k in zip(order, shape.order_keys) if dirty[k]]
        result = RebuildResult(mode=mode)
        # what is about to change: a server holds requests for these until they are written
        live = shape.live
        old_dests = {r.dest for r in graph.records.values()} | {d for _s, d in graph.statics.values()}
        self.on_plan({dest_rel(site, item) for item in todo} | {dest_rel(site, item) for item in static_copy}
                     | (old_dests - live))
        # the ordered view: items after the one rendering look raw, as in a serial build
        seq = shape.seq
        view = OrderedView(recorder, seq, _RawByPosition(shape.order_keys, raw))
        winners = shape.winners
        site.site_drop.invalidate()
        recorder.in_rebuild = True
        rendered: set[str] = set()
        first, rest = self._priority_order(todo, keys, content_changes, dirty, seq, member_of)

        def vanished() -> list:
            """Clean items whose output file is gone render again (checked after the open
            pages: a stat per item is ~20 ms on a big site, and rewriting an output changes
            no other item's input)."""
            dest_dir = str(site.dest)
            out = [item for item, k in zip(order, shape.order_keys)
                   if not dirty[k] and item.write_enabled()
                   and not os.path.exists(os.path.join(dest_dir, dest_rel(site, item)))]
            for item in out:
                dirty[keys[id(item)]] = True
            if out:
                self.on_plan({dest_rel(site, item) for item in out})
            return out

        def then_rest():
            missing = vanished()
            todo.extend(missing)
            todo.sort(key=lambda item: seq[id(item)])
            if missing:
                rest.extend(missing)
                rest.sort(key=lambda item: seq[id(item)])
            return rest

        try:
            site.hooks.trigger("site", "pre_render", site, site.payload)
            site.render_view = view

            def render_one(item) -> None:
                k = keys[id(item)]
                pos = seq[id(item)]
                view.cursor = view.current = pos
                item.content = raw[k]
                item.output = None
                item.output = Renderer(site, item).run()
                for page in site.pages:  # as Site.render marks them (a map page replaces
                    if id(page) not in known:  # the previous one: the count may not grow)
                        page.added_by = pos
                        known.add(id(page))

            def done(item) -> None:
                rendered.add(keys[id(item)])
                self.rendered_count += 1
                result.rendered.append(dest_rel(site, item))
                self._write(item, winners, result)

            for item in first:
                render_one(item)
                done(item)
            rest = [item for item in then_rest() if keys[id(item)] not in rendered]
            pages = self._forkable_tail(rest)
            for item in rest[:len(rest) - len(pages)]:
                render_one(item)
                done(item)
            if pages:
                self._render_forked(pages, render_one, done, view, keys, raw)
        finally:
            site.render_view = None
            view.cursor = view.current = None
            recorder.in_rebuild = False
            recorder.after_render()
            recorder.raw = raw
        for item in todo:
            site.hooks.trigger(_hook_owner(item), "post_render", item)
        site.hooks.trigger("site", "post_render", site, site.payload)
        for item in static_copy:
            rel = dest_rel(site, item)
            copy_atomic(item.path, site.dest / rel)
            result.outputs.add(rel)
            self.on_output(rel)
        # pages added while rendering (a Sass page's source map) are written as they are
        for item in site.pages:
            k = keys.get(id(item))
            if k is None:
                rel = dest_rel(site, item)
                data = (item.output if item.output is not None else item.content or "")
                if write_atomic(site.dest / rel, data.encode("utf-8", "surrogateescape")):
                    result.outputs.add(rel)
                self.on_output(rel)
        # outputs nobody produces any more
        live = {dest_rel(site, item) for item in site.each_site_file()}
        for rel in sorted(old_dests - live):
            _remove_output(site.dest, rel)
            result.deleted.append(rel)
            result.outputs.add(rel)
            self.on_output(rel)
        if not shape.matches(site, render_order(site)):  # rendering added a page (a source map)
            shape = self._shape = Shape(site)
        new_graph = take_stock(site, recorder, graph, rendered, metas, shape)
        new_graph.signatures = graph.signatures
        self.graph = new_graph
        self._metas_valid = True
        self._reread_next = False
        for item in site.each_site_file():
            if hasattr(item, "output") and keys.get(id(item)) in rendered:
                site.hooks.trigger(_hook_owner(item), "post_write", item)
        site.hooks.trigger("site", "post_write", site)
        return result

    def _current_metas(self, items: list, keys: dict, raw: dict, forced: set[str],
                       invalid: set[str], reread: bool) -> dict[str, str]:
        """Every item's meta digest now. After a patch only the patched items (and modified
        static files) can differ from the last graph, which was taken from these same objects
        after a complete rebuild: the others are looked up, not hashed again (stable_repr of
        6,000 items' data is ~0.4 s)."""
        graph = self.graph
        reuse = not reread and self._metas_valid and graph is not None
        metas = {}
        for item in items:
            k = keys[id(item)]
            meta = graph.metas.get(k) if reuse and k not in forced and f"static:{k}" not in invalid else None
            metas[k] = meta if meta is not None else _meta(self.site, item, raw.get(k, getattr(item, "content", None)))
        return metas

    # rendering the rest on several processes --------------------------------------------
    def _forkable_tail(self, rest: list) -> list:
        """The pages at the end of what is left to render, when rendering them on forked
        workers is worth it: listing pages (archives, tags, a sitemap) dominate a one-post
        edit on a big site, read other items' texts but rarely each other's. Only for
        `build --incremental` (`fork_rest`): a server's rebuild thread shares its process
        with the event loop, which a fork must not copy in the middle of its work."""
        site = self.site
        if not self.fork_rest or site.jobs < 2 or not hasattr(os, "fork") or self.graph is None \
                or not _spare_core():
            return []
        n = len(rest)
        while n > 0 and getattr(rest[n - 1], "is_page", False):
            n -= 1
        tail = rest[n:]
        records = self.graph.records
        cost = sum(records[k].cost for k in (item_key(site, i) for i in tail) if k in records)
        forkable = [i for i in tail if not getattr(i, "asset_file", False)]
        return tail if len(forkable) >= 2 and cost >= FORK_MIN_SECONDS else []

    def _render_forked(self, pages: list, render_one: Callable, done: Callable, view: OrderedView,
                       keys: dict, raw: dict) -> None:
        """Render `pages` (the tail of the render order) on up to `site.jobs` processes, with
        output identical to a serial render: a page that read another page this process
        does not render (or one that did so) is re-rendered here afterwards, in order."""
        import gc

        from jekyllpy.logger import replay_records

        site = self.site
        for item in pages:  # Sass pages: independent of other items, and they add pages
            if getattr(item, "asset_file", False):
                render_one(item)
                done(item)
        pages = [item for item in pages if not getattr(item, "asset_file", False)]
        if len(pages) < 2:
            for item in pages:
                render_one(item)
                done(item)
            return
        chunks = _balanced_chunks(pages, min(site.jobs, len(pages)), self.graph.records, site)
        positions = {view.seq[id(item)] for item in pages}
        gc.freeze()  # shared copy-on-write: keep the collector from touching every object
        children = []
        try:
            from jekyllpy.parallel import fork_child, receive_result

            for chunk in chunks[1:]:
                children.append(fork_child(
                    lambda fd, chunk=chunk: self._fork_worker(chunk, positions, render_one, view, fd)))
            mine = chunks[0]
            view.foreign = positions - {view.seq[id(item)] for item in mine}
            view.tainted = set()
            error: tuple[int, BaseException] | None = None
            finished: list = []
            for item in mine:
                try:
                    render_one(item)
                except JekyllpyError as exc:
                    error = (view.seq[id(item)], exc)
                    break
                finished.append(item)
            tainted = set(view.tainted)
            view.foreign, view.tainted = set(), set()
            by_pos = {view.seq[id(item)]: item for item in pages}
            for pid, read_fd in children:
                kind, data = receive_result(pid, read_fd, ("crash", "a render worker died"))
                if kind == "ok":
                    results, worker_tainted, logged = data
                    replay_records(site.logger, logged)
                    tainted |= set(worker_tainted)
                    for pos, content, output, record in results:
                        item = by_pos[pos]
                        item.content, item.output = content, output
                        self.recorder.records[record.key] = record
                        finished.append(item)
                elif kind == "error":
                    if error is None or data[0] < error[0]:
                        error = data
                else:
                    raise RuntimeError(f"a render worker failed:\n{data}")
        finally:
            gc.unfreeze()
        if error is not None:
            raise error[1]
        finished.sort(key=lambda item: view.seq[id(item)])
        for item in finished:
            if view.seq[id(item)] not in tainted:
                done(item)
        for item in finished:
            if view.seq[id(item)] in tainted:
                render_one(item)  # every page before it is final now
                done(item)

    def _fork_worker(self, chunk: list, positions: set, render_one: Callable, view: OrderedView,
                     write_fd: int) -> None:
        from jekyllpy.cache import save_all
        from jekyllpy.logger import hold_records
        from jekyllpy.parallel import send_result

        site = self.site
        view.foreign = positions - {view.seq[id(item)] for item in chunk}
        view.tainted = set()
        logged = hold_records(site.logger)
        results = []
        try:
            for item in chunk:
                render_one(item)
                self.recorder._close_cost()
                record = detached(self.recorder.records[item_key(site, item)])
                results.append((view.seq[id(item)], item.content, item.output, record))
            save_all()  # this worker's conversions, for the next build
            message: tuple = ("ok", (results, sorted(view.tainted), logged))
        except JekyllpyError as exc:
            message = ("error", (view.cursor, exc))
        except BaseException:  # noqa: BLE001
            import traceback

            message = ("crash", traceback.format_exc())
        send_result(write_fd, message)

    def _content_mentions_neighbours(self, rec: Record, raw: str | None, cache: dict) -> bool:
        """Whether the item's text or the includes its content used say previous/next."""
        if raw is None or "previous" in raw or "next" in raw:
            return True
        includes = str(self.site.config.get("includes_dir") or "_includes")
        for tok in rec.content_tokens:
            if tok.startswith(("include:", "file:")):
                name = tok.split(":", 1)[1]
                path = self.site.source / (name if tok.startswith("file:") else f"{includes}/{name}")
                text = cache.get(str(path))
                if text is None:
                    try:
                        text = cache[str(path)] = path.read_text(errors="replace")
                    except OSError:
                        return True
                if "previous" in text or "next" in text:
                    return True
        return False

    def _stored_output(self, rec: Record) -> str | None:
        """A clean item's output: what the last build wrote (checked against its digest)."""
        path = self.site.dest / rec.dest
        try:
            with open(path, "rb") as fh:
                text = fh.read().decode("utf-8", "surrogateescape")
        except OSError:
            return None
        return text if _text_digest(text) == rec.output_digest else None

    def _priority_order(self, todo: list, keys: dict, content_changes: dict,
                        dirty: dict, seq: dict, member_of: dict) -> tuple[list, list]:
        """(first, rest): the open pages, each after the dirty items it reads (earlier members
        of its groups whose content changes, or whose output does if it reads outputs); then
        the rest in render order. `first` is empty when there is no shortcut."""
        wanted = set(self.priority() or ())
        if not wanted or not todo:
            return [], list(todo)
        site = self.site
        graph = self.graph
        first = [item for item in todo if dest_rel(site, item) in wanted or
                 ("/" + dest_rel(site, item)) in wanted]
        if not first:
            return [], list(todo)
        todo_by_key = {keys[id(item)]: item for item in todo}
        by_group: dict[str, list] = {}
        for item in todo:
            for g in member_of.get(keys[id(item)], ()):
                by_group.setdefault(g, []).append(item)
        plan: list = []
        placed: set[int] = set()

        def place(item, depth=0) -> None:
            if id(item) in placed:
                return
            placed.add(id(item))
            rec = graph.records.get(keys[id(item)])
            pos = seq[id(item)]
            if rec is None or depth > 200:
                raise _NoShortcut()
            else:
                needs = []
                for g in rec.groups():
                    for other in by_group.get(g, ()):
                        if seq[id(other)] < pos and content_changes[keys[id(other)]]:
                            needs.append(other)
                for other in todo_by_key and [todo_by_key[o] for o in rec.outputs_read if o in todo_by_key]:
                    if seq[id(other)] < pos:
                        needs.append(other)
                if seq.get(id(item)) is not None and getattr(item, "collection", None) is not None:
                    docs = item.collection.docs
                    i = item.collection.index_of(item)
                    if i is not None and i > 0 and content_changes.get(keys.get(id(docs[i - 1]), ""), False):
                        needs.append(docs[i - 1])  # page.previous shows its content
            for other in sorted(needs, key=lambda x: seq[id(x)]):
                place(other, depth + 1)
            plan.append(item)

        try:
            for item in first:
                place(item)
        except _NoShortcut:  # what the open page depends on is unknown or most of the site
            return [], list(todo)
        if len(plan) > max(200, len(todo) // 2):
            return [], list(todo)
        return plan, [item for item in todo if id(item) not in placed]

    def _write(self, item, winners: dict, result: RebuildResult) -> None:
        site = self.site
        if not item.write_enabled():
            return
        rel = dest_rel(site, item)
        winner = winners.get(rel, item)
        if winner is not item and hasattr(winner, "output") and winner.output is None:
            winner = item
        target = site.dest / rel
        if not os.path.abspath(target).startswith(os.path.abspath(site.dest) + os.sep):
            raise JekyllpyError("refusing to write outside the destination", target)
        if hasattr(winner, "output"):
            write_atomic(target, (winner.output or "").encode("utf-8", "surrogateescape"))
        else:
            copy_atomic(winner.path, target)
        result.outputs.add(rel)
        self.on_output(rel)


FORK_MIN_SECONDS = 0.3  # estimated render time of a tail worth forking for (a fork costs ~30 ms)


def _spare_core() -> bool:
    """Whether another core is idle enough for a worker to gain anything: on a machine
    busy with other work, forking only adds its cost (measured: +0.1 s on 2 busy cores).
    Output never depends on this, only speed."""
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):
        return True
    return load < (os.cpu_count() or 1) - 0.5


def _balanced_chunks(items: list, n: int, records: dict, site: Site) -> list[list]:
    """`items` in `n` shares of about equal last render time, each in render order."""
    chunks: list[list] = [[] for _ in range(n)]
    loads = [0.0] * n
    order = {id(item): pos for pos, item in enumerate(items)}

    def cost(item) -> float:
        rec = records.get(item_key(site, item))
        return rec.cost if rec is not None and rec.cost > 0 else 0.005

    for item in sorted(items, key=cost, reverse=True):
        i = loads.index(min(loads))
        chunks[i].append(item)
        loads[i] += cost(item)
    return [sorted(chunk, key=lambda item: order[id(item)]) for chunk in chunks if chunk]


def _hits(groups: set, changed: set, cc_before: set) -> bool:
    """Whether an item reading `groups` sees a change: a group whose members or their
    metas changed, or one with an earlier member whose content changes."""
    for g in groups:
        if g in changed or g in cc_before:
            return True
    return False


def _chain(first: list, then: Callable[[], list]) -> Iterable:
    """`first`, then the list `then()` returns once `first` is done."""
    yield from first
    yield from then()


class _NoShortcut(Exception):
    """The open pages cannot go first: render in order."""


class _QuietLogger:
    """Stands in for the site's logger while a patch reads a file on trial."""

    def __getattr__(self, name):
        return lambda *args, **kwargs: None


class _Reread(Exception):
    """A patch turned out to change more than a body: read the site afresh."""


def _plain_data(data: dict) -> dict:
    return {k: v for k, v in data.items() if k != "excerpt"}


def _hook_owner(item) -> str:
    if getattr(item, "is_page", False):
        return "pages"
    collection = getattr(item, "collection", None)
    return "posts" if collection is not None and collection.label == "posts" else "documents"


# ---------------------------------------------------------------------------------------
# persistence (`jekyllpy build --incremental`)
# ---------------------------------------------------------------------------------------

def graph_path(site: Site) -> Path | None:
    cache_dir = site.config.get("cache_dir")
    if site.config.get("disable_disk_cache") or not cache_dir:
        return None
    name = _digest(str(site.dest))[:16]
    return site.in_source_dir(str(cache_dir), "jekyllpy", "incremental", f"{name}.pickle")


def save_graph(site: Site, graph: Graph) -> None:
    path = graph_path(site)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with open(tmp, "wb") as fh:
            pickle.dump((GRAPH_VERSION, graph), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only source: the next build is simply a full one


def load_graph(site: Site) -> Graph | None:
    path = graph_path(site)
    if path is None:
        return None
    try:
        with open(path, "rb") as fh:
            version, graph = pickle.load(fh)
    except Exception:  # noqa: BLE001 - missing, torn or from another version: build fully
        return None
    if version != GRAPH_VERSION or not isinstance(graph, Graph):
        return None
    return graph


def build_incremental(site: Site) -> RebuildResult:
    """`jekyllpy build --incremental`: reuse the last build's graph when the configuration
    and jekyllpy are unchanged, rebuilding only what the changed files reach."""
    builder = IncrementalBuilder(site, persist=True)
    graph = load_graph(site)
    if graph is None or graph.config != config_digest(site) or not site.dest.is_dir():
        return builder.build()
    sigs = source_signatures(site)
    changed = {rel for rel in set(sigs) | set(graph.signatures) if sigs.get(rel) != graph.signatures.get(rel)}
    builder.graph = graph
    if not changed and outputs_present(site, graph) and not _time_moves(site, graph):
        return RebuildResult(mode="none")  # the warm path: nothing read, nothing rendered
    # the graph was taken from a build whose objects are gone: read afresh, restore by key
    site.reset()
    builder.recorder.raw = {}
    result = builder._incremental_reread(changed)
    builder.graph.signatures = sigs
    save_graph(site, builder.graph)
    return result


def outputs_present(site: Site, graph: Graph) -> bool:
    """Every output the graph knows of is on disk (a stat each: cheap even for big sites)."""
    dest = site.dest
    for rec in graph.records.values():
        if not os.path.exists(os.path.join(dest, rec.dest)):
            return False
    for _src, rel in graph.statics.values():
        if not os.path.exists(os.path.join(dest, rel)):
            return False
    return True


def _time_moves(site: Site, graph: Graph) -> bool:
    """Whether some output shows the build time and the clock is not pinned."""
    if site.config.get("time") or os.environ.get("SOURCE_DATE_EPOCH", "").strip().isdigit():
        return False
    return any("time" in rec.tokens() or rec.always for rec in graph.records.values())


def _incremental_reread(self: IncrementalBuilder, rels: set[str]) -> RebuildResult:
    start = time.perf_counter()
    site = self.site
    invalid: set[str] = set()
    for rel in rels:
        invalid.add(f"file:{rel}")
        if rel.endswith((".scss", ".sass", ".css")):
            invalid.add("sass")
    if self._needs_full_build(rels):
        return self.build()
    site.__dict__["read_problems"] = []
    self._reread(invalid)
    result = self._render_dirty(invalid, set(), "reread", rels)
    result.problems = list(site.__dict__.get("read_problems", []))
    result.seconds = time.perf_counter() - start
    return result


IncrementalBuilder._incremental_reread = _incremental_reread  # type: ignore[attr-defined]


def reload_site(site: Site) -> Site:
    """The same site with `_config.yml` read again (CLI overrides kept): re-initialised in
    place, so that callers holding the object see the new configuration."""
    from jekyllpy.config import load_config

    files, overrides = getattr(site, "load_args", (None, {}))
    config = load_config(site.source, dict(overrides), files)
    site.__init__(config, logger=site.logger, unsafe_plugins=site.unsafe_plugins)
    site.load_args = (files, overrides)
    return site


def builder_for(site: Site) -> IncrementalBuilder:
    """The builder behind `Site.rebuild`: made on first use, with a first full build."""
    builder = site.__dict__.get("_incremental_builder")
    if builder is None:
        builder = IncrementalBuilder(site, factory=lambda: reload_site(site))
        site.__dict__["_incremental_builder"] = builder
    return builder
