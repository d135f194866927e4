"""Fuzzing (issue 10): random front matter, Markdown and Liquid never crash the build.

A build of arbitrary input must end in one of two ways: a written site, or a
`JekyllpyError` that names the file it is about (the CLI prints it as `path:line:col:
message`). Any other exception is a bug of ours — a traceback in front of a user who only
mistyped something. Hypothesis builds the inputs from the characters and tokens that matter
to each parser, in-process through the library API (`jekyllpy.build(src, dest, jobs=1)`),
derandomized so a run is reproducible and CI sees the same examples every time.

A hang counts as a crash: every example runs under a 60 s alarm (generous: CI machines are shared).
"""
from __future__ import annotations

import shutil
import signal
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import jekyllpy
from jekyllpy.errors import JekyllpyError

FUZZ = settings(max_examples=150, derandomize=True, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

BASE = {
    "_config.yml": "title: Fuzz\n",
    "_layouts/default.html": "<html>{{ content }}</html>\n",
    "_includes/foot.html": "<footer>{{ include.x | default: site.title }}</footer>\n",
    "_data/d.yml": "list: [1, 2, 3]\nname: x\n",
    "_posts/2020-01-01-a.md": "---\ntitle: A\ntags: [t]\n---\nA post.\n",
    "index.md": "---\nlayout: default\n---\nhome\n",
}

# front matter: YAML's indicators, quotes, whitespace (tabs too), and plausible keys/values
YAML_TOKENS = st.sampled_from([
    "title", "layout", "date", "permalink", "tags", "categories", "published", "excerpt_separator",
    "default", "nope", "2020-01-01", "2020-13-45 25:61:00", "12:30", "0x1F", "1e3", ".inf", "~", "null",
    "yes", "no", "true", ":", ": ", "- ", "-", "[", "]", "{", "}", ",", "'", '"', "#", "&a", "*a", "!", "!!str",
    "|", ">", "<<", "?", "%", "@", "`", "\\", "\t", " ", "  ", "\n", "\n  ", "\n- ", "é", "\u2028", "\x00",
    "/../", "/:title/", "https://x", "---", "...",
])
MD_TOKENS = st.sampled_from([
    "#", "# ", "##", "*", "**", "_", "__", "`", "```", "~~~", "[", "]", "(", ")", "![", "<", ">", "> ",
    "- ", "+ ", "1. ", "|", "---", "===", "\n", "\n\n", "    ", "\t", " ", "word", "x", "{:", "}", "{: .c}",
    "{::nomarkdown}", "{:/}", "$$", "<div>", "</div>", "<div markdown=\"1\">", "&amp;", "&#", "\\", "*[X]:", "[^1]",
    "[^1]: n", "[a]: /u", "<http://x>", "é", "😀", "\r\n", "^", ":", "~~", "==", "<!--", "-->",
])
LIQUID_TOKENS = st.sampled_from([
    "{{", "}}", "{%", "%}", "{%-", "-%}", "{{-", "-}}", " ", "if", "elsif", "else", "endif", "unless", "endunless",
    "for", "in", "endfor", "break", "continue", "case", "when", "endcase", "assign", "capture", "endcapture",
    "raw", "endraw", "comment", "endcomment", "include", "foot.html", "include_relative", "highlight", "endhighlight",
    "ruby", "link", "post_url", "cycle", "increment", "decrement", "tablerow", "endtablerow", "liquid", "echo",
    "page.title", "site.posts", "site.data.d.list", "site", "page", "x", "x.y", "x[0]", "(1..3)", "(1..x)", "..",
    "|", "upcase", "size", "first", "join", "split", "date", "where", "where_exp", "sort", "map", "jsonify",
    "markdownify", "slugify", "append", "divided_by", "modulo", "plus", "times", "default", "truncate", "slice",
    ":", ",", "=", "==", "!=", "<", ">", "and", "or", "contains", "'a'", '"b"', "'", '"', "0", "1", "-1", "2.5",
    "nil", "true", "empty", "blank", "\n", "x=1", "limit:", "offset:", "reversed", "%Y", "[", "]",
])


def text(tokens, max_size: int = 40):
    return st.lists(tokens, max_size=max_size).map("".join)


@contextmanager
def alarm(seconds: int):
    def timeout(signum, frame):
        raise TimeoutError(f"build still running after {seconds} s")

    old = signal.signal(signal.SIGALRM, timeout)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def build_or_located_error(files: dict[str, str]) -> None:
    """Build BASE + files; pass if it builds or raises a JekyllpyError naming a file."""
    root = Path(tempfile.mkdtemp(prefix="jekyllpy-fuzz-"))
    try:
        for rel, content in {**BASE, **files}.items():
            path = root / "src" / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8", errors="surrogateescape")
        try:
            with alarm(60):
                jekyllpy.build(root / "src", root / "_site", jobs=1, disable_disk_cache=True, quiet=True)
        except JekyllpyError as exc:
            assert exc.path, f"an error without a location: {exc!r}"
            assert str(exc).startswith(exc.location)
        else:
            assert (root / "_site").is_dir()
    finally:
        shutil.rmtree(root, ignore_errors=True)


@FUZZ
@given(fm=text(YAML_TOKENS), body=text(MD_TOKENS, 20))
def test_random_front_matter(fm: str, body: str):
    build_or_located_error({"p.md": f"---\n{fm}\n---\n{body}\n", "_posts/2021-02-03-b.md": f"---\n{fm}\n---\nb\n"})


# front matter whose YAML is valid but whose values have any type: `permalink: 5`,
# `tags: {a: 1}`, `date: [1]` … type confusion is where a Ruby port crashes
KEYS = st.sampled_from(["layout", "permalink", "date", "title", "tags", "tag", "categories", "category", "published",
                        "excerpt_separator", "excerpt", "slug", "redirect_from", "redirect_to", "sitemap", "lang",
                        "author", "description", "image", "render_with_liquid", "paginate", "collection", "url",
                        "content", "output", "path", "id", "next", "previous", "seo", "last_modified_at"])
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False, width=32),
                    st.text(alphabet=st.sampled_from("ab/:.-_ {}%é0\n#"), max_size=12),
                    st.sampled_from(["default", "nope", "/x/", ":title", "2020-01-01", "2020-01-01 10:00:00 +0100",
                                     "pretty", "none", "<!--more-->", ""]))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                       st.dictionaries(st.text("abc", max_size=3), inner, max_size=3)),
                      max_leaves=6)


@FUZZ
@given(data=st.dictionaries(KEYS, VALUES, max_size=5), where=st.sampled_from(["p.md", "_posts/2021-02-03-b.md"]))
def test_random_front_matter_values(data: dict, where: str):
    import json

    fm = "".join(f"{key}: {json.dumps(value)}\n" for key, value in data.items())
    build_or_located_error({where: f"---\n{fm}---\n{{{{ page.title }}}} {{{{ page.tags | join: ',' }}}}\n\nbody\n",
                            "q.html": "---\n---\n{% for p in site.posts %}{{ p.url }}{{ p.date }}{% endfor %}"
                                      "{% for t in site.tags %}{{ t[0] }}{% endfor %}{{ site.pages | map: 'url' }}\n"})


@FUZZ
@given(md=text(MD_TOKENS, 60))
def test_random_markdown(md: str):
    build_or_located_error({"p.md": f"---\nlayout: default\n---\n{md}\n"})


@FUZZ
@given(page=text(LIQUID_TOKENS, 30), layout=text(LIQUID_TOKENS, 12), include=text(LIQUID_TOKENS, 12))
def test_random_liquid(page: str, layout: str, include: str):
    build_or_located_error({
        "p.md": f"---\nlayout: fuzz\ntitle: T\n---\n{page}\n",
        "_layouts/fuzz.html": f"---\nlayout: default\n---\n{layout}{{{{ content }}}}\n",
        "_includes/fuzz.html": include,
        "q.html": "---\n---\n{% include fuzz.html %}\n",
    })


# well-formed Liquid with arguments of any type: `{{ site.posts | where: 1 }}`, `{{ 5 | date: nil }}` —
# filters given what they do not expect must behave as Ruby's do (a value, or a located error)
FILTERS = ["abs", "append", "at_least", "at_most", "capitalize", "ceil", "compact", "concat", "date", "default",
           "divided_by", "downcase", "escape", "escape_once", "first", "floor", "join", "last", "lstrip", "map",
           "minus", "modulo", "newline_to_br", "plus", "prepend", "remove", "remove_first", "replace", "replace_first",
           "reverse", "round", "rstrip", "size", "slice", "sort", "sort_natural", "split", "strip", "strip_html",
           "strip_newlines", "sum", "times", "truncate", "truncatewords", "uniq", "upcase", "url_decode", "url_encode",
           "where", "relative_url", "absolute_url", "date_to_xmlschema", "date_to_rfc822", "date_to_string",
           "date_to_long_string", "xml_escape", "cgi_escape", "uri_escape", "number_of_words", "array_to_sentence_string",
           "markdownify", "smartify", "scssify", "slugify", "jsonify", "normalize_whitespace", "sample", "to_integer",
           "where_exp", "find", "find_exp", "group_by", "group_by_exp", "sort", "push", "pop", "shift", "unshift",
           "inspect", "pluck"]
LITERALS = st.sampled_from(["nil", "true", "false", "0", "-1", "3", "2.5", "'a'", "'2020-01-01'", "'%Y'", "''", "'x.y'",
                            "site.posts", "site.data.d", "site.data.d.list", "page", "page.title", "page.date", "site.time",
                            "(1..3)", "empty", "blank", "site.pages", "site.tags", "site.posts.first", "nope"])  # not `site`: its inspect is
# kilobytes of `=>`, `[`, `_` that kramdown's span parser needs seconds for (Ruby's too)
OUTPUT = st.builds(lambda v, fs: "{{ " + v + "".join(fs) + " }}", LITERALS,
                   st.lists(st.builds(lambda f, args: f" | {f}" + (": " + ", ".join(args) if args else ""),
                                      st.sampled_from(FILTERS), st.lists(LITERALS, max_size=3)), max_size=3))
CONDITION = st.builds(lambda a, op, b: f"{a} {op} {b}", LITERALS,
                      st.sampled_from(["==", "!=", "<", ">", "<=", ">=", "contains", "and", "or"]), LITERALS)


def _blocks(inner):
    return st.one_of(
        st.builds(lambda c, body: f"{{% if {c} %}}{body}{{% endif %}}", CONDITION, inner),
        st.builds(lambda v, body, extra: f"{{% for x in {v}{extra} %}}{{{{ x }}}}{body}{{% endfor %}}", LITERALS, inner,
                  st.sampled_from(["", " limit: 2", " offset: 1", " reversed", " limit: nil", " offset: 'a'"])),
        st.builds(lambda v, body: f"{{% case {v} %}}{{% when 1, 'a' %}}{body}{{% else %}}e{{% endcase %}}", LITERALS, inner),
        st.builds(lambda body: f"{{% capture c %}}{body}{{% endcapture %}}{{{{ c }}}}", inner),
        st.builds(lambda v: f"{{% assign a = {v} %}}{{{{ a }}}}", LITERALS),
        st.builds(lambda v: f"{{% include foot.html x={v} %}}", LITERALS),
        st.builds(lambda v: f"{{% cycle {v}, 'b' %}}{{% increment n %}}", LITERALS),
    )


TEMPLATE = st.recursive(st.one_of(OUTPUT, st.just("text ")), lambda inner: st.lists(
    st.one_of(inner, _blocks(inner.map(lambda x: x if isinstance(x, str) else "".join(x)))), max_size=3).map("".join),
    max_leaves=8)


@FUZZ
@given(page=TEMPLATE)
def test_random_wellformed_liquid(page: str):
    build_or_located_error({"p.md": f"---\nlayout: default\ntitle: T\n---\n{page}\n"})


@pytest.mark.parametrize("files", [
    # regressions found by the fuzzer, each with the input that crashed
    pytest.param({"p.md": "---\n---\n{:/}\n"}, id="kramdown-stray-extension-stop-tag"),  # TypeError in re.escape(None)
    pytest.param({"p.md": "---\n---\na\n\n{:/}\n\n> {:/}\n"}, id="kramdown-stray-extension-stop-tag-nested"),
    pytest.param({"_posts/2021-02-03-b.md": "---\ncategories: {}\n---\nb\n"}, id="post-categories-mapping"),  # unhashable
    pytest.param({"_posts/2021-02-03-b.md": "---\ncategories: [{a: 1}, [b], {a: 1}]\n---\nb\n"},
                 id="post-categories-list-of-mappings"),
])
def test_fuzz_regressions(files: dict[str, str]):
    build_or_located_error(files)


def test_stray_extension_stop_tag_is_text_as_in_kramdown(tmp_path: Path):
    """kramdown warns ("No stop tag for extension ''") and keeps `{:/}` as text."""
    src = tmp_path / "src"
    (src).mkdir()
    (src / "p.md").write_text("---\n---\n{:/}\n\n- {:/}\n")
    jekyllpy.build(src, tmp_path / "_site", jobs=1, disable_disk_cache=True, quiet=True)
    assert (tmp_path / "_site/p.html").read_text() == "<p>{:/}</p>\n\n<ul>\n  <li>{:/}</li>\n</ul>\n"
