"""kramdown's tables: any line with an unescaped `|` at a block start is a table row.

GFM (and mistune's table plugin) need a header separator line; kramdown does not, so
`Title | Site` — e.g. an academicpages `<title>` run through `markdownify` — is a one-row
table there. This block rule replaces mistune's table rules (it runs before them): rows
before a separator line form the header, the separator gives the alignments, and a table
never interrupts a paragraph (kramdown's tables start a block).
"""
from __future__ import annotations

import re

# at a block start: the previous line is empty (or this is the first line)
PATTERN = r"(?<![^\n])(?<![^\n]\n)(?: {0,3}(?=\S)(?:\\\||[^|\n])*\|[^\n]*(?:\n|$))+"
_SEPARATOR = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:[|+]\s*:?-+:?\s*)*\|?\s*$")


def _cells(line: str) -> list[str]:
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    cells, start, i = [], 0, 0
    while i < len(text):
        if text[i] == "|" and (i == 0 or text[i - 1] != "\\"):
            cells.append(text[start:i].strip())
            start = i + 1
        i += 1
    cells.append(text[start:].strip())
    return cells


def _align(cell: str) -> str | None:
    cell = cell.strip()
    if cell.startswith(":") and cell.endswith(":"):
        return "center"
    if cell.endswith(":"):
        return "right"
    if cell.startswith(":"):
        return "left"
    return None


def _row(cells: list[str], head: bool, aligns: list) -> dict:
    return {"type": "table_row", "children": [
        {"type": "table_cell", "text": cell, "attrs": {"align": aligns[i] if i < len(aligns) else None, "head": head}}
        for i, cell in enumerate(cells)]}


def parse_kramdown_table(block, m: re.Match, state) -> int:
    lines = [line for line in m.group(0).split("\n") if line.strip()]
    head_cells: list[list[str]] = []
    body_cells: list[list[str]] = []
    aligns: list = []
    for line in lines:
        if _SEPARATOR.match(line):
            if not head_cells and body_cells:
                head_cells, body_cells = body_cells, []
                aligns = [_align(c) for c in _cells(line)]
            continue
        body_cells.append(_cells(line))
    children = []
    if head_cells:
        children.append({"type": "table_head", "children": _row(head_cells[0], True, aligns)["children"]})
    children.append({"type": "table_body", "children": [_row(c, False, aligns) for c in body_cells]})
    state.append_token({"type": "table", "children": children})
    return m.end()


def install(md) -> None:
    md.block.register("kramdown_table", PATTERN, parse_kramdown_table, before="table")
