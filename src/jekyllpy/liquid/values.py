"""How Ruby Liquid prints values: nil → "", arrays joined, Time as `YYYY-mm-dd HH:MM:SS +zzzz`."""
from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any


def ruby_float(value: float) -> str:
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    text = repr(value)
    if "e" in text or "E" in text:
        mantissa, exp = text.lower().split("e")
        if "." not in mantissa:
            mantissa += ".0"
        sign = "-" if exp.startswith("-") else "+"
        return f"{mantissa}e{sign}{exp.lstrip('+-').zfill(2)}"
    return text  # Python and Ruby both switch to exponents at 1e16 and below 1e-4


def to_liquid_string(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, float):
        return ruby_float(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S %z")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "".join(to_liquid_string(v) for v in value)
    if isinstance(value, range):
        return f"{value.start}..{value.stop - 1}"
    if isinstance(value, Mapping) and type(value).__str__ is object.__str__ or isinstance(value, dict):
        return ruby_inspect(value)
    return str(value)


def ruby_inspect(value: Any) -> str:
    """Ruby's #inspect, used when a Hash is printed."""
    if value is None:
        return "nil"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
        return f'"{escaped}"'
    if isinstance(value, float):
        return ruby_float(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S %z")
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{ruby_inspect(k)}=>{ruby_inspect(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(ruby_inspect(v) for v in value) + "]"
    return str(value)


def to_ruby_s(value: Any) -> str:
    """Ruby's `#to_s` (not Liquid's output rules): arrays and hashes print as `#inspect`.

    Used where Ruby Liquid calls `to_s` itself, e.g. `"abc" contains x` tests `x.to_s`.
    """
    if isinstance(value, (list, tuple, Mapping)) and not isinstance(value, str):
        if isinstance(value, Mapping) and type(value).__str__ is not object.__str__ and not isinstance(value, dict):
            return str(value)
        return ruby_inspect(value)
    return to_liquid_string(value)
