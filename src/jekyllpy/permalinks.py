"""URLs from templates and placeholders, exactly as Jekyll's `URL` class builds them."""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from urllib.parse import quote, unquote

from jekyllpy.errors import JekyllpyError

_SAFE_RE = re.compile(r"^[a-zA-Z0-9./-]+$")
# Addressable::URI.encode keeps unreserved, sub-delims and ":@/" in paths, and the
# delimiters of other components ("?", "#") as they are.
_ADDRESSABLE_SAFE = "-._~!$&'()*+,;=:@/?#%"


def escape_path(path: str) -> str:
    if not path or _SAFE_RE.match(path):
        return path
    encoded = quote(path, safe=_ADDRESSABLE_SAFE)
    return encoded.replace("#", "%23", 1)


def unescape_path(path: str) -> str:
    return unquote(path) if "%" in path else path


def sanitize_url(url: str) -> str:
    result = ("/" + url).replace("..", "/").replace("./", "")
    return re.sub(r"/+", "/", result)


def add_permalink_suffix(template: str, style: str) -> str:
    """Jekyll's `Utils.add_permalink_suffix`: pretty → `/`, date-like → `:output_ext`."""
    if style == "pretty":
        return template + "/"
    if style in ("date", "ordinal", "none"):
        return template + ":output_ext"
    if style.endswith("/"):
        template += "/"
    if style.endswith(":output_ext"):
        template += ":output_ext"
    return template


def url_from_hash(template: str, placeholders: Mapping[str, str | None]) -> str:
    """Pages and static files: plain replacement; a nil value removes `/:key`."""
    result = template
    for key, value in placeholders.items():
        if ":" not in result:
            break
        if value is None:
            result = result.replace("/:" + key, "")
        else:
            result = result.replace(":" + key, escape_path(value))
    return result


_PLACEHOLDER_RE = re.compile(r":([a-z_]+)")


def url_from_drop(template: str, lookup: Callable[[str], str | None], known: Callable[[str], bool],
                  path: str | None = None) -> str:
    """Documents: each `:name` is looked up (a trailing `_` may be dropped)."""

    def replace(match: re.Match) -> str:
        name = match.group(1)
        pool = [name, name[:-1]] if name.endswith("_") else [name]
        winner = next((key for key in pool if known(key)), None)
        if winner is None:
            raise JekyllpyError(
                f"The URL template doesn't have {' or '.join(pool)} keys. "
                "Check your permalink template!",
                path,
            )
        value = lookup(winner)
        value = "" if value is None else str(value)
        return match.group(0).replace(":" + winner, escape_path(value), 1)

    return _PLACEHOLDER_RE.sub(replace, template)


def generate(template: str, permalink: str | None, build: Callable[[str], str]) -> str:
    """`URL#to_s`: the permalink wins over the template; the result is sanitised."""
    return sanitize_url(build(permalink) if permalink else build(template))
