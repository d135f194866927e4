"""kramdown's syntax, case by case, with Jekyll's output pinned.

tests/fixtures/markdown/syntax_cases.json holds one case per syntax item of kramdown's syntax
page and GFM's specifics (paragraphs, headers and their ids, quotes, code, lists, task lists,
definition lists, tables, HTML blocks/spans with `markdown="1"`, links, images, emphasis,
strikethrough, code spans, footnotes, abbreviations, math, IAL/ALD, extensions, TOC,
typography, smart quotes, escapes, entities, options such as hard_wrap/entity_output). Each
`expected` is what real Jekyll 4.3 (kramdown 2.4.0, kramdown-parser-gfm 1.1.0) wrote for that
input with Jekyll's kramdown defaults plus the case's `kramdown` settings. The pinned test runs
without Ruby; `test_pins_still_match_jekyll` re-derives the pins with real Jekyll when present,
so they cannot go stale.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.jekyll import jekyll_build, requires_jekyll
from tests.test_markdown_kramdown_fixtures import FRONT, page_content

CASES = json.loads((Path(__file__).parent / "fixtures" / "markdown" / "syntax_cases.json").read_text())


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_syntax_case(case):
    from jekyllpy.markdown import MarkdownConverter

    assert MarkdownConverter({"kramdown": case["kramdown"]}).convert(case["input"]) == case["expected"]


@requires_jekyll
def test_pins_still_match_jekyll(tmp_path: Path):
    """Group the cases by configuration, build each group with real Jekyll, compare pins."""
    groups: dict[str, list[dict]] = {}
    for case in CASES:
        groups.setdefault(json.dumps(case["kramdown"], sort_keys=True), []).append(case)
    for n, (config, cases) in enumerate(groups.items()):
        src = tmp_path / f"site{n}"
        src.mkdir()
        (src / "_config.yml").write_text(json.dumps({"kramdown": json.loads(config)}) + "\n")
        for case in cases:
            (src / f"{case['name']}.md").write_text(FRONT + case["input"], encoding="utf-8")
        ref = jekyll_build(src)
        for case in cases:
            assert page_content(case["input"]) == case["input"]
            assert (ref / f"{case['name']}.html").read_text(encoding="utf-8") == case["expected"], case["name"]


def test_rules_are_mistune_registries_and_extensible():
    """The dispatch tables are mistune `Parser` registries: kramdown's order is visible and a
    rule registered the mistune way (`before=`) takes part in kramdown's dispatch."""
    from mistune.core import Parser

    from jekyllpy.markdown import MarkdownConverter
    from jekyllpy.markdown.elements import Element

    conv = MarkdownConverter({})
    assert isinstance(conv.block_rules, Parser) and isinstance(conv.span_rules, Parser)
    assert conv.block_rules.rules[0] == "blank_line" and conv.block_rules.rules[-1] == "paragraph"
    assert "codeblock_fenced_gfm" in conv.block_rules.rules and "strikethrough_gfm" in conv.span_rules.rules

    def parse_note(parser) -> bool:  # `!!! text` lines become <aside> raw HTML
        text = parser.src.m.group(1)
        parser.src.pos += len(parser.src.m.group(0))
        parser.tree.children.append(Element("raw", f"<aside>{text}</aside>", None, {"category": "block"}))
        return True

    conv.block_rules.register("note", r"^!!! (.*)\n", parse_note, before="paragraph")
    assert conv.convert("!!! careful\n\ntext\n") == "<aside>careful</aside>\n\n<p>text</p>\n"
