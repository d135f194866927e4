"""jekyll-seo-tag (2.8.0): `{% seo %}` / `{% seo title=false %}`.

The gem renders a Liquid template (minified: whitespace after `{`, `}`, `>\\n` and `,\\n`
dropped) with a `seo_tag` drop computed from the page and the site. We write the same text
directly: every element the template can emit is one line ending in `\\n`, between
`<!-- Begin Jekyll SEO tag v2.8.0 -->\\n` and `<!-- End Jekyll SEO tag -->\\n`, with the JSON-LD
as one `JSON.generate` line (keys sorted, nils dropped) right after `<script …>\\n`.

Why Python and not the template: the conditions are plain Ruby truthiness (only nil/false
are false) and the values are printed with Liquid's `to_s`, both easy to state here, while
the drop's fallbacks (author from `site.data.authors`, image from `image.facebook`, the
"WebSite" type for `/` and `/about/`) are Ruby methods anyway.

Strings that come from front matter or config (titles, descriptions, `social.name`,
`seo.name`) go through the gem's `format_string`: markdownify → strip_html →
normalize_whitespace → escape_once, with the site's own filters (so kramdown's smart quotes
show as “ ” ’). Author names, image alt/size, `canonical_url` and `twitter`/`facebook`
values are printed raw, as the gem does.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from jekyllpy.plugins import add_tag
from jekyllpy.plugins._urls import absolute_url, is_absolute
from jekyllpy.liquid.values import to_liquid_string

VERSION = "2.8.0"
JEKYLL_VERSION = "4.3.1"
TITLE_SEPARATOR = " | "
# Ruby's `^`/`$` are line anchors; page URLs never hold a newline, so fullmatch is the same.
_HOME_OR_ABOUT = re.compile(r"/(about/)?(index\.html?)?")
_DEFAULT_PAGINATOR_MESSAGE = "Page %<current>s of %<total>s for "


def register(site) -> None:
    add_tag(site, "seo", render_seo)


def render_seo(context, markup: str) -> str:
    site = context.env.site
    page = context.globals.get("page")
    try:
        paginator = context.resolve("paginator")
    except Exception:
        paginator = None
    return SeoTag(site, page, paginator, markup).render()


# -- Ruby/Liquid value helpers ---------------------------------------------------------------
def _truthy(value: Any) -> bool:
    return value is not None and value is not False


def _or(*values: Any) -> Any:
    """Ruby's `a || b || c`."""
    for value in values:
        if _truthy(value):
            return value
    return values[-1] if values else None


def _lookup(obj: Any, key: str) -> Any:
    """`obj.key` in Liquid: only hashes (and drops) answer, anything else gives nil."""
    if isinstance(obj, Mapping):
        try:
            return obj.get(key)
        except Exception:
            return None
    return None


def _sub_hash(obj: Any, key: str) -> Mapping:
    value = _lookup(obj, key)
    return value if isinstance(value, Mapping) else {}


def _to_s(value: Any) -> str:
    from jekyllpy.liquid.rubyish import to_s

    return to_s(value)


def _empty(value: Any) -> bool:
    """Liquid's `default` treats nil, false and empty strings/arrays/hashes as missing."""
    if value is None or value is False:
        return True
    if isinstance(value, (str, list, tuple, Mapping)):
        return len(value) == 0
    return False


def _ruby_format(message: str, **values: Any) -> str:
    """`format(message, current:, total:)` for the named references the option allows."""

    def sub(m: re.Match) -> str:
        if m.group(0) == "%%":
            return "%"
        if m.group("brace"):
            return _to_s(values.get(m.group("brace")))
        name, spec = m.group("name"), m.group("spec")
        value = values.get(name)
        try:
            return ("%" + spec) % value
        except (TypeError, ValueError):
            return _to_s(value)

    return re.sub(r"%%|%\{(?P<brace>\w+)\}|%<(?P<name>\w+)>(?P<spec>[-+ 0#]*\d*(?:\.\d+)?[sdifxXoeEgG])",
                  sub, message)


class SeoTag:
    """What the gem's `seo_tag` drop computes, for one render of the tag."""

    def __init__(self, site, page: Any, paginator: Any, markup: str) -> None:
        self.site = site
        self.page = page if isinstance(page, Mapping) else {}
        self.paginator = paginator
        self.markup = markup
        self.config = site.site_drop
        self.filters = site.liquid.env.filters
        self._memo: dict[str, Any] = {}

    def _memoized(self, key: str, fn) -> Any:
        if key not in self._memo:
            self._memo[key] = fn()
        return self._memo[key]

    # -- string formatting ------------------------------------------------------------------
    def format_string(self, value: Any) -> str | None:
        text = self.filters["markdownify"](value)
        for name in ("strip_html", "normalize_whitespace", "escape_once"):
            text = self.filters[name](text)
        return text or None

    def absolute_url(self, value: Any) -> Any:
        return absolute_url(self.site, value)

    def uri_escape(self, value: Any) -> Any:
        return self.filters["uri_escape"](value)

    def xmlschema(self, value: Any) -> Any:
        return self.filters["date_to_xmlschema"](value)

    # -- the drop's values ------------------------------------------------------------------
    @property
    def site_title(self) -> str | None:
        return self._memoized("site_title", lambda: self.format_string(
            _or(self.config.get("title"), self.config.get("name"))))

    @property
    def site_description(self) -> str | None:
        return self._memoized("site_description", lambda: self.format_string(self.config.get("description")))

    @property
    def site_tagline(self) -> str | None:
        return self._memoized("site_tagline", lambda: self.format_string(self.config.get("tagline")))

    @property
    def page_title(self) -> str | None:
        return self._memoized("page_title", lambda: _or(self.format_string(self.page.get("title")),
                                                        self.site_title))

    def base_title(self) -> str | None:
        site_title, page_title = self.site_title, self.page_title
        if site_title and page_title != site_title:
            return page_title + TITLE_SEPARATOR + site_title
        if self.site_description and site_title:
            return site_title + TITLE_SEPARATOR + _or(self.site_tagline, self.site_description)
        return _or(page_title, site_title)

    def page_number(self) -> str | None:
        paginator = self.paginator
        current = _lookup(paginator, "page")
        if not _truthy(paginator) or not _truthy(current):
            return None
        total = _lookup(paginator, "total_pages")
        message = _or(self.config.get("seo_paginator_message"), _DEFAULT_PAGINATOR_MESSAGE)
        if isinstance(current, (int, float)) and current > 1:
            return _ruby_format(_to_s(message), current=current, total=total)
        return None

    @property
    def title(self) -> str | None:
        base = self._memoized("title", self.base_title)
        number = self.page_number()
        return number + base if number and base is not None else base

    def show_title(self) -> bool:
        if not self.title:
            return False
        return re.search(r"title=false", self.markup, re.I) is None

    def homepage_or_about(self) -> bool:
        url = self.page.get("url")
        return isinstance(url, str) and _HOME_OR_ABOUT.fullmatch(url) is not None

    @property
    def page_seo(self) -> Mapping:
        return _sub_hash(self.page, "seo")

    @property
    def name(self) -> str | None:
        def compute():
            if _truthy(self.page_seo.get("name")):
                return self.format_string(self.page_seo.get("name"))
            if not self.homepage_or_about():
                return None
            social = _sub_hash(self.config, "social")
            if _truthy(social.get("name")):
                return self.format_string(social.get("name"))
            return self.site_title if self.site_title else None

        return self._memoized("name", compute)

    @property
    def description(self) -> str | None:
        return self._memoized("description", lambda: _or(
            self.format_string(_or(self.page.get("description"), self.page.get("excerpt"))),
            self.site_description))

    @property
    def author(self) -> dict:
        """The author as a hash: page `author`, first of `authors`, site `author`; a name
        found in `site.data.authors` brings that entry's keys along."""

        def compute() -> dict:
            sources = [self.page.get("author")]
            authors = self.page.get("authors")
            if isinstance(authors, list):
                sources.append(authors[0] if authors else None)
            sources.append(self.config.get("author"))
            resolved = next((s for s in sources if _ruby_to_s_nonempty(s)), None)
            if isinstance(resolved, Mapping):
                return dict(resolved)
            if isinstance(resolved, str):
                result: dict = {"name": resolved}
                data = self.config.get("data")
                table = _lookup(data, "authors")
                entry = table.get(resolved) if isinstance(table, Mapping) else None
                if isinstance(entry, Mapping):
                    result.update(entry)
                return result
            return {}

        return self._memoized("author", compute)

    def author_twitter(self) -> str | None:
        author = self.author
        handle = _or(author.get("twitter"), author.get("name"))
        return re.sub(r"^@", "", handle, count=1, flags=re.M) if isinstance(handle, str) else None

    @property
    def image(self) -> dict | None:
        """The page image as (path, fields): None when no path can be found."""

        def compute():
            meta = self.page.get("image")
            if isinstance(meta, Mapping):
                fields = {"path": None}
                fields.update(meta)
            elif isinstance(meta, str):
                fields = {"path": meta}
            else:
                fields = {"path": None}
            raw = _or(fields.get("path"), fields.get("facebook"), fields.get("twitter"))
            if not _truthy(raw):
                return None
            url = self.absolute_url(raw) if isinstance(raw, str) and not is_absolute(raw) else raw
            if not _truthy(url):
                return None
            path = self.uri_escape(url)
            if not _truthy(path):
                return None
            return {"path": path, "fields": fields}

        return self._memoized("image", compute)

    def image_field(self, key: str) -> Any:
        image = self.image
        if image is None:
            return None
        return image["path"] if key == "path" else image["fields"].get(key)

    @property
    def canonical_url(self) -> Any:
        def compute():
            given = self.page.get("canonical_url")
            if _to_s(given) == "":
                return re.sub(r"/index\.html$", "/", _to_s(self.absolute_url(self.page.get("url"))), flags=re.M)
            return given

        return self._memoized("canonical_url", compute)

    @property
    def page_lang(self) -> Any:
        return _or(self.page.get("lang"), self.config.get("lang"), "en_US")

    @property
    def page_locale(self) -> str:
        return _to_s(_or(self.page.get("locale"), self.config.get("locale"), self.page_lang)).replace("-", "_")

    def date_modified(self) -> Any:
        last = self.page.get("last_modified_at")
        value = _or(self.page_seo.get("date_modified"), last, self.page.get("date"))
        return self.xmlschema(value) if _truthy(value) else None

    def date_published(self) -> Any:
        value = self.page.get("date")
        return self.xmlschema(value) if _truthy(value) else None

    def type(self) -> Any:
        if _truthy(self.page_seo.get("type")):
            return self.page_seo.get("type")
        if self.homepage_or_about():
            return "WebSite"
        if _truthy(self.page.get("date")):
            return "BlogPosting"
        return "WebPage"

    def links(self) -> Any:
        if _truthy(self.page_seo.get("links")):
            return self.page_seo.get("links")
        if self.homepage_or_about():
            social = _sub_hash(self.config, "social")
            if _truthy(social.get("links")):
                return social.get("links")
        return None

    def logo(self) -> Any:
        logo = self.config.get("logo")
        if not _truthy(logo):
            return None
        if isinstance(logo, str) and is_absolute(logo):
            return self.uri_escape(logo)
        return self.uri_escape(self.absolute_url(logo))

    # -- JSON-LD ------------------------------------------------------------------------------
    def json_ld(self) -> dict:
        author_name = self.author.get("name")
        author = None
        if _truthy(author_name):
            kind = self.author.get("type")
            if not _truthy(kind) or kind in ("Organization", "Person"):
                author = {"@type": kind if _truthy(kind) else "Person", "name": author_name}
                if _truthy(self.author.get("url")):
                    author["url"] = self.author.get("url")
        image = None
        if self.image is not None:
            fields = self.image["fields"]
            keys = ["path"] + [k for k in fields if k != "path"]
            if len(keys) == 1:
                image = self.image["path"]
            else:
                image = {k: self.image_field(k) for k in keys}
                image["url"] = image.pop("path")
                image["@type"] = "imageObject"
        publisher = None
        logo = self.logo()
        if _truthy(logo):
            publisher = {"@type": "Organization", "logo": {"@type": "ImageObject", "url": logo}}
            if _truthy(author_name):
                publisher["name"] = author_name
        kind = self.type()
        main_entity = None
        if kind in ("BlogPosting", "CreativeWork"):
            main_entity = {"@type": "WebPage", "@id": self.canonical_url}
        values = {
            "@context": "https://schema.org", "@type": kind, "author": author,
            "dateModified": self.date_modified(), "datePublished": self.date_published(),
            "description": self.description, "headline": self.page_title, "image": image,
            "mainEntityOfPage": main_entity, "name": self.name, "publisher": publisher,
            "sameAs": self.links(), "url": self.canonical_url,
        }
        return {k: values[k] for k in sorted(values) if values[k] is not None}

    # -- the tag's text -------------------------------------------------------------------
    def render(self) -> str:
        s = to_liquid_string
        cfg = self.config
        page = self.page
        lines = [f"<!-- Begin Jekyll SEO tag v{VERSION} -->"]
        add = lines.append
        if self.show_title():
            add(f"<title>{s(self.title)}</title>")
        add(f'<meta name="generator" content="Jekyll v{JEKYLL_VERSION}" />')
        if _truthy(self.page_title):
            add(f'<meta property="og:title" content="{s(self.page_title)}" />')
        if _truthy(self.author.get("name")):
            add(f'<meta name="author" content="{s(self.author.get("name"))}" />')
        add(f'<meta property="og:locale" content="{s(self.page_locale)}" />')
        if _truthy(self.description):
            add(f'<meta name="description" content="{s(self.description)}" />')
            add(f'<meta property="og:description" content="{s(self.description)}" />')
        if _truthy(cfg.get("url")):
            add(f'<link rel="canonical" href="{s(self.canonical_url)}" />')
            add(f'<meta property="og:url" content="{s(self.canonical_url)}" />')
        if _truthy(self.site_title):
            add(f'<meta property="og:site_name" content="{s(self.site_title)}" />')
        image = self.image
        if image is not None:
            add(f'<meta property="og:image" content="{s(image["path"])}" />')
            for key in ("height", "width", "alt"):
                if _truthy(self.image_field(key)):
                    add(f'<meta property="og:image:{key}" content="{s(self.image_field(key))}" />')
        if _truthy(page.get("date")):
            add('<meta property="og:type" content="article" />')
            add(f'<meta property="article:published_time" content="{s(self.xmlschema(page.get("date")))}" />')
        else:
            add('<meta property="og:type" content="website" />')
        paginator = self.paginator
        if _truthy(_lookup(paginator, "previous_page")):
            add(f'<link rel="prev" href="{s(self.absolute_url(_lookup(paginator, "previous_page_path")))}" />')
        if _truthy(_lookup(paginator, "next_page")):
            add(f'<link rel="next" href="{s(self.absolute_url(_lookup(paginator, "next_page_path")))}" />')
        if image is not None:
            card = _lookup(_lookup(page, "twitter"), "card")
            if _empty(card):
                card = _lookup(cfg.get("twitter"), "card")
            if _empty(card):
                card = "summary_large_image"
            add(f'<meta name="twitter:card" content="{s(card)}" />')
            add(f'<meta property="twitter:image" content="{s(image["path"])}" />')
        else:
            add('<meta name="twitter:card" content="summary" />')
        if _truthy(self.image_field("alt")):
            add(f'<meta name="twitter:image:alt" content="{s(self.image_field("alt"))}" />')
        if _truthy(self.page_title):
            add(f'<meta property="twitter:title" content="{s(self.page_title)}" />')
        twitter = cfg.get("twitter")
        if _truthy(twitter):
            add(f'<meta name="twitter:site" content="@{_remove_at(_lookup(twitter, "username"))}" />')
            handle = self.author_twitter()
            if _truthy(handle):
                add(f'<meta name="twitter:creator" content="@{_remove_at(handle)}" />')
        facebook = cfg.get("facebook")
        if _truthy(facebook):
            for key, prop in (("admins", "fb:admins"), ("publisher", "article:publisher"), ("app_id", "fb:app_id")):
                value = _lookup(facebook, key)
                if _truthy(value):
                    add(f'<meta property="{prop}" content="{s(value)}" />')
        verifications = cfg.get("webmaster_verifications")
        if _truthy(verifications):
            for key, meta in (("google", "google-site-verification"), ("bing", "msvalidate.01"),
                              ("alexa", "alexaVerifyID"), ("yandex", "yandex-verification"),
                              ("baidu", "baidu-site-verification"),
                              ("facebook", "facebook-domain-verification")):
                value = _lookup(verifications, key)
                if _truthy(value):
                    add(f'<meta name="{meta}" content="{s(value)}" />')
        elif _truthy(cfg.get("google_site_verification")):
            add(f'<meta name="google-site-verification" content="{s(cfg.get("google_site_verification"))}" />')
        add('<script type="application/ld+json">')
        from jekyllpy.liquid.rubyish import to_json

        return ("\n".join(lines) + "\n" + to_json(self.json_ld())
                + "</script>\n<!-- End Jekyll SEO tag -->\n")


def _remove_at(value: Any) -> str:
    return _to_s(value).replace("@", "")


def _ruby_to_s_nonempty(value: Any) -> bool:
    """`!value.to_s.empty?`: only nil and "" are empty (`{}`.to_s is "{}")."""
    if value is None:
        return False
    if isinstance(value, str):
        return value != ""
    return True
