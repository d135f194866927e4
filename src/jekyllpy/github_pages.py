"""GitHub Pages mode (`--github-pages`, or `github_pages: true` in `_config.yml`).

GitHub Pages does not build with plain Jekyll: the `github-pages` gem (v232: Jekyll 3.10,
kramdown 2.4 with the GFM parser, Liquid 4.0.4, Rouge 3.30) rewrites the configuration
first (`GitHubPages::Configuration.effective_config`). A site that builds locally with
plain Jekyll can therefore publish differently there. This module applies the same
rewrite so that "builds with jekyllpy --github-pages" means "publishes the same there":

* its defaults under the user's settings: `future: true`, `markdown: kramdown`,
  kramdown GFM input without hard wraps with the `paragraph_end` quirk and `plaintext` as
  the default code language, `sass.style: compressed` (production) without source maps
  (jekyll-sass-converter 1.5 writes none), `CNAME` excluded when
  the site does not set `exclude:` itself;
* its overrides above them: `safe: true` (no `_plugins/`, symlinks not followed), the
  plugin whitelist, `lsi: false`, `highlighter: rouge`, kramdown's template, math engine
  and highlighter, `gist.noscript: false`;
* the plugins it always loads, and `jekyll-remote-theme` when `remote_theme:` is set;
* what Jekyll 3.10 still reads and Jekyll 4.3 ignores: `gems:` (as `plugins:`),
  `server_port`, `layouts`, `data_source`;
* `JEKYLL_ENV=production` (`Site` reads `github_pages` for `jekyll.environment`);
* `site.github` as jekyll-github-metadata fills it from `repository:` (or the
  `PAGES_REPO_NWO` variable) without asking GitHub's API: names and URLs derived from the
  repository, `url`/`baseurl` fallbacks for user and project pages, `title` fallback.

Plugins GitHub Pages always runs that jekyllpy does not implement (optional front matter,
relative links, …) are named by the usual "Ruby plugin" warning, since their output will
be missing.
"""
from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

from jekyllpy.utils import deep_merge

GITHUB_PAGES_VERSION = "232"

# GitHubPages::Plugins::DEFAULT_PLUGINS: loaded whatever `plugins:` says.
DEFAULT_PLUGINS = [
    "jekyll-coffeescript", "jekyll-commonmark-ghpages", "jekyll-gist", "jekyll-github-metadata",
    "jekyll-paginate", "jekyll-relative-links", "jekyll-optional-front-matter",
    "jekyll-readme-index", "jekyll-default-layout", "jekyll-titles-from-headings",
]
# GitHubPages::Plugins::PLUGIN_WHITELIST: in safe mode, nothing else loads.
PLUGIN_WHITELIST = [
    "jekyll-coffeescript", "jekyll-commonmark-ghpages", "jekyll-feed", "jekyll-gist",
    "jekyll-github-metadata", "jekyll-paginate", "jekyll-redirect-from", "jekyll-seo-tag",
    "jekyll-sitemap", "jekyll-avatar", "jemoji", "jekyll-mentions", "jekyll-relative-links",
    "jekyll-optional-front-matter", "jekyll-readme-index", "jekyll-default-layout",
    "jekyll-titles-from-headings", "jekyll-include-cache", "jekyll-remote-theme",
]
# Default plugins that change nothing unless the site uses them (CoffeeScript files, the
# CommonMark processor) or that this module itself stands in for (site.github): not listed
# in `plugins:`, so that the build does not warn about them for every site.
_SILENT_DEFAULTS = {"jekyll-coffeescript", "jekyll-commonmark-ghpages", "jekyll-github-metadata"}

DEFAULTS: dict[str, Any] = {
    "future": True,
    "markdown": "kramdown",
    "kramdown": {
        "input": "GFM",
        "hard_wrap": False,
        "gfm_quirks": "paragraph_end",
        "syntax_highlighter_opts": {"default_lang": "plaintext"},
    },
    # PRODUCTION_DEFAULTS (GitHub Pages builds in production); its jekyll-sass-converter 1.5
    # writes no source maps, unlike 2.x's default `sourcemap: always`.
    "sass": {"style": "compressed", "sourcemap": "never"},
}
OVERRIDES: dict[str, Any] = {
    "lsi": False,
    "safe": True,
    "whitelist": PLUGIN_WHITELIST,
    "highlighter": "rouge",
    "kramdown": {"template": "", "math_engine": "mathjax", "syntax_highlighter": "rouge"},
    "gist": {"noscript": False},
}
# Jekyll 3.10's Configuration#backwards_compatibilize (gone from Jekyll 4).
RENAMED_KEYS = {"gems": "plugins", "server_port": "port", "layouts": "layouts_dir", "data_source": "data_dir"}


def requested(user_config: dict) -> bool:
    """True when the merged user settings (files and command line) ask for the mode."""
    return user_config.get("github_pages") is True


def effective_config(jekyll_defaults: dict, user_config: dict, source: Path) -> dict:
    """The configuration GitHub Pages would build with, from Jekyll's defaults and the
    user's merged settings (config files, then command-line overrides)."""
    user = _backwards_compatibilize(copy.deepcopy(user_config))
    config = deep_merge(deep_merge(copy.deepcopy(jekyll_defaults), DEFAULTS), user)
    if "exclude" not in user:  # `exclude_cname`: only when the site kept the default list
        config["exclude"] = list(config.get("exclude") or []) + ["CNAME"]
    config = deep_merge(config, OVERRIDES)
    if str(config.get("markdown") or "").lower() not in ("kramdown", "gfm", "commonmarkghpages"):
        config["markdown"] = "kramdown"
    plugins = config.get("plugins")
    plugins = [str(p) for p in plugins] if isinstance(plugins, list) else []
    wanted = [p for p in DEFAULT_PLUGINS if p not in _SILENT_DEFAULTS]
    if "remote_theme" in config:
        wanted.append("jekyll-remote-theme")
    config["plugins"] = list(dict.fromkeys(plugins + wanted))
    config["github_pages"] = True
    _add_github_metadata(config, user, source)
    return config


def _backwards_compatibilize(user: dict) -> dict:
    """Jekyll 3.10's `renamed_key`: the old key's value replaces the new key's."""
    for old, new in RENAMED_KEYS.items():
        if old in user:
            user[new] = user.pop(old)
    for option in ("include", "exclude"):  # Jekyll 3.10 splits a string on commas
        if isinstance(user.get(option), str):
            user[option] = [part.strip() for part in user[option].split(",")]
    return user


def repository_nwo(config: dict) -> str | None:
    """`owner/name` from `repository:` or PAGES_REPO_NWO, as jekyll-github-metadata finds it
    (without its last resort, the git remote)."""
    value = config.get("repository") or os.environ.get("PAGES_REPO_NWO")
    if not isinstance(value, str) or value.count("/") != 1 or not all(value.split("/")):
        return None
    return value.strip()


def site_github(nwo: str, cname: str | None = None) -> dict:
    """The parts of `site.github` that follow from the repository's name alone."""
    owner, name = nwo.split("/")
    user_page = name.lower() in (f"{owner.lower()}.github.io", f"{owner.lower()}.github.com")
    host = cname or f"{owner.lower()}.github.io"
    scheme = "https"
    html_url = f"{scheme}://{host}" + ("" if user_page or cname else f"/{name}")
    repo_url = f"https://github.com/{nwo}"
    return {
        "hostname": "github.com",
        "pages_hostname": "github.io",
        "api_url": "https://api.github.com",
        "help_url": "https://help.github.com",
        "environment": "dotcom",
        "pages_env": "dotcom",
        "repository_nwo": nwo,
        "repository_name": name,
        "owner_name": owner,
        "owner_url": f"https://github.com/{owner}",
        "project_title": name,
        "repository_url": repo_url,
        "clone_url": f"{repo_url}.git",
        "releases_url": f"{repo_url}/releases",
        "issues_url": f"{repo_url}/issues",
        "zip_url": f"{repo_url}/zipball/gh-pages" if not user_page else f"{repo_url}/zipball/master",
        "tar_url": f"{repo_url}/tarball/gh-pages" if not user_page else f"{repo_url}/tarball/master",
        "is_user_page": user_page,
        "is_project_page": not user_page,
        "url": html_url,
        "baseurl": "" if user_page or cname else f"/{name}",
        "show_downloads": True,
    }


def _add_github_metadata(config: dict, user: dict, source: Path) -> None:
    nwo = repository_nwo(config)
    if nwo is None:
        return
    cname = None
    cname_file = source / "CNAME"
    if cname_file.is_file():
        text = cname_file.read_text(errors="replace").strip().splitlines()
        cname = text[0].strip() if text and text[0].strip() else None
    github = site_github(nwo, cname)
    existing = config.get("github")
    config["github"] = deep_merge(github, existing) if isinstance(existing, dict) else github
    # SiteGitHubMunger: fallbacks only where the site says nothing.
    if not config.get("url"):
        config["url"] = github["url"].removesuffix(github["baseurl"])  # url_without_path
    if config.get("baseurl") in (None, "/"):
        config["baseurl"] = github["baseurl"]
    if config.get("title") is None:
        config["title"] = github["project_title"]
