"""yaml11 must read YAML exactly as Jekyll 4.3 does (`Psych.safe_load`, Date and Time allowed).

`SCALARS` is the single table of truth: each row is YAML source and the Python value we
promise. `test_scalar_table` checks our loader against it; `test_table_matches_real_jekyll`
builds tests/fixtures/yaml/ (generated from the same table, see `render_fixture`) with real
Jekyll and checks that Ruby's `inspect` of every value is what the table says, so each
expectation is proven against the oracle whenever Jekyll is available.
"""
from __future__ import annotations

import math
import os
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from jekyllpy import yaml11
from jekyllpy.errors import YAMLError
from tests.jekyll import jekyll_build, requires_jekyll

FIXTURE = Path(__file__).parent / "fixtures" / "yaml" / "scalars"
UTC = "utc"
NAN = object()


def T(y, mo, d, h=0, mi=0, s=0, us=0, off: str | int = 0):
    """A Ruby Time: off=UTC for `utc?` times, else the offset in minutes."""
    if off == UTC:
        tz = timezone.utc
    else:
        sign = "-" if off < 0 else "+"
        tz = timezone(timedelta(minutes=off), f"{sign}{abs(off) // 60:02d}{abs(off) % 60:02d}")
    return datetime(y, mo, d, h, mi, s, us, tzinfo=tz)


# Anchors the table rows may alias (placed first in the fixture's front matter).
PRELUDE = "base: &b {x: 1, y: 2}\nlist: &l [1]\n"

SCALARS: list[tuple[str, object]] = [
    # booleans and null: Psych's tokenize, any letter case; y/n are strings
    ("yes", True), ("Yes", True), ("yEs", True), ("no", False), ("ON", True),
    ("Off", False), ("y", "y"), ("n", "n"), ("true", True), ("FALSE", False),
    ("~", None), ("null", None), ("NULL", None), ("", None),
    ("'yes'", "yes"), ('"123"', "123"), ("hello world", "hello world"),
    # integers
    ("010", 8), ("09", "09"), ("0x1f", 31), ("0X1f", "0X1f"), ("0b101", 5), ("-0b11", -3),
    ("1_000", 1000), ("1,000", 1000), ("+12", 12), ("0o17", "0o17"), ("1__0", "1__0"),
    ("-0", 0),
    # sexagesimal: two parts are read as hours:minutes
    ("1:20", 4800), ("1:20:30", 4830), ("-1:20", -2400), ("1:20.5", 4830.0), ("1:60", "1:60"),
    # floats need a dot, and a signed exponent
    ("1e3", "1e3"), ("1.0e3", "1.0e3"), ("1.0e+3", 1000.0), ("1.2e-3", 0.0012), (".5", 0.5),
    ("-.5", -0.5), ("1.", 1.0), ("1_000.5", 1000.5), (".inf", math.inf), ("-.Inf", -math.inf),
    ("+.inf", math.inf), ("+inf", "+inf"), (".NaN", NAN), (".", "."), ("1.5.5", "1.5.5"),
    # dates: only real calendar dates
    ("2015-08-14", date(2015, 8, 14)), ("2015-1-5", date(2015, 1, 5)),
    ("2015-13-45", "2015-13-45"), ("2015-02-30", "2015-02-30"), ("2015-00-05", "2015-00-05"),
    # times (the suite and the oracle run with TZ=UTC)
    ("2015-08-14 10:30:00 -0700", T(2015, 8, 14, 10, 30, off=-420)),
    ("2015-08-14T10:30:00Z", T(2015, 8, 14, 10, 30, off=UTC)),
    ("2015-08-14 10:30:00", T(2015, 8, 14, 10, 30)),
    ("2015-08-14 10:30:00 +00:00", T(2015, 8, 14, 10, 30)),
    ("2015-02-30 10:30:00 Z", T(2015, 3, 2, 10, 30, off=UTC)),
    ("2015-01-01 24:00:00 +01:00", T(2015, 1, 2, off=60)),
    ("2015-01-01 23:59:60 Z", T(2015, 1, 2, off=UTC)),
    ("2015-01-01 23:60:00 Z", "2015-01-01 23:60:00 Z"),
    ("2015-08-14 10:30:00.5 +05:30", T(2015, 8, 14, 10, 30, 0, 500000, off=330)),
    ("2015-01-01 10:00:00 -0:30", T(2015, 1, 1, 10, off=30)),
    ("2015-08-14 10:30:00 -07", T(2015, 8, 14, 10, 30, off=-420)),
    ("2015-08-14t10:30:00z", "2015-08-14t10:30:00z"),
    # tags: an explicit tag re-tokenizes even quoted text
    ("!!str 123", "123"), ('!!int "123"', 123), ('! "123"', 123), ("!!float 1", 1.0),
    ("!!float 1e3", 1000.0), ("!!binary aGVsbG8=", "hello"), ("!foo 12", 12),
    ("!!bool yes", True), ("!!timestamp 2015-01-01", date(2015, 1, 1)),
    ("!!omap [a: 1, b: 2]", {"a": 1, "b": 2}),
    # collections, duplicate keys, merge keys (Hash#merge!)
    ("[1, '2', 3.5, ~]", [1, "2", 3.5, None]), ("{a: 1, a: 2}", {"a": 2}),
    ("*b", {"x": 1, "y": 2}), ("{<<: *b, y: 3}", {"x": 1, "y": 3}),
    ("{y: 3, <<: *b}", {"y": 2, "x": 1}), ("{<<: [*b, {x: 5, z: 6}]}", {"x": 1, "z": 6, "y": 2}),
    ("{<<: *l}", {"<<": [1]}), ('{"<<": *b}', {"x": 1, "y": 2}), ("{!!str <<: 1}", {"<<": 1}),
    ("{<<: 5, k: 1}", {"<<": 5, "k": 1}),
]

# Rows Psych refuses: in front matter Jekyll warns and the page gets no data.
ERRORS: list[tuple[str, str]] = [
    (":sym", "Tried to load unspecified class: Symbol"),
    (":-)", "Tried to load unspecified class: Symbol"),
    ("!!set {a, b}", "Tried to load unspecified class: Psych::Set"),
    ("!!float abc", 'invalid value for Float(): "abc"'),
    ("0b_", 'invalid value for Integer(): "0b"'),
    ("!ruby/object:Foo {}", "Tried to load unspecified class: Foo"),
    ("foo: bar", "mapping values are not allowed"),
]


@pytest.fixture(autouse=True)
def utc_zone():
    """Timestamps without a zone are shown in local time; pin it like the oracle (TZ=UTC)."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if old is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = old
    time.tzset()


def canon(value):
    """Comparable form that keeps what Python equality forgets: bool vs int, utc? vs +0000."""
    if value is NAN or (isinstance(value, float) and math.isnan(value)):
        return ("nan",)
    if isinstance(value, datetime):
        return ("time", value.isoformat(), value.tzinfo is timezone.utc, value.tzname())
    if isinstance(value, dict):
        return ("hash", [(canon(k), canon(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("array", [canon(v) for v in value])
    return (type(value).__name__, value)


def ruby_inspect(value) -> str:
    """Ruby 3.1's `inspect` of the value the table promises (what Jekyll's filter prints)."""
    if value is NAN:
        return "NaN"
    if value is None:
        return "nil"
    if value is True or value is False:
        return str(value).lower()
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return repr(value)
    if isinstance(value, datetime):
        text = value.strftime("%Y-%m-%d %H:%M:%S")
        if value.microsecond:
            text += ("." + f"{value.microsecond:06d}").rstrip("0")
        return text + (" UTC" if value.tzinfo is timezone.utc else " " + value.tzname())
    if isinstance(value, date):
        return f"#<Date: {value.isoformat()} (({value.toordinal() + 1721425}j,0s,0n),+0s,2299161j)>"
    if isinstance(value, list):
        return "[" + ", ".join(ruby_inspect(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{ruby_inspect(k)}=>{ruby_inspect(v)}" for k, v in value.items()) + "}"
    raise TypeError(value)


def html_escape(text: str) -> str:
    """Jekyll's `inspect` filter escapes its output like CGI.escapeHTML."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#39;"))


def render_fixture() -> dict[str, str]:
    """The fixture site's pages, generated from the tables (a test keeps the files in sync)."""
    front = PRELUDE + "".join(f"v{i:02d}: {src}\n" for i, (src, _) in enumerate(SCALARS))
    body = "".join(f"v{i:02d} {{{{ page.v{i:02d} | inspect }}}}\n" for i in range(len(SCALARS)))
    pages = {"index.html": f"---\n{front}---\n{body}"}
    for i, (src, _) in enumerate(ERRORS):
        pages[f"error{i:02d}.html"] = f"---\ntitle: kept\nv: {src}\n---\n[{{{{ page.title | inspect }}}}]\n"
    return pages


@pytest.mark.parametrize("index", range(len(SCALARS)), ids=[s or "(empty)" for s, _ in SCALARS])
def test_scalar_table(index):
    src, expected = SCALARS[index]
    loaded = yaml11.load(PRELUDE + f"v: {src}\n")
    assert canon(loaded["v"]) == canon(expected)


def test_table_is_big_enough():
    assert len(SCALARS) >= 40


@pytest.mark.parametrize("src,message", ERRORS)
def test_psych_refusals_are_located_errors(src, message):
    with pytest.raises(YAMLError) as info:
        yaml11.load(f"title: x\nv: {src}\n", "_data/x.yml")
    err = info.value
    assert message in err.message
    assert (err.path, err.line) == ("_data/x.yml", 2)
    assert err.column is not None and err.column >= 1


def test_fixture_is_generated_from_the_table():
    for name, text in render_fixture().items():
        assert (FIXTURE / name).read_text() == text, f"regenerate tests/fixtures/yaml/scalars/{name}"


@requires_jekyll
def test_table_matches_real_jekyll():
    out = jekyll_build(FIXTURE)
    lines = (out / "index.html").read_text().splitlines()
    assert len(lines) == len(SCALARS)
    mismatches = []
    for i, ((src, expected), line) in enumerate(zip(SCALARS, lines)):
        want = f"v{i:02d} {html_escape(ruby_inspect(expected))}"
        if line != want:
            mismatches.append(f"{src!r}: jekyll {line!r}, table {want!r}")
    assert not mismatches, "\n".join(mismatches)
    # Every refused value costs the page all its front matter, as our error makes callers do.
    for i in range(len(ERRORS)):
        assert (out / f"error{i:02d}.html").read_text() == "[nil]\n", ERRORS[i]


# ---------------------------------------------------------------------------------------------
# Documents, structure and errors
# ---------------------------------------------------------------------------------------------
def test_empty_streams_are_none():
    for text in ("", "\n", "# only a comment\n", "---\n", "--- \n...\n"):
        assert yaml11.load(text) is None


def test_only_the_first_document_is_read():
    # Psych.parse stops after the first document: the broken second one is never seen.
    assert yaml11.load("- a\n- b\n--- junk: [\n") == ["a", "b"]


def test_aliases_share_objects_and_may_recurse():
    data = yaml11.load("a: &x [1, 2]\nb: *x\nc: &r [*r]\n")
    assert data["a"] is data["b"]
    assert data["c"][0] is data["c"]


def test_redefined_anchor_uses_latest():
    assert yaml11.load("a: &x 1\nb: *x\nc: &x 2\nd: *x\n") == {"a": 1, "b": 1, "c": 2, "d": 2}


def test_duplicate_keys_last_wins_at_first_position():
    assert list(yaml11.load("a: 1\nb: 2\na: 3\n").items()) == [("a", 3), ("b", 2)]


def test_non_string_keys_and_complex_keys():
    data = yaml11.load("1: one\n2015-01-01: d\n? [a, b]\n: pair\n")
    assert data == {1: "one", date(2015, 1, 1): "d", ("a", "b"): "pair"}


def test_block_scalars_are_strings():
    assert yaml11.load("a: |\n  yes\n  1:20\nb: >\n  no\n") == {"a": "yes\n1:20\n", "b": "no\n"}


def test_syntax_error_position_is_one_based():
    with pytest.raises(YAMLError) as info:
        yaml11.load("title: ok\nv: foo: bar\n", "x.md")
    assert (info.value.line, info.value.column) == (2, 7)  # as Psych: "line 2 column 7"
    assert "x.md:2:7" in str(info.value)


def test_tab_indentation_is_a_located_error():
    with pytest.raises(YAMLError) as info:
        yaml11.load("a:\n\tb: 1\n", "t.yml")
    assert info.value.line == 2
    assert info.value.column is not None


def test_unclosed_flow_and_bad_alias_are_located():
    with pytest.raises(YAMLError) as info:
        yaml11.load("a: [1, 2\nb: 3\n")
    assert info.value.line is not None
    with pytest.raises(YAMLError) as info:
        yaml11.load("a: *nope\n")
    assert info.value.line == 1


def test_control_characters_are_located_errors():
    with pytest.raises(YAMLError) as info:
        yaml11.load("a: 1\nb: x\x07y\n")
    assert (info.value.line, info.value.column) == (2, 5)


def test_tokenize_is_public_and_pure():
    assert yaml11.tokenize("0x10") == 16
    assert yaml11.tokenize("Hello") == "Hello"
