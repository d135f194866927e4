"""Which plugins a site gets: the ones named in `plugins:` that jekyllpy implements.

Jekyll 4.3 requires exactly the gems listed in `plugins:` (`Site#gems = config["plugins"]`);
the old `gems:` key is no longer read (it was dropped in Jekyll 4.0), which is why the
academicpages sites that still say `gems: [...]` get no feed, sitemap or redirects from real
Jekyll. In safe mode only names also in `whitelist:` load (`PluginManager#plugin_allowed?`).
A Gemfile's `jekyll_plugins` group is not consulted: the reference build runs with
`JEKYLL_NO_BUNDLER_REQUIRE=true` and jekyllpy never runs Bundler.

Ruby-only plugins get one clear warning naming what will be missing, never a crash.
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jekyllpy.site import Site

# gem name → module under jekyllpy.plugins implementing it
BUILTIN = {
    "jekyll-redirect-from": "redirect_from",
    "jekyll-feed": "feed",
    "jekyll-sitemap": "sitemap",
    "jekyll-seo-tag": "seo",
    "jekyll-paginate": "paginate",
    "jekyll-gist": "gist",
    "jekyll-include-cache": "include_cache",
}


def load_plugins(site: Site) -> None:
    names = [str(n) for n in site.config.get("plugins") or []]
    whitelist = site.config.get("whitelist") or []
    whitelist = [str(w) for w in (whitelist if isinstance(whitelist, list) else [whitelist])]
    for name in dict.fromkeys(names):
        if site.safe and name not in whitelist:
            continue
        module_name = BUILTIN.get(name)
        if module_name is None:
            site.logger.warn("Plugin:", f"'{name}' is a Ruby plugin jekyllpy does not implement; "
                                        "its output will be missing.")
            continue
        try:
            module = importlib.import_module(f"jekyllpy.plugins.{module_name}")
        except ModuleNotFoundError:
            site.logger.warn("Plugin:", f"'{name}' is not implemented in jekyllpy yet; its output will be missing.")
            continue
        module.register(site)
