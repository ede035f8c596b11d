"""Keep Python's cyclic garbage collector off the provider SDK once it is imported.

A provider SDK (`pulumi_aws`, `pulumi_azure_native`, ...) builds hundreds of thousands of
objects on import (modules, classes, functions) that live until the program exits. The cyclic
collector finds no garbage among them, but walks all of them on every full pass, and a program
that composes many environments triggers many passes: most of the cost that a program built
with these components has over a hand-written one (see docs/benchmarks.md).

`gc.freeze()` moves every object tracked now into a permanent generation the collector skips.
It changes no program's behaviour: frozen objects stay alive, as they would anyway. It is safe
under the real engine, where the language host runs the program in a short-lived process just
as the mock runner does. Its one cost: cyclic garbage still pending at the moment of the freeze
is never freed. Right after the imports at the top of a program there is next to none, which is
why each cloud package freezes once, when it is first imported.
"""

from __future__ import annotations

import gc


def freeze_imported_objects() -> None:
    """Move every object the collector tracks now out of its way (see the module docstring)."""
    gc.freeze()
