"""The Markdown of the three real academicpages sites, converted by real Jekyll and by us.

Every `.md` file under a site's `_pages`, `_posts`, `_publications`, `_talks`, `_teaching`,
`_portfolio` (and other `_collection` folders) becomes a page of a scratch site with the
site's own `kramdown:` settings, `layout: null` and `render_with_liquid: false` — so the
comparison isolates the Markdown converter (Liquid and layouts are other modules' business).

Measured: 84/90 pages identical. All 6 differences are inside highlighted code blocks (Rouge
token classes from jekyllpy.highlight: R, Swift, bash, zsh, Groovy lexers); the rest of those
pages is identical. Floor ratchets up, never down.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.jekyll import SITES, jekyll_build, requires_jekyll, requires_shared_sites
from tests.test_markdown_kramdown_fixtures import FRONT, page_content

SITE_NAMES = ["leigao", "wjmoss", "sandeepjoshi1910"]
NOT_CONTENT = {"_includes", "_layouts", "_sass", "_data", "_site"}
FLOOR = 84 / 90


def site_markdown(site: Path) -> dict[str, str]:
    """Relative path → Markdown body (front matter removed the way Jekyll removes it)."""
    out = {}
    for folder in sorted(p for p in site.iterdir() if p.is_dir() and p.name.startswith("_")):
        if folder.name in NOT_CONTENT:
            continue
        for path in sorted(folder.rglob("*.md")):
            raw = path.read_text(encoding="utf-8")
            m = re.match(r"\A(---\s*\n.*?\n?)^((---|\.\.\.)\s*$\n?)", raw, re.M | re.S)
            out[str(path.relative_to(site))] = raw[m.end():] if m else raw
    return out


def kramdown_config(site: Path) -> dict:
    import yaml

    data = yaml.safe_load((site / "_config.yml").read_text(encoding="utf-8")) or {}
    return data.get("kramdown") or {}


@requires_jekyll
@requires_shared_sites
def test_real_site_markdown_matches_jekyll(tmp_path: Path):
    from jekyllpy.markdown import MarkdownConverter

    total, same, different = 0, 0, []
    for name in SITE_NAMES:
        site = SITES / name
        texts = site_markdown(site)
        config = kramdown_config(site)
        src = tmp_path / name
        src.mkdir()
        (src / "_config.yml").write_text(json.dumps({"kramdown": config}) + "\n")
        names = {}
        for i, (rel, text) in enumerate(texts.items()):
            names[rel] = f"p{i:03d}"
            (src / f"p{i:03d}.md").write_text(FRONT + text, encoding="utf-8")
        ref = jekyll_build(src)
        conv = MarkdownConverter({"kramdown": config})
        for rel, text in texts.items():
            expected = (ref / f"{names[rel]}.html").read_text(encoding="utf-8")
            total += 1
            if conv.convert(page_content(text)) == expected:
                same += 1
            else:
                different.append(f"{name}/{rel}")
    print(f"real sites: {same}/{total} identical; different: {different}")
    assert total == 90
    assert same / total >= FLOOR, different


@requires_shared_sites
@pytest.mark.parametrize("name", SITE_NAMES)
def test_real_sites_convert_quickly(name: str):
    """Construct once per site, convert every page: milliseconds per page."""
    import time

    from jekyllpy.markdown import MarkdownConverter

    site = SITES / name
    conv = MarkdownConverter({"kramdown": kramdown_config(site)})
    texts = list(site_markdown(site).values())
    start = time.perf_counter()
    outputs = [conv.convert(t) for t in texts]
    per_page = (time.perf_counter() - start) / len(texts)
    assert all(o.strip() for o in outputs if any(t.strip() for t in texts))
    assert per_page < 0.05, f"{per_page * 1000:.1f} ms per page"
