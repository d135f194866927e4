"""Highlighting per language against real Jekyll (Rouge 3.30): issue #5's fixture.

tests/fixtures/highlight/ has one page per language (and common aliases: js, sh, shell),
each with the same sample as a ``` fence, a ~~~ fence, `{% highlight %}` and
`{% highlight linenos %}`. For each language we count identical code blocks and the share of
code characters that get the same CSS class as Rouge gives them; floors.json holds the
figures reached so far, so a change can only keep or improve them. docs/highlighting.md
explains the differences that remain.

    python -m tests.test_highlight_languages   # prints the table (builds both sides)
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from tests.jekyll import jekyll_build, jekyllpy_build, requires_jekyll

FIXTURE = Path(__file__).parent / "fixtures" / "highlight"
FLOORS = FIXTURE.parent / "highlight_floors.json"
_BLOCK = re.compile(r'<td class="code"><pre>(.*?)</pre>|<code[^>]*>(.*?)</code>', re.S)
_TOKEN = re.compile(r'<span class="([^"]*)">(.*?)</span>|([^<]+)', re.S)


def _char_classes(block: str) -> list[str]:
    classes: list[str] = []
    for m in _TOKEN.finditer(block):
        cls, inner, plain = m.group(1), m.group(2), m.group(3)
        classes.extend([cls or ""] * len(html.unescape(inner if cls is not None else plain)))
    return classes


def compare(ref: Path, out: Path) -> dict[str, dict]:
    """Per page: identical blocks, block count, share of characters with Rouge's class, and
    whether the whole page is identical."""
    table = {}
    for page in sorted(ref.glob("*.html")):
        want, got = page.read_text(), (out / page.name).read_text()
        a = [x or y for x, y in _BLOCK.findall(want)]
        b = [x or y for x, y in _BLOCK.findall(got)]
        chars = same = 0
        for x, y in zip(a, b):
            ca, cb = _char_classes(x), _char_classes(y)
            chars += len(ca)
            same += sum(1 for i, c in enumerate(ca) if i < len(cb) and cb[i] == c)
        table[page.stem] = {"identical_blocks": sum(1 for x, y in zip(a, b) if x == y), "blocks": len(a),
                            "class_share": round(100.0 * same / max(chars, 1), 1), "page_identical": want == got}
    return table


@requires_jekyll
def test_languages_reach_their_floors(tmp_path):
    ref = jekyll_build(FIXTURE)
    proc = jekyllpy_build(FIXTURE, tmp_path / "out")
    assert proc.returncode == 0, proc.stderr
    table = compare(ref, tmp_path / "out")
    floors = json.loads(FLOORS.read_text())
    assert set(table) == set(floors)
    for lang, row in table.items():
        assert row["blocks"] == 4, lang
        floor = floors[lang]
        assert row["identical_blocks"] >= floor["identical_blocks"], (lang, row)
        assert row["class_share"] >= floor["class_share"] - 0.05, (lang, row)
    # the ported lexers are exact, page and all
    for lang in PORTED:
        assert table[lang]["page_identical"], lang


PORTED = ("json", "yaml", "ruby", "console", "scss", "python", "bash", "sh", "shell", "r", "swift", "matlab", "latex", "java", "c", "cpp", "javascript", "js", "css", "html")
def _is_text(path: Path) -> bool:
    try:
        path.read_text(encoding="utf-8")
        return True
    except (UnicodeDecodeError, OSError):
        return False


RUBY_ROUGE = r"""
require "rouge"; require "json"
fmt = Rouge::Formatters::HTML.new
lexer = Rouge::Lexer.find(ARGV[0])
puts JSON.generate(ARGV[1..].map { |f| fmt.format(lexer.new.lex(File.read(f))) })
"""


@requires_jekyll
@pytest.mark.parametrize("lang,pattern", [("python", "src/jekyllpy/**/*.py"), ("json", "tests/fixtures/**/*.json"),
                                          ("bash", ".ci/run"), ("bash", "../shared/tools/*"),
                                          ("yaml", "../shared/sites/**/*.yml"),
                                          ("ruby", "/usr/share/rubygems-integration/all/gems/*/lib/**/*.rb"),
                                          ("scss", "../shared/sites/**/*.scss")])
def test_ported_lexers_equal_rouge_on_real_files(lang, pattern):
    """Beyond the fixture: every file of a kind in this repository, highlighted by Rouge itself
    (the gem Jekyll uses, run through Ruby) and by us."""
    import glob
    import subprocess

    from jekyllpy.highlight import highlight_html

    root = Path(__file__).parent.parent
    files = [p for p in sorted(glob.glob(str(root / pattern), recursive=True))[:80]
             if Path(p).is_file() and _is_text(Path(p))]
    if not files:
        pytest.skip(f"no files match {pattern}")
    proc = subprocess.run(["ruby", "-e", RUBY_ROUGE, lang, *files], capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.skip(f"Rouge not runnable: {proc.stderr[-200:]}")
    expected = json.loads(proc.stdout)
    different = [f for f, want in zip(files, expected) if highlight_html(Path(f).read_text(), lang) != want]
    assert different == []


def main() -> None:  # pragma: no cover - a report for docs/highlighting.md
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        ref = jekyll_build(FIXTURE)
        jekyllpy_build(FIXTURE, Path(tmp) / "out")
        table = compare(ref, Path(tmp) / "out")
    print("| language | identical blocks | characters with Rouge's class |")
    print("|---|---|---|")
    for lang, row in table.items():
        print(f"| {lang} | {row['identical_blocks']}/{row['blocks']} | {row['class_share']}% |")
    if "--write-floors" in __import__("sys").argv:
        FLOORS.write_text(json.dumps({k: {"identical_blocks": v["identical_blocks"], "class_share": v["class_share"]}
                                      for k, v in table.items()}, indent=1) + "\n")


if __name__ == "__main__":  # pragma: no cover
    main()


