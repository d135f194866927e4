"""Highlighting per language against real Jekyll (Rouge 3.30): issue #5's fixture.

tests/fixtures/highlight/_samples/<language>/ holds several realistic samples per language;
each page of the fixture (one per language tag, aliases included: js, sh, shell, zsh) shows
every sample of its language four ways: a ``` fence, a ~~~ fence, `{% highlight %}` and
`{% highlight linenos %}`. The site is built twice, with Jekyll's default `input: GFM` and with
kramdown's own input (`_config_kramdown.yml`), by real Jekyll and by jekyllpy. For each
language we count identical code blocks and the share of code characters that get the same
CSS class as Rouge gives them; highlight_floors.json holds the figures reached so far, so a
change can only keep or improve them. docs/highlighting.md explains what remains.

    python -m tests.test_highlight_languages              # prints the table (builds both sides)
    python -m tests.test_highlight_languages --generate   # rewrites the pages from _samples
    python -m tests.test_highlight_languages --write-floors
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from tests.jekyll import jekyll_build, jekyllpy_build, requires_jekyll

FIXTURE = Path(__file__).parent / "fixtures" / "highlight"
SAMPLES = FIXTURE / "_samples"
FLOORS = FIXTURE.parent / "highlight_floors.json"
# page (= the language tag written in the Markdown) -> the samples it shows
PAGES = {lang: lang for lang in ("bash", "c", "console", "cpp", "css", "html", "java", "javascript", "json",
                                 "latex", "matlab", "python", "r", "ruby", "scss", "swift", "yaml")}
PAGES.update({"js": "javascript", "sh": "bash", "shell": "bash", "zsh": "bash"})
# input name -> extra build arguments (the same for Jekyll and jekyllpy)
INPUTS = {"gfm": (), "kramdown": ("--config", f"{FIXTURE}/_config.yml,{FIXTURE}/_config_kramdown.yml")}
# languages whose lexer is a Rouge port: every page must be identical, under both inputs
PORTED = ("json", "yaml", "ruby", "console", "scss", "python", "bash", "sh", "shell", "zsh", "r", "swift",
          "matlab", "latex", "java", "c", "cpp", "javascript", "js", "css", "html")

# highlighted blocks: kramdown's (fences) and the highlight tag's (with or without linenos),
# with their language
_BLOCK = re.compile(r'<div class="language-([^ "]+) highlighter-rouge"><div class="highlight"><pre class="highlight">'
                    r'<code>(.*?)</code>|<figure class="highlight"><pre><code class="language-([^"]+)"[^>]*>(.*?)</code>',
                    re.S)
# kramdown's own input has no ``` fences: those samples are paragraphs there (and their
# indented lines plain-text code blocks, which are not counted)
BLOCKS_PER_SAMPLE = {"gfm": 4, "kramdown": 3}
_TOKEN = re.compile(r'<span class="([^"]*)">(.*?)</span>|([^<]+)', re.S)


def samples(lang: str) -> list[str]:
    return [p.read_text() for p in sorted((SAMPLES / lang).glob("*.txt"))]


def page_text(page: str) -> str:
    """A fixture page: every sample of the page's language, four ways."""
    parts = [f"---\ntitle: {page}\n---\n"]
    for code in samples(PAGES[page]):
        code = code if code.endswith("\n") else code + "\n"
        parts += [f"```{page}\n{code}```\n", f"~~~ {page}\n{code}~~~\n",
                  f"{{% highlight {page} %}}\n{code}{{% endhighlight %}}\n",
                  f"{{% highlight {page} linenos %}}\n{code}{{% endhighlight %}}\n"]
    return "\n".join(parts)


def generate() -> None:
    for page in PAGES:
        (FIXTURE / f"{page}.md").write_text(page_text(page))


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
        a = [x or y for lang, x, lang2, y in _BLOCK.findall(want) if page.stem in (lang, lang2)]
        b = [x or y for lang, x, lang2, y in _BLOCK.findall(got) if page.stem in (lang, lang2)]
        chars = same = 0
        for x, y in zip(a, b):
            ca, cb = _char_classes(x), _char_classes(y)
            chars += len(ca)
            same += sum(1 for i, c in enumerate(ca) if i < len(cb) and cb[i] == c)
        table[page.stem] = {"identical_blocks": sum(1 for x, y in zip(a, b) if x == y), "blocks": len(a),
                            "class_share": round(100.0 * same / max(chars, 1), 1), "page_identical": want == got}
    return table


def build_and_compare(input_name: str, tmp: Path) -> dict[str, dict]:
    args = INPUTS[input_name]
    ref = jekyll_build(FIXTURE, *args)
    proc = jekyllpy_build(FIXTURE, tmp / f"out-{input_name}", *args)
    assert proc.returncode == 0, proc.stderr
    return compare(ref, tmp / f"out-{input_name}")


def test_pages_are_generated_from_the_samples():
    """The pages are what --generate makes of _samples (edit samples, then regenerate)."""
    assert sorted(p.stem for p in FIXTURE.glob("*.md")) == sorted(PAGES)
    for page in PAGES:
        assert (FIXTURE / f"{page}.md").read_text() == page_text(page), page


@requires_jekyll
@pytest.mark.parametrize("input_name", sorted(INPUTS))
def test_languages_reach_their_floors(tmp_path, input_name):
    table = build_and_compare(input_name, tmp_path)
    floors = json.loads(FLOORS.read_text())[input_name]
    assert set(table) == set(floors) == set(PAGES)
    for lang, row in table.items():
        assert row["blocks"] == BLOCKS_PER_SAMPLE[input_name] * len(samples(PAGES[lang])), lang
        floor = floors[lang]
        assert row["identical_blocks"] >= floor["identical_blocks"], (lang, row)
        assert row["class_share"] >= floor["class_share"] - 0.05, (lang, row)
    # the ported lexers are exact, page and all
    for lang in PORTED:
        assert table[lang]["page_identical"], lang


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


RUBY_ROUGE_TEXTS = r"""
require "rouge"; require "json"
fmt = Rouge::Formatters::HTML.new
puts JSON.generate(JSON.parse(STDIN.read).map { |lang, text| fmt.format(Rouge::Lexer.find(lang).new.lex(text)) })
"""


def _non_ascii(text: str) -> str:
    """A sample with non-ASCII letters in names and no-break spaces between tokens: Ruby's
    `\\w`/`\\s` are ASCII (Rouge writes a no-break space as `err` in most lexers) while
    Python's are Unicode, so this is where a port's character classes show."""
    out = []
    for i, line in enumerate(text.split("\n")):
        line = line.replace("name", "nämé").replace("data", "données").replace("count", "计数")
        if i % 4 == 1:
            line = line.replace(" = ", "\u00a0=\u00a0", 1).replace(" ", "\u00a0", 1)
        elif i % 4 == 3:
            line += "  # café ü 中"
        out.append(line)
    return "\n".join(out)


@requires_jekyll
def test_ported_lexers_equal_rouge_on_non_ascii_text_and_crlf():
    """Also with CRLF line ends, which Rouge lexes as they are (a `{% highlight %}` body in a
    CRLF file reaches it so)."""
    import subprocess

    from jekyllpy.highlight import highlight_html

    cases = [(lang, variant) for lang in sorted(set(PAGES.values())) for code in samples(lang)
             for variant in (_non_ascii(code), code.replace("\n", "\r\n"))]
    proc = subprocess.run(["ruby", "-e", RUBY_ROUGE_TEXTS], input=json.dumps(cases), capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.skip(f"Rouge not runnable: {proc.stderr[-200:]}")
    expected = json.loads(proc.stdout)
    assert [lang for (lang, text), want in zip(cases, expected) if highlight_html(text, lang) != want] == []


def main() -> None:  # pragma: no cover - a report for docs/highlighting.md
    import sys
    import tempfile

    if "--generate" in sys.argv:
        generate()
    floors = {}
    with tempfile.TemporaryDirectory() as tmp:
        for input_name in INPUTS:
            table = build_and_compare(input_name, Path(tmp))
            floors[input_name] = {k: {"identical_blocks": v["identical_blocks"], "class_share": v["class_share"]}
                                  for k, v in table.items()}
            print(f"\ninput: {input_name}\n")
            print("| language | identical blocks | characters with Rouge's class |")
            print("|---|---|---|")
            for lang, row in table.items():
                print(f"| {lang} | {row['identical_blocks']}/{row['blocks']} | {row['class_share']}% |")
    if "--write-floors" in sys.argv:
        FLOORS.write_text(json.dumps(floors, indent=1) + "\n")


if __name__ == "__main__":  # pragma: no cover
    main()
