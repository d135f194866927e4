"""`jekyllpy doctor`: what a migrator needs to know before (and without) building.

Each check looks at one thing Jekyll users trip over when moving a site — plugins that are
Ruby-only or silently ignored, settings GitHub Pages and Jekyll 4.3 read differently, files
that will not be published and why, URL conflicts, redirects onto real pages, and (with
`--links`) internal links to nothing. The exit status says whether the site builds.
"""
from __future__ import annotations

import json
import os
import re
import sys
from dataclasses import asdict, dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Iterator
from urllib.parse import unquote, urlsplit

from jekyllpy.errors import JekyllpyError
from jekyllpy.plugins.registry import BUILTIN

if TYPE_CHECKING:
    from jekyllpy.site import Site

CATEGORIES = {
    "build": "Build",
    "plugins": "Plugins",
    "settings": "Settings",
    "github-pages": "GitHub Pages vs Jekyll 4.3",
    "files": "Files that will not be published",
    "urls": "URLs",
    "links": "Links",
}

# Liquid 5 tags GitHub Pages (Liquid 4.0.4) does not know.
LIQUID5_TAGS = ("render", "liquid", "echo")
# Settings Jekyll 4.3 no longer reads. GitHub Pages' Jekyll 3.10 still renames the first
# four (Configuration#backwards_compatibilize), so the same _config.yml builds differently there.
DEPRECATED_SETTINGS = {
    "gems": "Jekyll 4.3 ignores `gems:` (GitHub Pages' Jekyll 3.10 still reads it): rename it to `plugins:`",
    "server_port": "Jekyll 4.3 ignores `server_port:` (Jekyll 3.10 reads it as `port:`): rename it",
    "layouts": "Jekyll 4.3 ignores `layouts:` (Jekyll 3.10 reads it as `layouts_dir:`): rename it",
    "data_source": "Jekyll 4.3 ignores `data_source:` (Jekyll 3.10 reads it as `data_dir:`): rename it",
    "pygments": "`pygments:` was removed in Jekyll 3; use `highlighter: rouge`",
    "relative_permalinks": "relative permalinks were removed in Jekyll 3",
    "auto": "`auto:` was removed in Jekyll 3: `jekyllpy serve` rebuilds on changes",
    "watch": "`watch:` was removed in Jekyll 3: `jekyllpy serve` rebuilds on changes",
    "server": "`server:` was removed in Jekyll 3: use `jekyllpy serve`",
}
UNSUPPORTED_VALUES = {
    ("markdown", "redcarpet"): "only kramdown is supported (as on GitHub Pages)",
    ("markdown", "rdiscount"): "only kramdown is supported (as on GitHub Pages)",
    ("highlighter", "pygments"): "`highlighter: pygments` is treated as rouge",
    ("markdown", "maruku"): "Maruku was removed in Jekyll 3; only kramdown is supported",
}
# Liquid that Jekyll 4.3 (Liquid 5.4) accepts and GitHub Pages (Jekyll 3.10, Liquid 4.0.4)
# does not, or reads differently: (pattern, message). Tags are matched by LIQUID5_TAGS.
JEKYLL4_LIQUID = [
    (re.compile(r"\|\s*(find_exp|find)\s*:"),
     "the `{0}` filter is Jekyll 4.1+: GitHub Pages (Jekyll 3.10) does not have it and leaves the value unfiltered"),
    (re.compile(r"\|\s*number_of_words\s*:"),
     "`number_of_words` with a mode (cjk, auto) is Jekyll 4.1+: GitHub Pages ignores the mode"),
    (re.compile(r"\|\s*where_exp\s*:[^|}%]*?\s(and|or)\s"),
     "`where_exp` with `{0}` is Jekyll 4.0+: GitHub Pages (Jekyll 3.10) evaluates only the first condition"),
]


@dataclass
class Finding:
    category: str
    severity: str  # "error" | "warning" | "info"
    message: str
    path: str | None = None
    line: int | None = None

    def location(self) -> str:
        if not self.path:
            return ""
        return f"{self.path}:{self.line}" if self.line else self.path


def diagnose(site: Site, *, links: bool = False) -> list[Finding]:
    findings: list[Finding] = []
    findings += check_plugins(site)
    findings += check_settings(site)
    findings += check_liquid_versions(site)
    try:
        try:
            site.read()
        finally:
            # Front matter Jekyll cannot read does not stop its build: the file is built
            # without it (no layout, no title), which is rarely what the author wants.
            for err in getattr(site, "read_problems", []):
                findings.append(Finding("build", "warning", f"{err.message} (Jekyll builds this file "
                                        "without its front matter)", err.path, err.line))
        findings += check_redirects(site)  # before generators add the stubs themselves
        site.generate()
    except JekyllpyError as err:
        findings.append(Finding("build", "error", err.message, err.path, err.line))
        return findings
    findings += check_ignored_files(site)
    findings += check_conflicts(site)
    if links:
        try:
            site.render()
        except JekyllpyError as err:
            findings.append(Finding("build", "error", err.message, err.path, err.line))
            return findings
        findings += check_links(site)
    return findings


# plugins ---------------------------------------------------------------------------------
def check_plugins(site: Site) -> Iterator[Finding]:
    config_file = _config_name(site)
    named = [str(p) for p in site.config.get("plugins") or []]
    for name in named:
        if name in BUILTIN:
            yield Finding("plugins", "info", f"'{name}' is built into jekyllpy", config_file,
                          _line_of(site, "plugins"))
        elif name in getattr(site, "loaded_plugins", ()):  # a `jekyllpy.plugins` entry point
            yield Finding("plugins", "info", f"'{name}' is provided by an installed Python package",
                          config_file, _line_of(site, "plugins"))
        else:
            yield Finding("plugins", "warning",
                          f"'{name}' is a Ruby plugin jekyllpy does not run: whatever it adds will be missing",
                          config_file, _line_of(site, "plugins"))
    for theme_key in ("theme", "remote_theme"):
        if site.config.get(theme_key):
            yield Finding("plugins", "warning",
                          f"`{theme_key}: {site.config[theme_key]}` — gem and remote themes are not fetched; "
                          "copy the theme's _layouts, _includes, _sass and assets into the site",
                          config_file, _line_of(site, theme_key))
    plugins_dir = site.in_source_dir(str(site.config.get("plugins_dir") or "_plugins"))
    if plugins_dir.is_dir():
        for rb in sorted(plugins_dir.rglob("*.rb")):
            yield Finding("plugins", "warning", "Ruby plugin: not run by jekyllpy (nor by GitHub Pages)",
                          _rel(site, rb))
    gemfile = site.source / "Gemfile"
    if gemfile.is_file():
        for number, text in enumerate(gemfile.read_text(errors="replace").splitlines(), start=1):
            m = re.match(r"\s*gem\s+['\"]([\w-]+)['\"]", text)
            if not m or m.group(1) in named or m.group(1) in ("github-pages", "jekyll", "wdm", "webrick", "tzinfo-data", "tzinfo"):
                continue
            if m.group(1).startswith("jekyll-") or m.group(1) in ("hawkins",):
                yield Finding("plugins", "info",
                              f"'{m.group(1)}' is in the Gemfile but not in `plugins:`: `bundle exec jekyll` "
                              "would load it, jekyllpy (like plain `jekyll build`) does not",
                              "Gemfile", number)


# settings --------------------------------------------------------------------------------
def check_settings(site: Site) -> Iterator[Finding]:
    config_file = _config_name(site)
    raw = _raw_config(site)
    for key, message in DEPRECATED_SETTINGS.items():
        if key in raw:
            severity = "warning"
            text = message
            if key == "gems" and isinstance(raw.get("gems"), list):
                text += f" — not loaded: {', '.join(map(str, raw['gems']))}"
            yield Finding("settings", severity, text, config_file, _line_of(site, key))
    for (key, value), message in UNSUPPORTED_VALUES.items():
        if str(raw.get(key, "")).lower() == value:
            yield Finding("settings", "warning", f"`{key}: {value}`: {message}", config_file, _line_of(site, key))


def check_liquid_versions(site: Site) -> Iterator[Finding]:
    """Templates using Liquid 5 tags or Jekyll 4 filters build here and with Jekyll 4.3, not
    (or differently) on GitHub Pages."""
    tag_re = re.compile(r"{%-?\s*(" + "|".join(LIQUID5_TAGS) + r")\b")
    for path in _template_files(site):
        try:
            text = path.read_text(errors="replace")
        except OSError:
            continue
        if "{%" not in text and "{{" not in text:
            continue
        for m in tag_re.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            yield Finding("github-pages", "warning",
                          f"`{{% {m.group(1)} %}}` is Liquid 5: GitHub Pages (Jekyll 3.10, Liquid 4) rejects it",
                          _rel(site, path), line)
        for pattern, message in JEKYLL4_LIQUID:
            for m in pattern.finditer(text):
                line = text.count("\n", 0, m.start()) + 1
                yield Finding("github-pages", "warning", message.format(m.group(m.lastindex or 0)),
                              _rel(site, path), line)


def _template_files(site: Site) -> Iterator[Path]:
    """Layouts, includes, every collection's files and the pages at the top of the source."""
    folders = ["_layouts", "_includes", "_pages", "_posts", "_drafts"]
    folders += [f"_{label}" for label in site.collections if f"_{label}" not in folders]
    collections_dir = str(site.config.get("collections_dir") or "")
    exts = (".html", ".md", ".markdown", ".liquid", ".xml", ".json", ".txt")
    for folder in folders:
        base = site.source / (collections_dir if folder not in ("_layouts", "_includes") else "") / folder
        if base.is_dir():
            for path in sorted(base.rglob("*")):
                if path.suffix in exts and path.is_file():
                    yield path
    for path in sorted(site.source.iterdir()):
        if path.is_file() and path.suffix in exts and not path.name.startswith(("_", ".")):
            yield path


# files -----------------------------------------------------------------------------------
def check_ignored_files(site: Site) -> Iterator[Finding]:
    from jekyllpy.reader import EntryFilter

    ef = EntryFilter(site)
    user_excludes = {str(e).strip("/") for e in _raw_config(site).get("exclude") or [] if isinstance(e, str)}
    collections = {f"_{label}" for label in site.collections} | {"_posts", "_drafts"}
    special = {"_layouts", "_includes", "_data", "_sass", "_site", "_plugins", "_config.yml", "_config.yaml",
               "_config.toml", str(site.config.get("collections_dir") or "")}
    for name in sorted(os.listdir(site.source)):
        if name in special or name in collections or name in (".git", ".github", ".jekyll-cache", ".sass-cache"):
            continue
        if ef.included(name):
            continue
        what = "folder" if (site.source / name).is_dir() else "file"
        if ef.excluded(name):
            if name in user_excludes:
                yield Finding("files", "info", f"{what} not published: listed in `exclude:`", name)
            continue
        if name.startswith("_") and (site.source / name).is_dir() and _has_documents(site.source / name):
            yield Finding("files", "warning", f"folder not published: `{name[1:]}` is not in `collections:` "
                          "(declare it with `output: true` to publish its documents)", name)
        elif name.startswith(("_", ".", "#", "~")) or name.endswith("~"):
            yield Finding("files", "info", f"{what} not published: names starting with "
                          f"'{name[0]}' are skipped (add it to `include:` to publish it)", name)
    for path in _markdown_without_front_matter(site):
        yield Finding("files", "info", "Markdown without front matter is copied as is, not converted to HTML",
                      _rel(site, path))
    yield from _posts_not_published(site)


def _has_documents(folder: Path) -> bool:
    return any(p.suffix in (".md", ".markdown", ".html") for p in folder.rglob("*") if p.is_file())


def _posts_not_published(site: Site) -> Iterator[Finding]:
    """Files in _posts that Jekyll skips: no date in the name, a future date, `published: false`."""
    from jekyllpy.documents import DATE_FILENAME_RE

    base = site.source / str(site.config.get("collections_dir") or "") / "_posts"
    if not base.is_dir():
        return
    read = {os.path.realpath(doc.path) for doc in site.posts.docs}
    for path in sorted(p for p in base.rglob("*") if p.is_file() and not p.name.startswith((".", "_", "#", "~"))):
        rel = str(path.relative_to(base))
        if not DATE_FILENAME_RE.match(rel):
            yield Finding("files", "warning", "not a post: Jekyll reads only names like YYYY-MM-DD-title.md in _posts",
                          _rel(site, path))
        elif os.path.realpath(path) not in read:
            text = path.read_text(errors="replace")[:4000]
            if re.search(r"^published:\s*false\s*$", text, re.M):
                why = "`published: false` (build with --unpublished to see it)"
            else:
                why = "dated in the future (build with --future, or set `future: true`)"
            yield Finding("files", "info", f"post not published: {why}", _rel(site, path))


def _markdown_without_front_matter(site: Site) -> Iterator[Path]:
    exts = {"." + e.strip() for e in str(site.config.get("markdown_ext") or "").split(",")}
    for item in site.static_files:
        if os.path.splitext(item.name)[1] in exts:
            yield Path(item.path)


# urls ------------------------------------------------------------------------------------
def check_conflicts(site: Site) -> Iterator[Finding]:
    seen: dict[str, list[str]] = {}
    for item in site.each_site_file():
        dest = os.path.relpath(item.destination(site.dest), site.dest)
        seen.setdefault(dest, []).append(_rel(site, getattr(item, "path", "")) or "(generated)")
    for dest, sources in sorted(seen.items()):
        if len(sources) > 1:
            yield Finding("urls", "warning", f"{dest} is written by {' and '.join(sources)}: the last one wins",
                          sources[0])


def check_redirects(site: Site) -> Iterator[Finding]:
    """A `redirect_from` that names the URL of a real page replaces that page with a stub."""
    items = list(site.pages) + [d for c in site.collections.values() for d in c.docs]
    real = {}
    for item in items:
        real.setdefault(item.url, _rel(site, item.path))
    seen = set()
    for item in items:
        targets = item.data.get("redirect_from")
        for target in ([targets] if isinstance(targets, str) else targets or []):
            url = "/" + str(target).lstrip("/")
            for candidate in dict.fromkeys((url, url.rstrip("/") + "/", url + ".html")):
                owner = real.get(candidate)
                if owner and owner != _rel(site, item.path) and (candidate, owner) not in seen:
                    seen.add((candidate, owner))
                    yield Finding("urls", "warning", f"redirect_from '{target}' is the URL of {owner}: "
                                  "the redirect stub replaces that page",
                                  _rel(site, item.path), _line_of_file(item.path, "redirect_from"))


# links -----------------------------------------------------------------------------------
class _LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str, int]] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and ((tag == "a" and name == "href") or (tag in ("img", "script") and name == "src")
                          or (tag == "link" and name == "href")):
                self.links.append((tag, value, self.getpos()[0]))


def check_links(site: Site) -> Iterator[Finding]:
    """Links and images inside the site that lead to no output file."""
    outputs = {os.path.relpath(item.destination(site.dest), site.dest).replace(os.sep, "/")
               for item in site.each_site_file()}
    base = urlsplit(str(site.config.get("url") or ""))
    baseurl = str(site.config.get("baseurl") or "").rstrip("/")
    for item in site.each_site_file():
        output = getattr(item, "output", None)
        if not output or not str(item.destination(site.dest)).endswith((".html", ".htm")):
            continue
        parser = _LinkParser()
        try:
            parser.feed(output)
        except Exception:  # noqa: BLE001 - malformed HTML is not this check's business
            continue
        for tag, link, line in parser.links:
            target = _internal_path(link, base, baseurl)
            if target is None or _exists(target, outputs):
                continue
            kind = "image" if tag == "img" else "link"
            yield Finding("links", "warning", f"{kind} to {link} leads to no file of the site",
                          _rel(site, item.path), None)


def _internal_path(link: str, base, baseurl: str) -> str | None:
    parts = urlsplit(link)
    if parts.scheme in ("mailto", "tel", "javascript", "data"):
        return None
    if parts.scheme or parts.netloc:
        if not base.netloc or parts.netloc != base.netloc:
            return None
    path = unquote(parts.path)
    if not path.startswith("/"):
        return None  # relative links depend on the page's folder; not checked
    if baseurl and path.startswith(baseurl):
        path = path[len(baseurl):] or "/"
    return path


def _exists(path: str, outputs: set[str]) -> bool:
    rel = path.lstrip("/")
    candidates = {rel, rel + "index.html" if rel.endswith("/") or not rel else rel + "/index.html", rel + ".html"}
    return any(c in outputs for c in candidates) or rel == ""


# helpers ---------------------------------------------------------------------------------
def _rel(site: Site, path) -> str:
    if not path:
        return ""
    try:
        return os.path.relpath(str(path), site.source)
    except ValueError:
        return str(path)


def _config_name(site: Site) -> str | None:
    for name in ("_config.yml", "_config.yaml", "_config.toml"):
        if (site.source / name).exists():
            return name
    return None


def _raw_config(site: Site) -> dict:
    from jekyllpy.config import find_config_files, read_config_file

    merged: dict = {}
    for path in find_config_files(site.source):
        merged.update(read_config_file(path))
    return merged


def _line_of(site: Site, key: str) -> int | None:
    name = _config_name(site)
    return _line_of_file(site.source / name, key, top_level=True) if name else None


def _line_of_file(path, key: str, top_level: bool = False) -> int | None:
    try:
        lines = Path(path).read_text(errors="replace").splitlines()
    except OSError:
        return None
    indent = "" if top_level else r"\s*"
    pattern = re.compile("^" + indent + re.escape(key) + r"\s*:")
    for number, text in enumerate(lines, start=1):
        if pattern.match(text):
            return number
    return None


# output ----------------------------------------------------------------------------------
def render_text(findings: list[Finding], color: bool) -> str:
    colors = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
    reset = "\033[0m"
    out: list[str] = []
    for category, title in CATEGORIES.items():
        group = [f for f in findings if f.category == category]
        if not group:
            continue
        out.append(f"{title}:")
        for f in group:
            label = f"{f.severity:7}"
            if color:
                label = colors[f.severity] + label + reset
            where = f.location()
            out.append(f"  {label} {where + ': ' if where else ''}{f.message}")
    counts = {s: sum(f.severity == s for f in findings) for s in ("error", "warning", "info")}
    verdict = "the site does not build" if counts["error"] else "the site builds"
    out.append(f"{counts['error']} errors, {counts['warning']} warnings, {counts['info']} notes: {verdict}.")
    return "\n".join(out)


def run_doctor(site: Site, *, fmt: str = "text", links: bool = False, stream=None) -> int:
    stream = stream or sys.stdout
    findings = diagnose(site, links=links)
    if fmt == "json":
        json.dump({"source": str(site.source), "builds": not any(f.severity == "error" for f in findings),
                   "findings": [asdict(f) for f in findings]}, stream, indent=2)
        stream.write("\n")
    else:
        stream.write(render_text(findings, color=stream.isatty()) + "\n")
    return 1 if any(f.severity == "error" for f in findings) else 0
