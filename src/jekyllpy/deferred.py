"""python-liquid imported without the modules it imports for features jekyllpy never uses.

python-liquid's file-system and package loaders `import asyncio` at module level, for their
async `get_source` variants, and its package loader `import importlib_resources`; jekyllpy
renders synchronously from files, yet importing `liquid` costs both (~20 ms of a ~0.4 s
build of a small site). `import_liquid()` imports liquid while `sys.modules` holds stand-ins
for them: liquid's `import asyncio` binds the stand-in, which imports the real asyncio the
first time liquid reads an attribute of it, and hands every read on. Once liquid is imported the stand-in leaves `sys.modules`, so everything
else (`jekyllpy serve`, aiohttp) imports and uses the real asyncio as usual.

Why not importlib.util.LazyLoader (the "Implementing lazy imports" recipe) for the whole
process: its module loads on *any* attribute read, and the `import` statement itself reads
`__spec__`, so liquid's `import asyncio` would load it anyway; and a package it defers runs
twice when one of its submodules is imported first. A stand-in only present while liquid
imports has neither problem: it never runs asyncio's code itself, and a submodule import
through it (`import asyncio.events` while liquid imports, which liquid 2 does not do) fails
loudly instead of loading a module twice.
"""
from __future__ import annotations

import contextlib
import importlib
import sys
import types

# Modules python-liquid imports with a plain `import name` and uses only at call time, in
# code jekyllpy never calls (`from name import x` would read an attribute at once).
LIQUID_UNUSED = ("asyncio", "importlib_resources")


class _StandIn(types.ModuleType):
    """`import name` binds this; reading an attribute imports the real module and reads it
    there (ModuleType calls `__getattr__` only for attributes it does not have)."""

    def __getattr__(self, attr: str):
        if attr == "__path__":  # an import of a submodule: not through a stand-in
            raise AttributeError(attr)
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        return getattr(importlib.import_module(self.__name__), attr)


@contextlib.contextmanager
def standing_in(names: tuple[str, ...]):
    """Stand-ins for the `names` not imported yet, while the block runs."""
    added = {name: _StandIn(name) for name in names if name not in sys.modules}
    sys.modules.update(added)
    try:
        yield
    finally:
        for name, stand_in in added.items():
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]


def import_liquid() -> types.ModuleType:
    """The `liquid` package, imported (if it is not yet) without LIQUID_UNUSED."""
    if "liquid" not in sys.modules:
        with standing_in(LIQUID_UNUSED):
            importlib.import_module("liquid")
    return sys.modules["liquid"]
