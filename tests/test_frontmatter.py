"""Front matter must split exactly as Jekyll 4.3 splits it (content kept byte for byte).

`CASES` drives both the unit tests and tests/fixtures/yaml/frontmatter/, a site generated from
the table (a test keeps it in sync) that real Jekyll builds: each page prints its title after
the split, so Jekyll's output proves where the front matter ended and what the content is.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from jekyllpy import frontmatter
from jekyllpy.errors import JekyllpyError, YAMLError
from tests.jekyll import jekyll_build, requires_jekyll

FIXTURE = Path(__file__).parent / "fixtures" / "yaml" / "frontmatter"
BODY = "T={{ page.title }}|"

# name -> (raw file bytes, is a page?, expected title, expected content, content line)
CASES: dict[str, tuple[bytes, bool, object, str | None, int]] = {
    "basic": (b"---\ntitle: A\n---\nT={{ page.title }}|\n", True, "A", f"{BODY}\n", 4),
    "crlf": (b"---\r\ntitle: B\r\n---\r\nT={{ page.title }}|\r\nx\r\n", True, "B", f"{BODY}\r\nx\r\n", 4),
    # the closing `---\s*$\n?` swallows the blank lines after it
    "blank-after": (b"---\ntitle: C\n---\n\n\n\nT={{ page.title }}|\n", True, "C", f"{BODY}\n", 7),
    "dots": (b"---\ntitle: D\n...\nT={{ page.title }}|\n", True, "D", f"{BODY}\n", 4),
    "spaces": (b"---   \ntitle: E\n---  \nT={{ page.title }}|\n\n\n", True, "E", f"{BODY}\n\n\n", 4),
    "empty": (b"---\n---\nT={{ page.title }}|\n", True, None, f"{BODY}\n", 3),
    "no-final-newline": (b"---\ntitle: F\n---", True, "F", "", 3),
    "bom": (b"\xef\xbb\xbf---\ntitle: G\n---\nT={{ page.title }}|\n", False, None, None, 1),
    "four-dashes": (b"----\ntitle: H\n---\nT={{ page.title }}|\n", False, None, None, 1),
    # Psych reads only the first document: "---\n--- a\n" is an empty document
    "two-markers": (b"---\n--- a\n---\nT={{ page.title }}|\n", True, None, f"{BODY}\n", 4),
    "dashes-in-content": (b"---\ntitle: I\n---\n---\nT={{ page.title }}|\n", True, "I", f"---\n{BODY}\n", 4),
    "indented-content": (b"---\ntitle: J\n---\n   lead {{ page.title }}\n", True, "J", "   lead {{ page.title }}\n", 4),
    "comment-only": (b"---\n# c\n---\nT={{ page.title }}|\n", True, None, f"{BODY}\n", 4),
    "blank-before": (b"---\n\ntitle: L\n---\nT={{ page.title }}|\n", True, "L", f"{BODY}\n", 5),
    # a header but no closing line: a page whose whole text is content
    "unclosed": (b"---\ntitle: M\n---body\nT={{ page.title }}|\n", True, None,
                 "---\ntitle: M\n---body\nT={{ page.title }}|\n", 1),
    "only-header": (b"---\n", True, None, "---\n", 1),
    "false": (b"---\nfalse\n---\nT={{ page.title }}|\n", True, None, f"{BODY}\n", 4),
}


def render(content: str, title: object) -> str:
    return content.replace("{{ page.title }}", "" if title is None else str(title))


def test_fixture_is_generated_from_the_table():
    for name, (raw, *_rest) in CASES.items():
        assert (FIXTURE / f"{name}.html").read_bytes() == raw, f"regenerate {name}.html"


@pytest.mark.parametrize("name", CASES)
def test_has_front_matter(name):
    raw, is_page, *_ = CASES[name]
    assert frontmatter.has_front_matter(FIXTURE / f"{name}.html") is is_page


@pytest.mark.parametrize("name", [n for n, c in CASES.items() if c[1]])
def test_read(name):
    raw, _, title, content, line = CASES[name]
    text = raw.decode("utf-8")
    data, got_content, got_line = frontmatter.read(text, f"{name}.html")
    assert got_content == content
    assert got_line == line
    if data is not None:
        assert data.get("title") == title
    else:
        assert title is None


@requires_jekyll
def test_cases_match_real_jekyll():
    out = jekyll_build(FIXTURE)
    for name, (raw, is_page, title, content, _) in CASES.items():
        built = (out / f"{name}.html").read_bytes()
        expected = raw if not is_page else render(content, title).encode()
        assert built == expected, name


def test_split_returns_yaml_with_opening_line():
    yaml_text, content, line = frontmatter.split("---\na: 1\n---\nbody\n")
    assert (yaml_text, content, line) == ("---\na: 1\n", "body\n", 4)
    assert frontmatter.split("no front matter\n") == (None, "no front matter\n", 1)


def test_yaml_error_carries_file_line_and_content():
    raw = "---\ntitle: ok\nbad: [1, 2\n---\nbody\n"
    with pytest.raises(YAMLError) as info:
        frontmatter.read(raw, "_posts/x.md")
    err = info.value
    assert err.path == "_posts/x.md"
    assert err.line is not None and err.line >= 3  # a file line, not a YAML-block line
    assert err.content == "body\n" and err.content_line == 5


def test_tab_error_is_located_in_the_file():
    with pytest.raises(YAMLError) as info:
        frontmatter.read("---\na:\n\tb: 1\n---\n", "p.md")
    assert (info.value.path, info.value.line) == ("p.md", 3)


def test_non_mapping_is_a_located_error():
    with pytest.raises(JekyllpyError) as info:
        frontmatter.read("---\n# note\n- a\n- b\n---\nbody\n", "about.md")
    err = info.value
    assert not isinstance(err, YAMLError)
    assert (err.path, err.line) == ("about.md", 3)
    assert "Invalid YAML front matter" in err.message
    assert err.content == "body\n"


def test_no_front_matter_gives_none():
    assert frontmatter.read("plain\n", "x.txt") == (None, "plain\n", 1)


def test_has_front_matter_reads_only_the_start(tmp_path):
    big = tmp_path / "big.bin"
    big.write_bytes(b"---" + b"x" * 10_000_000)
    assert frontmatter.has_front_matter(big) is False
    ws = tmp_path / "ws.md"
    ws.write_bytes(b"--- \t\r\n")
    assert frontmatter.has_front_matter(ws) is True
    assert frontmatter.has_front_matter(tmp_path / "missing.md") is False
    assert frontmatter.has_front_matter(tmp_path) is False


def test_python_frontmatter_handler_detects_and_loads():
    handler = frontmatter.JekyllYAMLHandler()
    text = "---\ndate: 2015-08-14\n---\nx"
    assert handler.detect(text)
    fm, content = handler.split(text)
    assert str(handler.load(fm)["date"]) == "2015-08-14" and content == "x"
