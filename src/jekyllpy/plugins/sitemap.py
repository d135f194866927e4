"""jekyll-sitemap (1.4): `sitemap.xml` and `robots.txt`, byte for byte.

The Ruby plugin adds (at `:lowest` priority, so after redirect stubs and pagination pages
exist) a `sitemap.xml` page rendering its Liquid template minified by
`(?<=>\\n|})\\s+` (whitespace after a line-ending `>` or a Liquid tag is dropped), unless a
page or static file already has the URL `/sitemap.xml`; likewise `robots.txt`. The
minified template yields one element per line:

    <?xml version="1.0" encoding="UTF-8"?>
    [<?xml-stylesheet type="text/xsl" href="{/sitemap.xsl absolute}"?>]   (if sitemap.xsl exists)
    <urlset …>
    <url> <loc> [<lastmod>] </url>   documents: collections sorted by label, `output != false`,
                                     doc `sitemap != false`; lastmod = last_modified_at or date
    … html pages (`html?` or URL ending in `/`), `sitemap != false`, URL not `/404.html`;
                                     lastmod only with last_modified_at
    … static files captured at generate time with extension .htm/.html/.xhtml/.pdf,
                                     `sitemap != false`, name not 404.html; lastmod = mtime
    </urlset>

`<loc>` is `url | replace: '/index.html', '/' | absolute_url | xml_escape`.
"""
from __future__ import annotations

from typing import Any

from jekyllpy.plugins import PRIORITY, Generator
from jekyllpy.plugins._pages import GeneratedPage
from jekyllpy.plugins._urls import absolute_url, xml_escape, xmlschema

INCLUDED_EXTENSIONS = (".htm", ".html", ".xhtml", ".pdf")
URLSET = ('<urlset xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
          'xsi:schemaLocation="http://www.sitemaps.org/schemas/sitemap/0.9 '
          'http://www.sitemaps.org/schemas/sitemap/0.9/sitemap.xsd" '
          'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">')


def register(site) -> None:
    site.generators.append(SitemapGenerator())


def _truthy(value: Any) -> bool:
    """Liquid truthiness: only nil and false are false."""
    return value is not None and value is not False


def _empty(value: Any) -> bool:
    """What Liquid's `default` filter replaces: nil, false, "" and empty arrays/hashes."""
    return value is None or value is False or (hasattr(value, "__len__") and len(value) == 0)


def _loc(site, url: Any) -> str:
    text = "" if url is None else str(url)
    return xml_escape(absolute_url(site, text.replace("/index.html", "/")))


def _url_entry(loc: str, lastmod: str | None) -> str:
    out = "<url>\n<loc>" + loc + "</loc>\n"
    if lastmod is not None:
        out += "<lastmod>" + lastmod + "</lastmod>\n"
    return out + "</url>\n"


def build_sitemap(site, page) -> str:
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n']
    if page.data.get("xsl"):
        out.append('<?xml-stylesheet type="text/xsl" href="'
                   + absolute_url(site, "/sitemap.xsl") + '"?>\n')
    out.append(URLSET + "\n")
    for label in sorted(site.collections):
        collection = site.collections[label]
        if not collection.write:
            continue
        for doc in collection.docs:
            if doc.data.get("sitemap") is False:
                continue
            lastmod = None
            modified = doc.data.get("last_modified_at")
            if _truthy(modified) or _truthy(doc.date):
                lastmod = xmlschema(site, doc.date if _empty(modified) else modified)
            out.append(_url_entry(_loc(site, doc.url), lastmod))
    for other in list(site.pages):
        if not (other.html or other.url.endswith("/")):
            continue
        if other.data.get("sitemap") is False or other.url == "/404.html":
            continue
        modified = other.data.get("last_modified_at")
        out.append(_url_entry(_loc(site, other.url), xmlschema(site, modified) if _truthy(modified) else None))
    for drop in page.data.get("static_files") or []:
        if drop.get("sitemap") is False or drop.get("name") == "404.html":
            continue
        out.append(_url_entry(_loc(site, drop.get("path")), xmlschema(site, drop.get("modified_time"))))
    out.append("</urlset>\n")
    return "".join(out)


def build_robots(site, page) -> str:
    return "Sitemap: " + absolute_url(site, "sitemap.xml") + "\n"


class SitemapGenerator(Generator):
    name = "jekyll-sitemap"
    priority = PRIORITY["lowest"]

    def generate(self, site) -> None:
        existing = {item.url for item in list(site.pages) + list(site.static_files)}
        if "/sitemap.xml" not in existing:
            static_files = [f for f in site.static_files if f.extname in INCLUDED_EXTENSIONS]
            page = GeneratedPage(site, "", "sitemap.xml", build_sitemap)
            page.data["layout"] = None
            page.data["static_files"] = [f.to_liquid() for f in static_files]
            page.data["xsl"] = "/sitemap.xsl" in existing
            site.pages.append(page)
        if "/robots.txt" not in existing:
            page = GeneratedPage(site, "", "robots.txt", build_robots)
            page.data["layout"] = None
            site.pages.append(page)
