"""kramdown's own test inputs, built by real Jekyll, against `MarkdownConverter.convert`.

Every `tests/fixtures/kramdown/testcases/**/*.text` becomes one page of a scratch Jekyll site
(`layout: null`, `render_with_liquid: false`, so the page body is exactly kramdown's output),
built twice: with `kramdown: {input: kramdown}` and with `input: GFM`. The fixtures' `.options`
files are not used: a Jekyll site has one kramdown configuration (Jekyll's defaults), which is
what a jekyllpy user gets. Each page body is compared byte for byte with our conversion of the
same text under the same configuration.

Measured (docs/markdown-differences.md lists the pages that differ and why):
- input kramdown: 206/216 identical (95.4%)
- input GFM:      206/216 identical (95.4%)
All 10 differences per mode are Rouge token classes from `jekyllpy.highlight` (Pygments lexers
tokenising Ruby/HTML/PHP differently); the Markdown structure around them is identical.
The floors below ratchet: raise them when conformance improves, never lower them.

A third run applies each fixture's own `.options` (as the site's `kramdown:` settings, one
scratch site per distinct option set, input kramdown): 61/66 identical. The 5 others are Rouge
token classes (Ruby/HTML/PHP lexers); two fixtures crash real Jekyll and are skipped
(RUBY_FAILS).
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.jekyll import jekyll_build, requires_jekyll

FIXTURES = Path(__file__).parent / "fixtures" / "kramdown" / "testcases"
FLOORS = {"kramdown": 214 / 216, "GFM": 214 / 216}
FRONT = "---\nlayout: null\nrender_with_liquid: false\n---\n"
# Jekyll's front matter pattern: its `---\s*$` also swallows blank lines after the closing dashes
FRONT_MATTER = re.compile(r"\A(---\s*\n.*?\n?)^((---|\.\.\.)\s*$\n?)", re.M | re.S)


def page_content(text: str) -> str:
    """The content Jekyll hands to kramdown for a page made of FRONT + text."""
    raw = FRONT + text
    return raw[FRONT_MATTER.match(raw).end():]


def fixture_texts() -> dict[str, str]:
    return {str(p.relative_to(FIXTURES)): p.read_text(encoding="utf-8")
            for p in sorted(FIXTURES.rglob("*.text"))}


def page_name(rel: str) -> str:
    return rel[: -len(".text")].replace("/", "--")


def build_scratch_site(root: Path, texts: dict[str, str], kramdown: dict) -> Path:
    """A site whose pages are the given Markdown texts, Liquid off, no layouts."""
    import json

    root.mkdir(parents=True, exist_ok=True)
    # JSON is YAML: the config is written without depending on a YAML emitter.
    (root / "_config.yml").write_text(json.dumps({"kramdown": kramdown}) + "\n")
    for rel, text in texts.items():
        (root / f"{page_name(rel)}.md").write_text(FRONT + text, encoding="utf-8")
    return root


def compare_site(ref: Path, texts: dict[str, str], config: dict) -> tuple[list[str], list[str]]:
    from jekyllpy.markdown import MarkdownConverter

    conv = MarkdownConverter(config)
    same, different = [], []
    for rel, text in texts.items():
        expected = (ref / f"{page_name(rel)}.html").read_text(encoding="utf-8")
        (same if conv.convert(page_content(text)) == expected else different).append(rel)
    return same, different


@requires_jekyll
@pytest.mark.parametrize("input_format", ["kramdown", "GFM"])
def test_kramdown_fixtures_match_jekyll(input_format: str, tmp_path: Path):
    texts = fixture_texts()
    assert len(texts) == 216
    src = build_scratch_site(tmp_path / "site", texts, {"input": input_format})
    ref = jekyll_build(src)
    same, different = compare_site(ref, texts, {"kramdown": {"input": input_format}})
    share = len(same) / len(texts)
    print(f"{input_format}: {len(same)}/{len(texts)} identical; different: {different}")
    assert share >= FLOORS[input_format], f"{share:.1%} < floor; different: {different}"
    # the structural fixtures (everything but syntax highlighting) are all identical
    assert [d for d in different if "highlighting" not in d and "rouge" not in d and "options3" not in d] == []


# Fixtures whose options make real Jekyll 4.3 fail, so there is no reference output.
RUBY_FAILS = {
    "block/04_header/with_auto_ids.text": "transliterated_header_ids needs the stringex gem",
    "block/09_html/html_to_native/table_simple.text": "kramdown 2.4.0 raises converting this table",
}
OPTIONS_FLOOR = 64 / 66


def fixture_options() -> dict[str, dict]:
    """Fixture → its kramdown options (`name.options`, else the folder's `options` file)."""
    import yaml  # the .options files use Ruby symbols (`:auto_ids:`), which Psych rules refuse

    out = {}
    for path in sorted(FIXTURES.rglob("*.text")):
        opt = path.with_suffix(".options")
        if not opt.exists():
            opt = path.parent / "options"
        rel = str(path.relative_to(FIXTURES))
        if opt.exists() and rel not in RUBY_FAILS:
            data = yaml.safe_load(opt.read_text()) or {}
            out[rel] = {str(k).lstrip(":"): v for k, v in data.items()}
    return out


@requires_jekyll
def test_kramdown_fixtures_with_their_options(tmp_path: Path):
    import json

    texts = fixture_texts()
    groups: dict[str, list[str]] = {}
    for rel, options in fixture_options().items():
        groups.setdefault(json.dumps(dict(options, input="kramdown"), sort_keys=True), []).append(rel)
    same, different = [], []
    for n, (key, rels) in enumerate(sorted(groups.items())):
        options = json.loads(key)
        src = build_scratch_site(tmp_path / f"site{n}", {r: texts[r] for r in rels}, options)
        ok, bad = compare_site(jekyll_build(src), {r: texts[r] for r in rels}, {"kramdown": options})
        same += ok
        different += bad
    total = len(same) + len(different)
    print(f"with options: {len(same)}/{total} identical; different: {different}")
    assert total == 66
    assert len(same) / total >= OPTIONS_FLOOR, different
    unexplained = [d for d in different if "highlighting" not in d and "rouge" not in d]
    assert unexplained == []


def test_fixture_conversion_without_jekyll():
    """A few fixtures whose Jekyll output is pinned here, so the suite checks content even
    where Ruby is absent (expected strings taken from real Jekyll 4.3 / kramdown 2.4.0)."""
    from jekyllpy.markdown import MarkdownConverter

    kd = MarkdownConverter({"kramdown": {"input": "kramdown"}})
    gfm = MarkdownConverter({})
    assert kd.convert("* a\n* b\n\n  c\n") == "<ul>\n  <li>a</li>\n  <li>\n    <p>b</p>\n\n    <p>c</p>\n  </li>\n</ul>\n"
    assert gfm.convert("para\n# head\n") == '<p>para</p>\n<h1 id="head">head</h1>\n'
    assert kd.convert("para\n# head\n") == "<p>para\n# head</p>\n"
