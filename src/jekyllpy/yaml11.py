"""YAML exactly as Jekyll 4.3 reads it: `Psych.safe_load(text, permitted_classes: [Date, Time],
aliases: true)` (Jekyll 4 no longer uses the SafeYAML gem).

Why not a stock YAML 1.1 resolver: Psych does not resolve scalars with the YAML 1.1 regular
expressions. It hands every *plain, untagged* scalar to `Psych::ScalarScanner#tokenize`, a chain
of Ruby regexes with its own quirks, all verified against Ruby 3.1 / Psych 4.0.3:

* `yes/no/on/off/true/false/null` in any letter case (`yEs` is true); `y`/`n` stay strings;
* `1:20` is 4800 (Psych multiplies two-part sexagesimals as h:m), `1:20:30` is 4830;
* `1e3` and `1.0e3` stay strings (a float needs a dot *and* a signed exponent: `1.0e+3`);
* `010` is octal 8, `09` is a string, `1,000` is 1000 (commas are digit separators);
* timestamps become `Time` (day overflow rolls over: Feb 30 -> Mar 2, `24:00:00` is the next
  day), plain dates become `Date` only when `Date.strptime` accepts them;
* `:foo` (and `:-)`) would be a Symbol, which safe_load refuses: an error, as in Jekyll;
* quoted and block scalars are always strings, but an explicit tag (even `!!int "12"`) sends the
  text back through tokenize; `!!float` applies Ruby's strict `Float()`;
* merge keys `<<` follow `Hash#merge!` (later wins, a quoted `"<<"` merges too, `!!str <<` not);
* only the first document of a stream is read (`Psych.parse` stops there);
* duplicate keys: last value wins, at the first key's position (Ruby Hash == Python dict).

The parser is ruamel.yaml. Its C extension (ruamel.yaml.clib: libyaml itself, the parser
Psych wraps) produces the events when installed — 7x faster on front matter; any error on
that path is re-parsed with ruamel's pure-Python parser (a port of the same libyaml design)
so that messages and positions are always the same. Our resolver only records *how* a scalar was written (plain/quoted/explicit tag); the Psych rules
live in `_tokenize` and `_Builder`, which turn ruamel's node tree into plain Python values.

Time values: a Ruby `Time` is an aware `datetime`. `tzinfo is datetime.timezone.utc` exactly when
Ruby's `Time#utc?` is true (a `Z` suffix: Ruby prints `UTC`); explicit offsets get a fixed
zone named `+HHMM` (Ruby prints `+0000` even for a zero offset); timestamps without a zone are
read as UTC and shown in the process's local zone, as Psych's `Time.at` does (Jekyll sets `TZ`
from `timezone:`). Fractions of a second are kept to the microsecond (Ruby keeps nanoseconds).
"""
from __future__ import annotations

import base64
import re
import threading
from datetime import date, datetime, timedelta, timezone
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.events import StreamEndEvent
from ruamel.yaml.error import YAMLError as _RuamelError
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.resolver import BaseResolver
from ruamel.yaml.tag import Tag

from jekyllpy.errors import YAMLError
from jekyllpy.utils import run_with_deep_stack

try:  # ruamel.yaml.clib: libyaml's C scanner and parser, the same ones Psych uses
    from _ruamel_yaml import CParser as _CParser
except ImportError:  # pragma: no cover - the pure-Python parser gives the same values
    _CParser = None

__all__ = ["load", "tokenize", "YAMLError"]

# Internal tags our resolver gives untagged nodes, so that the builder can tell Psych's cases
# apart: plain untagged scalars are tokenized, quoted/block untagged scalars are strings.
_PLAIN = "tag:jekyllpy,2025:plain"
_QUOTED = "tag:jekyllpy,2025:quoted"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_STR_TAGS = {"tag:yaml.org,2002:str", "!str", "!ruby/string"}
_BINARY_TAGS = {"tag:yaml.org,2002:binary", "!binary"}
_FLOAT_TAGS = {"tag:yaml.org,2002:float", "!float"}
_OMAP_TAGS = {"tag:yaml.org,2002:omap", "!omap"}
_SET_TAGS = {"tag:yaml.org,2002:set", "!set"}


class _Error(Exception):
    """A value Psych would refuse (raised while building; located by the caller)."""

    def __init__(self, message: str, node: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.node = node


# --------------------------------------------------------------------------------------------
# Psych::ScalarScanner#tokenize, rule by rule
# --------------------------------------------------------------------------------------------
# Ruby's \d and \s are ASCII-only; [[:alpha:]] is Unicode letters.
_STRINGISH = re.compile(
    r"^[^0-9.:\-]?(?:[^\W\d]|[ \t\n\v\f\r!@#$%^&*(){}<>|/\\~;=])+", re.M
)
_NOT_YTONF = re.compile(r"^[^ytonf~]", re.M | re.I)
_NULL = re.compile(r"^null$", re.M | re.I)
_TRUE = re.compile(r"^(?:yes|true|on)$", re.M | re.I)
_FALSE = re.compile(r"^(?:no|false|off)$", re.M | re.I)
_TIME = re.compile(
    r"^-?\d{4}-\d{1,2}-\d{1,2}(?:[Tt]|\s+)\d{1,2}:\d\d:\d\d(?:\.\d*)?"
    r"(?:\s*(?:Z|[-+]\d{1,2}:?(?:\d\d)?))?$",
    re.A,
)
_DATE = re.compile(r"^\d{4}-(?:1[012]|0\d|\d)-(?:[12]\d|3[01]|0\d|\d)$", re.A)
_POS_INF = re.compile(r"^\+?\.inf$", re.I)
_NEG_INF = re.compile(r"^-\.inf$", re.I)
_NAN = re.compile(r"^\.nan$", re.I)
_SEXA_INT = re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9]){1,2}$")
_SEXA_FLOAT = re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9]){1,2}\.[0-9_]*$")
_FLOAT = re.compile(r"^[-+]?(?:[0-9][0-9_,]*)?\.[0-9]*(?:[eE][-+][0-9]+)?$")
_INTEGER = re.compile(
    r"^(?:[-+]?0b[0-1_,]+|[-+]?0[0-7_,]+|[-+]?(?:0|[1-9](?:[0-9]|,[0-9]|_[0-9])*)"
    r"|[-+]?0x[0-9a-fA-F_,]+)$"
)
_RUBY_TO_I = re.compile(r"[-+]?[0-9]+(?:_[0-9]+)*")
_RUBY_TO_F = re.compile(r"[-+]?[0-9]+(?:_[0-9]+)*(?:\.[0-9]+(?:_[0-9]+)*)?")


class _Symbol(Exception):
    pass


def tokenize(text: str) -> Any:
    """The Python value Psych gives a plain, untagged scalar (`ScalarScanner#tokenize`).

    Raises `_Error` where Psych raises (a Symbol, `Integer("0b")`, ...).
    """
    if text == "":
        return None
    if _STRINGISH.search(text) or "\n" in text:
        if len(text) > 5 or _NOT_YTONF.search(text):
            return text
        if text == "~" or _NULL.search(text):
            return None
        if _TRUE.search(text):
            return True
        if _FALSE.search(text):
            return False
        return text
    if _TIME.match(text):
        try:
            return _parse_time(text)
        except ValueError:
            return text
    if _DATE.match(text):
        y, m, d = (int(p) for p in text.split("-"))
        try:
            return date(y, m, d)
        except ValueError:  # Date.strptime refuses it (or year 0, which Python lacks)
            return text
    if _POS_INF.match(text):
        return float("inf")
    if _NEG_INF.match(text):
        return float("-inf")
    if _NAN.match(text):
        return float("nan")
    if len(text) > 1 and text[0] == ":":
        raise _Error("Tried to load unspecified class: Symbol")
    if _SEXA_INT.match(text):
        parts = text.split(":")
        # Psych weights part e by 60 ** |e - 2|: "1:20" is read as 1 h 20 min (4800).
        return sum(_ruby_to_i(p) * 60 ** abs(e - 2) for e, p in enumerate(parts))
    if _SEXA_FLOAT.match(text):
        parts = text.split(":")
        return sum(_ruby_to_f(p) * 60 ** abs(e - 2) for e, p in enumerate(parts))
    if _FLOAT.match(text):
        if re.fullmatch(r"[-+]?\.", text):
            return text
        cleaned = re.sub(r"[,_]|\.([Ee]|$)", lambda m: m.group(1) or "", text)
        return _ruby_float(cleaned)
    if _INTEGER.match(text):
        return _ruby_integer(re.sub(r"[,_]", "", text))
    return text


def _ruby_to_i(s: str) -> int:
    m = _RUBY_TO_I.match(s)
    return int(m.group().replace("_", "")) if m else 0


def _ruby_to_f(s: str) -> float:
    m = _RUBY_TO_F.match(s)
    return float(m.group().replace("_", "")) if m else 0.0


def _ruby_float(s: Any) -> float:
    """Ruby's strict `Float()`."""
    if isinstance(s, bool) or s is None or isinstance(s, (date, list, dict)):
        raise _Error(f"can't convert {_ruby_class(s)} into Float")
    if isinstance(s, (int, float)):
        return float(s)
    if re.fullmatch(r"\s*[-+]?(?:[0-9]+(?:_[0-9]+)*)?(?:\.[0-9]+(?:_[0-9]+)*)?(?:[eE][-+]?[0-9]+)?\s*", s) and re.search(r"[0-9]", s):
        try:
            return float(s.replace("_", ""))
        except ValueError:
            pass
    raise _Error(f'invalid value for Float(): "{s}"')


def _ruby_integer(s: str) -> int:
    """Ruby's strict `Integer()` on an already comma/underscore-free string."""
    sign = -1 if s.startswith("-") else 1
    body = s.lstrip("+-")
    if body[:2].lower() == "0b":
        digits, base = body[2:], 2
    elif body[:2].lower() == "0x":
        digits, base = body[2:], 16
    elif len(body) > 1 and body[0] == "0":
        digits, base = body[1:], 8
    else:
        digits, base = body, 10
    try:
        if not digits:
            raise ValueError
        return sign * int(digits, base)
    except ValueError:
        raise _Error(f'invalid value for Integer(): "{s}"') from None


def _ruby_class(value: Any) -> str:
    if value is None:
        return "nil"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, datetime):
        return "Time"
    if isinstance(value, date):
        return "Date"
    return {list: "Array", dict: "Hash", str: "String", int: "Integer"}.get(type(value), "Object")


def _offset_zone(seconds: int) -> timezone:
    sign = "-" if seconds < 0 else "+"
    hh, rem = divmod(abs(seconds), 3600)
    return timezone(timedelta(seconds=seconds), f"{sign}{hh:02d}{rem // 60:02d}")


def _parse_time(text: str) -> datetime:
    """`ScalarScanner#parse_time`: raises ValueError where Ruby's Time raises ArgumentError."""
    parts = re.split(r"[ tT]", text, maxsplit=1)
    if len(parts) < 2:  # a tab before the time: Ruby fails with NoMethodError
        raise _Error(f"undefined method `match' for nil (timestamp {text!r})")
    day_part, time_part = parts
    yy, mo, dd = (int(x) for x in re.match(r"(-?\d{4})-(\d{1,2})-(\d{1,2})", day_part).groups())
    md = re.search(r"(\d+:\d+:\d+)(?:\.(\d*))?\s*(Z|[-+]\d+(:\d\d)?)?", time_part)
    hh, mi, ss = (int(x) for x in md.group(1).split(":"))
    frac = md.group(2) or ""
    us = int((frac[:6]).ljust(6, "0"))
    # Time.utc's argument checks; day 29..31 and second 60 roll over, like Ruby.
    if not (1 <= mo <= 12 and 1 <= dd <= 31 and 0 <= hh <= 24 and 0 <= mi <= 59 and 0 <= ss <= 60):
        raise ValueError("argument out of range")
    if hh == 24 and (mi or ss or us):
        raise ValueError("argument out of range")
    if yy < 1:
        raise ValueError("year out of Python's range")
    naive = datetime(yy, mo, 1) + timedelta(days=dd - 1, hours=hh, minutes=mi, seconds=ss, microseconds=us)
    zone = md.group(3)
    if zone == "Z":
        return naive.replace(tzinfo=timezone.utc)
    if zone is None:
        # Time.at(instant): the UTC reading, shown in the local zone.
        local = naive.replace(tzinfo=timezone.utc).astimezone()
        return local.replace(tzinfo=_offset_zone(int(local.utcoffset().total_seconds())))
    zm = re.match(r"^([+\-]?\d{1,2}):?(\d{1,2})?$", zone)
    if zm is None:
        raise _Error(f"undefined method `[]' for nil (timestamp {text!r})")
    hours = int(zm.group(1))
    offset = hours * 3600
    minutes = int(zm.group(2) or 0)
    offset = offset - minutes * 60 if offset < 0 else offset + minutes * 60  # "-0:30" is +00:30
    if not -86400 < offset < 86400:
        raise ValueError("utc_offset out of range")
    return naive.replace(tzinfo=_offset_zone(offset))


# --------------------------------------------------------------------------------------------
# ruamel.yaml plumbing: record how each node was written; keep aliases visible
# --------------------------------------------------------------------------------------------
class _Alias:
    """An alias in the tree: Psych merges `<<: *seq` differently from `<<: [..]`."""

    __slots__ = ("node",)

    def __init__(self, node: Any) -> None:
        self.node = node


class _PsychResolver(BaseResolver):
    """Resolves nothing: it only marks untagged scalars as plain (tokenize) or quoted (string)."""

    _plain = Tag(suffix=_PLAIN)
    _quoted = Tag(suffix=_QUOTED)
    _seq = Tag(suffix=_SEQ)
    _map = Tag(suffix=_MAP)

    def __init__(self, version: Any = None, loader: Any = None, loadumper: Any = None) -> None:
        super().__init__(loadumper if loadumper is not None else loader)

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is ScalarNode:
            return self._plain if implicit[0] else self._quoted
        return self._seq if kind is SequenceNode else self._map

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

    @property
    def processing_version(self) -> Any:
        return (1, 1)


class _PsychComposer(Composer):
    """Anchors may be redefined silently (libyaml does); aliases stay marked."""

    def __init__(self, loader: Any = None) -> None:
        super().__init__(loader)
        self.warn_double_anchors = False

    def return_alias(self, a: Any) -> Any:
        return _Alias(a)


class _Builder:
    """`Psych::Visitors::ToRuby` under safe_load: ruamel nodes -> Python values."""

    def __init__(self) -> None:
        self.seen: dict[int, Any] = {}

    def build(self, node: Any) -> Any:
        if isinstance(node, _Alias):
            node = node.node
            key = id(node)
            if key in self.seen:
                return self.seen[key]
        if isinstance(node, ScalarNode):
            value = self.scalar(node)
            self.seen[id(node)] = value
            return value
        if isinstance(node, SequenceNode):
            return self.sequence(node)
        return self.mapping(node)

    def scalar(self, node: ScalarNode) -> Any:
        tag = str(node.tag)
        text = node.value
        try:
            if tag == _QUOTED:
                return text
            if tag == _PLAIN:
                return tokenize(text)
            if tag in _STR_TAGS:
                return text
            if tag in _BINARY_TAGS:
                cleaned = re.sub(r"[^A-Za-z0-9+/]", "", text)
                raw = base64.b64decode(cleaned + "=" * (-len(cleaned) % 4))
                return raw.decode("utf-8", "surrogateescape")
            if tag in _FLOAT_TAGS:
                return _ruby_float(tokenize(text))
            if tag.startswith("!str:") or tag.startswith("!ruby/string:"):
                raise _Error(f"Tried to load unspecified class: {tag.split(':', 1)[1]}")
            if re.match(r"^!ruby/sym(bol)?", tag):
                raise _Error("Tried to load unspecified class: Symbol")
            # Psych's ToRuby#deserialize revives only these Ruby tags on a scalar (refused by
            # safe_load); any other `!ruby/...` scalar (`!ruby/object:Foo x`) is plain text.
            cls = _SCALAR_RUBY_TAGS.get(tag) or (text if tag in ("!ruby/class", "!ruby/module") else None)
            if cls:
                raise _Error(f"Tried to load unspecified class: {cls}")
            return tokenize(text)  # !!int, !!bool, !!null, !!timestamp, "!foo", "!ruby/object:Foo" ...
        except _Error as exc:
            exc.node = exc.node or node
            raise

    def sequence(self, node: SequenceNode) -> Any:
        tag = str(node.tag)
        if tag in _OMAP_TAGS:
            result: dict = {}
            self.seen[id(node)] = result
            for item in node.value:
                pairs = item.node.value if isinstance(item, _Alias) else item.value
                if isinstance(item, _Alias):
                    item = item.node
                if not isinstance(item, MappingNode) or not pairs:
                    raise _Error("invalid !!omap entry", item)
                result[_hashable(self.build(pairs[0][0]))] = self.build(pairs[-1][1])
            return result
        if tag.startswith("!seq:") or tag.startswith("!ruby/"):
            raise _Error(f"Tried to load unspecified class: {_ruby_tag_class(tag)}", node)
        result_list: list = []
        self.seen[id(node)] = result_list
        for item in node.value:
            result_list.append(self.build(item))
        return result_list

    def mapping(self, node: MappingNode) -> Any:
        tag = str(node.tag)
        if tag in _SET_TAGS:
            raise _Error("Tried to load unspecified class: Psych::Set", node)
        if tag in _OMAP_TAGS:
            raise _Error("Tried to load unspecified class: Psych::Omap", node)
        if tag.startswith("!ruby/") and tag not in ("!ruby/object:Hash", "!ruby/hash-with-ivars"):
            raise _Error(f"Tried to load unspecified class: {_ruby_tag_class(tag)}", node)
        if tag.startswith("!map:") or tag.startswith("!str"):
            raise _Error(f"Tried to load unspecified class: {_ruby_tag_class(tag)}", node)
        result: dict = {}
        self.seen[id(node)] = result
        for key_node, value_node in node.value:
            key = self.build(key_node)
            value = self.build(value_node)
            raw_key = key_node.node if isinstance(key_node, _Alias) else key_node
            if key == "<<" and isinstance(key, str) and str(raw_key.tag) != "tag:yaml.org,2002:str":
                self._merge(result, value, value_node)
            else:
                result[_hashable(key)] = value
        return result

    @staticmethod
    def _merge(result: dict, value: Any, value_node: Any) -> None:
        """`revive_hash`'s `<<`: Hash#merge! (later wins); on TypeError keep `"<<"` as a key."""
        if isinstance(value_node, _Alias) or isinstance(value_node, MappingNode):
            if isinstance(value, dict):
                result.update(value)
            else:
                result["<<"] = value
        elif isinstance(value_node, SequenceNode):
            if all(isinstance(v, dict) for v in value):
                merged: dict = {}
                for v in reversed(value):
                    merged.update(v)
                result.update(merged)
            else:
                result["<<"] = value
        else:
            result["<<"] = value


_SCALAR_RUBY_TAGS = {"!ruby/object:DateTime": "DateTime", "!ruby/object:Complex": "Complex",
                     "!ruby/object:Rational": "Rational", "!ruby/regexp": "Regexp", "!ruby/range": "Range"}


def _ruby_tag_class(tag: str) -> str:
    if ":" in tag and not tag.startswith("tag:"):
        name = tag.split(":", 1)[1]
        if name:
            return name
    return {"!ruby/regexp": "Regexp", "!ruby/range": "Range", "!ruby/struct": "Struct",
            "!ruby/object": "Object", "!ruby/encoding": "Encoding",
            "!ruby/class": "Class", "!ruby/module": "Module"}.get(tag, tag)


def _hashable(key: Any) -> Any:
    """Ruby allows arrays and hashes as keys; Python needs them frozen (tuples)."""
    if isinstance(key, list):
        return tuple(_hashable(k) for k in key)
    if isinstance(key, dict):
        return tuple((_hashable(k), _hashable(v)) for k, v in key.items())
    return key


# --------------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------------
_local = threading.local()


def _yaml() -> YAML:
    """One configured ruamel YAML object per thread (they are not thread-safe; cheap to reuse)."""
    y = getattr(_local, "yaml", None)
    if y is None:
        y = YAML(typ="safe", pure=True)
        y.Resolver = _PsychResolver
        y.Composer = _PsychComposer
        y.allow_duplicate_keys = True
        _local.yaml = y
    return y


class _CEventLoader:
    """The attributes ruamel's Composer reads from its loader, with libyaml's C parser as the
    event source: only scanning and parsing move to C; composing and Psych's rules stay ours."""

    max_depth = None
    comment_handling = None

    def __init__(self, text: str) -> None:
        self._parser = _CParser(text)
        self._resolver = _PsychResolver()
        self._composer = None
        self.composer = _PsychComposer(self)


def _load_with_c(text: str) -> Any:
    """The first document of `text` via libyaml; raises on anything unusual (the caller then
    takes the pure-Python path, which owns every error message)."""
    loader = _CEventLoader(text)
    try:
        composer = loader.composer
        composer.parser.get_event()  # StreamStart
        if composer.parser.check_event(StreamEndEvent):
            return None
        node = composer.compose_document()
        return None if node is None else _Builder().build(node)
    finally:
        loader._parser.dispose()


def load(text: str, path: str | None = None) -> Any:
    """Parse `text` as Jekyll's `Psych.safe_load` would; None for an empty stream.

    Errors are `jekyllpy.errors.YAMLError` with 1-based line/column within `text`.
    """
    if _CParser is not None:
        try:
            return _load_with_c(text)
        except Exception:  # noqa: BLE001 - re-parsed below for the located error
            pass
    return _load_pure(text, path)


def _load_pure(text: str, path: str | None, deep: bool = False) -> Any:
    y = _yaml()
    try:
        stream = y.compose_all(text)
        try:
            node = next(stream, None)
        finally:
            stream.close()
            y.doc_infos.clear()  # compose_all appends one per call; keep memory flat
        if node is None:
            return None
        return _Builder().build(node)
    except _Error as exc:
        node = exc.node.node if isinstance(exc.node, _Alias) else exc.node
        line = col = None
        if node is not None and getattr(node, "start_mark", None) is not None:
            line, col = node.start_mark.line + 1, node.start_mark.column + 1
        raise _located(exc.message, path, text, line, col) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = exc.problem or "invalid YAML"
        if exc.context:
            message += f" {exc.context}"
            if exc.context_mark is not None and exc.problem_mark is not None and (
                exc.context_mark.line != exc.problem_mark.line
            ):
                message += f" at line {exc.context_mark.line + 1} column {exc.context_mark.column + 1}"
        line = mark.line + 1 if mark is not None else None
        col = mark.column + 1 if mark is not None else None
        raise _located(_tidy(message), path, text, line, col) from None
    except ReaderError as exc:
        pos = max(exc.position, 0)
        before = text[:pos]
        line = before.count("\n") + 1
        col = pos - (before.rfind("\n") + 1) + 1
        if isinstance(exc.character, int):
            what = f"#x{exc.character:04x}"
        else:
            what = repr(exc.character)
        code = exc.character if isinstance(exc.character, int) else (
            ord(exc.character) if isinstance(exc.character, str) and len(exc.character) == 1 else 0)
        if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (read with surrogateescape)
            raise _located(f"invalid byte sequence in UTF-8 (byte 0x{code - 0xDC00:02x})", path, text, line,
                           col) from None
        raise _located(f"control characters are not allowed ({what})", path, text, line, col) from None
    except _RuamelError as exc:
        raise _located(_tidy(str(exc)), path, text, None, None) from None
    except RecursionError:
        if deep:
            raise
        try:  # Psych on Ruby's stack reads hundreds of levels: so do we
            return run_with_deep_stack(_load_pure, text, path, True)
        except RecursionError:
            raise _located("YAML nesting is too deep", path, text, None, None) from None


def _tidy(message: str) -> str:
    return " ".join(message.split())


def _located(message: str, path: str | None, text: str, line: int | None, col: int | None) -> YAMLError:
    source_line = None
    if line is not None:
        lines = text.splitlines()
        if 1 <= line <= len(lines):
            source_line = lines[line - 1]
    return YAMLError(message, path, line, col, source_line=source_line)
