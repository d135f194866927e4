"""The plugin API: generators, converters, Liquid tags and filters, and hooks.

Built-in plugins (redirect_from, feed, sitemap, seo, gist, include_cache, paginate) register
through this same public API. A plugin is a module with `register(site)` (or a callable),
loaded by `plugins/registry.py` from `plugins:` — built in, a `jekyllpy.plugins` entry point
of an installed package, or `_plugins/*.py` with `--unsafe-plugins` — and called once when
the `Site` is constructed (before its first reset/read). In it:

- `add_generator(site, gen)`: `gen.generate(site)` after reading (higher `priority` first,
  `PRIORITY` names as Jekyll's `priority :lowest` …);
- `add_converter(site, Converter())`: files by extension;
- `add_tag(site, name, render[, block=True])` / `add_filter(site, name, func)`: Liquid;
- `site.hooks.register(owner, event, fn, priority=0)` (Jekyll's `Jekyll::Hooks.register`);
- `register_liquid(site, fn)`: `fn(env)` on each Liquid environment of the site, now and
  after every reset (because `site.liquid` is recreated by `reset()`).

docs/plugins.md documents all of it, with a tested example plugin.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any, Callable

OWNERS = ("site", "pages", "posts", "documents", "clean")
EVENTS = ("after_init", "after_reset", "post_read", "pre_render", "post_convert", "post_render",
          "post_write", "post_init", "on_obsolete")


# Jekyll calls a page's/document's first hook `post_init`; `after_init` is the site's. Both
# names are accepted for every owner so a plugin author need not remember which is which.
_EVENT_ALIASES = {("pages", "after_init"): "post_init", ("posts", "after_init"): "post_init",
                  ("documents", "after_init"): "post_init"}


class Hooks:
    """Jekyll's hook registry: `register("documents", "post_render", fn)`.

    `owner` may be a list (`["pages", "documents"]`) as in Jekyll; hooks of one owner and
    event run in `priority` order (higher first, then registration order), as Jekyll's do.
    Posts are documents: a `documents` hook also runs for posts, after the `posts` ones.
    """

    def __init__(self) -> None:
        self._hooks: dict[tuple[str, str], list[tuple[int, int, Callable[..., Any]]]] = defaultdict(list)
        self._seq = 0

    def register(self, owner: str | list[str] | tuple[str, ...], event: str, fn: Callable[..., Any],
                 priority: int | str = 0) -> Callable[..., Any]:
        owners = [owner] if isinstance(owner, str) else list(owner)
        rank = PRIORITY[priority] if isinstance(priority, str) else int(priority)
        for one in owners:
            if one not in OWNERS:
                raise ValueError(f"unknown hook owner {one!r}; one of {OWNERS}")
            name = _EVENT_ALIASES.get((one, event), event)
            if name not in EVENTS:
                raise ValueError(f"unknown hook event {event!r}; one of {EVENTS}")
            self._seq += 1
            entries = self._hooks[(one, name)]
            entries.append((-rank, self._seq, fn))
            entries.sort(key=lambda e: (e[0], e[1]))
        return fn

    def has(self, owner: str, event: str) -> bool:
        return bool(self._hooks.get((owner, event))) or (
            owner == "posts" and bool(self._hooks.get(("documents", event))))

    def has_opaque(self, owner: str, event: str) -> bool:
        """Whether a hook of `owner`/`event` may read the site in ways a parallel render does
        not see (every hook but those marked `records_reads`, which tell the render view)."""
        entries = list(self._hooks.get((owner, event), ()))
        if owner == "posts":
            entries += self._hooks.get(("documents", event), ())
        return any(not getattr(fn, "records_reads", False) for _rank, _seq, fn in entries)

    def trigger(self, owner: str, event: str, obj: Any, *args: Any) -> None:
        for _rank, _seq, fn in list(self._hooks.get((owner, event), ())):
            fn(obj, *args)
        # posts are documents too, as in Jekyll
        if owner == "posts":
            for _rank, _seq, fn in list(self._hooks.get(("documents", event), ())):
                fn(obj, *args)


# Jekyll's named priorities (`Jekyll::Plugin::PRIORITIES`).
PRIORITY = {"lowest": -100, "low": -10, "normal": 0, "high": 10, "highest": 100}


def register_liquid(site, fn: Callable[[Any], None]) -> None:
    """Run `fn(env)` on the site's Liquid environment(s) now and after every reset.

    Why a helper: `Site.reset()` builds a new `LiquidRenderer`, so tags or filters added once
    would vanish on the next build; this re-applies them from an `after_reset` hook.
    """

    def apply(site_) -> None:
        liquid = getattr(site_, "liquid", None)
        if liquid is None:
            return
        for env in (getattr(liquid, "env", None), getattr(liquid, "lax_env", None)):
            if env is not None:
                fn(env)

    site.hooks.register("site", "after_reset", apply)
    apply(site)


class Generator:
    """Subclass and implement `generate(site)`; higher priority runs first."""

    priority = 0
    name = "generator"

    def generate(self, site) -> None:  # pragma: no cover - interface
        raise NotImplementedError


class _FunctionGenerator(Generator):
    def __init__(self, fn: Callable[[Any], None], priority: int, name: str) -> None:
        self.fn, self.priority, self.name = fn, priority, name

    def generate(self, site) -> None:
        self.fn(site)


def add_generator(site, generator: Generator | Callable[[Any], None], priority: int | str | None = None) -> Generator:
    """Run `generator.generate(site)` (or `generator(site)`) after reading, before rendering.

    Generators run once per build, highest `priority` first (Jekyll's order); a generator
    typically appends `PageWithoutAFile` pages to `site.pages` or edits `doc.data`.
    """
    if not hasattr(generator, "generate"):
        rank = PRIORITY.get(priority, 0) if isinstance(priority, str) else int(priority or 0)
        generator = _FunctionGenerator(generator, rank, getattr(generator, "__name__", "generator"))
    elif priority is not None:
        generator.priority = PRIORITY[priority] if isinstance(priority, str) else int(priority)
    site.generators.append(generator)
    return generator


class Converter:
    """A converter for source files by extension, as Jekyll's `Jekyll::Converter`.

    Implement `matches(ext)` (ext has its dot: ".rst"), `output_ext(ext)` and
    `convert(content)`. A plugin converter that matches an extension takes it over from the
    built-in Markdown/Sass/identity converters (the highest `priority` plugin one wins).
    Pages and documents still need front matter to be converted, as in Jekyll.
    """

    priority = 0

    def matches(self, ext: str) -> bool:  # pragma: no cover - interface
        raise NotImplementedError

    def output_ext(self, ext: str) -> str:  # pragma: no cover - interface
        return ".html"

    def convert(self, content: str) -> str:  # pragma: no cover - interface
        raise NotImplementedError


def add_converter(site, converter: Converter) -> Converter:
    """Register a converter; it is consulted by `site.converters` on every build."""
    converters = site.__dict__.setdefault("plugin_converters", [])
    converters.append(converter)
    converters.sort(key=lambda c: -int(getattr(c, "priority", 0)))
    return converter


def add_tag(site, name: str, render: Callable[..., str], block: bool = False) -> None:
    """Add the Liquid tag `{% name markup %}` whose output is `render(context, markup)`;
    with `block=True`, `{% name markup %}…{% endname %}` and `render(context, markup, body)`
    where `body` is the rendered inside. `context.env.site` is the Site,
    `context.resolve("page")` the current page's variables. `render` may also be a
    python-liquid `Tag` subclass, for tags that parse their own markup."""
    from jekyllpy.plugins._liquid_tags import simple_block_tag, simple_tag

    if isinstance(render, type):  # a full python-liquid `Tag` class (name taken from it)
        tag = render
    else:
        tag = simple_block_tag(name, render) if block else simple_tag(name, render)
    register_liquid(site, lambda env: env.add_tag(tag))


def add_filter(site, name: str, func: Callable[..., Any]) -> None:
    """Add the Liquid filter `{{ value | name: arg1, arg2 }}` = `func(value, arg1, arg2)`."""
    register_liquid(site, lambda env: env.filters.__setitem__(name, func))
