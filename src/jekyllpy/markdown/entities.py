"""HTML entities as kramdown knows them (kramdown/utils/entities.rb).

kramdown's table is HTML 4's (Python's `html.entities.name2codepoint`) with `apos` and `vellip`
added and `lceil`/`rceil`, `lang`/`rang` swapped (a long-standing kramdown quirk that shows in
output). Numeric references 128-159 stand for their Windows-1252 characters. A name outside the
table is not an entity for kramdown: `&foo;` is written `&amp;foo;`.
"""
from __future__ import annotations

import html.entities as _he

NAMES: dict[str, int] = dict(_he.name2codepoint)
NAMES.update({"rceil": 8968, "lceil": 8969, "rang": 9001, "lang": 9002, "vellip": 8942, "apos": 39})

CP1252: dict[int, int] = {128: 8364, 130: 8218, 131: 402, 132: 8222, 133: 8230, 134: 8224, 135: 8225, 136: 710, 137: 8240, 138: 352, 139: 8249, 140: 338, 142: 381, 145: 8216, 146: 8217, 147: 8220, 148: 8221, 149: 8226, 150: 8211, 151: 8212, 152: 732, 153: 8482, 154: 353, 155: 8250, 156: 339, 158: 382, 159: 376}
