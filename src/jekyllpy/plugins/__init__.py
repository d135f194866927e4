"""The plugin API: hooks keyed by owner × event, and generators run after reading.

Built-in plugins (redirect_from, feed, sitemap …) register through this same API.
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


class Generator:
    """Subclass and implement `generate(site)`; higher priority runs first."""

    priority = 0
    name = "generator"

    def generate(self, site) -> None:  # pragma: no cover - interface
        raise NotImplementedError
