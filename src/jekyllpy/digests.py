"""The hash constructors a build uses, without importing hashlib.

Importing hashlib loads OpenSSL (`_hashlib`, ~2 ms), though hashlib's `blake2b` is always
CPython's own `_blake2.blake2b`, and `_sha256`/`_sha2` compute the same SHA-256 digests as
OpenSSL. A Python built without these modules gets hashlib's.
"""
from __future__ import annotations

try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover
    from hashlib import blake2b

try:
    from _sha256 import sha256  # Python 3.11
except ImportError:  # pragma: no cover
    try:
        from _sha2 import sha256  # Python 3.12+
    except ImportError:
        from hashlib import sha256

__all__ = ["blake2b", "sha256"]
