"""Times as Jekyll sees them: every document date is a Ruby `Time` in the site's zone.

Jekyll sets `ENV["TZ"]` from `timezone:` and calls `Time.parse(str).localtime`, so dates
from file names, front matter (YAML dates and times) and defaults all end up as aware
times in that zone. `SOURCE_DATE_EPOCH` pins "now" so builds are reproducible.
"""
from __future__ import annotations

import os
import re
import time
from datetime import date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from jekyllpy.errors import JekyllpyError


class LocalZone(tzinfo):
    """The process's local zone (TZ or /etc/localtime), via the C library, DST-aware."""

    def utcoffset(self, dt):
        return timedelta(seconds=self._offset(dt))

    def dst(self, dt):
        return timedelta(0)

    def tzname(self, dt):
        return time.strftime("%Z", self._struct(dt))

    def _struct(self, dt):
        stamp = time.mktime((dt.year, dt.month, dt.day, dt.hour, dt.minute, dt.second, 0, 0, -1))
        return time.localtime(stamp)

    def _offset(self, dt):
        return self._struct(dt).tm_gmtoff


def site_zone(timezone_name: str | None) -> tzinfo:
    """The zone for `timezone:` (IANA name), else TZ from the environment, else local."""
    for name in (timezone_name, os.environ.get("TZ")):
        if name:
            try:
                return ZoneInfo(name.lstrip(":"))
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return LocalZone()


def now(zone: tzinfo) -> datetime:
    """Build time: SOURCE_DATE_EPOCH when set (reproducible builds), else the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).astimezone(zone)
    return datetime.now(zone).replace(microsecond=0)


_DATE_RE = re.compile(
    r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?"
    r"\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2}|[+-]\d{1,2})?\s*$",
    re.I,
)


def parse_date(value, zone: tzinfo, message: str = "Input could not be parsed.", path=None) -> datetime:
    """Ruby `Time.parse(value.to_s).localtime` for the forms sites actually use."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=zone)
        return value.astimezone(zone)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=zone)
    text = str(value)
    m = _DATE_RE.match(text)
    if not m:
        raise JekyllpyError(f"Invalid date '{text}': {message}", path)
    y, mo, d, hh, mm, ss, frac, off = m.groups()
    try:
        # Ruby's Time.local takes a day up to 31, hour 24 (at :00:00) and second 60, and
        # rolls them over: `2020-02-30-post.md` is dated March 1st in Jekyll.
        yi, moi, di, hi, mi, si = int(y), int(mo), int(d), int(hh or 0), int(mm or 0), int(ss or 0)
        if not (1 <= moi <= 12 and 1 <= di <= 31 and hi <= 24 and mi <= 59 and si <= 60) or (
                hi == 24 and (mi or si)):
            raise ValueError("argument out of range")
        base = datetime(yi, moi, 1) + timedelta(days=di - 1, hours=hi, minutes=mi, seconds=si)
        if frac:
            base = base.replace(microsecond=int((frac + "000000")[:6]))
    except ValueError as exc:
        raise JekyllpyError(f"Invalid date '{text}': {message}", path) from exc
    if off is None:
        return base.replace(tzinfo=zone).astimezone(zone)
    return base.replace(tzinfo=parse_offset(off)).astimezone(zone)


def parse_offset(off: str) -> tzinfo:
    off = off.upper()
    if off in ("Z", "UTC", "GMT"):
        return timezone.utc
    sign = -1 if off[0] == "-" else 1
    digits = off[1:].replace(":", "")
    if len(digits) <= 2:
        hours, minutes = int(digits), 0
    else:
        hours, minutes = int(digits[:-2]), int(digits[-2:])
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def ruby_time_str(value: datetime) -> str:
    """Ruby's Time#to_s: `2026-01-01 00:00:00 +0000`."""
    return value.strftime("%Y-%m-%d %H:%M:%S %z")
