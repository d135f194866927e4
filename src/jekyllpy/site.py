"""The site and its build: `Site.process()` is reset; read; generate; render; cleanup; write."""
from __future__ import annotations

import os
import time as _time
from pathlib import Path
from typing import Any, Iterator

from jekyllpy import dates
from jekyllpy.collection import Collection
from jekyllpy.config import LoadedConfig, load_site_config, render_jobs
from jekyllpy.converters import Converters
from jekyllpy.defaults import FrontMatterDefaults
from jekyllpy.documents import Document, Page
from jekyllpy.errors import ConfigError, JekyllpyError
from jekyllpy.logger import Logger
from jekyllpy.plugins import Hooks
from jekyllpy.reader import Reader
from jekyllpy.utils import safe_join


class Publisher:
    """Jekyll's `Publisher`: unpublished and future documents stay out unless asked for."""

    def __init__(self, site: Site) -> None:
        self.site = site

    def publish(self, thing) -> bool:
        can = thing.data.get("published", True) is not False or self.site.unpublished
        return bool(can) and not self.hidden_in_the_future(thing)

    def hidden_in_the_future(self, thing) -> bool:
        if not isinstance(thing, Document):
            return False
        hidden = not self.site.future and int(thing.date.timestamp()) > int(self.site.time.timestamp())
        if hidden:
            self.site.clock_read = True  # it shows up once the clock passes its date
        return hidden


class Site:
    """A Jekyll site: configuration, everything read from the source, and the build."""

    def __init__(self, config: dict, logger: Logger | None = None, *, unsafe_plugins: bool = False) -> None:
        self.config = config
        self.unsafe_plugins = unsafe_plugins  # run _plugins/*.py (see plugins/registry.py)
        self.source = Path(config["source"]).resolve()
        dest = config.get("destination") or "_site"
        self.dest = Path(dest) if os.path.isabs(dest) else (self.source / dest)
        self.dest = Path(os.path.abspath(self.dest))
        self.logger = logger or Logger("info")
        from jekyllpy.progress import NULL

        self.progress = NULL  # jekyllpy.progress: the CLI shows it on a terminal
        from jekyllpy.config import CONFIG_WARNINGS

        for warning in CONFIG_WARNINGS.pop(id(config), []):
            self.logger.warn("Configuration:", warning)
        # GitHub Pages mode (github_pages.py) builds in production, as GitHub Pages does
        self.environment = "production" if config.get("github_pages") is True else os.environ.get("JEKYLL_ENV", "development")
        self.safe = bool(config.get("safe"))
        self.future = bool(config.get("future"))
        self.unpublished = bool(config.get("unpublished"))
        self.show_drafts = bool(config.get("show_drafts"))
        self.limit_posts = int(config.get("limit_posts") or 0)
        self.permalink_style = str(config.get("permalink") or "date")
        self.zone = dates.site_zone(config.get("timezone"))
        self.jobs = render_jobs(config)
        self.render_view = None  # set while rendering in parallel (parallel.RenderView)
        self.sass_head_start = None  # Sass compiling since the build began (prefetch.SassHeadStart)
        self.pending: list = []  # rendered by finish_render (see render)
        self.hooks = Hooks()
        self.generators: list = []
        self._ensure_not_in_dest()
        self.third_party_plugins = False  # set by plugins/registry.py; see uptodate.py
        from jekyllpy.plugins.registry import load_plugins

        load_plugins(self)
        self.reset()
        self.hooks.trigger("site", "after_init", self)

    # construction ----------------------------------------------------------------------
    @classmethod
    def from_path(cls, path: str | os.PathLike = ".", *, config_files: list[str] | None = None,
                  logger: Logger | None = None, **overrides: Any) -> "Site":
        """Load `_config.yml` (or `config_files`) from `path`, with overrides on top."""
        return cls.from_loaded(load_site_config(path, config_files, overrides), logger)

    @classmethod
    def from_loaded(cls, loaded: LoadedConfig, logger: Logger | None = None) -> "Site":
        site = cls(loaded.config, logger=logger, unsafe_plugins=loaded.unsafe_plugins)
        site.load_args = (loaded.files, dict(loaded.overrides))  # to reload _config.yml (incremental.py)
        return site

    def _ensure_not_in_dest(self) -> None:
        for parent in [self.source, *self.source.parents]:
            if parent == self.dest:
                raise ConfigError("Destination directory cannot be or contain the Source directory.", self.dest)

    # state -------------------------------------------------------------------------------
    def reset(self) -> None:
        # Whether this build's output depends on the clock (site.time read, a future post
        # hidden, ...): such a build is not repeated bytewise later (uptodate.py).
        self.clock_read = False
        if self.config.get("time"):
            self.time = dates.parse_date(self.config["time"], self.zone, "Invalid time in _config.yml.")
        else:
            self.time = dates.now(self.zone)
        self.layouts: dict = {}
        self.pages: list[Page] = []
        self.static_files: list = []
        self.data: dict = {}
        self.frontmatter_defaults = FrontMatterDefaults(self.config, self.source)
        self.converters = Converters(self)
        from jekyllpy.cache import new_build_id

        self.build_id = new_build_id()
        self.reader = Reader(self)
        self.publisher = Publisher(self)
        self.collections: dict[str, Collection] = {}
        for label in (self.config.get("collections") or {"posts": {}}):
            self.collections[label] = Collection(self, label)
        if "posts" not in self.collections:
            self.collections["posts"] = Collection(self, "posts")
        from jekyllpy.liquid import LiquidRenderer
        from jekyllpy.liquid.drops import JekyllDrop, SiteDrop

        self.liquid = LiquidRenderer(self)
        self.site_drop = SiteDrop(self)
        self.payload = self.new_payload()
        self._read_done = False
        self._rendered = False
        self.hooks.trigger("site", "after_reset", self)

    def new_payload(self) -> dict:
        """Liquid's top-level variables (Jekyll's UnifiedPayloadDrop)."""
        from jekyllpy.liquid.drops import JekyllDrop

        return {"site": self.site_drop, "jekyll": JekyllDrop(self.environment),
                "page": None, "layout": None, "content": None, "paginator": None,
                "highlighter_prefix": "", "highlighter_suffix": ""}

    @property
    def posts(self) -> Collection:
        return self.collections["posts"]

    @property
    def collections_path(self) -> Path:
        cdir = self.config.get("collections_dir") or ""
        return self.in_source_dir(cdir) if cdir else self.source

    def in_source_dir(self, *parts: str) -> Path:
        return safe_join(self.source, *parts)

    def in_dest_dir(self, *parts: str) -> Path:
        return safe_join(self.dest, *parts)

    def read_text(self, path: str) -> str:
        """Read a source file as Jekyll does (UTF-8, BOM dropped); bad bytes survive a round trip."""
        try:
            with open(path, "rb") as fh:
                raw = fh.read()
        except OSError as exc:
            raise JekyllpyError(f"could not read file: {exc.strerror}", os.path.relpath(path, self.source)) from exc
        if raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        return raw.decode("utf-8", "surrogateescape")

    def file_mtime(self, path: str):
        """A source file's modification time; with SOURCE_DATE_EPOCH set, the build time.

        Reproducible builds must not depend on checkout times, and the reference Jekyll build
        runs under a frozen clock that reports every file's mtime as that moment."""
        from datetime import datetime

        if os.environ.get("SOURCE_DATE_EPOCH", "").strip().isdigit():
            return self.time
        return datetime.fromtimestamp(os.stat(path).st_mtime, tz=self.zone)

    def documents(self) -> list:
        seen: dict[int, Any] = {}
        for collection in self.collections.values():
            for item in list(collection.docs) + list(collection.files):
                seen.setdefault(id(item), item)
        return list(seen.values())

    def markdownify(self, text: str) -> str:
        return self.converters.markdown.convert(str(text))

    def disk_cache(self, namespace: str, salt: str):
        """A persistent cache under `cache_dir` (Jekyll's `.jekyll-cache`), inert when
        `disable_disk_cache` is set; see cache.py."""
        from jekyllpy.cache import DiskCache

        disabled = self.config.get("disable_disk_cache") or not self.config.get("cache_dir")
        directory = None if disabled else self.in_source_dir(str(self.config["cache_dir"]))
        return DiskCache(directory, namespace, salt, self.build_id)

    def sass_convert(self, content: str, document=None) -> str:
        from jekyllpy.sass_pages import convert_sass_page

        return convert_sass_page(self, content, document)

    # the build ---------------------------------------------------------------------------
    def process(self) -> None:
        """Build the whole site into `self.dest` (atomically: a failure keeps the old one)."""
        from jekyllpy.cache import save_all

        self.reset()
        if self.jobs > 1 and self.sass_head_start is None:  # the CLI starts it even earlier
            from jekyllpy.prefetch import SassHeadStart

            self.sass_head_start = SassHeadStart.start(self.config)
        try:
            self.progress.stage("Reading")
            self.read()
            self.generate()
            self.render(may_pend=True)  # the writer finishes what waits for the Sass child
            self.progress.stage("Writing")
            self.write()
        finally:
            if self.sass_head_start is not None:
                self.sass_head_start.close()
                self.sass_head_start = None
            save_all()  # conversions are pure: worth keeping even when the build failed

    build = process

    def read(self) -> None:
        self.reader.read()
        if self.limit_posts > 0:
            docs = self.posts.docs
            self.posts.docs = docs[-self.limit_posts:]
        self._read_done = True
        if self.hooks.has("pages", "post_init") or self.hooks.has("posts", "post_init"):
            for item in list(self.pages) + [d for c in self.collections.values() for d in c.docs]:
                self.hooks.trigger(_hook_owner(item), "post_init", item)
        self.hooks.trigger("site", "post_read", self)

    def generate(self) -> None:
        for generator in sorted(self.generators, key=lambda g: -getattr(g, "priority", 0)):
            generator.generate(self)

    def render(self, may_pend: bool = False) -> None:
        """Documents of every collection, then pages, as Jekyll orders them — on several
        processes when `jobs` > 1 and the site is big enough (see parallel.py). With
        `may_pend` (`process`, which writes next), Sass pages whose compile is not in yet and
        which nothing read may be left in `self.pending`: `finish_render` renders them, and
        the writer calls it once everything else is written."""
        from jekyllpy.parallel import render_in_parallel
        from jekyllpy.prefetch import SassHeadStart, eligible
        from jekyllpy.sass_pages import announce_map_page
        from jekyllpy.renderer import Renderer

        self.site_drop.invalidate()
        self.pending = []
        self.hooks.trigger("site", "pre_render", self, self.payload)
        order = [doc for c in self.collections.values() for doc in c.docs] + list(self.pages)

        def render_here(item) -> None:
            item.output = Renderer(self, item).run()

        self.liquid.include_memo = {}  # site-only includes rendered once (liquid/pure.py)
        head_start, started_here = (self.sass_head_start if self.jobs > 1 else None), False
        if head_start is None and self.jobs > 1 and any(eligible(item) for item in order):
            # render() called without process(): compile from here
            head_start = self.sass_head_start = SassHeadStart.start(self.config)
            started_here = head_start is not None
        if self.jobs > 1 and any(self.converters.kind(Path(item.path).suffix) == "markdown" for item in order
                                 if getattr(item, "path", None)):
            self.converters.markdown  # create it (and read its disk cache) once, before forking
        seq = {id(item): i for i, item in enumerate(order)}
        self.progress.stage("Rendering", len(order))
        parent = os.getpid()

        def render_one(item) -> None:
            if os.getpid() == parent:  # workers report through their results (parallel.py)
                self.progress.advance()
            before = len(self.pages)
            render_here(item)
            for page in self.pages[before:]:  # e.g. a Sass page's .css.map page
                page.added_by = seq[id(item)]

        try:
            if self.jobs > 1:
                # Sass pages without Liquid render at the start of their phase, where the
                # head start's compile is (nearly) done, instead of splitting the phase
                early = eligible if head_start is not None else (lambda item: False)
                # Not there yet: render the rest of their phase first, unless a plugin's
                # render hook could look at the site from Python (no reads recorded there)
                ready = head_start.ready if head_start is not None and not self._render_hooks() else None

                def announce(item) -> list:
                    pages = announce_map_page(self, item)
                    for page in pages:
                        page.added_by = seq[id(item)]
                    return pages

                may_pend = may_pend and not self._after_render_hooks()
                pending = render_in_parallel(self, order, render_one, self.jobs, early=early, ready=ready,
                                             announce=announce, may_pend=may_pend)
                self.pending = [order[i] for i in pending]
                self._render_late = render_one  # finish_render renders with it
            else:
                for item in order:
                    render_one(item)
        finally:
            self.liquid.include_memo = None
            if started_here:
                head_start.close()
                self.sass_head_start = None
        for item in order:
            self.hooks.trigger(_hook_owner(item), "post_render", item)
        self._rendered = True
        self.hooks.trigger("site", "post_render", self, self.payload)

    def _render_hooks(self) -> bool:
        return any(self.hooks.has_opaque(owner, event) for owner in ("pages", "posts", "documents")
                   for event in ("pre_render", "post_convert"))

    def _after_render_hooks(self) -> bool:
        """Hooks that would see a pending item unrendered."""
        return any(self.hooks.has(owner, event) for owner in ("pages", "posts", "documents", "site")
                   for event in ("post_render", "post_write"))

    def finish_render(self) -> None:
        """Render the items `render(may_pend=True)` left pending (waiting for the Sass child)."""
        pending, self.pending = self.pending, []
        for item in pending:
            self._render_late(item)

    def each_site_file(self) -> Iterator:
        seen: set[int] = set()
        groups = (self.pages, [f for f in self.static_files if f.write_enabled()],
                  [d for d in self.documents() if d.write_enabled()])
        for group in groups:
            for item in group:
                if id(item) in seen:
                    continue
                seen.add(id(item))
                yield item

    def write(self) -> None:
        from jekyllpy.writer import write_site

        write_site(self)
        if self.hooks.has("pages", "post_write") or self.hooks.has("posts", "post_write"):
            for item in self.each_site_file():
                if hasattr(item, "output"):
                    self.hooks.trigger(_hook_owner(item), "post_write", item)
        self.hooks.trigger("site", "post_write", self)

    def rebuild(self, changed_paths=()) -> set[str]:
        """Bring the destination up to date after `changed_paths` changed (added, modified
        or deleted files), rendering only the outputs that read them; returns the outputs
        (destination-relative paths) written or deleted. The first call builds everything and
        records the dependency graph; nothing changed → nothing rendered. See incremental.py."""
        from jekyllpy.incremental import builder_for

        return builder_for(self).rebuild(changed_paths).outputs

    def render_document(self, path: str | os.PathLike) -> str:
        """Render one page or document in memory (the site is read and generated first).

        Pages that list other documents see them unrendered unless `render()` ran before,
        so this matches the built file for self-contained pages and excerpt-free listings.
        """
        if not self._read_done:
            self.read()
            self.generate()
        target = Path(path)
        if not target.is_absolute():
            target = (self.source / target)
        target = Path(os.path.abspath(target))
        for item in list(self.pages) + [d for c in self.collections.values() for d in c.docs]:
            if Path(item.path) == target:
                if item.output is None or not self._rendered:
                    from jekyllpy.renderer import Renderer

                    self.site_drop.invalidate()
                    item.output = Renderer(self, item).run()
                return item.output
        raise JekyllpyError("no page or document at this path", os.path.relpath(target, self.source))


def _hook_owner(item) -> str:
    if isinstance(item, Page):
        return "pages"
    return "posts" if item.collection.label == "posts" else "documents"
