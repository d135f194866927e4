"""Ruby core behaviour that Liquid's and Jekyll's filters inherit, reproduced in Python.

Ruby Liquid's filters are thin wrappers around Ruby methods (`to_s`, `to_i`, `Integer()`,
`BigDecimal`, `Time.parse`, `Time#strftime`, `#inspect`, `#to_json`); the bytes a filter
prints come from those methods, so each one is reproduced here once and the filters in
`filters.py` stay small. Everything is checked against real Ruby 3.1 / Liquid 5.4 / Jekyll
4.3 by `tests/test_liquid_filters.py` and the `tests/fixtures/liquid_filters/` site.
"""
from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from datetime import date, datetime, timedelta, timezone, tzinfo
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from typing import Any

from liquid.undefined import Undefined

from jekyllpy.liquid.values import ruby_float, to_liquid_string  # noqa: F401  (re-exported)

# --------------------------------------------------------------------------------------
# to_s / inspect / to_json
# --------------------------------------------------------------------------------------


def ruby_time_s(t: datetime) -> str:
    """`Time#to_s`: `2026-01-01 00:00:00 +0000` (Jekyll's times are local, never "UTC")."""
    return t.strftime("%Y-%m-%d %H:%M:%S %z")


def to_s(value: Any) -> str:
    """Ruby's `value.to_s`, which most filters apply to their input.

    Unlike Liquid's output rule, arrays and hashes print as `#inspect` (`["a", 1]`) here:
    `{{ list | append: "x" }}` in Jekyll gives `["a", 1]x`. Drops (non-dict Mappings with
    their own `__str__`) print as themselves, like Jekyll's document drops print output.
    """
    cls = value.__class__
    if cls is str:
        return value
    if value is None or isinstance(value, Undefined):
        return ""
    if cls is bool:
        return "true" if value else "false"
    if cls is int:
        return str(value)
    if cls is float:
        return ruby_float(value)
    if isinstance(value, datetime):
        return ruby_time_s(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple, dict)):
        return inspect(value)
    if isinstance(value, Mapping):
        if type(value).__str__ is object.__str__:
            return inspect(value)
        return str(value)
    if isinstance(value, range):
        return f"{value.start}..{value.stop - 1}"
    if isinstance(value, str):
        return str.__str__(value)
    return str(value)


_INSPECT_ESC = {
    '"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\f": "\\f",
    "\v": "\\v", "\b": "\\b", "\a": "\\a", "\x1b": "\\e",
}
_INSPECT_RE = re.compile(r'["\\\x00-\x1f\x7f-\x9f\u2028\u2029]|#(?=[{$@])')


def _inspect_char(m: re.Match) -> str:
    ch = m.group()
    if ch == "#":
        return "\\#"
    esc = _INSPECT_ESC.get(ch)
    if esc:
        return esc
    return "\\u%04X" % ord(ch)


def inspect_str(text: str) -> str:
    return '"' + _INSPECT_RE.sub(_inspect_char, text) + '"'


def inspect(value: Any) -> str:
    """Ruby 3.1's `#inspect`: `{"a"=>1}`, `[1, nil]`, `1.0e+20`, strings escaped.

    Non-dict Mappings are Jekyll drops, whose `inspect` is `JSON.pretty_generate(to_h)`.
    """
    if value is None or isinstance(value, Undefined):
        return "nil"
    cls = value.__class__
    if cls is bool:
        return "true" if value else "false"
    if isinstance(value, str):
        return inspect_str(value)
    if cls is int:
        return str(value)
    if cls is float:
        return ruby_float(value)
    if isinstance(value, datetime):
        frac = ""
        if value.microsecond:
            frac = ("." + f"{value.microsecond:06d}").rstrip("0")
        return value.strftime("%Y-%m-%d %H:%M:%S") + frac + value.strftime(" %z")
    if isinstance(value, date):
        jd = value.toordinal() + 1721425
        return f"#<Date: {value.isoformat()} (({jd}j,0s,0n),+0s,2299161j)>"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{inspect(k)}=>{inspect(v)}" for k, v in value.items()) + "}"
    if isinstance(value, Mapping):
        return to_json(value, pretty=True)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(inspect(v) for v in value) + "]"
    if isinstance(value, range):
        return f"{value.start}..{value.stop - 1}"
    return str(value)


def _json_prepare(value: Any, depth: int = 0) -> Any:
    """Jekyll's `as_liquid` + Ruby's JSON rules: times as `to_s`, keys as strings, and
    generate's max_nesting of 100 (deeper data is Ruby's NestingError, not a stack overflow)."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            raise ValueError(f"{ruby_float(value)} not allowed in JSON")
        return value
    if isinstance(value, (Mapping, list, tuple)) and depth >= 100:
        raise ValueError("nesting of 100 is too deep")
    if isinstance(value, Mapping):
        return {(k if isinstance(k, str) else to_s(k)): _json_prepare(v, depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_prepare(v, depth + 1) for v in value]
    if isinstance(value, range):
        return to_s(value)
    if isinstance(value, Undefined):
        return None
    return to_s(value)


def _dumps_ruby(data: Any, pretty: bool) -> str:
    enc = json.JSONEncoder(ensure_ascii=False, indent=2 if pretty else None,
                           separators=(",", ": ") if pretty else (",", ":"))
    return "".join(_iterencode(enc, data))


def _iterencode(enc: json.JSONEncoder, data: Any):
    def floatstr(o, *_args):
        return ruby_float(float(o))

    it = json.encoder._make_iterencode(  # type: ignore[attr-defined]
        {}, enc.default, json.encoder.py_encode_basestring, enc.indent, floatstr,
        enc.key_separator, enc.item_separator, enc.sort_keys, enc.skipkeys, True,
    )
    return it(data, 0)


def to_json(value: Any, pretty: bool = False) -> str:
    """Ruby's `to_json` / `JSON.pretty_generate`: UTF-8 kept, `/` not escaped, floats Ruby's."""
    return _dumps_ruby(_json_prepare(value), pretty)


# --------------------------------------------------------------------------------------
# numbers: to_i, Integer(), Liquid's Utils.to_number, BigDecimal arithmetic
# --------------------------------------------------------------------------------------

_TO_I = re.compile(r"[ \t\n\v\f\r]*([+-]?\d+(?:_\d+)*)")


def str_to_i(text: str) -> int:
    """`String#to_i`: the leading integer (underscores allowed), else 0."""
    m = _TO_I.match(text)
    return int(m.group(1).replace("_", "")) if m else 0


def to_i(value: Any) -> int:
    """Ruby `value.to_i` for the types Liquid values have."""
    if value is None or isinstance(value, Undefined):
        return 0
    if isinstance(value, bool):
        raise TypeError(f"undefined method `to_i' for {to_s(value)}:{'TrueClass' if value else 'FalseClass'}")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            raise ValueError(ruby_float(value))
        return int(value)
    if isinstance(value, Decimal):
        return int(value)
    if isinstance(value, datetime):
        return int(value.timestamp())
    if isinstance(value, str):
        return str_to_i(value)
    raise TypeError(f"undefined method `to_i' for {inspect(value)}")


_INTEGER_RE = re.compile(
    r"[ \t\n\v\f\r]*([+-]?)(0[xX][0-9a-fA-F]+(?:_[0-9a-fA-F]+)*|0[bB][01]+(?:_[01]+)*"
    r"|0[oO]?[0-7]+(?:_[0-7]+)*|0[dD]\d+(?:_\d+)*|\d+(?:_\d+)*)[ \t\n\v\f\r]*\Z"
)


def ruby_integer(value: Any) -> int | None:
    """`Kernel#Integer(value.to_s)` (Liquid's `Utils.to_integer`), None when Ruby raises."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    m = _INTEGER_RE.match(to_s(value))
    if not m:
        return None
    sign, body = m.groups()
    body = body.replace("_", "")
    low = body[:2].lower()
    if low == "0x":
        n = int(body[2:], 16)
    elif low == "0b":
        n = int(body[2:], 2)
    elif low == "0o":
        n = int(body[2:], 8)
    elif low == "0d":
        n = int(body[2:])
    elif len(body) > 1 and body[0] == "0":
        n = int(body[1:], 8)
    else:
        n = int(body)
    return -n if sign == "-" else n


_DECIMAL_STR = re.compile(r"-?\d+\.\d+\Z")
_BIG = Context(prec=60)


def to_number(value: Any) -> int | Decimal:
    """Liquid's `Utils.to_number`: floats become BigDecimal (via `to_s`), `"1.5"` too,
    other strings `to_i`, anything else 0 — so `0.1 | plus: 0.2` is exactly 0.3."""
    cls = value.__class__
    if cls is int:
        return value
    if cls is float:
        return Decimal(repr(value)) if math.isfinite(value) else Decimal(ruby_float(value).replace("Infinity", "Inf"))
    if cls is str:
        stripped = value.strip(" \t\n\v\f\r\0")
        if _DECIMAL_STR.match(stripped):
            return Decimal(stripped)
        return str_to_i(value)
    if isinstance(value, bool) or value is None:
        return 0
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return Decimal(repr(float(value)))
    if isinstance(value, Decimal):
        return value
    if isinstance(value, str):
        return to_number(str.__str__(value))
    return 0


def from_number(value: int | Decimal) -> int | float:
    """Results back to Liquid values: BigDecimal → Float (`to_f`), Integers stay."""
    if isinstance(value, Decimal):
        return float(value)
    return value


def decimal_mod(a: Decimal, b: Decimal) -> Decimal:
    """Ruby's `%` (sign of the divisor); Python's Decimal `%` truncates instead."""
    r = _BIG.remainder(a, b)
    if r and (r < 0) != (b < 0):
        r = _BIG.add(r, b)
    return r


def arith(op: str, a: int | Decimal, b: int | Decimal) -> int | Decimal:
    if isinstance(a, int) and isinstance(b, int):
        if op == "+":
            return a + b
        if op == "-":
            return a - b
        if op == "*":
            return a * b
        if b == 0:
            raise ZeroDivisionError("divided by 0")
        return a // b if op == "/" else a % b
    a, b = Decimal(a), Decimal(b)
    try:
        if op == "+":
            return _BIG.add(a, b)
        if op == "-":
            return _BIG.subtract(a, b)
        if op == "*":
            return _BIG.multiply(a, b)
        if b == 0:
            raise ZeroDivisionError("divided by 0")
        if op == "/":
            return _BIG.divide(a, b)
        return decimal_mod(a, b)
    except InvalidOperation as err:
        raise ZeroDivisionError("divided by 0") from err


def round_half_up(value: int | Decimal, digits: int) -> int | Decimal:
    """`Integer#round(n)` / `BigDecimal#round(n)`: half away from zero."""
    if isinstance(value, int):
        if digits >= 0:
            return value
        q = 10 ** (-digits)
        return (abs(value) + q // 2) // q * q * (1 if value >= 0 else -1)
    if not value.is_finite():
        raise OverflowError(f"Computation results in '{'Infinity' if value > 0 else '-Infinity'}'"
                            if value.is_infinite() else "Computation results to 'NaN'(Not a Number)")
    return value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP, context=_BIG)


# --------------------------------------------------------------------------------------
# strings
# --------------------------------------------------------------------------------------

RUBY_SPACE = " \t\n\v\f\r"
_AWK_SPLIT = re.compile(r"[ \t\n\v\f\r]+")


def ruby_strip(text: str) -> str:
    """`String#strip` (Ruby 3.1 also drops NULs at both ends)."""
    return text.strip(" \t\n\v\f\r\0")


def awk_split(text: str, limit: int = 0) -> list[str]:
    """`String#split(" ", limit)`: runs of ASCII whitespace, leading ones ignored."""
    text = text.lstrip(RUBY_SPACE)
    if not text:
        return []
    if limit <= 0:
        return _AWK_SPLIT.split(text.rstrip(RUBY_SPACE)) if limit == 0 else _AWK_SPLIT.split(text)
    parts = _AWK_SPLIT.split(text, maxsplit=limit - 1)
    if len(parts) == limit:
        return parts
    # fewer fields than the limit: trailing whitespace makes no empty field unless split
    if parts and parts[-1] == "":
        parts.pop()
    return parts


def ruby_split(text: str, sep: str) -> list[str]:
    """`String#split(sep)` with a string separator: `" "` is awk mode, `""` splits chars,
    trailing empty fields are dropped."""
    if sep == " ":
        return awk_split(text)
    if sep == "":
        return list(text)
    parts = text.split(sep)
    while parts and parts[-1] == "":
        parts.pop()
    return parts


def ruby_capitalize(text: str) -> str:
    return text[:1].upper() + text[1:].lower()


# --------------------------------------------------------------------------------------
# times: Time.parse, Time#strftime
# --------------------------------------------------------------------------------------

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MON_ABBR = {m[:3].lower(): i + 1 for i, m in enumerate(MONTHS)}

_ZONES = {
    "utc": 0, "ut": 0, "gmt": 0, "z": 0, "est": -5, "edt": -4, "cst": -6, "cdt": -5,
    "mst": -7, "mdt": -6, "pst": -8, "pdt": -7, "cet": 1, "cest": 2, "eet": 2, "eest": 3,
    "wet": 0, "west": 1, "bst": 1, "jst": 9, "ist": 5.5, "hst": -10, "akst": -9, "akdt": -8,
}
_TIME_RE = re.compile(
    r"(?<![\d:])(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?"
    r"(?:\s*([ap])\.?m\b\.?)?"
    r"(?:\s*(z\b|[+-]\d{1,2}:?\d{2}\b|[+-]\d{1,2}\b|(?:utc|gmt|ut|[a-z]{3,4}t)\b(?:\s*[+-]\d{1,2}(?::?\d{2})?)?))?",
    re.I,
)
_HOUR_AMPM = re.compile(r"\b(\d{1,2})\s*([ap])\.?m\b\.?", re.I)
_ISO_DATE = re.compile(r"([-+]?\d{2,})-(\d{1,2})-(\d{1,2})(?!\d)")
_SLASH_YMD = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})")
_SLASH_DMY = re.compile(r"(\d{1,2})/(\d{1,2})(?:/(\d+))?")
_COMPACT = re.compile(r"\b(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?\b")
_MONTH_NAME = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?", re.I)
_DAY_BEFORE = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?[\s.,-]*$", re.I)
_DAY_AFTER = re.compile(r"^[\s.,-]*(\d{1,2})(?:st|nd|rd|th)?\b(?![:\d])", re.I)
_YEAR_ANY = re.compile(r"(?<![\d:+-])(\d{4})(?![\d:])|'(\d{2})\b")
_ZONE_ALONE = re.compile(r"(?:^|\s)(z|[+-]\d{2}:?\d{2}|utc|gmt|[a-z]{3,4}t)\s*$", re.I)


class TimeParseError(ValueError):
    pass


def _offset_of(zone_text: str) -> timedelta | None:
    z = zone_text.strip().lower()
    m = re.fullmatch(r"(?:(utc|gmt|ut)\s*)?([+-])(\d{1,2})(?::?(\d{2}))?", z)
    if m:
        sign = -1 if m.group(2) == "-" else 1
        return sign * timedelta(hours=int(m.group(3)), minutes=int(m.group(4) or 0))
    if z in _ZONES:
        return timedelta(hours=_ZONES[z])
    return None


def parse_time(text: str, now: datetime) -> datetime:
    """Ruby's `Time.parse(text, now)` for the date shapes people write in front matter.

    Missing leading fields come from `now` (a bare `10:30` is today), missing trailing ones
    are the lowest value; a zone in the text gives a fixed offset, else the local zone
    (`now.tzinfo`). Raises `TimeParseError` where Ruby raises `ArgumentError`.
    """
    s = text
    year = mon = day = hour = minute = sec = None
    usec = 0
    offset: timedelta | None = None
    m = _COMPACT.search(s)
    if m and not _ISO_DATE.search(s):
        year, mon, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if m.group(4):
            hour, minute, sec = int(m.group(4)), int(m.group(5)), int(m.group(6) or 0)
        s = s[:m.start()] + " " + s[m.end():]
    tm = _TIME_RE.search(s)
    if tm:
        hour, minute = int(tm.group(1)), int(tm.group(2))
        sec = int(tm.group(3)) if tm.group(3) else None
        if tm.group(4):
            usec = int((tm.group(4) + "000000")[:6])
        if tm.group(5):
            hour = hour % 12 + (12 if tm.group(5).lower() == "p" else 0)
        if tm.group(6):
            offset = _offset_of(tm.group(6))
        s = s[:tm.start()] + " " + s[tm.end():]
    else:
        hm = _HOUR_AMPM.search(s)
        if hm:
            hour = int(hm.group(1)) % 12 + (12 if hm.group(2).lower() == "p" else 0)
            s = s[:hm.start()] + " " + s[hm.end():]
    if year is None:
        m = _ISO_DATE.search(s)
        if m:
            year, mon, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
            s = s[:m.start()] + " " + s[m.end():]
        else:
            m = _SLASH_YMD.search(s)
            if m:
                year, mon, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
                s = s[:m.start()] + " " + s[m.end():]
            else:
                mn = _MONTH_NAME.search(s)
                if mn:
                    mon = _MON_ABBR[mn.group(1).lower()]
                    before, after = s[:mn.start()], s[mn.end():]
                    d = _DAY_BEFORE.search(before)
                    if d:
                        day = int(d.group(1))
                        before = before[:d.start()]
                    else:
                        d = _DAY_AFTER.search(after)
                        if d:
                            day = int(d.group(1))
                            after = after[d.end():]
                    s = before + " " + after
                    y = _YEAR_ANY.search(s)
                    if y:
                        year = int(y.group(1)) if y.group(1) else _two_digit_year(int(y.group(2)))
                        s = s[:y.start()] + " " + s[y.end():]
                else:
                    m = _SLASH_DMY.search(s)
                    if m:
                        if m.group(3):
                            day, mon = int(m.group(1)), int(m.group(2))
                            year = int(m.group(3))
                            if len(m.group(3)) <= 2:
                                year = _two_digit_year(year)
                        else:
                            mon, day = int(m.group(1)), int(m.group(2))
                        s = s[:m.start()] + " " + s[m.end():]
    if offset is None:
        z = _ZONE_ALONE.search(s)
        if z:
            offset = _offset_of(z.group(1))
    fields = [year, mon, day, hour, minute, sec]
    if all(f is None for f in fields):
        raise TimeParseError(f"no time information in {inspect_str(text)}")
    local_now = now if offset is None else now.astimezone(timezone(offset))
    defaults_now = [local_now.year, local_now.month, local_now.day, local_now.hour,
                    local_now.minute, local_now.second]
    lowest = [None, 1, 1, 0, 0, 0]
    seen = False
    for i, f in enumerate(fields):
        if f is None:
            fields[i] = lowest[i] if seen else defaults_now[i]
        else:
            seen = True
    year, mon, day, hour, minute, sec = fields
    if not 1 <= mon <= 12:
        raise TimeParseError("mon out of range")
    if not 1 <= day <= 31 or hour > 24 or minute > 59 or sec > 60:
        raise TimeParseError("argument out of range")
    extra = timedelta(0)
    if hour == 24:
        hour, extra = 0, timedelta(days=1)
    try:
        base = datetime(year, mon, 1, hour, minute, min(sec, 59), usec)
    except ValueError as err:
        raise TimeParseError("argument out of range") from err
    base += timedelta(days=day - 1) + extra + (timedelta(seconds=1) if sec == 60 else timedelta(0))
    if offset is None:
        return base.replace(tzinfo=now.tzinfo)
    tz = timezone.utc if offset == timedelta(0) else timezone(offset)
    return base.replace(tzinfo=tz)


def _two_digit_year(y: int) -> int:
    return y + (1900 if y >= 69 else 2000)


def to_date(value: Any, now: datetime, zone: tzinfo) -> datetime | date | None:
    """Liquid's `Utils.to_date`: times and dates as they are, `"now"`/`"today"` the build
    time, integers (and digit strings) epoch seconds, other strings `Time.parse`; None
    where Liquid gives nil (empty string, unparsable text, other types)."""
    if isinstance(value, (datetime, date)):
        return value
    if isinstance(value, str):
        if not value:
            return None
        low = value.lower()
        if low in ("now", "today"):
            return now
        if low.isdigit() and low.isascii():
            return datetime.fromtimestamp(int(low), tz=zone)
        try:
            return parse_time(low, now)
        except TimeParseError:
            return None
    if isinstance(value, int) and not isinstance(value, bool):
        return datetime.fromtimestamp(value, tz=zone)
    return None


def _zone_name(t: datetime | date) -> str:
    if not isinstance(t, datetime):
        return "+00:00"
    tz = t.tzinfo
    if tz is None:
        return ""
    if isinstance(tz, timezone):
        return "UTC" if tz.utcoffset(t) == timedelta(0) else ""
    return t.tzname() or ""


def _offset_parts(t) -> tuple[str, int, int, int]:
    off = t.utcoffset() if isinstance(t, datetime) else None
    secs = int(off.total_seconds()) if off is not None else 0
    sign = "-" if secs < 0 else "+"
    secs = abs(secs)
    return sign, secs // 3600, secs % 3600 // 60, secs % 60


_STRF_RE = re.compile(r"%([-_0^#]*)(\d*)(:{0,3})[EO]?([a-zA-Z%])|%")


def _iso_week(t) -> tuple[int, int]:
    y, w, _ = t.isocalendar()
    return y, w


def strftime(t: datetime | date, fmt: str) -> str:
    """Ruby's `Time#strftime` (and `Date#strftime` for dates): flags `-_0^#`, widths,
    `%-d`, `%e`, `%k`, `%l`, `%P`, `%L`, `%N`, `%s`, `%:z`, `%v`, `%+`; unknown
    directives are printed as written."""
    return _STRF_RE.sub(lambda m: _directive(t, m), fmt)


def _pad(value: int, width: int, flags: str, default_pad: str, default_width: int) -> str:
    pad = default_pad
    if "-" in flags:
        return str(value)
    if "_" in flags:
        pad = " "
    elif "0" in flags:
        pad = "0"
    w = width if width else default_width
    text = str(abs(value))
    sign = "-" if value < 0 else ""
    if pad == "0":
        return sign + text.rjust(w - len(sign), "0")
    return (sign + text).rjust(w, " ")


def _text(value: str, width: int, flags: str, swap_lower: bool = False) -> str:
    if "^" in flags:
        value = value.upper()
    elif "#" in flags:
        value = value.lower() if swap_lower else value.upper()
    if width:
        pad = "0" if "0" in flags else " "
        value = value.rjust(width, pad)
    return value


def _directive(t, m: re.Match) -> str:
    if m.group(4) is None:
        return "%"
    flags, width_s, colons, conv = m.group(1), m.group(2), m.group(3), m.group(4)
    width = int(width_s) if width_s else 0
    is_dt = isinstance(t, datetime)
    hour = t.hour if is_dt else 0
    minute = t.minute if is_dt else 0
    second = t.second if is_dt else 0
    usec = t.microsecond if is_dt else 0
    if colons and conv != "z":
        return m.group(0)
    if conv == "Y":
        y = t.year
        if "-" in flags or y >= 0 and not width:
            return _pad(y, width, flags, "0", 4) if y < 1000 and "-" not in flags else str(y)
        return _pad(y, width, flags, "0", 5 if y < 0 else 4)
    if conv == "C":
        return _pad(t.year // 100, width, flags, "0", 2)
    if conv == "y":
        return _pad(t.year % 100, width, flags, "0", 2)
    if conv == "m":
        return _pad(t.month, width, flags, "0", 2)
    if conv == "B":
        return _text(MONTHS[t.month - 1], width, flags)
    if conv in "bh":
        return _text(MONTHS[t.month - 1][:3], width, flags)
    if conv == "d":
        return _pad(t.day, width, flags, "0", 2)
    if conv == "e":
        return _pad(t.day, width, flags, " ", 2)
    if conv == "j":
        return _pad(t.timetuple().tm_yday, width, flags, "0", 3)
    if conv == "H":
        return _pad(hour, width, flags, "0", 2)
    if conv == "k":
        return _pad(hour, width, flags, " ", 2)
    if conv == "I":
        return _pad((hour % 12) or 12, width, flags, "0", 2)
    if conv == "l":
        return _pad((hour % 12) or 12, width, flags, " ", 2)
    if conv == "P":
        return _text("pm" if hour >= 12 else "am", width, flags)
    if conv == "p":
        return _text("PM" if hour >= 12 else "AM", width, flags, swap_lower=True)
    if conv == "M":
        return _pad(minute, width, flags, "0", 2)
    if conv == "S":
        return _pad(second, width, flags, "0", 2)
    if conv in "LN":
        digits = width or (3 if conv == "L" else 9)
        frac = f"{usec:06d}000"
        return frac[:digits].ljust(digits, "0")
    if conv == "z":
        sign, hh, mm, ss = _offset_parts(t)
        if colons == ":":
            body = f"{hh:02d}:{mm:02d}"
        elif colons == "::":
            body = f"{hh:02d}:{mm:02d}:{ss:02d}"
        elif colons == ":::":
            body = f"{hh:02d}" + (f":{mm:02d}" if mm or ss else "") + (f":{ss:02d}" if ss else "")
        else:
            body = f"{hh:02d}{mm:02d}"
        text = sign + body
        if width and width > len(text):
            if "-" in flags:
                return text
            pad = " " if "_" in flags else "0"
            if pad == "0":
                return sign + body.rjust(width - 1, "0")
            return (sign + body).rjust(width, " ")
        return text
    if conv == "Z":
        return _text(_zone_name(t), width, flags, swap_lower=True)
    if conv == "A":
        return _text(DAYS[t.weekday()], width, flags)
    if conv == "a":
        return _text(DAYS[t.weekday()][:3], width, flags)
    if conv == "u":
        return _pad(t.isoweekday(), width, flags, "0", 1)
    if conv == "w":
        return _pad(t.isoweekday() % 7, width, flags, "0", 1)
    if conv == "G":
        return _pad(_iso_week(t)[0], width, flags, "0", 4)
    if conv == "g":
        return _pad(_iso_week(t)[0] % 100, width, flags, "0", 2)
    if conv == "V":
        return _pad(_iso_week(t)[1], width, flags, "0", 2)
    if conv == "U":
        return _pad(int(t.strftime("%U")), width, flags, "0", 2)
    if conv == "W":
        return _pad(int(t.strftime("%W")), width, flags, "0", 2)
    if conv == "s":
        if is_dt:
            stamp = int(t.timestamp()) if t.tzinfo else int(t.replace(tzinfo=timezone.utc).timestamp())
        else:
            stamp = (t.toordinal() - 719163) * 86400
        return _pad(stamp, width, flags, "0", 1)
    if conv == "n":
        return "\n"
    if conv == "t":
        return "\t"
    if conv == "%":
        return "%"
    composite = {
        "c": "%a %b %e %H:%M:%S %Y", "D": "%m/%d/%y", "F": "%Y-%m-%d", "x": "%m/%d/%y",
        "X": "%H:%M:%S", "r": "%I:%M:%S %p", "R": "%H:%M", "T": "%H:%M:%S",
        "v": "%e-%^b-%4Y",
    }.get(conv)
    if composite is not None:
        return _text(strftime(t, composite), width, flags)
    return m.group(0)


# --------------------------------------------------------------------------------------
# SmartyPants (Jekyll's `smartify`): kramdown's SmartyPants parser, HTML output
# --------------------------------------------------------------------------------------

_A = re.ASCII
_SQ_PUNCT = r"""[!"#$%'()*+,\-./:;<=>?@\[\\\]^_`{|}~]"""
_SQ_CLOSE = r"[^ \\\t\r\n\[{(-]"
_SQ_RULES = [  # kramdown's SQ_RULES, tried in order where a quote (or the char before) starts
    (re.compile(r"""("|')(?=[_*]{1,2}\S)""", _A), ["lquote1"]),
    (re.compile(rf"""("|')(?={_SQ_PUNCT}(?!\.\.)\B)""", _A), ["rquote1"]),
    (re.compile(r"""(\s?)"'(?=\w)""", _A), [1, "ldquo", "lsquo"]),
    (re.compile(r"""(\s?)'"(?=\w)""", _A), [1, "lsquo", "ldquo"]),
    (re.compile(r"""(\s?)'(?=\d\ds)""", _A), [1, "rsquo"]),
    (re.compile(r"""(\s)('|")(?=\w)""", _A), [1, "lquote2"]),
    (re.compile(rf"""({_SQ_CLOSE})('|")""", _A), [1, "rquote2"]),
    (re.compile(r"""("|')(?=\s|s\b|\n|\Z)""", _A), ["rquote1"]),
    (re.compile(r"""(.?)'""", _A | re.S), [1, "lsquo"]),
    (re.compile(r'(.?)"', _A | re.S), [1, "ldquo"]),
]
_QUOTE_CHARS = {"lsquo": "\u2018", "rsquo": "\u2019", "ldquo": "\u201c", "rdquo": "\u201d"}
_QUOTE_KIND = {("rquote", '"'): "rdquo", ("rquote", "'"): "rsquo",
               ("lquote", '"'): "ldquo", ("lquote", "'"): "lsquo"}
_TYPO = [("\\<<", "&lt;&lt;"), ("\\>>", "&gt;&gt;"), ("<< ", "\u00ab\u00a0"), (" >>", "\u00a0\u00bb"),
         ("---", "\u2014"), ("--", "\u2013"), ("...", "\u2026"), ("<<", "\u00ab"), (">>", "\u00bb")]
_ENTITY_RE = re.compile(r"&(?:([A-Za-z][A-Za-z0-9]*)|#(\d+)|#x([0-9a-fA-F]+));")
_HTML_TAG_RE = re.compile(r"<(?:!--.*?-->|/?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?>|\?.*?\?>)", re.S)
_KEEP_ESCAPED = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def _entity_out(m: re.Match) -> str | None:
    """kramdown prints entities as characters, except `&amp;`, `&lt;`, `&gt;`."""
    from html.entities import codepoint2name, name2codepoint

    name, dec, hexa = m.groups()
    if name is not None:
        if name not in name2codepoint and name != "apos":
            return None
        char = "'" if name == "apos" else chr(name2codepoint[name])
    else:
        try:
            char = chr(int(dec) if dec is not None else int(hexa, 16))
        except (ValueError, OverflowError):
            return None
    if char in _KEEP_ESCAPED:
        return "&" + codepoint2name[ord(char)] + ";"
    return char


def smartypants(text: str) -> str:
    """Jekyll's `smartify`: kramdown's SmartyPants parser (smart quotes, HTML entities,
    typographic symbols, inline HTML) and its HTML output, characters not entities.

    A scan like kramdown's span parser: at each position the parsers are tried in order;
    a quote's rules also see the character before it when that is still plain text.
    """
    out: list[str] = []
    buf: list[str] = []  # plain text not yet escaped

    def flush() -> None:
        if buf:
            out.append("".join(buf).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
            buf.clear()

    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in "\"'":
            start = i
            if buf and buf[-1] != "\\":
                start = i - 1
                buf.pop()
            for rule, substs in _SQ_RULES:
                m = rule.match(text, start)
                if m:
                    break
            else:  # unreachable: the last rule always matches a quote
                buf.append(ch)
                i += 1
                continue
            for subst in substs:
                if isinstance(subst, int):
                    buf.append(m.group(subst))
                    continue
                kind = subst
                if subst[-1] in "12":
                    quote = m.group(int(subst[-1]) if subst.endswith("2") else 1)
                    kind = _QUOTE_KIND[(subst[:-1], quote)]
                flush()
                out.append(_QUOTE_CHARS[kind])
            i = m.end()
            continue
        if ch == "&":
            m = _ENTITY_RE.match(text, i)
            if m:
                shown = _entity_out(m)
                if shown is not None:
                    flush()
                    out.append(shown)
                    i = m.end()
                    continue
        if ch in "-.<>\\ ":
            for sym, repl in _TYPO:
                if text.startswith(sym, i):
                    flush()
                    out.append(repl)
                    i += len(sym)
                    break
            else:
                sym = None
            if sym is not None:
                continue
        if ch == "<":
            m = _HTML_TAG_RE.match(text, i)
            if m:
                flush()
                out.append(m.group())
                i = m.end()
                continue
        buf.append(ch)
        i += 1
    flush()
    result = "".join(out)
    return result[:-1] if result.endswith("\n") else result


# --------------------------------------------------------------------------------------
# sorting: Ruby's `sort { }` is glibc's qsort_r, a top-down merge sort
# --------------------------------------------------------------------------------------


def ruby_sort(items: list, cmp) -> list:
    """`Array#sort` with a block, step for step as glibc's `msort` merges.

    With a consistent comparator any stable sort gives the same order; Liquid's
    `sort_natural` compares nil with nil as 1, and then only the same algorithm agrees.
    """
    n = len(items)
    if n <= 1:
        return list(items)
    n1 = n // 2
    left = ruby_sort(items[:n1], cmp)
    right = ruby_sort(items[n1:], cmp)
    out = []
    i = j = 0
    while i < len(left) and j < len(right):
        if cmp(left[i], right[j]) <= 0:
            out.append(left[i])
            i += 1
        else:
            out.append(right[j])
            j += 1
    out.extend(left[i:])
    out.extend(right[j:])
    return out
