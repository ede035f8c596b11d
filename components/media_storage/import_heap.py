"""Keep Python's cyclic garbage collector off objects that live until the program exits.

A provider SDK (`pulumi_aws`, `pulumi_azure_native`, ...) builds hundreds of thousands of
objects on import (modules, classes, functions), and each environment a component builds
leaves thousands more (resources, their outputs, the registrations in flight). All of them
live until the program exits, or until the engine answers the registration that holds them.
The cyclic collector finds no garbage among them, but walks all of them on every full pass,
and a program that composes many environments triggers many passes, each longer than the
last: most of the cost that a program built with these components has over a hand-written
one (see docs/benchmarks.md).

`gc.freeze()` moves every object tracked now into a permanent generation the collector skips.
It changes no program's behaviour: frozen objects are still freed when nothing refers to them
any more; only a reference cycle among them is never collected. So each freeze comes where
there is no cyclic garbage to keep: right after the imports at the top of a program (each cloud
package freezes once, when it is first imported), and after each environment, once a
collection has freed what building it left behind (it walks only what is not frozen yet: about
one environment). Within one program nothing an environment registered becomes garbage: the
stack holds its resources until the program exits. A process that runs several programs, each
with a resource monitor of its own (unit tests calling `pulumi.runtime.set_mocks` for each),
gives what the earlier ones froze back to the collector when the next one builds its first
environment. It is safe under the real engine, where the language host runs the program in a
short-lived process just as the mock runner does.
"""

from __future__ import annotations

import gc
import weakref

from pulumi.runtime.settings import get_monitor

# The resource monitor of the program whose environments are frozen: one per program.
_frozen_program: weakref.ref | None = None


def freeze_imported_objects() -> None:
    """Move every object the collector tracks now out of its way (see the module docstring)."""
    gc.freeze()


def freeze_environment() -> None:
    """After a component built one environment: free its cyclic garbage, freeze the rest."""
    global _frozen_program  # noqa: PLW0603 -- one program per process, tracked across components
    monitor = get_monitor()
    if _frozen_program is not None and _frozen_program() is not monitor:
        gc.unfreeze()  # an earlier program's objects: garbage now, for the collector to find
    gc.collect()
    gc.freeze()
    try:
        _frozen_program = weakref.ref(monitor)
    except TypeError:  # no monitor, or one without weak references: nothing to tell programs apart by
        _frozen_program = None
