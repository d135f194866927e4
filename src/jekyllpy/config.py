"""Configuration: Jekyll's defaults < `_config.yml` (or several) < command-line overrides."""
from __future__ import annotations

import copy
import re
import os
from pathlib import Path
from typing import Any, NamedTuple

from jekyllpy import github_pages, yaml11
from jekyllpy.errors import ConfigError, JekyllpyError
from jekyllpy.config_schema import check_config
from jekyllpy.utils import deep_merge

DEFAULTS: dict[str, Any] = {
    "source": ".",
    "destination": "_site",
    "collections_dir": "",
    "cache_dir": ".jekyll-cache",
    "plugins_dir": "_plugins",
    "layouts_dir": "_layouts",
    "data_dir": "_data",
    "includes_dir": "_includes",
    "collections": {},
    "safe": False,
    "include": [".htaccess"],
    "exclude": [],
    "keep_files": [".git", ".svn"],
    "encoding": "utf-8",
    "markdown_ext": "markdown,mkdown,mkdn,mkd,md",
    "strict_front_matter": False,
    "show_drafts": None,
    "limit_posts": 0,
    "future": False,
    "unpublished": False,
    "whitelist": [],
    "plugins": [],
    "markdown": "kramdown",
    "highlighter": "rouge",
    "lsi": False,
    "excerpt_separator": "\n\n",
    "incremental": False,
    "detach": False,
    "port": "4000",
    "host": "127.0.0.1",
    "baseurl": None,
    "show_dir_listing": False,
    "permalink": "date",
    "paginate_path": "/page:num",
    "timezone": None,
    "quiet": False,
    "verbose": False,
    "defaults": [],
    "liquid": {"error_mode": "warn", "strict_filters": False, "strict_variables": False},
    "kramdown": {
        "auto_ids": True,
        "toc_levels": [1, 2, 3, 4, 5, 6],
        "entity_output": "as_char",
        "smart_quotes": "lsquo,rsquo,ldquo,rdquo",
        "input": "GFM",
        "hard_wrap": False,
        "guess_lang": True,
        "footnote_nr": 1,
        "show_warnings": False,
    },
}

DEFAULT_EXCLUDES = [
    ".sass-cache", ".jekyll-cache", "gemfiles", "Gemfile", "Gemfile.lock", "node_modules",
    "vendor/bundle/", "vendor/cache/", "vendor/gems/", "vendor/ruby/",
]

STYLE_TO_PERMALINK = {
    "none": "/:categories/:title:output_ext",
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
}


def style_to_permalink(style: Any) -> str:
    return STYLE_TO_PERMALINK.get(str(style), str(style))


def find_config_files(source: Path) -> list[Path]:
    """Jekyll looks for _config.yml, then .yaml, then .toml; a missing file is fine."""
    for ext in ("yml", "yaml", "toml"):
        candidate = source / f"_config.{ext}"
        if candidate.exists():
            return [candidate]
    return []


class InvalidConfigFile(ConfigError):
    """A configuration file whose YAML is not a mapping: Jekyll warns and uses defaults."""


def read_config_file(path: Path) -> dict:
    if not re.search(r"\.(toml|ya?ml)", path.suffix, re.I):
        # Jekyll's safe_load_file picks a parser by extension before reading; without one it
        # raises ArgumentError, which read_config_files turns into a warning and defaults
        raise InvalidConfigFile(f"No parser for '{path}' is available. Use a .y(a)ml or .toml file instead.", path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"The configuration file could not be read: {exc.strerror}", path) from exc
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    text = raw.decode("utf-8", "surrogateescape")
    from jekyllpy.frontmatter import invalid_utf8

    bad = invalid_utf8(text, path)
    if bad is not None:  # Psych: "incomplete UTF-8 octet sequence", fatal in Jekyll too
        raise ConfigError(bad.message, path, bad.line, bad.column, source_line=bad.source_line)
    if path.suffix.lower() == ".toml":
        import tomllib

        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"invalid TOML: {exc}", path) from exc
    else:
        data = yaml11.load(text, str(path))
    if data is None or data is False:  # Jekyll: `SafeYAML.load_file(filename) || {}`
        return {}
    if not isinstance(data, dict):
        raise InvalidConfigFile("Configuration file is not a mapping of settings", path, 1, 1)
    return data


class LoadedConfig(NamedTuple):
    """A site's configuration as `Site.from_path` loads it, before the `Site` is made (the
    command line starts the Sass head start in between, before the heavy imports)."""

    config: dict
    files: list[Path] | None
    overrides: dict
    unsafe_plugins: bool


def render_jobs(config: dict) -> int:
    """Processes a build renders on: `jobs` (default: the core count); one with `profile`,
    whose table measures one process, as Jekyll's does."""
    if config.get("profile"):
        return 1
    return max(1, int(config.get("jobs") or os.cpu_count() or 1))


def load_site_config(path: str | os.PathLike, config_files: list[str] | None = None,
                     overrides: dict | None = None) -> LoadedConfig:
    """Load `_config.yml` (or `config_files`) from `path`, with `overrides` on top."""
    source = Path(path).resolve()
    if not source.is_dir():
        raise JekyllpyError("source directory does not exist", source)
    files = [Path(f) for f in config_files] if config_files else None
    overrides = dict(overrides or {})
    # Running the site's own _plugins/*.py is the caller's decision, never the config's.
    unsafe_plugins = bool(overrides.pop("unsafe_plugins", False))
    return LoadedConfig(load_config(source, overrides, files), files, overrides, unsafe_plugins)


def load_config(
    source: Path,
    overrides: dict | None = None,
    config_files: list[Path] | None = None,
) -> dict:
    """Merge defaults, config files and overrides, then apply Jekyll's post-processing."""
    overrides = dict(overrides or {})
    files = config_files if config_files is not None else find_config_files(source)
    config: dict = copy.deepcopy(DEFAULTS)
    warnings: list[str] = []
    for path in files:
        try:
            data = read_config_file(Path(path))
        except InvalidConfigFile as exc:
            # Jekyll's read_config_files: "Configuration file: (INVALID) FILE", then the
            # build goes on with what was read so far (defaults and options); later files
            # are not read.
            warnings.append(f"Error reading configuration. Using defaults (and options). {exc}")
            break
        warnings += check_config(data, Path(path))
        config = deep_merge(config, data)
    config = deep_merge(config, overrides)
    if github_pages.requested(config):
        # GitHub Pages puts its defaults under the user's settings and its overrides above
        # them: it needs the user's settings apart from Jekyll's defaults.
        user: dict = {}
        for path in files:
            try:
                user = deep_merge(user, read_config_file(Path(path)))
            except ConfigError:
                break
        config = github_pages.effective_config(DEFAULTS, deep_merge(user, overrides), source)
    config["source"] = str(source)
    validate(config, files)
    config = add_default_collections(config)
    config["exclude"] = list(dict.fromkeys(list(config["exclude"]) + DEFAULT_EXCLUDES))
    CONFIG_WARNINGS[id(config)] = warnings
    return config


# Warnings found while loading a configuration, keyed by id(config); the Site logs them.
CONFIG_WARNINGS: dict[int, list[str]] = {}


def validate(config: dict, files: list[Path]) -> None:
    where = files[0] if files else None
    for key in ("source", "destination", "collections_dir", "layouts_dir", "data_dir", "includes_dir", "cache_dir",
                "plugins_dir"):
        if isinstance(config.get(key), str) and "\0" in config[key]:  # no path can hold one
            from jekyllpy.config_schema import _key_lines

            line = _key_lines(Path(where)).get(key) if where else None
            raise ConfigError(f"`{key}` contains a NUL byte: {config[key]!r}", where, line, 1 if line else None)
    for option in ("include", "exclude"):
        if option in config and not isinstance(config[option], list):
            raise ConfigError(
                f"'{option}' should be set as an array, but was: {config[option]!r}.", where
            )
    if not isinstance(config.get("plugins"), list):
        if config.get("plugins") is None:
            config["plugins"] = []
        else:
            raise ConfigError(
                f"'plugins' should be set as an array, but was: {config['plugins']!r}.", where
            )
    # `gems:` (Jekyll 2) is ignored by Jekyll 4.3: only `plugins:` loads plugins.
    collections = config.get("collections")
    if collections is not None and not isinstance(collections, (dict, list)):
        raise ConfigError("Your `collections` key must be a hash or an array.", where)
    try:
        limit = int(config.get("limit_posts") or 0)
    except (TypeError, ValueError) as exc:
        raise ConfigError("limit_posts must be a non-negative number", where) from exc
    if limit < 0:
        raise ConfigError("limit_posts must be a non-negative number", where)
    config["limit_posts"] = limit
    if config.get("time"):  # Site.reset parses it; a bad one is named here with its line
        from jekyllpy.config_schema import _key_lines
        from jekyllpy.dates import parse_date
        from datetime import timezone

        try:
            parse_date(config["time"], timezone.utc, "Invalid time in _config.yml.")
        except JekyllpyError as exc:
            line = _key_lines(Path(where)).get("time") if where else None
            raise ConfigError(exc.message, where, line, 1 if line else None) from None
    if config.get("permalink") is None:
        config["permalink"] = "date"


def add_default_collections(config: dict) -> dict:
    collections = config.get("collections")
    if collections is None:
        return config
    if isinstance(collections, list):
        collections = {str(name): {} for name in collections}
    collections = {str(k): (dict(v) if isinstance(v, dict) else {}) for k, v in collections.items()}
    posts = collections.get("posts", {})
    posts["output"] = True
    if config.get("permalink") and not posts.get("permalink"):
        posts["permalink"] = style_to_permalink(config["permalink"])
    merged = {"posts": posts}
    merged.update({k: v for k, v in collections.items() if k != "posts"})
    config["collections"] = merged
    return config
