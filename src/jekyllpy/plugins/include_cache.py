"""jekyll-include-cache (0.2.1): `{% include_cached file params %}`.

Same syntax and output as `{% include %}`, but the rendered text is kept for the rest of
the build (cleared when the site starts rendering, the plugin's `site/pre_render` hook) and
reused for every later call with the same file and the same parameter *values*. Two
details of the plugin decide which calls share an entry, and so what a page shows when the
include depends on something else (e.g. `page.title`: the first page's text is reused):

- the key is the resolved file plus the sorted parameters' values — the parameter *names*
  are not part of it, so `a=1` and `b=1` share an entry (a quirk of the plugin);
- a page/document value (`page=page`) counts by identity (the plugin hashes a drop's
  `object_id`), anything else by value (`1` and `1.0` differ, as Ruby's `hash` does).

Which call comes first decides what later calls show, so a site that uses the tag renders
serially: worker processes would each fill their own cache and could show another page's
text than Jekyll's serial build does.
"""
from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from io import StringIO
from typing import Any

from jekyllpy.liquid.tags import IncludeNode, IncludeTag
from jekyllpy.plugins import add_tag

_CACHE_ATTR = "_jekyllpy_include_cache"


def register(site) -> None:
    add_tag(site, "include_cached", IncludeCachedTag)
    site.hooks.register("site", "pre_render", _pre_render)
    setattr(site, _CACHE_ATTR, {})


def _pre_render(site, *_args) -> None:
    setattr(site, _CACHE_ATTR, {})
    if getattr(site, "jobs", 1) > 1 and _site_uses_tag(site):
        site.jobs = 1
        site.logger.debug("include_cached:", "the first call of each include decides its text: rendering serially")


def _site_uses_tag(site) -> bool:
    """Whether any layout, include, page or document mentions `include_cached` (a cheap
    over-approximation: a mention in plain text only costs parallelism)."""
    texts = [layout.content for layout in site.layouts.values()]
    texts += [item.content or "" for item in site.pages]
    texts += [doc.content or "" for c in site.collections.values() for doc in c.docs]
    if any("include_cached" in t for t in texts if isinstance(t, str)):
        return True
    includes = site.in_source_dir(str(site.config.get("includes_dir") or "_includes"))
    try:
        files = [p for p in includes.rglob("*") if p.is_file()]
    except OSError:
        return False
    return any(b"include_cached" in p.read_bytes() for p in files)


def _freeze(value: Any) -> Any:
    """A hashable stand-in for Ruby's `value.hash` (drops by identity)."""
    if isinstance(value, Mapping) and not isinstance(value, dict):
        owner = getattr(value, "doc", None) or getattr(value, "page", None) or getattr(value, "file", None)
        return ("drop", id(owner if owner is not None else value))
    if isinstance(value, dict):
        return ("hash", frozenset((_freeze(k), _freeze(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return ("array", tuple(_freeze(v) for v in value))
    if isinstance(value, bool) or value is None:
        return ("lit", value)
    if isinstance(value, (int, float, Decimal, str)):
        return (type(value).__name__, value)
    try:
        hash(value)
        return ("obj", value)
    except TypeError:
        return ("id", id(value))


class IncludeCachedNode(IncludeNode):
    __slots__ = ()

    def render_to_output(self, context, buffer) -> int:
        site = context.env.site
        cache = getattr(site, _CACHE_ATTR, None)
        if cache is None:
            cache = {}
            setattr(site, _CACHE_ATTR, cache)
        try:
            name = self._file_name(context).strip()
            template = context.env.renderer.load_include(name, self.token)
        except Exception:
            return super().render_to_output(context, buffer)  # raises the include tag's error
        if self.params:
            params = self._params(context)
            values = tuple(_freeze(params[k]) for k in sorted(params))
        else:
            values = None
        key = (template.path or template.name, values)
        text = cache.get(key)
        if text is None:
            tmp = StringIO()
            super().render_to_output(context, tmp)
            text = cache[key] = tmp.getvalue()
        buffer.write(text)
        return True


class IncludeCachedTag(IncludeTag):
    name = "include_cached"

    def parse(self, stream):
        node = super().parse(stream)
        cached = IncludeCachedNode(node.token, node.file, node.params, node.relative)
        return cached
