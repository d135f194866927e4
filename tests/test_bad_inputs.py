"""The bad-input suite (issue 10): one row per kind of broken or odd input.

Every row starts from a good site that was built into `_site/`, breaks it, builds again with
the real CLI (`python -m jekyllpy build` in a subprocess) and checks:

* the exit status: 1 where Jekyll 4.3 stops, 0 where Jekyll builds (with its warning) —
  matching Jekyll comes first, so a tab in a page's front matter is a warning, as in Jekyll;
* for errors, the exact message (file, line, column, text, the echoed line and caret), no
  traceback without `--trace`, and the previous `_site/` byte for byte as it was;
* for builds, the output files (contents as real Jekyll writes them) and the warning;
* in every case, that no source file changed and no temporary folder was left behind.

`test_jekyll_agrees` runs each row through real Jekyll (skipped without it): the same exit
status, and for rows that build, the same `_site/`. Where Jekyll reports a problem badly
(a Ruby backtrace with no file name for a broken `_config.yml`, data file or CSV), we name
the file and line: those rows say so in their `why`.
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

from tests.jekyll import FROZEN_ENV, JEKYLL_BUILD, ROOT, diff_trees, jekyll_missing_reason, tree_files

BASE: dict[str, str | bytes] = {
    "_config.yml": "title: Test\n",
    "index.md": "---\nlayout: default\ntitle: Home\n---\n# Hi\n\n{% include foot.html %}\n",
    "_layouts/default.html": "<html>{{ content }}</html>\n",
    "_includes/foot.html": "<footer>{{ site.title }}</footer>\n",
    "_data/x.yml": "a: 1\n",
    "_posts/2020-01-01-hello.md": "---\ntitle: Hello\n---\nPost {{ site.data.x.a }}\n",
    "data.json": "---\n---\n{{ site.data | jsonify }}\n",
    "assets/style.css": "body { color: black; }\n",
}
INDEX = "<html><h1 id=\"hi\">Hi</h1>\n\n<footer>Test</footer>\n\n</html>\n"
FM = "---\nlayout: default\ntitle: Home\n---\n# Hi\n"
SRC = "{src}"  # the case's source folder, in messages that name absolute paths


@dataclass
class Case:
    id: str
    files: dict[str, str | bytes | None]  # written over BASE; None deletes
    status: int
    error: str | None = None  # the exact text after "Error: " (exit status 1)
    warning: str | None = None  # a line part of the warnings (exit status 0)
    expect: dict[str, str | bytes | None] = field(default_factory=dict)  # None: must not exist
    args: tuple[str, ...] = ()
    why: str = ""


def data_case(id, name, text, status, error=None, data=None, why=""):
    files: dict = {"_data/x.yml": None, f"_data/{name}": text}
    expect = {} if data is None else {"data.json": data + "\n"}
    return Case(id, files, status, error, expect=expect, why=why)


CASES = [
    # _config.yml -------------------------------------------------------------------------
    Case("config-tab", {"_config.yml": "title: Test\n\tfoo: 1\n"}, 1,
         f"{SRC}/_config.yml:2:1: found character '\\t' that cannot start any token while scanning for the next token\n"
         "  \tfoo: 1\n  ^", why="Jekyll: Psych backtrace naming no file"),
    Case("config-bad-indentation", {"_config.yml": "title: Test\nnav:\n  a: 1\n b: 2\n"}, 1,
         f"{SRC}/_config.yml:4:2: expected <block end>, but found '<block mapping start>' while parsing a block "
         "mapping at line 1 column 1\n   b: 2\n   ^", why="Jekyll: Psych backtrace naming no file"),
    Case("config-duplicate-keys", {"_config.yml": "title: One\ntitle: Two\n"}, 0,
         expect={"index.html": INDEX.replace("Test", "Two")}, why="Psych: the last value wins"),
    Case("config-unclosed-quote", {"_config.yml": "title: \"Test\nfoo: 1\n"}, 1,
         f"{SRC}/_config.yml:3:1: found unexpected end of stream while scanning a quoted scalar at line 1 column 8"),
    Case("config-not-a-mapping", {"_config.yml": "- a\n- b\n"}, 0,
         warning=f"Error reading configuration. Using defaults (and options). {SRC}/_config.yml:1:1: "
                 "Configuration file is not a mapping of settings",
         expect={"index.html": INDEX.replace("Test", "")}, why="Jekyll warns (INVALID) and uses its defaults"),
    Case("config-not-utf8", {"_config.yml": b"title: caf\xe9\n"}, 1,
         f"{SRC}/_config.yml:1:11: invalid byte sequence in UTF-8 (byte 0xe9)\n  title: caf\ufffd\n            ^"),
    Case("config-missing", {"_config.yml": None}, 0, expect={"index.html": INDEX.replace("Test", "")},
         why="Jekyll's defaults apply"),
    Case("config-empty", {"_config.yml": ""}, 0, expect={"index.html": INDEX.replace("Test", "")}),
    Case("config-bad-time", {"_config.yml": "title: Test\ntime: garbage\n"}, 1,
         f"{SRC}/_config.yml:2:1: Invalid date 'garbage': Invalid time in _config.yml."),
    Case("config-path-missing", {}, 1, f"{SRC}/nope.yml: The configuration file could not be read: No such file "
         "or directory", args=("--config", "{src}/nope.yml")),
    Case("destination-is-source", {}, 1, f"{SRC}: Destination directory cannot be or contain the Source directory.",
         args=("-d", "{src}")),
    Case("destination-contains-source", {}, 1, "{parent}: Destination directory cannot be or contain the Source "
         "directory.", args=("-d", "{parent}")),
    # front matter ------------------------------------------------------------------------
    Case("fm-tab", {"index.md": "---\nlayout: default\n\ttitle: Home\n---\nx\n"}, 0,
         warning="index.md:3:1: found character '\\t' that cannot start any token",
         expect={"index.html": "<p>x</p>\n"}, why="Jekyll warns and builds the page without front matter"),
    Case("fm-bad-indentation", {"index.md": "---\nlayout: default\nfoo:\n  a: 1\n b: 2\n---\nx\n"}, 0,
         warning="index.md:5:2: expected <block end>, but found '<block mapping start>'",
         expect={"index.html": "<p>x</p>\n"}),
    Case("fm-duplicate-keys", {"index.md": "---\nlayout: default\ntitle: A\ntitle: B\n---\n{{ page.title }}\n"}, 0,
         expect={"index.html": "<html><p>B</p>\n</html>\n"}, why="Psych: the last value wins"),
    Case("fm-unclosed-quote", {"index.md": "---\nlayout: default\ntitle: 'Home\n---\nx\n"}, 0,
         warning="index.md:4:1: found unexpected end of stream while scanning a quoted scalar at line 3 column 8",
         expect={"index.html": "<p>x</p>\n"}),
    Case("fm-tab-strict", {"index.md": "---\nlayout: default\n\ttitle: Home\n---\nx\n",
                           "_config.yml": "title: Test\nstrict_front_matter: true\n"}, 1,
         "index.md:3:1: found character '\\t' that cannot start any token while scanning for the next token\n"
         "  \ttitle: Home\n  ^", why="strict_front_matter makes it fatal, as in Jekyll"),
    Case("fm-list", {"index.md": "---\n- a\n- b\n---\nx\n"}, 1,
         "index.md:2:1: Invalid YAML front matter (a list, not a mapping of keys to values)\n  - a\n  ^"),
    Case("fm-string", {"index.md": "---\njust text\n---\nx\n"}, 1,
         "index.md:2:1: Invalid YAML front matter (a string, not a mapping of keys to values)\n  just text\n  ^"),
    Case("fm-post-not-a-mapping", {"_posts/2020-01-01-hello.md": "---\n- a\n---\nx\n"}, 0,
         warning="_posts/2020-01-01-hello.md:2:1: Invalid YAML front matter (a list",
         expect={"2026/01/01/2020-01-01-hello.html": "<p>x</p>\n", "2020/01/01/hello.html": None},
         why="Jekyll logs it; the post keeps no date or slug from its name"),
    Case("fm-post-tab", {"_posts/2020-01-01-hello.md": "---\ntitle: a\n\tb: 1\n---\nx\n"}, 0,
         warning="_posts/2020-01-01-hello.md:3:1: found character '\\t'",
         expect={"2026/01/01/2020-01-01-hello.html": "<p>x</p>\n"}),
    Case("fm-layout-bad-yaml", {"_layouts/default.html": "---\ntitle: [a\n---\n<main>{{ content }}</main>\n"}, 0,
         warning="_layouts/default.html:3:1: expected ',' or ']', but got '<stream end>'",
         expect={"index.html": "<main><h1 id=\"hi\">Hi</h1>\n\n<footer>Test</footer>\n\n</main>\n"}),
    # data files --------------------------------------------------------------------------
    *[c for ext in ("yml", "yaml") for c in (
        data_case(f"data-{ext}-tab", f"x.{ext}", "a: 1\n\tb: 2\n", 1,
                  f"_data/x.{ext}:2:1: found character '\\t' that cannot start any token while scanning for the "
                  "next token\n  \tb: 2\n  ^", why="Jekyll: Psych backtrace naming no file"),
        data_case(f"data-{ext}-bad-indentation", f"x.{ext}", "a:\n  b: 1\n c: 2\n", 1,
                  f"_data/x.{ext}:3:2: expected <block end>, but found '<block mapping start>' while parsing a "
                  "block mapping at line 1 column 1\n   c: 2\n   ^"),
        data_case(f"data-{ext}-duplicate-keys", f"x.{ext}", "a: 1\na: 2\n", 0, data='{"x":{"a":2}}'),
        data_case(f"data-{ext}-unclosed-quote", f"x.{ext}", "a: \"1\nb: 2\n", 1,
                  f"_data/x.{ext}:3:1: found unexpected end of stream while scanning a quoted scalar at line 1 "
                  "column 4"),
    )],
    data_case("data-json-tab", "x.json", '{\n\t"a": 1,\n\t"b": 2\n}\n', 0, data='{"x":{"a":1,"b":2}}'),
    data_case("data-json-bad-indentation", "x.json", '{\n"a":\n  1\n   }\n', 0, data='{"x":{"a":1}}'),
    data_case("data-json-duplicate-keys", "x.json", '{"a": 1, "a": 2}\n', 0, data='{"x":{"a":2}}'),
    data_case("data-json-unclosed-quote", "x.json", '{\n  "a": "1\n}\n', 1,
              "_data/x.json:4:1: found unexpected end of stream while scanning a quoted scalar at line 2 column 8"),
    data_case("data-json-trailing-comma", "x.json", '{\n  "a": 1,\n}\n', 0, data='{"x":{"a":1}}',
              why="Jekyll reads .json with Psych: JSON is YAML"),
    data_case("data-csv-tab", "x.csv", 'a,b\n1\t,2\n', 0, data='{"x":[{"a":"1\\t","b":"2"}]}'),
    data_case("data-csv-ragged", "x.csv", 'a,b\n1,2,3\n4\n', 0, data='{"x":[{"a":"1","b":"2","":"3"},{"a":"4","b":null}]}',
              why="CSV::Row#to_hash: extra fields under the nil header"),
    data_case("data-csv-duplicate-headers", "x.csv", 'a,a\n1,2\n', 0, data='{"x":[{"a":"1"}]}',
              why="CSV::Row#to_hash: the first of two equal headers wins"),
    data_case("data-csv-unclosed-quote", "x.csv", 'a,b\n1,"2\n3,4\n', 1,
              "_data/x.csv:2:3: CSV: Unclosed quoted field\n  1,\"2\n    ^", why="Jekyll: MalformedCSVError backtrace"),
    data_case("data-csv-stray-quote", "x.csv", 'a,b\n1,2"x"\n', 1, "_data/x.csv:2:4: CSV: Illegal quoting\n  1,2\"x\"\n     ^"),
    data_case("data-csv-empty-quoted", "x.csv", 'a,b\n"",\n', 0, data='{"x":[{"a":"","b":null}]}'),
    data_case("data-tsv-leading-tab", "x.tsv", 'a\tb\n\t1\t2\n', 0, data='{"x":[{"a":null,"b":"1","":"2"}]}'),
    data_case("data-tsv-duplicate-headers", "x.tsv", 'a\ta\n1\t2\n', 0, data='{"x":[{"a":"1"}]}'),
    data_case("data-tsv-unclosed-quote", "x.tsv", 'a\tb\n1\t"2\n3\t4\n', 1,
              "_data/x.tsv:2:3: CSV: Unclosed quoted field\n  1\t\"2\n    ^"),
    data_case("data-not-utf8", "x.yml", b"a: caf\xe9\n", 1,
              "_data/x.yml:1:7: invalid byte sequence in UTF-8 (byte 0xe9)\n  a: caf\ufffd\n        ^"),
    # layouts and includes ----------------------------------------------------------------
    Case("layout-unknown", {"index.md": "---\nlayout: nope\n---\nx\n"}, 0,
         warning="Layout 'nope' requested in index.md:2 does not exist.", expect={"index.html": "<p>x</p>\n"},
         why="Jekyll warns and writes the page without a layout"),
    Case("layout-cycle", {"_layouts/default.html": "---\nlayout: other\n---\n<a>{{ content }}</a>\n",
                          "_layouts/other.html": "---\nlayout: default\n---\n<b>{{ content }}</b>\n"}, 0,
         warning="Layout cycle in _layouts/other.html:2: _layouts/default.html → _layouts/other.html → "
                 "_layouts/default.html (stopped at the repeated layout)",
         expect={"index.html": "<b><a><h1 id=\"hi\">Hi</h1>\n\n<footer>Test</footer>\n\n</a>\n</b>\n"},
         why="Jekyll stops at a layout already used, silently"),
    Case("include-missing", {"index.md": FM + "{% include nope.html %}\n"}, 1,
         "index.md:6:4: Liquid error: Could not locate the included file 'nope.html' in any of [_includes]. Ensure "
         "it exists in one of those directories and, if it is a symlink, does not point outside your site source., "
         "included in index.md\n  {% include nope.html %}\n     ^"),
    Case("include-missing-in-layout", {"_layouts/default.html": "<html>{% include nope.html %}{{ content }}</html>\n"}, 1,
         "_layouts/default.html:1:10: Liquid error: Could not locate the included file 'nope.html' in any of "
         "[_includes]. Ensure it exists in one of those directories and, if it is a symlink, does not point outside "
         "your site source., included in _layouts/default.html\n  <html>{% include nope.html %}{{ content }}</html>\n"
         "           ^"),
    Case("include-relative-missing", {"index.md": FM + "{% include_relative nope.md %}\n"}, 1,
         "index.md:6:4: Liquid error: Could not locate the included file 'nope.md' in '.'., included in index.md\n"
         "  {% include_relative nope.md %}\n     ^"),
    Case("include-recursion", {"_includes/foot.html": "a{% include foot.html %}\n"}, 1,
         "_includes/foot.html:1:5: Liquid error: maximum context depth reached, possible recursive include, "
         + "included in _includes/foot.html, " * 4 + "... {n} more, included in index.md\n"
         "  a{% include foot.html %}\n      ^"),
    # Liquid ------------------------------------------------------------------------------
    Case("liquid-page-unclosed-tag", {"index.md": FM + "\n{% if true %}\nx\n"}, 1,
         "index.md:7:1: Liquid syntax error: 'if' tag was never closed\n  {% if true %}\n  ^"),
    Case("liquid-page-unknown-tag", {"index.md": FM + "\n{% frob %}\n"}, 1,
         "index.md:7:4: Liquid syntax error: Unknown tag 'frob'\n  {% frob %}\n     ^"),
    Case("liquid-page-unclosed-output", {"index.md": FM + "\nline\n{{ page.title \n"}, 1,
         "index.md:8:1: Liquid syntax error: Variable '{{' was not properly terminated with regexp: /\\}\\}/\n"
         "  {{ page.title\n  ^"),
    Case("liquid-layout-syntax", {"_layouts/default.html": "<html>\n{% for x in %}\n{{ content }}</html>\n"}, 1,
         "_layouts/default.html:2:8: Liquid syntax error: Syntax Error in 'for loop' - Valid syntax: for [item] in "
         "[collection]\n  {% for x in %}\n         ^"),
    Case("liquid-include-syntax", {"_includes/foot.html": "<footer>\n{% endif %}\n"}, 1,
         "_includes/foot.html:2:4: Liquid syntax error: Unknown tag 'endif', included in index.md\n  {% endif %}\n     ^"),
    Case("liquid-post-syntax", {"_posts/2020-01-01-hello.md": "---\ntitle: a\n---\n\n{% if %}\n"}, 1,
         "_posts/2020-01-01-hello.md:5:4: Liquid syntax error: Syntax Error in tag 'if' - Valid syntax: if "
         "[expression]\n  {% if %}\n     ^"),
    Case("liquid-strict-filters", {"_config.yml": "title: Test\nliquid:\n  strict_filters: true\n",
                                   "index.md": FM + "\n{{ page.title | frobnicate }}\n"}, 1,
         "index.md:7:4: Liquid error: unknown filter 'frobnicate'\n  {{ page.title | frobnicate }}\n     ^"),
    Case("liquid-unknown-filter-lax", {"index.md": FM + "\n{{ page.title | frobnicate }}\n"}, 0,
         expect={"index.html": "<html><h1 id=\"hi\">Hi</h1>\n\n<p>Home</p>\n</html>\n"},
         why="without strict_filters Liquid passes the value through"),
    Case("liquid-strict-variables", {"_config.yml": "title: Test\nliquid:\n  strict_variables: true\n",
                                     "index.md": FM + "\n{{ page.nope }}\n"}, 1,
         "index.md:7:4: Liquid error: undefined variable nope\n  {{ page.nope }}\n     ^"),
    Case("liquid-error-mode-strict", {"_config.yml": "title: Test\nliquid:\n  error_mode: strict\n",
                                      "index.md": FM + "\n{{ page.title | | }}\n"}, 1,
         "index.md:7:4: Liquid syntax error: Expected id but found pipe in \"{{ page.title | | }}\"\n"
         "  {{ page.title | | }}\n     ^"),
    # dates -------------------------------------------------------------------------------
    Case("date-filename-invalid", {"_posts/2020-13-45-hello.md": "---\ntitle: x\n---\nx\n"}, 1,
         "_posts/2020-13-45-hello.md: Invalid date '2020-13-45': Document '_posts/2020-13-45-hello.md' does not "
         "have a valid date in the filename."),
    Case("date-filename-feb-30", {"_posts/2020-02-30-hello.md": "---\ntitle: x\n---\nx\n"}, 0,
         expect={"2020/03/01/hello.html": "<p>x</p>\n"}, why="Ruby's Time rolls Feb 30 over to Mar 1"),
    Case("date-front-matter-invalid", {"_posts/2020-01-01-hello.md": "---\ntitle: x\ndate: not a date\n---\nx\n"}, 1,
         "_posts/2020-01-01-hello.md:3:1: Invalid date 'not a date': Document '_posts/2020-01-01-hello.md' does "
         "not have a valid date in the YAML front matter."),
    # encodings and line ends -------------------------------------------------------------
    Case("not-utf8-page", {"index.md": b"---\nlayout: default\n---\ncaf\xe9 {{ page.title }}\n"}, 1,
         "index.md:4:4: Liquid error: invalid byte sequence in UTF-8 (byte 0xe9)\n  caf\ufffd {{ page.title }}\n     ^",
         why="Ruby's front matter regex fails on the file: its whole text goes to Liquid"),
    Case("not-utf8-markdown-without-liquid", {"p.md": b"---\nlayout: default\n---\ncaf\xe9 here\n"}, 1,
         "p.md:4:4: Markdown: the source text contains invalid characters for the used encoding UTF-8 (byte 0xe9)\n"
         "  caf\ufffd here\n     ^"),
    Case("not-utf8-html-without-liquid", {"p.html": b"---\nlayout: default\n---\ncaf\xe9 here\n"}, 0,
         warning="p.html:4:4: invalid byte sequence in UTF-8 (byte 0xe9)",
         expect={"p.html": b"---\nlayout: default\n---\ncaf\xe9 here\n"},
         why="Jekyll writes the whole file, front matter included"),
    Case("not-utf8-post", {"_posts/2020-01-01-hello.md": b"---\ntitle: x\n---\ncaf\xe9\n"}, 0,
         warning="_posts/2020-01-01-hello.md:4:4: invalid byte sequence in UTF-8 (byte 0xe9)",
         expect={"2020/01/01/hello.html": None}, why="Jekyll's PostReader skips posts that are not UTF-8"),
    Case("not-utf8-include", {"_includes/foot.html": b"<footer>caf\xe9</footer>\n"}, 1,
         "_includes/foot.html:1:12: Liquid error: invalid byte sequence in UTF-8 (byte 0xe9), included in index.md\n"
         "  <footer>caf\ufffd</footer>\n             ^"),
    Case("not-utf8-layout", {"_layouts/default.html": b"<html>caf\xe9{{ content }}</html>\n"}, 1,
         "_layouts/default.html:1:10: Liquid error: invalid byte sequence in UTF-8 (byte 0xe9)\n"
         "  <html>caf\ufffd{{ content }}</html>\n           ^"),
    Case("bom-everywhere", {"index.md": "\ufeff" + FM, "_config.yml": "\ufefftitle: BOM\n",
                            "_data/x.yml": "\ufeffa: 1\n", "_layouts/default.html": "\ufeff<html>{{ content }}</html>\n"}, 0,
         expect={"index.md": "\ufeff" + FM, "data.json": '{"x":{"a":1}}\n'},
         why="a BOM before `---` makes a static file (Jekyll reads the raw bytes)"),
    Case("bom-csv-header", {"_data/x.yml": None, "_data/x.csv": "\ufeffa,b\n1,2\n"}, 0,
         expect={"data.json": '{"x":[{"\ufeffa":"1","b":"2"}]}\n'}, why="Ruby's CSV.read keeps the BOM"),
    Case("crlf", {"index.md": FM.replace("\n", "\r\n") + "{% include foot.html %}\r\n",
                  "_config.yml": "title: CRLF\r\n", "_layouts/default.html": "---\r\n---\r\n<html>{{ content }}</html>\r\n",
                  "_data/x.yml": "a: 1\r\n", "_data/y.csv": "a,b\r\n1,2\r\n"}, 0,
         expect={"index.html": "<html><h1 id=\"hi\">Hi</h1>\n<footer>CRLF</footer>\n\n</html>\r\n",
                 "data.json": '{"x":{"a":1},"y":[{"a":"1","b":"2"}]}\n'}),
    # empty files -------------------------------------------------------------------------
    Case("empty-files", {"empty.md": "", "empty-fm.md": "---\n---\n", "_includes/foot.html": "",
                         "_data/x.yml": "", "_data/y.json": "", "_data/z.csv": "", "_posts/2020-01-02-empty.md": ""}, 0,
         expect={"empty.md": "", "empty-fm.html": "\n", "data.json": '{"x":null,"y":null,"z":[]}\n',
                 "index.html": "<html><h1 id=\"hi\">Hi</h1>\n\n</html>\n"},
         why="a post file without front matter is not a post"),
    Case("empty-layout", {"_layouts/default.html": ""}, 0, expect={"index.html": ""}),
    # binary files ------------------------------------------------------------------------
    Case("binary-front-matter-start", {"blob.bin": b"---\n\x00\x01\x02\xff\xfe\x80---\n\x00\x00",
                                       "img.png": b"---\n\x89PNG\r\n\x1a\n\x00\x00\x00",
                                       "blob.dat": b"---\na: 1\n---\n\x00\x01\xff\xfe"}, 0,
         expect={"blob.bin": b"---\n\x00\x01\x02\xff\xfe\x80---\n\x00\x00",
                 "img.png": b"---\n\x89PNG\r\n\x1a\n\x00\x00\x00", "blob.dat": b"---\na: 1\n---\n\x00\x01\xff\xfe"},
         why="pages whose bytes are not UTF-8: written whole, as Jekyll does"),
    # size and depth ----------------------------------------------------------------------
    Case("huge-files", {}, 0, expect={}, why="50 MB static, binary page and text page; generated in the test"),
    Case("deep-yaml", {"_data/x.yml": "".join("  " * i + f"k{i}:\n" for i in range(500)) + "  " * 500 + "v\n",
                       "data.json": None}, 0, expect={"index.html": INDEX}, why="Psych reads 500 levels"),
    Case("deep-yaml-jsonify", {"_data/x.yml": "".join("  " * i + f"k{i}:\n" for i in range(150)) + "  " * 150 + "v\n"}, 1,
         "data.json:3:4: Liquid error: nesting of 100 is too deep\n  {{ site.data | jsonify }}\n     ^",
         why="Ruby's JSON generator stops at 100 levels"),
    Case("deep-liquid", {"index.md": FM + "{% if true %}" * 120 + "x" + "{% endif %}" * 120 + "\n"}, 1, None,
         why="Liquid's block nesting limit (Jekyll: Nesting too deep)"),
    Case("deep-markdown", {"index.md": FM + ">" * 1000 + " x\n" + "".join("  " * i + "- x\n" for i in range(300))}, 0,
         expect={}, why="kramdown converts 1000 nested quotes; so must we (deep stack)"),
    # conflicts, Sass ---------------------------------------------------------------------
    Case("two-documents-one-url", {"a.md": "---\npermalink: /same/\n---\nA\n", "b.md": "---\npermalink: /same/\n---\nB\n"}, 0,
         warning="The following destination is shared by multiple files.",
         expect={"same/index.html": "<p>B</p>\n"}, why="Jekyll's conflict warning; the last written wins"),
    Case("sass-undefined-variable", {"assets/main.scss": "---\n---\n.a {\n  color: red;\n  .b { color: $undefined; }\n}\n"}, 1,
         "assets/main.scss:5:15: Sass error: Undefined variable: \"$undefined\".\n    .b { color: $undefined; }\n"
         "                ^"),
    Case("sass-syntax-error", {"assets/main.scss": "---\n---\n.a {\n  color: red;\n\n"}, 1,
         "assets/main.scss:4:14: Sass error: Invalid CSS after \"  color: red;\": expected \"}\", was \"\"\n"
         "    color: red;\n               ^"),
    Case("sass-error-in-partial", {"assets/main.scss": "---\n---\n@import \"part\";\n",
                                   "_sass/_part.scss": ".a {\n  color: $nope;\n}\n"}, 1,
         "_sass/_part.scss:2:10: Sass error: Undefined variable: \"$nope\"., imported from assets/main.scss:3:9\n"
         "    color: $nope;\n           ^"),
]


def _write(root: Path, files: dict) -> None:
    for rel, content in files.items():
        path = root / rel
        if content is None:
            if path.exists():
                path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


def _huge_files(root: Path) -> dict[str, bytes]:
    """50 MB each: random bytes (a static file), random bytes after a `---` line (a page
    whose bytes are not UTF-8: copied whole; no `{` so Liquid is not involved) and text."""
    size = 50 * 1024 * 1024
    noise = os.urandom(size)
    files = {"big.bin": noise, "big-fm.dat": b"---\n" + noise.replace(b"{", b"x"),
             "big.txt": b"---\ntitle: big\n---\n" + b"just some text without liquid\n" * (size // 30)}
    _write(root, files)
    return {"big.bin": noise, "big-fm.dat": files["big-fm.dat"], "big.txt": files["big.txt"][19:]}


def _source_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        digest.update(str(path.relative_to(root)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def build(src: Path, dest: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, **FROZEN_ENV, PYTHONPATH=str(ROOT / "src"), JEKYLLPY_SYNC_CLEANUP="1")
    return subprocess.run([sys.executable, "-m", "jekyllpy", "build", "--disable-disk-cache", "-s", str(src),
                           "-d", str(dest), *args], capture_output=True, text=True, env=env)


def _fill(text: str, src: Path) -> str:
    return text.replace("{src}", str(src)).replace("{parent}", str(src.parent))


def _args(case: Case, src: Path) -> list[str]:
    return [_fill(a, src) for a in case.args]


@pytest.fixture(scope="module")
def good_build(tmp_path_factory) -> Path:
    """The good site, built once; every row starts from a copy of its `_site/`."""
    root = tmp_path_factory.mktemp("good")
    _write(root / "src", BASE)
    proc = build(root / "src", root / "_site")
    assert proc.returncode == 0, proc.stderr
    assert (root / "_site" / "index.html").read_text() == INDEX
    return root / "_site"


def _error_text(stderr: str) -> str:
    marker = "Error:".rjust(20) + " "
    return stderr[stderr.rindex(marker) + len(marker):].rstrip("\n")


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(case: Case, tmp_path: Path, good_build: Path):
    src, dest = tmp_path / "site", tmp_path / "out" / "_site"
    _write(src, BASE)
    shutil.copytree(good_build, dest)
    before = tree_files(dest)
    _write(src, case.files)
    huge = _huge_files(src) if case.id == "huge-files" else {}
    digest = _source_digest(src)

    proc = build(src, dest, *_args(case, src))

    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == case.status, proc.stderr
    if case.status == 1:
        if case.error is not None:
            expected = _fill(case.error, src)
            if "{n} more" in expected:  # the depth of a recursive include is Liquid's limit
                head, tail = expected.split("{n}")
                got = _error_text(proc.stderr)
                assert got.startswith(head) and got.endswith(tail) and got[len(head):-len(tail)].isdigit(), got
            else:
                assert _error_text(proc.stderr) == expected
        else:
            assert "Liquid error" in _error_text(proc.stderr)
        assert tree_files(dest) == before, "the previous _site/ must stay as it was"
    else:
        if case.warning:
            assert _fill(case.warning, src) in proc.stderr, proc.stderr
        for rel, content in case.expect.items():
            path = dest / rel
            if content is None:
                assert not path.exists(), rel
            elif isinstance(content, bytes):
                assert path.read_bytes() == content, rel
            else:
                assert path.read_bytes().decode("utf-8") == content, rel  # no newline translation
        for rel, content in huge.items():
            out = dest / (rel if rel != "big.txt" else "big.txt")
            assert out.read_bytes() == content, rel
    assert _source_digest(src) == digest, "no source file may change"
    assert sorted(p.name for p in dest.parent.iterdir()) == ["_site"], "no temporary folder left behind"


def test_trace_shows_the_traceback(tmp_path: Path):
    """`--trace` re-raises: the traceback is there, ending in the same located error."""
    src = tmp_path / "site"
    _write(src, BASE)
    _write(src, {"_includes/foot.html": "<footer>\n{% endif %}\n"})
    plain = build(src, tmp_path / "_site")
    traced = build(src, tmp_path / "_site", "--trace")
    assert plain.returncode == 1 and "Traceback" not in plain.stderr
    assert traced.returncode == 1
    assert "Traceback (most recent call last)" in traced.stderr
    assert "_includes/foot.html:2:4: Liquid syntax error: Unknown tag 'endif'" in traced.stderr


def test_internal_errors_have_no_traceback_without_trace(tmp_path: Path):
    """A bug of ours (any exception that is not a JekyllpyError) is one line and exit 1;
    `--trace` shows it. Simulated with a site plugin that raises."""
    src = tmp_path / "site"
    _write(src, BASE)
    _write(src, {"_plugins/boom.py": "def register(api):\n    raise ZeroDivisionError('boom')\n"})
    proc = build(src, tmp_path / "_site", "--unsafe-plugins")
    if "boom" not in proc.stderr:
        pytest.skip("site plugins are not loaded this way here")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "internal error (ZeroDivisionError: boom)" in proc.stderr


@pytest.mark.skipif(jekyll_missing_reason() is not None, reason=str(jekyll_missing_reason()))
@pytest.mark.parametrize("case", [c for c in CASES if c.id != "huge-files"], ids=[c.id for c in CASES if c.id != "huge-files"])
def test_jekyll_agrees(case: Case, tmp_path: Path):
    """Real Jekyll on the same row: it fails where we fail (often with a backtrace) and
    where it builds, its `_site/` is ours byte for byte."""
    src = tmp_path / "site"
    _write(src, BASE)
    _write(src, case.files)
    args = _args(case, src)
    if "-d" in args:  # our destination refusals: Jekyll would clean the source away
        pytest.skip("Jekyll would delete the source; we refuse")
    ref, out = tmp_path / "ref", tmp_path / "out"
    env = dict(os.environ, JEKYLL_NO_BUNDLER_REQUIRE="true")
    jekyll = subprocess.run([str(JEKYLL_BUILD), str(src), str(ref), *args], capture_output=True, text=True, env=env)
    ours = build(src, out, *args)
    assert (jekyll.returncode == 0) == (ours.returncode == 0), jekyll.stderr[-2000:]
    if ours.returncode == 0:
        assert diff_trees(ref, out) == []
