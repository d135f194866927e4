"""Every filter a Jekyll 4.3 template can call, with Ruby's semantics.

`register_filters(env)` installs Liquid 5.4's standard filters (re-implemented where
python-liquid's differ from Ruby's: `to_s` of non-strings, BigDecimal arithmetic, `Integer()`
argument parsing, Ruby's `strftime`, flattening in array filters) and Jekyll's own filters
(`lib/jekyll/filters*.rb`), and removes python-liquid extras Liquid 5.4 does not have
(`sum`, `reject`, `has`, `find_index`, `squish`, `escapejs`, `safe`): in Jekyll those are
unknown filters, which leave their input unchanged.

Filters that need the site (URLs, dates, markdownify) read `env.site` when they run, so the
environment may get its site after registration. The Ruby behaviour they are built on lives
in `rubyish.py`; expected outputs are proven against real Jekyll by
`tests/test_liquid_filters.py` and `tests/fixtures/liquid_filters/`.
"""
from __future__ import annotations

import base64
import binascii
import functools
import math
import random
import re
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from urllib.parse import quote_plus, unquote_to_bytes

from liquid.exceptions import FilterArgumentError
from liquid.filter import with_context
from liquid.undefined import Undefined

from jekyllpy.liquid import rubyish
from jekyllpy.liquid.rubyish import inspect as ruby_inspect
from jekyllpy.liquid.rubyish import to_s

# Liquid 5.4 has none of these python-liquid extras; unknown filters are no-ops in Jekyll.
_NOT_IN_LIQUID_5_4 = ("sum", "reject", "has", "find_index", "squish", "escapejs", "safe")


class RubyArgumentError(FilterArgumentError):
    """Liquid::ArgumentError (and Jekyll's filter errors): rendering stops with this text."""

    def __init__(self, message: str) -> None:
        super().__init__(message, token=None)


def _nil(value: Any) -> bool:
    return value is None or isinstance(value, Undefined)


def _to_integer(value: Any) -> int:
    """Liquid's `Utils.to_integer`: `Integer(value.to_s)`, "invalid integer" otherwise."""
    if value.__class__ is int:
        return value
    n = rubyish.ruby_integer(value)
    if n is None:
        raise RubyArgumentError("invalid integer")
    return n


def _hash_key(value: Any) -> Any:
    """A key with Ruby's `eql?` semantics (1, 1.0, true and "1" are all different)."""
    cls = value.__class__
    if cls in (str, int, float, bool) or value is None:
        return (cls, value)
    if isinstance(value, Mapping):
        return ("hash", tuple((_hash_key(k), _hash_key(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return ("array", tuple(_hash_key(v) for v in value))
    try:
        hash(value)
        return (cls, value)
    except TypeError:
        return (cls, id(value))


# --------------------------------------------------------------------------------------
# Liquid's InputIterator: how array filters see their input
# --------------------------------------------------------------------------------------


def _flatten(items, out: list) -> list:
    for item in items:
        if isinstance(item, (list, tuple)):
            _flatten(item, out)
        else:
            out.append(item)
    return out


def _iterate(value: Any) -> list:
    """Arrays flattened, a hash as one element, nil as nothing, anything else `[value]`."""
    if isinstance(value, list):
        for item in value:
            if isinstance(item, (list, tuple)):
                return _flatten(value, [])
        return value
    if isinstance(value, tuple):
        return _flatten(value, [])
    if _nil(value):
        return []
    if isinstance(value, range):
        return list(value)
    return [value]


def _property_error(prop: Any) -> RubyArgumentError:
    return RubyArgumentError(f"cannot select the property '{to_s(prop)}'")


_MISSING = object()


def _index(item: Any, prop: Any) -> Any:
    """Ruby `item[prop]` for items Liquid's array filters meet; `_MISSING` when the item
    has no `[]` (nil, booleans, floats, times)."""
    if isinstance(item, Mapping):
        try:
            return item.get(prop) if isinstance(item, dict) else (item[prop] if prop in item else None)
        except TypeError:
            return None
    if isinstance(item, str):
        if isinstance(prop, str):
            return prop if prop in item else None
        if isinstance(prop, int) and not isinstance(prop, bool):
            return item[prop] if -len(item) <= prop < len(item) else None
        raise _property_error(prop)
    if isinstance(item, (list, tuple)):
        if isinstance(prop, int) and not isinstance(prop, bool):
            return item[prop] if -len(item) <= prop < len(item) else None
        raise _property_error(prop)
    if isinstance(item, int) and not isinstance(item, bool):
        if isinstance(prop, int) and not isinstance(prop, bool):
            return (item >> prop) & 1 if prop >= 0 else 0
        raise _property_error(prop)
    return _MISSING


# --------------------------------------------------------------------------------------
# standard filters: strings
# --------------------------------------------------------------------------------------


def append(value, other):
    return to_s(value) + to_s(other)


def prepend(value, other):
    return to_s(other) + to_s(value)


def downcase(value):
    return to_s(value).lower()


def upcase(value):
    return to_s(value).upper()


def capitalize(value):
    return to_s(value).capitalize()


def escape(value):
    """`CGI.escapeHTML`: nil stays nil (prints nothing)."""
    if _nil(value):
        return None
    return (to_s(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#39;"))


_ESCAPE_ONCE_RE = re.compile(r"[\"><']|&(?!(?:[a-zA-Z]+|#\d+);)")
_ESCAPE_MAP = {"&": "&amp;", ">": "&gt;", "<": "&lt;", '"': "&quot;", "'": "&#39;"}


def escape_once(value):
    return _ESCAPE_ONCE_RE.sub(lambda m: _ESCAPE_MAP[m.group()], to_s(value))


def url_encode(value):
    """`CGI.escape`: space as `+`, only `A-Za-z0-9_.-~` kept."""
    if _nil(value):
        return None
    return quote_plus(to_s(value), safe="")


def url_decode(value):
    if _nil(value):
        return None
    raw = unquote_to_bytes(to_s(value).replace("+", " "))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise RubyArgumentError("invalid byte sequence in UTF-8") from None


def _binary(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


def base64_encode(value):
    return base64.b64encode(to_s(value).encode("utf-8", "surrogateescape")).decode("ascii")


def base64_decode(value):
    text = to_s(value)
    try:
        if len(text) % 4 or not re.fullmatch(r"[A-Za-z0-9+/]*={0,2}", text):
            raise binascii.Error
        return _binary(base64.b64decode(text, validate=True))
    except (binascii.Error, ValueError):
        raise RubyArgumentError("invalid base64 provided to base64_decode") from None


def base64_url_safe_encode(value):
    return base64.urlsafe_b64encode(to_s(value).encode("utf-8", "surrogateescape")).decode("ascii")


def base64_url_safe_decode(value):
    text = to_s(value)
    if not text.endswith("=") and len(text) % 4:
        text = text.ljust((len(text) + 3) & ~3, "=")
    text = text.replace("-", "+").replace("_", "/")
    try:
        if len(text) % 4 or not re.fullmatch(r"[A-Za-z0-9+/]*={0,2}", text):
            raise binascii.Error
        return _binary(base64.b64decode(text, validate=True))
    except (binascii.Error, ValueError):
        raise RubyArgumentError("invalid base64 provided to base64_url_safe_decode") from None


def _ruby_slice(seq, offset: int, length: int):
    size = len(seq)
    if offset < 0:
        offset += size
    if offset < 0 or offset > size or length < 0:
        return None
    return seq[offset:offset + length]


def slice_(value, offset, length=None):
    offset = _to_integer(offset)
    length = _to_integer(length) if not _nil(length) and length is not False else 1
    if isinstance(value, list):
        out = _ruby_slice(value, offset, length)
        return [] if out is None else out
    out = _ruby_slice(to_s(value), offset, length)
    return "" if out is None else out


def truncate(value, length=50, ellipsis="..."):
    if _nil(value):
        return None
    text = to_s(value)
    length = _to_integer(length)
    ellipsis = to_s(ellipsis)
    keep = max(length - len(ellipsis), 0)
    return text[:keep] + ellipsis if len(text) > length else text


def truncatewords(value, words=15, ellipsis="..."):
    if _nil(value):
        return None
    text = to_s(value)
    words = _to_integer(words)
    if words <= 0:
        words = 1
    wordlist = rubyish.awk_split(text, words + 1)
    if len(wordlist) <= words:
        return text
    wordlist.pop()
    return " ".join(wordlist) + to_s(ellipsis)


def split(value, pattern=None):
    return rubyish.ruby_split(to_s(value), to_s(pattern))


def strip(value):
    return rubyish.ruby_strip(to_s(value))


def lstrip(value):
    return to_s(value).lstrip(" \t\n\v\f\r\0")


def rstrip(value):
    return to_s(value).rstrip(" \t\n\v\f\r\0")


# Case-sensitive, as Liquid's regexes are (`<SCRIPT>` blocks are not dropped whole).
_STRIP_HTML_BLOCKS = re.compile(r"<script.*?</script>|<!--.*?-->|<style.*?</style>", re.S)
_STRIP_HTML_TAGS = re.compile(r"<.*?>", re.S)


def _memoised_on_text(func):
    """Memoise a pure filter of one long string. Minimal Mistakes archives run
    `post.content | strip_html | number_of_words` for every post on every archive page (4,161
    times for 1,013 posts on a 1,000-document site); the string is the same object each time,
    so the lookup is a cached hash and an identity check. Short strings are not worth it."""
    memo: dict = {}

    @functools.wraps(func)
    def wrapper(value, *args, **kwargs):
        if kwargs or not isinstance(value, str) or len(value) < 512:
            return func(value, *args, **kwargs)
        key = (value, *args)
        try:
            return memo[key]
        except KeyError:
            pass
        except TypeError:  # an unhashable argument
            return func(value, *args)
        if len(memo) >= 4096:
            memo.clear()
        result = memo[key] = func(value, *args)
        return result
    return wrapper


@_memoised_on_text
def strip_html(value):
    return _STRIP_HTML_TAGS.sub("", _STRIP_HTML_BLOCKS.sub("", to_s(value)))


_NEWLINE = re.compile(r"\r?\n")


def strip_newlines(value):
    return _NEWLINE.sub("", to_s(value))


def newline_to_br(value):
    return _NEWLINE.sub("<br />\n", to_s(value))


_BACKSLASH_SUB = re.compile(r"\\(\\|[0-9&`'])")


def _expand_replacement(replacement: str, match: str, before: str, after: str) -> str:
    """Ruby's `gsub(str, repl)` still reads `\\0`, `\\&`, `` \\` ``, `\\'` and `\\\\`."""
    def sub(m):
        c = m.group(1)
        if c == "\\":
            return "\\"
        if c in "0&":
            return match
        if c == "`":
            return before
        if c == "'":
            return after
        return ""
    return _BACKSLASH_SUB.sub(sub, replacement)


def replace(value, old, new=""):
    text, old, new = to_s(value), to_s(old), to_s(new)
    if "\\" not in new:
        return text.replace(old, new)
    out, pos = [], 0
    step = len(old)
    while True:
        i = text.find(old, pos)
        if i < 0:
            break
        out.append(text[pos:i])
        out.append(_expand_replacement(new, old, text[:i], text[i + step:]))
        if step == 0:
            if i < len(text):
                out.append(text[i])
            pos = i + 1
            if pos > len(text):
                break
        else:
            pos = i + step
    if pos <= len(text):
        out.append(text[pos:])
    return "".join(out)


def replace_first(value, old, new=""):
    text, old, new = to_s(value), to_s(old), to_s(new)
    i = text.find(old)
    if i < 0:
        return text
    if "\\" in new:
        new = _expand_replacement(new, old, text[:i], text[i + len(old):])
    return text[:i] + new + text[i + len(old):]


def replace_last(value, old, new):
    text, old, new = to_s(value), to_s(old), to_s(new)
    i = text.rfind(old)
    if i < 0:
        return text
    return text[:i] + new + text[i + len(old):]


def remove(value, old):
    return replace(value, old, "")


def remove_first(value, old):
    return replace_first(value, old, "")


def remove_last(value, old):
    return replace_last(value, old, "")


# --------------------------------------------------------------------------------------
# standard filters: arrays and misc
# --------------------------------------------------------------------------------------


def size(value):
    if isinstance(value, (str, list, tuple, Mapping, range)):
        return len(value)
    if value.__class__ is int:
        return 8  # Integer#size: bytes in a machine word
    return 0


def first(value):
    if isinstance(value, (list, tuple, range)):
        return value[0] if len(value) else None
    if isinstance(value, dict):
        for k, v in value.items():
            return [k, v]
    return None


def last(value):
    if isinstance(value, (list, tuple, range)):
        return value[-1] if len(value) else None
    if isinstance(value, dict):
        # Hash has no #last in Ruby: nil
        return None
    return None


def join(value, glue=" "):
    glue = to_s(glue)
    return glue.join(to_s(v) for v in _iterate(value))


def reverse(value):
    return list(reversed(_iterate(value)))


def concat(value, other):
    if not isinstance(other, (list, tuple)):
        raise RubyArgumentError("concat filter requires an array argument")
    return list(_iterate(value)) + list(other)


def compact(value, prop=None):
    items = _iterate(value)
    if _nil(prop):
        return [v for v in items if not _nil(v)]
    out = []
    for item in items:
        got = _index(item, prop)
        if got is _MISSING:
            return None
        if got is not None:
            out.append(item)
    return out


def uniq(value, prop=None):
    items = _iterate(value)
    keys = []
    if _nil(prop):
        keys = items
    else:
        for item in items:
            got = _index(item, prop)
            if got is _MISSING:
                return None
            keys.append(got)
    seen = set()
    out = []
    for item, key in zip(items, keys):
        k = _hash_key(key)
        if k not in seen:
            seen.add(k)
            out.append(item)
    return out


def map_(value, prop):
    out = []
    for item in _iterate(value):
        if prop == "to_liquid":
            out.append(item)
            continue
        got = _index(item, prop)
        out.append(None if got is _MISSING else got)
    return out


def _nil_safe_casecmp(a, b) -> int:
    if a is not None and b is not None:
        x = to_s(a).encode("utf-8", "surrogateescape").lower()
        y = to_s(b).encode("utf-8", "surrogateescape").lower()
        return (x > y) - (x < y)
    return 1 if a is None else -1


def sort_natural(value, prop=None):
    items = _iterate(value)
    if not items:
        return []
    if _nil(prop):
        return rubyish.ruby_sort(items, lambda a, b: _nil_safe_casecmp(None if _nil(a) else a, None if _nil(b) else b))
    pairs = []
    for item in items:
        got = _index(item, prop)
        if got is _MISSING:
            return None
        pairs.append((got, item))
    # nil vs nil compares as 1 in Liquid: an inconsistent comparator, so the result
    # depends on the sort algorithm — Ruby's (glibc's merge sort), reproduced.
    return [item for _, item in rubyish.ruby_sort(pairs, lambda a, b: _nil_safe_casecmp(a[0], b[0]))]


def default(value, default_value="", *_args, allow_false=None, **_kwargs):
    """`nil`, `false` and empty strings/arrays/hashes give the default; with
    `allow_false: true` only nil and empties do."""
    if allow_false is not None and allow_false is not False:
        falsy = _nil(value)
    else:
        falsy = _nil(value) or value is False
    if falsy:
        return default_value
    if isinstance(value, (str, list, tuple, dict)) and not value:
        return default_value
    return value


# --------------------------------------------------------------------------------------
# standard filters: math (Liquid's Utils.to_number + BigDecimal)
# --------------------------------------------------------------------------------------


def _operate(op: str, value, operand):
    try:
        return rubyish.from_number(rubyish.arith(op, rubyish.to_number(value), rubyish.to_number(operand)))
    except ZeroDivisionError:
        raise RubyArgumentError("divided by 0") from None


def plus(value, operand):
    return _operate("+", value, operand)


def minus(value, operand):
    return _operate("-", value, operand)


def times(value, operand):
    return _operate("*", value, operand)


def divided_by(value, operand):
    return _operate("/", value, operand)


def modulo(value, operand):
    return _operate("%", value, operand)


def abs_(value):
    return rubyish.from_number(abs(rubyish.to_number(value)))


def _float_domain(n: Decimal) -> RubyArgumentError:
    return RubyArgumentError("Infinity" if n.is_infinite() and n > 0 else "-Infinity" if n.is_infinite() else "NaN")


def ceil(value):
    n = rubyish.to_number(value)
    if isinstance(n, Decimal) and not n.is_finite():
        raise _float_domain(n)
    return math.ceil(n)


def floor(value):
    n = rubyish.to_number(value)
    if isinstance(n, Decimal) and not n.is_finite():
        raise _float_domain(n)
    return math.floor(n)


def round_(value, digits=0):
    n = rubyish.to_number(value)
    d = rubyish.to_number(digits)
    try:
        result = rubyish.round_half_up(n, int(d))
    except OverflowError as err:
        raise RubyArgumentError(str(err)) from None
    # BigDecimal#round(n) with n < 1 returns an Integer (so `2.5 | round: "0"` is 3).
    if isinstance(result, Decimal) and int(d) < 1:
        return int(result)
    return rubyish.from_number(result)


def at_least(value, bound):
    n, b = rubyish.to_number(value), rubyish.to_number(bound)
    return rubyish.from_number(b if b > n else n)


def at_most(value, bound):
    n, b = rubyish.to_number(value), rubyish.to_number(bound)
    return rubyish.from_number(b if b < n else n)


# --------------------------------------------------------------------------------------
# Jekyll filters that need nothing from the site
# --------------------------------------------------------------------------------------


def xml_escape(value):
    """`to_s.encode(xml: :attr)` minus the surrounding quotes (Ruby escapes `'` as `&apos;`)."""
    return (to_s(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&apos;"))


def cgi_escape(value):
    return quote_plus(to_s(value), safe="")


_URI_KEEP = ":/?#[]@!$&'()*+,;="


def uri_escape(value):
    """`Addressable::URI.normalize_component`: %XX decoded, NFKC, then everything outside
    RFC 3986's reserved + unreserved sets percent-encoded."""
    if _nil(value):
        return None
    from jekyllpy.plugins._urls import _normalize_component

    return _normalize_component(to_s(value), _URI_KEEP)


_WS_RUN = re.compile(r"[ \t\n\v\f\r]+")


def normalize_whitespace(value):
    return rubyish.ruby_strip(_WS_RUN.sub(" ", to_s(value)))


@functools.lru_cache(maxsize=None)
def _cjk_patterns():
    """(CJK character, run of non-CJK word characters or None) patterns, compiled on first
    use of the `cjk`/`auto` modes: `regex` costs ~5 ms to import, and most sites never ask."""
    try:  # \p{Han} and friends need the `regex` module; `re` has no script classes
        import regex
    except ImportError:  # pragma: no cover
        return re.compile(r"[\u1100-\u11ff\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3038-\u303b"
                          r"\u3041-\u309f\u30a0-\u30ff\u3131-\u318e\u31f0-\u31ff\u3400-\u4dbf"
                          r"\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f]"), None
    return (regex.compile(r"[\p{Han}\p{Katakana}\p{Hiragana}\p{Hangul}]"),
            regex.compile(r"[^\p{Han}\p{Katakana}\p{Hiragana}\p{Hangul}\s]+"))


def _non_cjk_words(text: str) -> int:
    cjk, non_cjk_word = _cjk_patterns()
    if non_cjk_word is not None:
        return len(non_cjk_word.findall(text))
    return len(rubyish.awk_split(cjk.sub(" ", text)))


@_memoised_on_text
def number_of_words(value, mode=None):
    text = to_s(value)
    if mode == "cjk":
        return len(_cjk_patterns()[0].findall(text)) + _non_cjk_words(text)
    if mode == "auto":
        cjk = len(_cjk_patterns()[0].findall(text))
        return len(rubyish.awk_split(text)) if cjk == 0 else cjk + _non_cjk_words(text)
    return len(rubyish.awk_split(text))


def array_to_sentence_string(value, connector="and"):
    if _nil(value):
        raise RubyArgumentError("undefined method `length' for nil:NilClass")
    items = value if isinstance(value, (list, tuple, str)) else [value]
    connector = to_s(connector)
    n = len(items)
    if n == 0:
        return ""
    if n == 1:
        return to_s(items[0])
    if n == 2:
        return f"{to_s(items[0])} {connector} {to_s(items[1])}"
    # Array#join flattens nested arrays (with the separator between every element).
    return ", ".join(to_s(v) for v in _flatten(items[:-1], [])) + f", {connector} {to_s(items[-1])}"


def jsonify(value):
    try:
        return rubyish.to_json(value)
    except ValueError as err:
        raise RubyArgumentError(str(err)) from None


def inspect(value):
    return xml_escape(ruby_inspect(value))


def to_integer(value):
    if value is True:
        return 1
    if value is False:
        return 0
    try:
        return rubyish.to_i(value)
    except (TypeError, ValueError) as err:
        raise RubyArgumentError(str(err)) from None


def slugify(value, mode=None):
    from jekyllpy.utils import slugify as _slugify

    if _nil(value):
        return None
    return _slugify(to_s(value), None if _nil(mode) else to_s(mode))


def pop(value, num=1):
    if not isinstance(value, list):
        return value
    num = _to_integer(num)
    if num < 0:
        raise RubyArgumentError("negative array size")
    return value[:-num] if num else list(value)


def push(value, item):
    if not isinstance(value, list):
        return value
    return value + [item]


def shift(value, num=1):
    if not isinstance(value, list):
        return value
    num = _to_integer(num)
    if num < 0:
        raise RubyArgumentError("negative array size")
    return value[num:]


def unshift(value, item):
    if not isinstance(value, list):
        return value
    return [item] + value


def sample(value, num=1):
    if not isinstance(value, list):
        return value
    try:
        num = _to_integer(num)
    except RubyArgumentError:
        num = 1
    if num == 1:
        return random.choice(value) if value else None
    if num < 0:
        raise RubyArgumentError("negative sample number")
    return random.sample(value, min(num, len(value)))


def strip_index(value):
    if _nil(value):
        return None
    text = to_s(value)
    if not text:
        return None
    return re.sub(r"/index\.html?$", "/", text, count=1)


# --------------------------------------------------------------------------------------
# smartify: kramdown's SmartyPants parser as Jekyll configures it
# --------------------------------------------------------------------------------------


def smartify(value):
    return rubyish.smartypants(to_s(value))


# --------------------------------------------------------------------------------------
# Jekyll's property filters: where, find, sort, group_by (+ _exp variants)
# --------------------------------------------------------------------------------------

_INTEGER_LIKE = re.compile(r"[ \t\n\v\f\r]*-?\d+[ \t\n\v\f\r]*\Z")
_FLOAT_LIKE = re.compile(r"[ \t\n\v\f\r]*-?(?:\d+\.?\d*|\.\d+)[ \t\n\v\f\r]*\Z")
_TO_F = re.compile(r"[ \t\n\v\f\r]*([+-]?(?:\d+(?:\.\d+)?|\.\d+))")


def _parse_sort_input(value):
    """Numeric-looking values compare as numbers (`"10"` → 10, `"2.5"` → 2.5)."""
    if value.__class__ is str:
        text = value
    elif value is None or isinstance(value, (bool, list, dict, Mapping, datetime, date)):
        return value
    else:
        text = to_s(value)
    if _INTEGER_LIKE.match(text):
        return rubyish.str_to_i(text)
    if _FLOAT_LIKE.match(text):
        m = _TO_F.match(text)
        return float(m.group(1)) if m else 0.0
    return value


def _item_property(item, prop):
    """Jekyll's `item_property`: `a.b` walks hashes (a nil on the way gives false)."""
    prop = to_s(prop)
    if "." not in prop:
        got = _index(item, prop)
    else:
        got = item
        for key in prop.split("."):
            if got is None or got is False or isinstance(got, (bool, float, datetime, date)):
                got = False
                continue
            got = _index(got, key)
            if got is _MISSING:
                got = False
    if got is _MISSING:
        got = None
    return _parse_sort_input(got)


def _matches(prop_value, target) -> bool:
    """Jekyll's `compare_property_vs_target`: string comparison of `to_s` forms."""
    if _nil(target):
        return prop_value is None
    target = to_s(target)
    if isinstance(prop_value, str):
        return prop_value == target
    if isinstance(prop_value, (list, tuple)):
        return any(to_s(p) == target for p in prop_value)
    if prop_value is None:
        return False
    return to_s(prop_value) == target


def _selectable(value):
    if isinstance(value, Mapping):
        return list(value.values())
    if isinstance(value, (list, tuple)):
        return value
    return None


def where(value, prop, target):
    if _nil(prop) or prop is False or isinstance(target, (list, tuple, Mapping)):
        return value
    items = _selectable(value)
    if items is None:
        return value
    return [item for item in items if _matches(_item_property(item, prop), target)]


def find(value, prop, target):
    if _nil(prop) or prop is False or isinstance(target, (list, tuple, Mapping)):
        return value
    items = _selectable(value)
    if items is None:
        return value
    for item in items:
        if _matches(_item_property(item, prop), target):
            return item
    return None


@functools.lru_cache(maxsize=512)
def _parse_condition(expression: str):
    """Jekyll's `parse_condition`: Liquid's strict parser, `and`/`or` chained right."""
    from jekyllpy.liquid import quirks

    p = quirks.RubyParser(expression)
    try:
        def comparison():
            left = quirks.parse_expression(p.expression())
            op = p.consume_q("comparison")
            if op:
                return quirks.Condition(None, left, op, quirks.parse_expression(p.expression()))
            return quirks.Condition(None, left)

        first_cond = cond = comparison()
        while True:
            op = p.id_q("and") or p.id_q("or")
            if not op:
                break
            child = comparison()
            cond.relation, cond.child = op, child
            cond = child
        p.consume("end_of_string")
    except quirks.RubySyntaxError as err:
        from liquid.exceptions import LiquidSyntaxError

        raise LiquidSyntaxError(str(err), token=None) from None
    return first_cond


def _truthy(value) -> bool:
    return value is not None and value is not False and not isinstance(value, Undefined)


@with_context
def where_exp(value, variable, expression, *, context):
    items = _selectable(value)
    if items is None:
        return value
    cond = _parse_condition(to_s(expression))
    name = to_s(variable)
    scope: dict = {}
    out = []
    with context.extend(scope):
        for item in items:
            scope[name] = item
            if _truthy(cond.evaluate(context)):
                out.append(item)
    return out


@with_context
def find_exp(value, variable, expression, *, context):
    items = _selectable(value)
    if items is None:
        return value
    cond = _parse_condition(to_s(expression))
    name = to_s(variable)
    scope: dict = {}
    with context.extend(scope):
        for item in items:
            scope[name] = item
            if _truthy(cond.evaluate(context)):
                return item
    return None


def _grouped(keys_items) -> list:
    groups: dict = {}
    names: dict = {}
    for key, item in keys_items:
        k = _hash_key(key)
        if k not in groups:
            groups[k] = []
            names[k] = key
        groups[k].append(item)
    return [{"name": names[k], "items": items, "size": len(items)} for k, items in groups.items()]


def group_by(value, prop):
    if not isinstance(value, (list, tuple)):
        return value
    return _grouped((to_s(_item_property(item, prop)), item) for item in value)


@functools.lru_cache(maxsize=512)
def _parse_variable_cached(env, expression: str):
    from jekyllpy.liquid import quirks

    return quirks.parse_variable(env, expression, None)


@with_context
def group_by_exp(value, variable, expression, *, context):
    if not isinstance(value, (list, tuple)):
        return value
    expr = _parse_variable_cached(context.env, to_s(expression))
    name = to_s(variable)
    scope: dict = {}
    pairs = []
    with context.extend(scope):
        for item in value:
            scope[name] = item
            got = expr.evaluate(context)
            pairs.append((None if isinstance(got, Undefined) else got, item))
    return _grouped(pairs)


def _ruby_cmp(a, b) -> int | None:
    """`a <=> b`: None where Ruby returns nil (incomparable types)."""
    if a is None or b is None:
        return 0 if a is b else None
    if isinstance(a, bool) or isinstance(b, bool):
        return 0 if a is b else None
    num = (int, float)
    if isinstance(a, num) and isinstance(b, num):
        if isinstance(a, float) and math.isnan(a) or isinstance(b, float) and math.isnan(b):
            return None
        return (a > b) - (a < b)
    if isinstance(a, str) and isinstance(b, str):
        return (a > b) - (a < b)
    if isinstance(a, datetime) and isinstance(b, datetime):
        return (a > b) - (a < b)
    if isinstance(a, date) and isinstance(b, date) and not isinstance(a, datetime) and not isinstance(b, datetime):
        return (a > b) - (a < b)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        for x, y in zip(a, b):
            c = _ruby_cmp(x, y)
            if c != 0:
                return c
        return (len(a) > len(b)) - (len(a) < len(b))
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        return 0 if a == b else None
    return None


def _ruby_class_name(v) -> str:
    if v is None:
        return "NilClass"
    if v is True:
        return "TrueClass"
    if v is False:
        return "FalseClass"
    for t, name in ((int, "Integer"), (float, "Float"), (str, "String"), (datetime, "Time"),
                    (date, "Date"), (list, "Array"), (Mapping, "Hash")):
        if isinstance(v, t):
            return name
    return type(v).__name__


def _strict_cmp(a, b) -> int:
    c = _ruby_cmp(a, b)
    if c is None:
        shown = ruby_inspect(b) if isinstance(a, str) or b is None or isinstance(b, bool) else _ruby_class_name(b)
        raise RubyArgumentError(f"comparison of {_ruby_class_name(a)} with {shown} failed")
    return c


def sort(value, prop=None, nils="first"):
    """Jekyll's `sort` (it replaces Liquid's): plain Ruby `sort` without a property;
    with one, numeric-looking values as numbers, nils first or last, incomparable values
    by their `to_s`."""
    if _nil(value):
        raise RubyArgumentError("Cannot sort a null object.")
    if isinstance(value, Mapping):
        value = [[k, v] for k, v in value.items()]
    elif isinstance(value, range):
        value = list(value)
    elif not isinstance(value, (list, tuple)):
        raise RubyArgumentError(f"undefined method `sort' for {ruby_inspect(value)}:{_ruby_class_name(value)}")
    if _nil(prop):
        return sorted(value, key=functools.cmp_to_key(_strict_cmp))
    if nils == "first":
        order = -1
    elif nils == "last":
        order = 1
    else:
        raise RubyArgumentError(
            f"Invalid nils order: '{to_s(nils)}' is not a valid nils order. It must be 'first' or 'last'.")

    def cmp(x, y):
        a, b = x[0], y[0]
        if a is not None and b is None:
            return -order
        if a is None and b is not None:
            return order
        c = _ruby_cmp(a, b)
        if c is None:
            sa, sb = to_s(a), to_s(b)
            c = (sa > sb) - (sa < sb)
        return c

    pairs = [(_item_property(item, prop), item) for item in value]
    pairs.sort(key=functools.cmp_to_key(cmp))
    return [item for _, item in pairs]


# --------------------------------------------------------------------------------------
# filters that read the site: URLs, dates, converters
# --------------------------------------------------------------------------------------


def _site_zone(site):
    zone = getattr(site, "zone", None)
    if zone is None:
        t = getattr(site, "time", None)
        zone = t.tzinfo if t is not None else None
    if zone is None:
        from jekyllpy import dates

        zone = dates.site_zone(None)
    return zone


def _now(site, zone):
    from jekyllpy import dates

    return dates.now(zone)


def _make_site_filters(env) -> dict:
    from jekyllpy.plugins import _urls

    def site():
        return env.site

    def relative_url(value):
        if _nil(value):
            return None
        return _urls.relative_url(site(), _url_input(value))

    def absolute_url(value):
        if _nil(value):
            return None
        return _urls.absolute_url(site(), _url_input(value))

    def _to_date(value):
        s = site()
        if isinstance(value, str) and s is not None:
            s.clock_read = True  # "now", or Time.parse filling in today's date
        zone = _site_zone(s)
        return rubyish.to_date(value, _now(s, zone), zone), zone

    def date(value, fmt):
        fmt = to_s(fmt)
        if not fmt:
            return value
        t, _zone = _to_date(value)
        if t is None:
            return value
        return rubyish.strftime(t, fmt)

    def _time(value):
        """Jekyll's `time(input)`: `to_date(...).to_time.localtime` (site zone)."""
        t, zone = _to_date(value)
        if t is None:
            raise RubyArgumentError(f"Invalid Date: '{ruby_inspect(value)}' is not a valid datetime.")
        if isinstance(t, datetime):
            return t.astimezone(zone)
        return datetime(t.year, t.month, t.day, tzinfo=zone)

    def date_to_xmlschema(value):
        if to_s(value) == "":
            return value
        text = _time(value).strftime("%Y-%m-%dT%H:%M:%S%z")
        return text[:-2] + ":" + text[-2:]

    def date_to_rfc822(value):
        if to_s(value) == "":
            return value
        return rubyish.strftime(_time(value), "%a, %d %b %Y %H:%M:%S %z")

    def _stringify(value, month, kind, style):
        if to_s(value) == "":
            return value
        t = _time(value)
        if kind == "ordinal":
            day = t.day
            suffix = "th" if 11 <= day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
            if style == "US":
                return rubyish.strftime(t, f"{month} {day}{suffix}, %Y")
            return rubyish.strftime(t, f"{day}{suffix} {month} %Y")
        return rubyish.strftime(t, f"%d {month} %Y")

    def date_to_string(value, kind=None, style=None):
        return _stringify(value, "%b", kind, style)

    def date_to_long_string(value, kind=None, style=None):
        return _stringify(value, "%B", kind, style)

    def markdownify(value):
        return site().markdownify(to_s(value))

    def _sass(value, ext):
        s = site()
        return s.converters.sass.convert(to_s(value), f"_filter{ext}")

    def sassify(value):
        return _sass(value, ".sass")

    def scssify(value):
        return _sass(value, ".scss")

    return {
        "relative_url": relative_url, "absolute_url": absolute_url, "date": date,
        "date_to_xmlschema": date_to_xmlschema, "date_to_rfc822": date_to_rfc822,
        "date_to_string": date_to_string, "date_to_long_string": date_to_long_string,
        "markdownify": markdownify, "sassify": sassify, "scssify": scssify,
    }


def _url_input(value):
    """`input.url if input.respond_to?(:url)`: documents/drops give their URL."""
    if isinstance(value, Mapping) and not isinstance(value, dict):
        try:
            url = value["url"]
        except (KeyError, TypeError):
            return value
        return url if url is not None else value
    url = getattr(value, "url", None)
    if url is not None and not isinstance(value, str):
        return url
    if not isinstance(value, str):
        return to_s(value)
    return value


STANDARD_FILTERS = {
    "append": append, "prepend": prepend, "downcase": downcase, "upcase": upcase,
    "capitalize": capitalize, "escape": escape, "h": escape, "escape_once": escape_once,
    "url_encode": url_encode, "url_decode": url_decode, "base64_encode": base64_encode,
    "base64_decode": base64_decode, "base64_url_safe_encode": base64_url_safe_encode,
    "base64_url_safe_decode": base64_url_safe_decode, "slice": slice_, "truncate": truncate,
    "truncatewords": truncatewords, "split": split, "strip": strip, "lstrip": lstrip,
    "rstrip": rstrip, "strip_html": strip_html, "strip_newlines": strip_newlines,
    "newline_to_br": newline_to_br, "replace": replace, "replace_first": replace_first,
    "replace_last": replace_last, "remove": remove, "remove_first": remove_first,
    "remove_last": remove_last, "size": size, "first": first, "last": last, "join": join,
    "reverse": reverse, "concat": concat, "compact": compact, "uniq": uniq, "map": map_,
    "sort_natural": sort_natural, "default": default, "plus": plus, "minus": minus,
    "times": times, "divided_by": divided_by, "modulo": modulo, "abs": abs_, "ceil": ceil,
    "floor": floor, "round": round_, "at_least": at_least, "at_most": at_most,
}

JEKYLL_FILTERS = {
    "xml_escape": xml_escape, "cgi_escape": cgi_escape, "uri_escape": uri_escape,
    "normalize_whitespace": normalize_whitespace, "number_of_words": number_of_words,
    "array_to_sentence_string": array_to_sentence_string, "jsonify": jsonify,
    "inspect": inspect, "to_integer": to_integer, "slugify": slugify, "pop": pop,
    "push": push, "shift": shift, "unshift": unshift, "sample": sample,
    "strip_index": strip_index, "smartify": smartify, "where": where, "find": find,
    "where_exp": where_exp, "find_exp": find_exp, "group_by": group_by,
    "group_by_exp": group_by_exp, "sort": sort,
}


def register_filters(env) -> None:
    """Install Liquid 5.4's and Jekyll 4.3's filters on `env` (a python-liquid 2
    Environment; site-dependent filters read `env.site` at call time)."""
    for name in _NOT_IN_LIQUID_5_4:
        env.filters.pop(name, None)
    env.filters.update(STANDARD_FILTERS)
    env.filters.update(JEKYLL_FILTERS)
    env.filters.update(_make_site_filters(env))
