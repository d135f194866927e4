"""URL, XML and time helpers the built-in plugins share, matching Jekyll's Ruby filters.

The plugins build their output in Python rather than through Liquid templates, so the few
Liquid filters their templates use (`absolute_url`, `relative_url`, `xml_escape`,
`date_to_xmlschema`, `strip_html`, `normalize_whitespace`) are reproduced here with the exact
Ruby behaviour: Jekyll's URL filters finish with `Addressable::URI#normalize`, whose rules
(percent-encoding per path segment, NFKC, dot-segment removal, `/` for an empty http path)
decide the bytes of every `<loc>`, `<link>` and redirect target.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from typing import Any
from urllib.parse import quote

from jekyllpy import dates

_URI_RE = re.compile(r"^(?:([^:/?#]+):)?(?://([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$", re.S)
_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+\-.]*$")
_PCHAR = "-._~!$&'()*+,;=:@"          # RFC 3986 pchar, minus ALPHA / DIGIT
_QUERY = _PCHAR + "/?"
_DEFAULT_PORTS = {"http": "80", "https": "443", "ftp": "21", "tftp": "69"}
_PCT_RE = re.compile(r"%([0-9A-Fa-f]{2})")


def is_absolute(url: str) -> bool:
    """Addressable's `absolute?`: the URL has a (valid) scheme."""
    m = _URI_RE.match(url)
    return bool(m and m.group(1) and _SCHEME_RE.match(m.group(1)))


def _unencode(text: str) -> str:
    out = bytearray()
    i = 0
    data = text.encode("utf-8", "surrogateescape")
    while i < len(data):
        if data[i:i + 1] == b"%" and _PCT_RE.match(data[i:i + 3].decode("latin-1")):
            out.append(int(data[i + 1:i + 3], 16))
            i += 3
        else:
            out.append(data[i])
            i += 1
    return out.decode("utf-8", "surrogateescape")


def _normalize_component(text: str, safe: str) -> str:
    decoded = unicodedata.normalize("NFKC", _unencode(text))
    return quote(decoded.encode("utf-8", "surrogateescape"), safe=safe)


def _remove_dot_segments(path: str) -> str:
    """RFC 3986 §5.2.4, as Addressable's `URI.normalize_path` does it."""
    out: list[str] = []
    inp = path
    while inp:
        if inp.startswith("../"):
            inp = inp[3:]
        elif inp.startswith("./"):
            inp = inp[2:]
        elif inp.startswith("/./"):
            inp = "/" + inp[3:]
        elif inp == "/.":
            inp = "/"
        elif inp.startswith("/../"):
            inp = "/" + inp[4:]
            if out:
                out.pop()
        elif inp == "/..":
            inp = "/"
            if out:
                out.pop()
        elif inp in (".", ".."):
            inp = ""
        else:
            m = re.match(r"/?[^/]*", inp)
            seg = m.group(0)
            out.append(seg)
            inp = inp[len(seg):]
    return "".join(out)


def normalize_url(url: str) -> str:
    """`Addressable::URI.parse(url).normalize.to_s` for the URLs Jekyll sites produce."""
    m = _URI_RE.match(url)
    if not m:
        return url
    scheme, authority, path, query, fragment = m.groups()
    scheme_n = scheme.lower() if scheme else None
    out = ""
    if scheme_n:
        out += scheme_n + ":"
    if authority is not None:
        userinfo, _, hostport = authority.rpartition("@")
        host, port = hostport, None
        pm = re.match(r"^(.*?)(?::(\d*))?$", hostport)
        if pm and not hostport.endswith("]"):
            host, port = pm.group(1), pm.group(2)
        try:
            host = host.encode("idna").decode("ascii") if host and not host.isascii() else host
        except UnicodeError:
            pass
        host = host.lower()
        out += "//" + (userinfo + "@" if userinfo else "")
        out += host
        if port and _DEFAULT_PORTS.get(scheme_n or "") != port:
            out += ":" + port
    segments = path.strip().split("/")
    npath = "/".join(_normalize_component(s, _PCHAR) for s in segments)
    npath = _remove_dot_segments(npath)
    if npath == "" and scheme_n in _DEFAULT_PORTS:
        npath = "/"
    out += npath
    if query is not None:
        out += "?" + "&".join(_normalize_component(p, _QUERY.replace("&", "")) for p in query.split("&"))
    if fragment is not None:
        out += "#" + _normalize_component(fragment, _QUERY)
    return out


def _ensure_leading_slash(text: str) -> str:
    return text if not text or text.startswith("/") else "/" + text


def relative_url(site, value: Any) -> str | None:
    """Jekyll's `relative_url` filter: baseurl + input, normalized; absolute URLs untouched."""
    if value is None:
        return None
    url = getattr(value, "url", value)
    url = _to_s(url)
    if is_absolute(url):
        return url
    base = site.config.get("baseurl")
    base = "" if base is None else _to_s(base)
    if base.endswith("/"):
        base = base[:-1]
    return normalize_url(_ensure_leading_slash(base) + _ensure_leading_slash(url))


def absolute_url(site, value: Any) -> str | None:
    """Jekyll's `absolute_url` filter: site.url + relative_url(input), normalized."""
    if value is None:
        return None
    url = _to_s(getattr(value, "url", value))
    if is_absolute(url):
        return url
    site_url = site.config.get("url")
    if site_url is None or site_url == "":
        return relative_url(site, url)
    # No trailing-slash trimming: Jekyll 4.3 concatenates as is ("https://x.io/" + "/a"
    # gives "https://x.io//a", which Addressable keeps).
    site_url = _to_s(site_url)
    return normalize_url(site_url + relative_url(site, url))


def xml_escape(value: Any) -> str:
    """Jekyll's `xml_escape` — the Liquid filter's implementation (verified against Jekyll)."""
    from jekyllpy.liquid.filters import xml_escape as escape

    return escape(value)


def xml_attr(value: Any) -> str:
    """Ruby's `to_s.encode(xml: :attr)`: escaped and wrapped in double quotes."""
    return '"' + xml_escape(value) + '"'


def to_time(site, value: Any) -> datetime | None:
    """Jekyll's `time(input)` as the date filters use it: a time in the site's zone."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.astimezone(site.zone) if value.tzinfo else value.replace(tzinfo=site.zone)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=site.zone)
    try:
        return dates.parse_date(value, site.zone)
    except Exception:  # Ruby raises InvalidDateError; keep the build going like Liquid's rescue
        return None


def xmlschema(site, value: Any) -> str:
    """`date_to_xmlschema`: Ruby's `Time#xmlschema` (`+00:00`, never `Z`, for local times)."""
    t = to_time(site, value)
    if t is None:
        return _to_s(value)
    text = t.strftime("%Y-%m-%dT%H:%M:%S%z")
    return text[:-2] + ":" + text[-2:]


def strip_html(value: Any) -> str:
    """Liquid's `strip_html` (the filter's implementation)."""
    from jekyllpy.liquid.filters import strip_html as strip

    return strip(value)


def normalize_whitespace(value: Any) -> str:
    """Jekyll's `normalize_whitespace` (the filter's implementation)."""
    from jekyllpy.liquid.filters import normalize_whitespace as normalize

    return normalize(value)


def ruby_strip(text: str) -> str:
    from jekyllpy.liquid.rubyish import ruby_strip as strip

    return strip(text)


def _to_s(value: Any) -> str:
    from jekyllpy.liquid.rubyish import to_s

    return to_s(value)
