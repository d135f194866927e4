"""Jekyll's Liquid dialect: parsing quirks, tags and error messages.

The fixture site `tests/fixtures/liquid_tags/` has one page per tag or quirk; real Jekyll 4.3
(Liquid 5.4, error_mode warn) is the oracle for its output. The unit tests below pin the
same behaviours without Ruby (expected values were taken from Jekyll 4.3 / Liquid 5.4), and
check that errors name the file that really has the problem, with line and column.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.jekyll import diff_trees, jekyll_build, jekyllpy_build, requires_jekyll

FIXTURE = Path(__file__).parent / "fixtures" / "liquid_tags"


@requires_jekyll
def test_fixture_site_matches_jekyll(tmp_path):
    ref = jekyll_build(FIXTURE)
    proc = jekyllpy_build(FIXTURE, tmp_path / "out")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    problems = diff_trees(ref, tmp_path / "out")
    assert problems == [], "\n".join(problems)


# --- in-process rendering --------------------------------------------------------------


@pytest.fixture()
def site(tmp_path):
    from jekyllpy.site import Site

    src = tmp_path / "src"
    (src / "_includes" / "sub").mkdir(parents=True)
    (src / "_config.yml").write_text("title: t\n")
    (src / "_includes" / "ok.html").write_text("ok {{ include.x }}\n")
    (src / "_includes" / "sub" / "bad.html").write_text("line 1\n\n  {% for %}{% endfor %}\n")
    (src / "_includes" / "boom.html").write_text("a\n{% if 'a' < 1 %}x{% endif %}\n")
    s = Site.from_path(src)
    s.warnings = []
    s.logger.warn = lambda *parts: s.warnings.append(" ".join(str(p) for p in parts))
    return s


def render(site, source, assigns=None, path="page.html", line_offset=1):
    return site.liquid.render_source(source, str(site.source / path), assigns or {}, line_offset)


ASSIGNS = {"a": [3, 1, 2], "h": {"x": 1, "y": 2}, "s": "hello", "e": "", "n": None, "arr": [], "i": 5}


@pytest.mark.parametrize("template, expected", [
    # filters in `for` are ignored by Ruby's lax parser: the loop runs over the raw list
    ("{% for name in a | sort %}{{ name }}{% endfor %}", "312"),
    # parenthesised filtered assign: `(a` is the variable, filters apply, `0)` is nil
    ("{% assign t = (a | sort: 0) %}{{ t | join: ',' }}", "1,2,3"),
    # a quoted "filter" is a filter named by its first word; unknown filters do nothing
    ('{{ s | "upcase me" }}|{{ s | "bogus words" }}', "HELLO|hello"),
    # parentheses in conditions: lax parser keeps the variable names
    ("{% if (n or i) or e %}Y{% endif %}|{% if (n or n) or n %}Y{% else %}N{% endif %}", "Y|N"),
    # Ruby truthiness: only nil and false are falsy
    ("{% if e %}1{% endif %}{% if arr %}2{% endif %}{% if 0 %}3{% endif %}{% if n %}4{% endif %}", "123"),
    # `blank?` does not exist without ActiveSupport: `== blank` is never true in Jekyll
    ("{% if e == blank %}b{% endif %}{% if n == blank %}c{% endif %}{% if e == empty %}d{% endif %}"
     "{% if arr == empty %}f{% endif %}{% if n == empty %}g{% endif %}", "df"),
    ("{% if s contains 'ell' %}1{% endif %}{% if a contains 1 %}2{% endif %}{% if h contains 'x' %}3{% endif %}"
     "{% if a contains '1' %}4{% endif %}{% if n contains 1 %}5{% endif %}", "123"),
    ("{% if n < 1 %}a{% endif %}{% if a < 1 %}b{% endif %}{% if 1 < 2.5 %}c{% endif %}", "c"),
    ("{% if i > 3 and i < 10 or n %}A{% endif %}{% if n or i and n %}B{% else %}C{% endif %}", "AC"),
    # hash lookups, commands and iteration
    ("{{ h.first }}|{{ h.last }}|{{ h.size }}|{{ s.size }}|{{ s.first }}|{{ a.first }}{{ a.last }}|{{ a[-1] }}",
     "x1||2|5||32|2"),
    ("{% for x in h %}{{ x[0] }}={{ x[1] }};{% endfor %}|{{ h }}", 'x=1;y=2;|{"x"=>1, "y"=>2}'),
    ("{{ i.size }}|{{ (1..3) }}|{% for x in (i..7) %}{{ x }}{% endfor %}", "8|1..3|567"),
    # forloop, limit/offset/continue, else, break/continue
    ("{% for x in a %}{{ forloop.index }}{{ forloop.rindex0 }}{% if forloop.last %}L{% endif %}{% endfor %}",
     "122130L"),
    ("{% for x in a limit:1 %}{{x}}{% endfor %}{% for x in a offset:continue %}{{x}}{% endfor %}", "312"),
    ("{% for x in arr %}{{x}}{% else %}empty{% endfor %}|{% for c in s %}[{{c}}]{% endfor %}", "empty|[hello]"),
    ("{% for x in a %}{% if x == 1 %}{% break %}{% endif %}{{x}}{% endfor %}", "3"),
    # counters share Ruby's outermost environment with plain variable lookups
    ("{% increment c %}{% increment c %}{{ c }}{% decrement d %}{% decrement d %}{{ d }}", "012-1-2-2"),
    ("{% cycle 'a','b' %}{% cycle 'a','b' %}{% cycle 'a','b' %}|{% cycle g: 1,2 %}{% cycle g: 1,2 %}", "aba|12"),
    ("{% case i %}{% when 1, 5 %}A{% when 5 or 6 %}B{% else %}E{% endcase %}", "AB"),
    ("{% unless i == 5 %}no{% elsif i == 5 %}yes{% endunless %}", "yes"),
    ("{% tablerow x in a %}{{ x }}{% endtablerow %}",
     '<tr class="row1">\n<td class="col1">3</td><td class="col2">1</td><td class="col3">2</td></tr>\n'),
    ("{% tablerow x in arr %}{{ x }}{% endtablerow %}", '<tr class="row1">\n</tr>\n'),
    ("{% raw %}{{ x }}{% endraw %}|{% comment %}{{ x }}{% endcomment %}|a {%- if true -%} b {%- endif -%} c",
     "{{ x }}||abc"),
])
def test_ruby_liquid_semantics(site, template, expected):
    assert render(site, template, dict(ASSIGNS)) == expected


def test_lax_fallback_logs_a_warning_with_location(site):
    out = render(site, "---\n---\nx\n{% for name in a | sort %}{{ name }}{% endfor %}", dict(ASSIGNS), line_offset=1)
    assert out.endswith("312")
    assert any("page.html:4:" in w and "Expected end_of_string but found pipe" in w for w in site.warnings)


def test_include_params_use_liquid_expressions(site):
    assert render(site, "{% include ok.html x=3 %}|{% include ok.html x=a.size %}", dict(ASSIGNS)) == "ok 3\n|ok 3\n"


# --- errors ------------------------------------------------------------------------------

from jekyllpy.errors import LiquidError as JekyllLiquidError  # noqa: E402


def error_of(site, source, **kw):
    with pytest.raises(JekyllLiquidError) as info:
        render(site, source, dict(ASSIGNS), **kw)
    return info.value


def test_syntax_error_line_is_offset_by_front_matter(site):
    err = error_of(site, "a\n\n{% if x %}\n{% endfor %}\n", line_offset=5)
    assert err.path == "page.html"
    assert (err.line, err.column) == (8, 4)
    assert "'endfor' is not a valid delimiter for if tags. use endif" in err.message
    assert str(err).startswith("page.html:8:4: Liquid syntax error:")
    assert "{% endfor %}" in str(err) and "^" in str(err)


def test_syntax_error_in_include_names_the_include(site):
    err = error_of(site, "x\n{% include sub/bad.html %}")
    assert err.path == "_includes/sub/bad.html"
    assert (err.line, err.column) == (3, 6)
    assert "Syntax Error in 'for loop' - Valid syntax: for [item] in [collection]" in err.message


def test_render_error_in_include_names_the_include(site):
    err = error_of(site, "{% include boom.html %}")
    assert err.path == "_includes/boom.html"
    assert err.line == 2
    assert err.message == "Liquid error: comparison of String with 1 failed"


@pytest.mark.parametrize("source, message, line", [
    ("a\n{% if x %}abc", "'if' tag was never closed", 2),
    ("{% endif %}", "Unknown tag 'endif'", 1),
    ("{% nosuchtag %}", "Unknown tag 'nosuchtag'", 1),
    ("{% else %}", "Unexpected outer 'else' tag", 1),
    ("{{ x", "Variable '{{' was not properly terminated with regexp: /\\}\\}/", 1),
    ("{% assign = 1 %}", "Syntax Error in 'assign' - Valid syntax: assign [var] = [source]", 1),
    ("{% if %}{% endif %}", "Syntax Error in tag 'if' - Valid syntax: if [expression]", 1),
    ("{%- raw %}x{%- endraw %}", "'raw' tag was never closed", 1),
    ("{% if 1 = 1 %}{% endif %}", "Unknown operator =", 1),
    ("{% render 'x' %}", "This liquid context does not allow includes.", 1),
])
def test_error_messages_match_liquid(site, source, message, line):
    err = error_of(site, source)
    assert message in err.message
    assert err.line == line
