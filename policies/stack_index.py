"""The resources of one stack validation, indexed once: by type, by name and by what they configure.

A stack policy asks, for every bucket or account, which resources configure it (its policy,
access block, lifecycle, ...), and, for every attachment or membership, which principals it
names. Asked of the plain list of resources, each question is a scan, and the scans nest:
the time grew with the cube of the program's size. Here each answer comes from a dictionary
built on first use, so a policy's cost is linear in the number of resources, offline and in
the pack that `pulumi preview` runs alike.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from typing import Any

from .resources import UNKNOWN, as_list, prop


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:  # a list or an object
        return False
    return True


class Candidates:
    """The resources another resource may name through one of its inputs (a bucket through
    `bucket`, a user through `user`): known by identity, by position and by their name input."""

    def __init__(self, resources: Sequence[Any], name_key: str) -> None:
        """`resources`: the candidates, in registration order; `name_key`: the input that names
        each one (`bucket`, `accountName`, `name`, ...)."""
        self.resources = list(resources)
        self._position = {id(resource): i for i, resource in enumerate(self.resources)}
        self._names = [prop(resource.props, name_key) for resource in self.resources]
        self._first_named: dict[Any, Any] = {}
        self._all_named: dict[str, list[Any]] = {}
        for resource, name in zip(self.resources, self._names, strict=True):
            if _hashable(name):
                self._first_named.setdefault(name, resource)
            if isinstance(name, str):
                self._all_named.setdefault(name, []).append(resource)

    def __contains__(self, resource: Any) -> bool:
        return id(resource) in self._position

    def name_of(self, resource: Any) -> Any:
        """The name input of a candidate (`UNKNOWN` in a preview, None if absent)."""
        return self._names[self._position[id(resource)]]

    def first_named(self, value: Any) -> Any | None:
        """The first candidate whose name input equals `value`."""
        if _hashable(value):
            # A list or an object never equals a hashable value: those names are left out.
            return self._first_named.get(value)
        return next((r for r, name in zip(self.resources, self._names, strict=True) if name == value), None)

    def all_named(self, names: set[str]) -> list[Any]:
        """The candidates whose name input is one of `names`, in registration order."""
        found = {id(r): r for name in names for r in self._all_named.get(name, ())}
        return sorted(found.values(), key=lambda r: self._position[id(r)])


def linked(resource: Any, key: str, candidates: Candidates) -> Any | None:
    """The candidate `resource` refers to through its `key` input.

    By value when the value is known (the input equals the candidate's name input, as with
    `bucket=bucket.id` or a literal name); by dependency when it is not known yet (a preview),
    or when the candidate it was computed from has no known name. A dependency never
    overrides a known value that names something else.
    """
    dependencies = [d for d in resource.property_dependencies.get(key, []) if d in candidates]
    value = prop(resource.props, key)
    if value is UNKNOWN or value is None:
        return dependencies[0] if dependencies else None
    found = candidates.first_named(value)
    if found is not None:
        return found
    return next((d for d in dependencies if not isinstance(candidates.name_of(d), str)), None)


def linked_all(resource: Any, key: str, candidates: Candidates) -> list[Any]:
    """The candidates `resource` names in its `key` input (one name or a list).

    By dependency and by name both, so when they disagree both count: for finding who holds
    a grant, naming one principal too many is the safe mistake.
    """
    found = [c for c in resource.property_dependencies.get(key, []) if c in candidates]
    values = prop(resource.props, key)
    if values is not UNKNOWN:
        named = {v for v in as_list(values) if isinstance(v, str)}
        seen = {id(c) for c in found}
        found += [c for c in candidates.all_named(named) if id(c) not in seen]
    return found


class StackIndex:
    """One stack validation's resources with every lookup a policy makes, each built once."""

    def __init__(self, resources: Sequence[Any]) -> None:
        """`resources`: the stack's resources (`StackValidationArgs.resources`)."""
        self.resources = resources
        self._of_types: dict[tuple[str, ...], list[Any]] = {}
        self._candidates: dict[tuple[tuple[str, ...], str], Candidates] = {}
        self._attached: dict[tuple[Any, ...], dict[int, list[Any]]] = {}
        self._derived: dict[str, Any] = {}

    def derived(self, key: str, compute: Any) -> Any:
        """`compute()`, computed once per validation under `key` (a whole-stack fact such as the
        program's own accounts, which several policies ask for)."""
        if key not in self._derived:
            self._derived[key] = compute()
        return self._derived[key]

    def of_types(self, *types: str) -> list[Any]:
        """The resources whose type is one of `types`, in registration order."""
        if types not in self._of_types:
            self._of_types[types] = [r for r in self.resources if r.resource_type in types]
        return self._of_types[types]

    def candidates(self, types: Sequence[str], name_key: str) -> Candidates:
        """The resources of `types` as candidates named by their `name_key` input."""
        cache_key = (tuple(types), name_key)
        if cache_key not in self._candidates:
            self._candidates[cache_key] = Candidates(self.of_types(*types), name_key)
        return self._candidates[cache_key]

    def linked(self, resource: Any, key: str, types: Sequence[str], name_key: str) -> Any | None:
        """The resource of `types` that `resource` names through `key` (see `linked`)."""
        return linked(resource, key, self.candidates(types, name_key))

    def attached(
        self, target: Any, types: Sequence[str], key: str, target_types: Sequence[str], name_key: str
    ) -> list[Any]:
        """The resources of `types` that name `target` (of `target_types`, named by its
        `name_key` input) through their `key` input: a bucket's policies, an account's
        blob service, ..."""
        cache_key = (tuple(types), key, tuple(target_types), name_key)
        if cache_key not in self._attached:
            candidates = self.candidates(target_types, name_key)
            groups: dict[int, list[Any]] = {}
            for resource in self.of_types(*types):
                found = linked(resource, key, candidates)
                if found is not None:
                    groups.setdefault(id(found), []).append(resource)
            self._attached[cache_key] = groups
        return self._attached[cache_key].get(id(target), [])


_INDEXES: weakref.WeakKeyDictionary[Any, StackIndex] = weakref.WeakKeyDictionary()


def stack_index(args: Any) -> StackIndex:
    """The index of `args.resources` (`StackValidationArgs`), built on the first call for
    these arguments and shared by every later call during the same validation."""
    index = _INDEXES.get(args)
    if index is None or index.resources is not args.resources:
        index = _INDEXES[args] = StackIndex(args.resources)
    return index
