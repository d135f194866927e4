"""The plugin API: hooks keyed by owner × event, generators run after reading, and Liquid
extensions (tags, filters) added to every Liquid environment a site creates.

Built-in plugins (redirect_from, feed, sitemap …) register through this same public API. A
plugin module exposes `register(site)`, called once when the `Site` is constructed (before its
first reset/read), and in it may:

- append a `Generator` to `site.generators` (higher `priority` runs first; use the `PRIORITY`
  names, as Jekyll's `priority :lowest` etc.);
- `site.hooks.register(owner, event, fn)` (Jekyll's `Jekyll::Hooks.register`);
- `register_liquid(site, fn)`: `fn(env)` is called on each Liquid environment of the site
  (strict and lax) every time the site resets, because `site.liquid` is recreated by `reset()`.
  Use `env.add_tag(TagClass)` / `env.add_filter(name, func)` there.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any, Callable

OWNERS = ("site", "pages", "posts", "documents", "clean")
EVENTS = ("after_init", "after_reset", "post_read", "pre_render", "post_convert", "post_render",
          "post_write", "post_init", "on_obsolete")


class Hooks:
    """Jekyll's hook registry: `register("documents", "post_render", fn)`."""

    def __init__(self) -> None:
        self._hooks: dict[tuple[str, str], list[Callable[..., Any]]] = defaultdict(list)

    def register(self, owner: str, event: str, fn: Callable[..., Any]) -> None:
        if owner not in OWNERS:
            raise ValueError(f"unknown hook owner {owner!r}; one of {OWNERS}")
        if event not in EVENTS:
            raise ValueError(f"unknown hook event {event!r}; one of {EVENTS}")
        self._hooks[(owner, event)].append(fn)

    def trigger(self, owner: str, event: str, obj: Any, *args: Any) -> None:
        for fn in self._hooks.get((owner, event), ()):
            fn(obj, *args)
        # posts are documents too, as in Jekyll
        if owner == "posts":
            for fn in self._hooks.get(("documents", event), ()):
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
