"""Which plugins a site gets: built-in ones, installed Python packages, and `_plugins/*.py`.

Jekyll 4.3 requires exactly the gems listed in `plugins:` (`Site#gems = config["plugins"]`);
the old `gems:` key is no longer read (it was dropped in Jekyll 4.0), which is why the
academicpages sites that still say `gems: [...]` get no feed, sitemap or redirects from real
Jekyll — we do the same and say so once. In safe mode only names also in `whitelist:` load
(`PluginManager#plugin_allowed?`) and `_plugins/` is not read. A Gemfile's `jekyll_plugins`
group is not consulted: the reference build runs with `JEKYLL_NO_BUNDLER_REQUIRE=true` and
jekyllpy never runs Bundler.

A name in `plugins:` is looked up, in order, among
1. the built-in reimplementations of the Ruby gems (`BUILTIN`);
2. installed Python distributions' `jekyllpy.plugins` entry points (the entry point's name is
   the name to list, its value a module with `register(site)` or a callable `f(site)`) —
   the Python counterpart of a gem;
3. otherwise it is a Ruby plugin we cannot run: one warning names it and says its output
   will be missing; the build goes on.

Python files in the site's `_plugins/` (Jekyll's `plugins_dir`) are code from the site
itself, so — unlike packages the user installed — they only run with an explicit opt-in:
`--unsafe-plugins` on the command line or `Site.from_path(..., unsafe_plugins=True)`. A
`_config.yml` cannot opt in (a cloned site must not be able to run code by itself being
built). Without the opt-in they are listed in one warning; `_plugins/*.rb` files always get
one warning since only Ruby could run them.
"""
from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from jekyllpy.errors import JekyllpyError

if TYPE_CHECKING:
    from jekyllpy.site import Site

ENTRY_POINT_GROUP = "jekyllpy.plugins"

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

# What a Ruby plugin commonly used on GitHub Pages sites adds, for the warning.
KNOWN_RUBY = {
    "jekyll-github-metadata": "the site.github variables",
    "jekyll-remote-theme": "the remote theme's layouts, includes and assets",
    "jekyll-archives": "the tag/category/date archive pages",
    "jekyll-last-modified-at": "page.last_modified_at values",
    "jekyll-scholar": "the bibliography tags and pages",
    "jekyll-toc": "the toc filter",
    "jemoji": "emoji images in place of :shortcodes:",
    "jekyll-mentions": "@mention links",
    "jekyll-relative-links": "rewritten links to .md files",
    "jekyll-optional-front-matter": "pages for Markdown files without front matter",
    "jekyll-titles-from-headings": "page titles taken from the first heading",
    "jekyll-default-layout": "default layouts for pages without one",
    "jekyll-readme-index": "README as the index page",
    "jekyll-coffeescript": "converted CoffeeScript files",
    "jekyll-avatar": "the avatar tag",
    "jekyll-admin": "nothing in the built site (an editor for `jekyll serve`)",
    "jekyll-compose": "nothing in the built site (commands only)",
}


def entry_points() -> dict[str, "metadata.EntryPoint"]:
    """Installed `jekyllpy.plugins` entry points by name (first one wins, as import does).
    importlib.metadata is imported here: scanning installed packages costs ~10 ms at start-up
    and only sites naming a plugin that is not built in need it."""
    from importlib import metadata

    found: dict[str, metadata.EntryPoint] = {}
    for ep in metadata.entry_points(group=ENTRY_POINT_GROUP):
        found.setdefault(ep.name, ep)
    return found


# Item hooks that run while an item renders: with `jobs` > 1 that is in a worker process.
_RENDER_TIME_HOOKS = [(owner, event) for owner in ("pages", "posts", "documents")
                      for event in ("pre_render", "post_convert")]


def _register(site: Site, obj: Any, label: str, builtin: bool = False) -> None:
    """Run a plugin: a module's `register(site)` or a callable `obj(site)`.

    A third-party plugin whose hooks run while items render (pre_render, post_convert)
    makes the build serial (`jobs = 1`) unless it declares `PARALLEL_SAFE = True`: in a
    parallel build those hooks run in worker processes, and anything they change besides
    the item's content and output (its data, the site, module globals) would not reach the
    parent — a serial build sees every change, as Jekyll does."""
    func = getattr(obj, "register", None) if isinstance(obj, ModuleType) else obj
    if not callable(func):
        raise JekyllpyError(f"Plugin {label} has no register(site) function")
    before = {key: len(site.hooks._hooks.get(key, ())) for key in _RENDER_TIME_HOOKS}
    func(site)
    site.loaded_plugins.append(label)
    if not builtin:
        site.third_party_plugins = True  # its output may depend on anything: never skipped
    added = any(len(site.hooks._hooks.get(key, ())) > n for key, n in before.items())
    if added and not builtin and not getattr(obj, "PARALLEL_SAFE", False) and site.jobs > 1:
        site.jobs = 1
        site.logger.debug("Plugin:", f"{label} has render-time hooks: rendering serially")


def load_plugins(site: Site) -> None:
    site.loaded_plugins = []
    names = [str(n) for n in site.config.get("plugins") or []]
    whitelist = site.config.get("whitelist") or []
    whitelist = [str(w) for w in (whitelist if isinstance(whitelist, list) else [whitelist])]
    installed: dict | None = None
    unknown: list[str] = []
    for name in dict.fromkeys(names):
        if site.safe and name not in whitelist:
            continue
        module_name = BUILTIN.get(name)
        if module_name is not None:
            _register(site, importlib.import_module(f"jekyllpy.plugins.{module_name}"), name, builtin=True)
            continue
        if installed is None:
            installed = entry_points()
        ep = installed.get(name)
        if ep is not None:
            try:
                obj = ep.load()
            except Exception as exc:
                raise JekyllpyError(f"Plugin '{name}' ({ep.value}) could not be loaded: "
                                    f"{type(exc).__name__}: {exc}") from exc
            _register(site, obj, name)
            continue
        unknown.append(name)
    # One warning per name (the logger shows the first of a kind with a count; --verbose all).
    for name in unknown:
        site.logger.warn("Plugin:", f"'{name}' is a Ruby plugin jekyllpy does not run (no installed "
                                    f"Python package provides it): {KNOWN_RUBY.get(name, 'whatever it generates')} "
                                    "will be missing.")
    _warn_about_gems_key(site, names)
    _warn_about_sass_implementation(site)
    if not site.safe:
        load_site_plugins(site)


def _warn_about_gems_key(site: Site, names: list[str]) -> None:
    gems = site.config.get("gems")
    if not isinstance(gems, list):
        return
    ignored = [str(g) for g in gems if str(g) not in names]
    if ignored:
        site.logger.warn("Plugins:", "`gems:` is not read by Jekyll 4 (it became `plugins:`), so these "
                                    f"are not loaded, as in Jekyll: {', '.join(ignored)}.")


def _warn_about_sass_implementation(site: Site) -> None:
    """`sass.implementation: sass-embedded` asks jekyll-sass-converter for dart-sass; we only
    have libsass. Said here, once, in the main process (Sass pages may compile in a forked
    child). Plain SCSS compiles alike; dart-sass-only syntax (`@use`, `math.div`) fails."""
    sass = site.config.get("sass")
    if isinstance(sass, dict) and sass.get("implementation") == "sass-embedded":
        site.logger.warn("Sass:", "`implementation: sass-embedded` (dart-sass) is not available in "
                                  "jekyllpy: compiling with libsass (default style expanded, as that "
                                  "implementation's); dart-sass-only syntax such as @use will fail.")


def plugin_dirs(site: Site) -> list[Path]:
    dirs = site.config.get("plugins_dir") or "_plugins"
    dirs = dirs if isinstance(dirs, list) else [dirs]
    return [site.in_source_dir(str(d)) for d in dirs]


def load_site_plugins(site: Site) -> None:
    """`_plugins/**/*.py` (sorted) when the user opted in; warnings otherwise."""
    python_files: list[Path] = []
    ruby_files: list[Path] = []
    for folder in plugin_dirs(site):
        if folder.is_dir():
            python_files += sorted(p for p in folder.rglob("*.py") if p.is_file())
            ruby_files += sorted(p for p in folder.rglob("*.rb") if p.is_file())
    if ruby_files:
        listed = ", ".join(_rel(site, p) for p in ruby_files)
        site.logger.warn("Ruby plugin:", f"Ruby plugins are not run by jekyllpy: {listed}; "
                                    "whatever they generate will be missing.")
    if not python_files:
        return
    if not getattr(site, "unsafe_plugins", False):
        listed = ", ".join(_rel(site, p) for p in python_files)
        site.logger.warn("Python plugin:", f"not running {listed}: Python plugins from the site run only "
                                    "with --unsafe-plugins.")
        return
    for path in python_files:
        module = _import_file(site, path)
        _register(site, module, _rel(site, path))


def _import_file(site: Site, path: Path) -> ModuleType:
    rel = _rel(site, path)
    name = "jekyllpy_site_plugins." + rel[:-3].replace("/", ".").replace("-", "_")
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise JekyllpyError("could not load this plugin", rel)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except SyntaxError as exc:
        sys.modules.pop(name, None)
        raise JekyllpyError(f"plugin has a syntax error: {exc.msg}", rel, exc.lineno, exc.offset) from exc
    except Exception as exc:
        sys.modules.pop(name, None)
        raise JekyllpyError(f"plugin failed to load: {type(exc).__name__}: {exc}", rel) from exc
    return module


def _rel(site: Site, path: Path) -> str:
    try:
        return str(path.relative_to(site.source))
    except ValueError:
        return str(path)
