"""CSV/TSV data files as Jekyll reads them: Ruby's `CSV.read(path, headers: true)`.

Python's `csv` module is lenient where Ruby's CSV is strict, and it cannot tell an empty
quoted field from an empty unquoted one, so data files would differ from Jekyll's (and bad
files would build silently where Jekyll stops). Ruby's rules, checked against Ruby 3.1's
csv gem:

* the row separator is the first `\\r\\n`, `\\n` or `\\r` in the file (auto-detection, which
  does not look at quotes); a final separator does not start another row;
* an empty unquoted field is nil, an empty quoted field (`""`) is the empty string; a blank
  line is a row with no fields;
* a quote inside an unquoted field is "Illegal quoting", anything but a separator after a
  closing quote is "Any value after quoted field isn't allowed", a stray line break of
  another kind in an unquoted field is not allowed, and an open quote at the end of the file
  is "Unclosed quoted field": all errors (Ruby's MalformedCSVError);
* with headers, each row becomes a hash (`CSV::Row#to_hash`): fields beyond the headers get
  the nil header, missing fields are nil, and of two equal headers the first one wins;
* the text is read as UTF-8 without dropping a byte order mark (it stays in the first
  header, as in Jekyll).

Errors are located at the file's own line and column (Ruby counts rows, not lines).
"""
from __future__ import annotations

import re
from typing import Any

from jekyllpy.errors import JekyllpyError


class CSVError(JekyllpyError):
    """A malformed CSV/TSV data file (Ruby's CSV::MalformedCSVError)."""


def _row_separator(text: str) -> str:
    for i, ch in enumerate(text):
        if ch == "\n":
            return "\n"
        if ch == "\r":
            return "\r\n" if text.startswith("\n", i + 1) else "\r"
    return "\n"


def parse_rows(text: str, col_sep: str = ",", path: str | None = None) -> list[list[str | None]]:
    """The rows of `text` as lists of fields (None for empty unquoted fields)."""
    sep = _row_separator(text)
    plain = re.compile(f'[^"\r\n{re.escape(col_sep)}]*')
    rows: list[list[str | None]] = []
    n = len(text)
    i = 0

    def fail(message: str, at: int) -> CSVError:
        line = text.count("\n", 0, at) + (text.count("\r", 0, at) if sep == "\r" else 0) + 1
        start = max(text.rfind("\n", 0, at), text.rfind("\r", 0, at) if sep == "\r" else -1) + 1
        end = min((k for k in (text.find("\n", at), text.find("\r", at)) if k >= 0), default=n)
        return CSVError(f"CSV: {message}", path, line, at - start + 1, source_line=text[start:end])

    while i < n:
        row: list[str | None] = []
        if text.startswith(sep, i):  # a blank line: a row without fields
            rows.append(row)
            i += len(sep)
            continue
        while True:
            if i < n and text[i] == '"':  # quoted field
                opened = i
                i += 1
                parts = []
                while True:
                    q = text.find('"', i)
                    if q < 0:
                        raise fail("Unclosed quoted field", opened)
                    parts.append(text[i:q])
                    if text.startswith('"', q + 1):
                        parts.append('"')
                        i = q + 2
                        continue
                    i = q + 1
                    break
                row.append("".join(parts))
                if i < n and not text.startswith(col_sep, i) and not text.startswith(sep, i):
                    raise fail("Any value after quoted field isn't allowed", i)
            else:
                start = i
                i = plain.match(text, i).end()  # the run of ordinary characters, at C speed
                while i < n and text[i] != col_sep and not text.startswith(sep, i):
                    ch = text[i]
                    if ch == '"':
                        raise fail("Illegal quoting", i)
                    if ch in "\r\n":
                        shown = "\\r\\n" if text.startswith("\r\n", i) else ("\\r" if ch == "\r" else "\\n")
                        if i == start:
                            expected = sep.replace("\r", "\\r").replace("\n", "\\n")
                            raise fail(f'New line must be <"{expected}"> not <"{shown}">', i)
                        raise fail(f'Unquoted fields do not allow new line <"{shown}">', i)
                    i += 1
                row.append(text[start:i] if i > start else None)
            if i < n and text.startswith(col_sep, i):
                i += len(col_sep)
                continue
            break
        rows.append(row)
        if text.startswith(sep, i):
            i += len(sep)
    return rows


def to_hashes(rows: list[list[str | None]]) -> list[dict]:
    """`CSV::Row#to_hash` for every row after the header row."""
    if not rows:
        return []
    headers = rows[0]
    out = []
    for fields in rows[1:]:
        if len(headers) >= len(fields):
            pairs = [(h, fields[k] if k < len(fields) else None) for k, h in enumerate(headers)]
        else:
            pairs = [(headers[k] if k < len(headers) else None, f) for k, f in enumerate(fields)]
        row: dict = {}
        for key, value in pairs:
            if key not in row:
                row[key] = value
        out.append(row)
    return out


def load(text: str, col_sep: str = ",", path: str | None = None, headers: bool = True) -> list:
    """A CSV (col_sep ",") or TSV (col_sep "\\t") data file's value in `site.data`."""
    from jekyllpy.frontmatter import invalid_utf8

    bad = invalid_utf8(text, path)
    if bad is not None:
        raise CSVError(f"CSV: {bad.message}", path, bad.line, bad.column, source_line=bad.source_line)
    rows = parse_rows(text, col_sep, path)
    return to_hashes(rows) if headers else rows
