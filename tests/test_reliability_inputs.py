"""Bad inputs, second suite (issue 10): rows that `test_bad_inputs.py` does not cover.

Each row starts from a good site already built into `_site/`, breaks the source, rebuilds
with the real CLI (`python -m jekyllpy build` in a subprocess, frozen clock) and checks:

* the exit status: 1 where Jekyll 4.3 stops, 0 where Jekyll builds (warning or not) — a
  site that builds with Jekyll must build with us;
* for errors: the exact text after `Error:` (file, line, column, message, echoed line and
  caret), no "Traceback" (that needs `--trace`), and the previous `_site/` unchanged byte for
  byte — a broken source must never cost the user their last good output;
* for builds: the named output files and the warning;
* always: not one source file changed, and no temporary folder left next to `_site/`.

`test_jekyll_agrees` replays every row with real Jekyll (skipped without it): same exit
status and, where both build, the same `_site/`. Rows where we knowingly differ say why in
`differs` (Jekyll crashes on input we can build, or would destroy output we keep).
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.jekyll import JEKYLL_BUILD, ROOT, diff_trees, requires_jekyll, tree_files

ENV = {"SOURCE_DATE_EPOCH": "1767225600", "TZ": "UTC", "JEKYLL_ENV": "production"}

BASE: dict[str, str | bytes] = {
    "_config.yml": "title: Base\n",
    "index.md": "---\nlayout: default\ntitle: Home\n---\n# Hi\n\n{% include foot.html %}\n",
    "_layouts/default.html": "<html>{{ content }}</html>\n",
    "_includes/foot.html": "<footer>{{ site.title }}</footer>\n",
    "_data/x.yml": "a: 1\n",
    "_posts/2020-01-01-hello.md": "---\ntitle: Hello\n---\nPost {{ site.data.x.a }}\n",
    "assets/style.css": "body { color: black; }\n",
}
FM = "---\nlayout: default\ntitle: Home\n---\n# Hi\n"  # index.md's front matter and first line
INDEX = '<html><h1 id="hi">Hi</h1>\n\n<footer>Base</footer>\n\n</html>\n'
LIQ = {"_config.yml": "title: Base\nliquid:\n  strict_variables: true\n  strict_filters: true\n"}


@dataclass
class Row:
    id: str
    files: dict[str, str | bytes | None]  # written over BASE; None deletes
    status: int
    error: str | None = None  # exact text after "Error: "; {src} = the source folder
    warning: str | None = None  # part of stderr when the build succeeds
    expect: dict[str, str | bytes | None] = field(default_factory=dict)  # output files; None: absent
    args: tuple[str, ...] = ()
    differs: str = ""  # why Jekyll's outcome differs (the agreement test then only reports)
    bug: str = ""  # a known bug of ours, fixed in a later commit: the row is a strict xfail


ROWS: list[Row] = []
ROWS += [
    # configuration -----------------------------------------------------------------------
    Row("config-second-file-tab", {"_extra.yml": "a: 1\n\tb: 2\n"}, 1, "{src}/_extra.yml:2:1: found character '\\t' that cannot start any token while scanning for the next token\n" + '  \tb: 2\n' + '  ^',
        args=("--config", "{src}/_config.yml,{src}/_extra.yml")),
    Row("config-exclude-not-a-list", {"_config.yml": "title: Base\nexclude: assets\n"}, 1, '{src}/_config.yml:2:1: `exclude` should be a list, but is a string `assets`'),
    Row("config-collections-not-a-mapping", {"_config.yml": "title: Base\ncollections: foo\n"}, 1, '{src}/_config.yml:2:1: `collections` should be a mapping or a list, but is a string `foo`'),
    Row("config-unknown-timezone", {"_config.yml": "title: Base\ntimezone: Nowhere/Nope\n"}, 0,
        expect={"index.html": INDEX}),
    Row("config-comments-only", {"_config.yml": "# nothing here\n"}, 0,
        expect={"index.html": INDEX.replace("Base", "")}),
    Row("config-ruby-tag-on-a-scalar", {"_config.yml": "title: !ruby/object:Foo Base\n"}, 0, expect={"index.html": INDEX}),
    Row("config-ruby-tag-on-a-mapping", {"_config.yml": "title: Base\nx: !ruby/object:Foo {a: 1}\n"}, 1,
        "{src}/_config.yml:2:4: Tried to load unspecified class: Foo\n  x: !ruby/object:Foo {a: 1}\n     ^"),
    # a setting of the wrong type that Jekyll builds with: a located warning, Jekyll's output
    *[Row(f"config-wrong-type-{key}", {"_config.yml": f"title: Base\n{key}: {value}\n"}, 0,
          warning=f"_config.yml:2: `{key}` should be {wanted}", expect={"index.html": INDEX})
      for key, value, wanted in [("defaults", "foo", "a list"), ("safe", "'yes'", "true or false"),
                                 ("future", "1", "true or false"), ("excerpt_separator", "5", "a string"),
                                 ("paginate", "'5'", "a whole number"), ("jobs", "'2'", "a whole number"),
                                 ("url", "5", "a string"), ("feed", "foo", "a mapping")]],
    Row("config-path-not-yaml", {"c.txt": "title: X\n"}, 0,
        warning="Error reading configuration. Using defaults (and options). {src}/c.txt: No parser for '{src}/c.txt' "
                "is available. Use a .y(a)ml or .toml file instead.",
        expect={"index.html": INDEX.replace("Base", "")}, args=("--config", "{src}/c.txt")),
    Row("config-path-a-folder", {}, 0, warning="No parser for '{src}/_data' is available.",
        expect={"index.html": INDEX},  # what was read before the bad file stays (Jekyll's rescue)
        args=("--config", "{src}/_config.yml,{src}/_data")),
    Row("source-missing", {}, 1, '{src}/nope: source directory does not exist', args=("-s", "{src}/nope"),
        differs="Jekyll builds an empty site from a missing source, wiping the previous output"),
    # front matter ------------------------------------------------------------------------
    Row("fm-unclosed-fence", {"index.md": "---\nlayout: default\ntitle: x\n# Hi\n"}, 0,
        expect={"index.html": '<hr />\n<p>layout: default\ntitle: x</p>\n<h1 id="hi">Hi</h1>\n'}),
    Row("fm-unknown-yaml-tag", {"index.md": "---\nlayout: default\ntitle: !foo bar\n---\n{{ page.title }}\n"}, 0,
        expect={"index.html": "<html><p>bar</p>\n</html>\n"}),
    Row("fm-layout-a-list", {"index.md": "---\nlayout: [a]\n---\nx\n"}, 0,
        warning="Layout '['a']' requested in index.md:2 does not exist.", expect={"index.html": "<p>x</p>\n"}),
    Row("fm-permalink-an-integer", {"index.md": "---\nlayout: default\npermalink: 5\n---\nx\n"}, 0,
        expect={"5.html": "<html><p>x</p>\n</html>\n"},
        differs="Jekyll crashes (NoMethodError: undefined method `end_with?' for 5:Integer)"),
    Row("fm-page-date-garbage", {"p.md": "---\ndate: garbage\n---\n{{ page.date }}\n"}, 0,
        expect={"p.html": "<p>garbage</p>\n"}),
    Row("fm-post-date-25-hours", {"_posts/2020-01-01-hello.md": "---\ndate: 2020-01-01 25:00:00\n---\nx\n"}, 1, "_posts/2020-01-01-hello.md:2:1: Invalid date '2020-01-01 25:00:00': Document '_posts/2020-01-01-hello.md' does not have a valid date in the YAML front matter."),
    Row("fm-post-categories-integer", {"_posts/2020-01-01-hello.md": "---\ncategories: 7\n---\nx\n"}, 0,
        warning="could not read file: _posts/2020-01-01-hello.md:2:1: no implicit conversion of Integer into Array",
        expect={"2026/01/01/2020-01-01-hello.html": "<p>x</p>\n", "7/2020/01/01/hello.html": None}),
    Row("fm-post-categories-mapping", {"_posts/2020-01-01-hello.md": "---\ncategories: {a: 1}\n---\nx\n"}, 0,
        warning="could not read file: _posts/2020-01-01-hello.md:2:1: no implicit conversion of Hash into Array",
        expect={"2026/01/01/2020-01-01-hello.html": "<p>x</p>\n"}),
    Row("fm-post-categories-true-strict", {"_config.yml": "title: Base\nstrict_front_matter: true\n",
                                           "_posts/2020-01-01-hello.md": "---\ncategories: true\n---\nx\n"}, 1,
        "_posts/2020-01-01-hello.md:2:1: no implicit conversion of true into Array"),
    Row("fm-post-categories-list-of-mappings",  # Ruby's Array#| then to_s per URL part: 3 categories, 2 folders
        {"_posts/2020-01-01-hello.md": "---\ncategories: [{a: 1}, {a: 1}, x]\n---\nx {{ page.categories | size }}\n"}, 0,
        expect={'{"a"=>1}/x/2020/01/01/hello.html': "<p>x 3</p>\n"}),
    Row("defaults-categories-integer", {"_config.yml": "title: Base\ndefaults:\n  - scope: {path: ''}\n"
                                                      "    values: {categories: 7}\n"}, 0,
        warning="could not read file: _posts/2020-01-01-hello.md: no implicit conversion of Integer into Array",
        expect={"index.html": INDEX, "2020/01/01/hello.html": None, "2026/01/01/2020-01-01-hello.html": None}),
    Row("fm-post-date-feb-30", {"_posts/2020-01-01-hello.md": "---\ndate: 2020-02-30\n---\nx\n"}, 0, expect={}),
    # Liquid ------------------------------------------------------------------------------
    Row("liquid-raw-unclosed", {"index.md": FM + "\n{% raw %}\nx\n"}, 1, "index.md:7:4: Liquid syntax error: 'raw' tag was never closed\n" + '  {% raw %}\n' + '     ^'),
    Row("liquid-comment-unclosed", {"index.md": FM + "\n{% comment %}\nx\n"}, 1, 'index.md:7:4: Liquid syntax error: comment tag was never closed\n' + '  {% comment %}\n' + '     ^'),
    Row("liquid-capture-unclosed-in-include", {"_includes/foot.html": "a\n{% capture x %}\nb\n"}, 1, "_includes/foot.html:2:1: Liquid syntax error: 'capture' tag was never closed, included in index.md\n" + '  {% capture x %}\n' + '  ^'),
    Row("liquid-highlight-unclosed", {"index.md": FM + "\n{% highlight ruby %}\nx\n"}, 1, "index.md:7:1: Liquid syntax error: 'highlight' tag was never closed\n" + '  {% highlight ruby %}\n' + '  ^'),
    Row("liquid-else-outside-if-in-layout", {"_layouts/default.html": "<html>\n{% else %}\n{{ content }}</html>\n"}, 1, "_layouts/default.html:2:4: Liquid syntax error: Unexpected outer 'else' tag\n" + '  {% else %}\n' + '     ^'),
    Row("liquid-link-missing", {"index.md": FM + "\n{% link nope.md %}\n"}, 1, "index.md:7:4: Liquid error: Could not find document 'nope.md' in tag 'link'.\n" + '\n' + 'Make sure the document exists and the path is correct.\n' + '\n' + '  {% link nope.md %}\n' + '     ^'),
    Row("liquid-post-url-missing", {"index.md": FM + "\n{% post_url 2020-01-01-nope %}\n"}, 1, 'index.md:7:4: Liquid error: Could not find post "2020-01-01-nope" in tag \'post_url\'.\n' + 'Make sure the post exists and the name is correct.\n' + '\n' + '  {% post_url 2020-01-01-nope %}\n' + '     ^'),
    Row("liquid-divided-by-zero", {"index.md": FM + "\n{{ 1 | divided_by: 0 }}\n"}, 1, 'index.md:7:4: Liquid error: divided by 0\n' + '  {{ 1 | divided_by: 0 }}\n' + '     ^'),
    Row("liquid-include-bad-parameters", {"index.md": FM + "\n{% include foot.html a= %}\n"}, 1, "index.md:7:4: Liquid syntax error: Invalid syntax for include tag: a= — valid syntax: {% include file.ext param='value' param2='value' %}\n" + '  {% include foot.html a= %}\n' + '     ^'),
    Row("liquid-where-exp-syntax", {"index.md": FM + "\n{{ site.posts | where_exp: 'p', 'p.title ==' }}\n"}, 1, 'index.md:7:1: Liquid syntax error: [:end_of_string] is not a valid expression\n' + "  {{ site.posts | where_exp: 'p', 'p.title ==' }}\n" + '  ^'),
    Row("liquid-slice-not-an-integer", {"index.md": FM + "\n{{ 'abc' | slice: 'x' }}\n"}, 1, 'index.md:7:4: Liquid error: invalid integer\n' + "  {{ 'abc' | slice: 'x' }}\n" + '     ^'),
    Row("liquid-range-of-undefined", {"index.md": FM + "\n{% for i in (1..x) %}[{{ i }}]{% endfor %}\n"}, 0,
        expect={}),
    Row("liquid-strict-variables-in-include", {**LIQ, "_includes/foot.html": "<f>\n{{ nope }}</f>\n"}, 1, '_includes/foot.html:2:4: Liquid error: undefined variable nope, included in index.md\n' + '  {{ nope }}</f>\n' + '     ^'),
    Row("liquid-strict-filters-in-layout", {**LIQ, "_layouts/default.html": "<html>\n{{ content | frob }}</html>\n"},
        1, "_layouts/default.html:2:4: Liquid error: unknown filter 'frob'\n" + '  {{ content | frob }}</html>\n' + '     ^'),
    Row("liquid-syntax-in-collection-document", {"_config.yml": "title: Base\ncollections:\n  things:\n    output: true\n",
                                                 "_things/a.md": "---\n---\n\n{% nope %}\n"}, 1, "_things/a.md:4:4: Liquid syntax error: Unknown tag 'nope'\n" + '  {% nope %}\n' + '     ^'),
    # encodings and line ends -------------------------------------------------------------
    Row("utf16-page", {"p.md": "---\ntitle: x\n---\nhello\n".encode("utf-16")}, 0,
        expect={"p.md": "---\ntitle: x\n---\nhello\n".encode("utf-16")}),
    Row("not-utf8-json-data", {"_data/y.json": b'{"a": "caf\xe9"}\n'}, 1, '_data/y.json:1:11: invalid byte sequence in UTF-8 (byte 0xe9)\n' + '  {"a": "caf�"}\n' + '            ^'),
    Row("not-utf8-csv-data", {"_data/y.csv": b"a,b\ncaf\xe9,2\n"}, 1, '_data/y.csv:2:4: CSV: invalid byte sequence in UTF-8 (byte 0xe9)\n' + '  caf�,2\n' + '     ^'),
    Row("not-utf8-scss", {"assets/m.scss": b"---\n---\n/* caf\xe9 */\n.a { color: red; }\n"}, 1,
        "assets/m.scss:3:7: Sass error: Invalid UTF-8 sequence\n  /* caf\ufffd */\n        ^"),
    Row("crlf-post-include-json", {"_posts/2020-01-01-hello.md": "---\r\ntitle: H\r\n---\r\nPost\r\n\r\n{% include foot.html %}\r\n",
                                   "_includes/foot.html": "<f>\r\n{{ site.title }}\r\n</f>\r\n",
                                   "_data/y.json": "{\r\n  \"a\": 1\r\n}\r\n"}, 0, expect={}),
    Row("cr-only-line-ends", {"p.md": "---\rtitle: x\r---\rhello\r"}, 0, expect={"p.md": "---\rtitle: x\r---\rhello\r"}),
    Row("nul-byte-in-page", {"p.md": "---\ntitle: x\n---\nhel\x00lo\n"}, 0, expect={}),
    # Sass --------------------------------------------------------------------------------
    Row("sass-error-directive", {"assets/m.scss": "---\n---\n@error \"boom\";\n"}, 1, 'assets/m.scss:3:1: Sass error: boom\n' + '  @error "boom";\n' + '  ^'),
    Row("sass-missing-import", {"assets/m.scss": "---\n---\n@import \"nope\";\n"}, 1, 'assets/m.scss:3:1: Sass error: File to import not found or unreadable: nope.\n' + '  @import "nope";\n' + '  ^'),
    Row("sass-empty", {"assets/m.scss": "---\n---\n"}, 0, expect={"assets/m.css": ""}),
    # conflicts ---------------------------------------------------------------------------
    Row("conflict-page-and-page", {"same.html": "---\n---\nA\n", "same.md": "---\npermalink: /same.html\n---\nB\n"}, 0,
        warning="The following destination is shared by multiple files.", expect={}),
    Row("conflict-post-and-page", {"p.md": "---\npermalink: /2020/01/01/hello.html\n---\nP\n"}, 0,
        warning="The following destination is shared by multiple files.", expect={}),
    # depth -------------------------------------------------------------------------------
    Row("deep-include-chain-20", {**{f"_includes/c{i}.html": f"{i}{{% include c{i + 1}.html %}}" for i in range(20)},
                                  "_includes/c20.html": "end", "p.md": "---\n---\n{% include c0.html %}\n"}, 0,
        expect={"p.html": "<p>" + "".join(str(i) for i in range(20)) + "end</p>\n"}),
    Row("deep-include-chain-99", {**{f"_includes/c{i}.html": f"{{% include c{i + 1}.html %}}" for i in range(98)},
                                  "_includes/c98.html": "end", "p.md": "---\n---\n{% include c0.html %}\n"}, 0,
        expect={"p.html": "<p>end</p>\n"}),
    Row("deep-include-chain-100", {**{f"_includes/c{i}.html": f"{{% include c{i + 1}.html %}}" for i in range(99)},
                                   "_includes/c99.html": "end", "p.md": "---\n---\n{% include c0.html %}\n"}, 1, 
        "_includes/c98.html:1:4: Liquid error: maximum context depth reached, possible recursive include, included in "
        "_includes/c98.html, included in _includes/c97.html, included in _includes/c96.html, included in "
        "_includes/c95.html, ... 95 more, included in p.md\n  {% include c99.html %}\n     ^"),
    Row("deep-liquid-blocks-50", {"p.md": "---\n---\n" + "{% if true %}" * 50 + "x" + "{% endif %}" * 50 + "\n"}, 0,
        expect={"p.html": "<p>x</p>\n"}),
    Row("deep-liquid-blocks-101", {"p.md": "---\n---\n" + "{% if true %}" * 101 + "x" + "{% endif %}" * 101}, 1, 
        "p.md:3:1314: Liquid error: block nesting limit reached\n  ...%}" + "{% if true %}" * 6 + "x" + "{% endif %}" * 7
        + "{%...\n" + " " * 85 + "^"),
    Row("deep-liquid-blocks-100", {"p.md": "---\n---\n" + "{% if true %}" * 100 + "x" + "{% endif %}" * 100}, 0,
        expect={"p.html": "<p>x</p>\n"}),
    Row("deep-yaml-flow-1000", {"_data/y.yml": "a: " + "[" * 1000 + "]" * 1000 + "\n"}, 0, expect={}),
    Row("deep-markdown-lists-100", {"p.md": "---\n---\n" + "".join("  " * i + "- x\n" for i in range(100))}, 0, expect={}),
    Row("empty-include-relative", {"e.md": "", "p.md": "---\n---\n[{% include_relative e.md %}]\n"}, 0,
        expect={"p.html": "<p>[]</p>\n"}),
]


def _write(root: Path, files: dict) -> None:
    for rel, content in files.items():
        path = root / rel
        if content is None:
            path.unlink(missing_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


def _digest(root: Path) -> dict[str, str]:
    """Every path under the source with its content hash (and symlink target): the
    "no source file changed" check must also catch files created or deleted there."""
    out = {}
    for path in sorted(root.rglob("*")):
        rel = str(path.relative_to(root))
        if path.is_symlink():
            out[rel] = "-> " + os.readlink(path)
        elif path.is_file():
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            out[rel] = "dir"
    return out


def _fill(text: str, src: Path) -> str:
    return text.replace("{src}", str(src))


def run_build(src: Path, dest: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, **ENV, PYTHONPATH=str(ROOT / "src"), JEKYLLPY_SYNC_CLEANUP="1")
    return subprocess.run([sys.executable, "-m", "jekyllpy", "build", "--disable-disk-cache",
                           "-s", str(src), "-d", str(dest), *args], capture_output=True, text=True, env=env)


def error_text(stderr: str) -> str:
    marker = "Error:".rjust(20) + " "
    assert marker in stderr, stderr
    return stderr[stderr.rindex(marker) + len(marker):].rstrip("\n")


@pytest.fixture(scope="module")
def good_site(tmp_path_factory) -> Path:
    """The good site built once; each row starts from a copy of this `_site/`."""
    root = tmp_path_factory.mktemp("good")
    _write(root / "src", BASE)
    proc = run_build(root / "src", root / "_site")
    assert proc.returncode == 0, proc.stderr
    assert (root / "_site" / "index.html").read_text() == INDEX
    return root / "_site"


def prepare(row: Row, tmp_path: Path, good_site: Path) -> tuple[Path, Path, dict[str, bytes]]:
    src, dest = tmp_path / "site", tmp_path / "out" / "_site"
    _write(src, BASE)
    shutil.copytree(good_site, dest)
    before = tree_files(dest)
    _write(src, row.files)
    return src, dest, before


def _params(rows: list[Row], strict: bool = True) -> list:
    return [pytest.param(r, id=r.id, marks=[pytest.mark.xfail(strict=strict, reason=r.bug)] if r.bug else [])
            for r in rows]


@pytest.mark.parametrize("row", _params(ROWS))
def test_row(row: Row, tmp_path: Path, good_site: Path):
    src, dest, before = prepare(row, tmp_path, good_site)
    digest = _digest(src)

    proc = run_build(src, dest, *[_fill(a, src) for a in row.args])

    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == row.status, proc.stderr
    if row.status == 1:
        assert error_text(proc.stderr) == _fill(row.error, src)
        assert tree_files(dest) == before, "the previous _site/ must stay as it was"
    else:
        if row.warning:
            assert _fill(row.warning, src) in proc.stderr, proc.stderr
        for rel, content in row.expect.items():
            path = dest / rel
            if content is None:
                assert not path.exists(), rel
            elif isinstance(content, bytes):
                assert path.read_bytes() == content, rel
            else:
                assert path.read_bytes().decode("utf-8") == content, rel
    assert _digest(src) == digest, "no source file may change"
    assert sorted(p.name for p in dest.parent.iterdir()) == ["_site"], "no temporary folder left behind"


def test_trace_shows_a_traceback(tmp_path: Path):
    """Without --trace one located line; with it, Python's traceback ending in the same error."""
    src = tmp_path / "site"
    _write(src, BASE)
    _write(src, {"_includes/foot.html": "a\n{% capture x %}\nb\n"})
    plain = run_build(src, tmp_path / "a")
    traced = run_build(src, tmp_path / "b", "--trace")
    assert plain.returncode == 1 and "Traceback" not in plain.stderr
    assert traced.returncode == 1 and "Traceback (most recent call last)" in traced.stderr
    assert "_includes/foot.html:2:1: Liquid syntax error: 'capture' tag was never closed" in traced.stderr
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


@requires_jekyll
@pytest.mark.parametrize("row", _params(ROWS, strict=False))
def test_jekyll_agrees(row: Row, tmp_path: Path):
    """Real Jekyll on the same row: it stops where we stop, and where it builds, so do we,
    byte for byte. Rows marked `differs` are skipped with their reason."""
    if row.differs:
        pytest.skip(row.differs)
    src = tmp_path / "site"
    _write(src, BASE)
    _write(src, row.files)
    args = [_fill(a, src) for a in row.args]
    ref, out = tmp_path / "ref", tmp_path / "out"
    jekyll = subprocess.run([str(JEKYLL_BUILD), str(src), str(ref), *args], capture_output=True, text=True)
    ours = run_build(src, out, *args)
    assert (jekyll.returncode == 0) == (ours.returncode == 0), (jekyll.stderr[-1500:], ours.stderr[-1500:])
    if ours.returncode == 0:
        assert diff_trees(ref, out) == []
