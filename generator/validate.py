"""Plain data (from load.py) to frozen dataclasses, driven by the dataclasses' own type hints.

Every problem is collected with its file, line and key path; nothing is raised here. Keys (ids) are
registered per namespace as they are met, references are kept to be resolved once all files are read.
"""
from __future__ import annotations

import dataclasses
import datetime
import functools
import types
import typing
from dataclasses import dataclass, field

from .errors import Problem, describe
from .load import KeyPath, Loaded, format_path
from .spec import Check, Key, Ref

INVALID = object()


@dataclass
class Place:
    file: str
    line: int
    path: str


@dataclass
class Registry:
    """Ids met so far (namespace -> id -> where) and references still to resolve."""

    keys: dict[str, dict[str, Place]] = field(default_factory=dict)
    refs: list[tuple[str, str, Place]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Namespaces whose defining file could not be read: references into them are not judged, so one
    # broken file does not bury its own message under a dangling reference from every other file.
    unknowable: set[str] = field(default_factory=set)

    def add_key(self, namespace: str, value: str, place: Place) -> None:
        known = self.keys.setdefault(namespace, {})
        if value in known:
            first = known[value]
            where = f"line {first.line}" if first.file == place.file else f"{first.file}:{first.line}"
            self.problems.append(
                Problem(place.file, place.line, place.path, f"a unique {namespace} id", f"{value!r} again (first at {where})")
            )
        else:
            known[value] = place

    def resolve_refs(self) -> None:
        for namespace, value, place in self.refs:
            if namespace in self.unknowable:
                continue
            known = self.keys.get(namespace, {})
            if value not in known:
                choices = ", ".join(sorted(known)) or "none defined"
                self.problems.append(
                    Problem(place.file, place.line, place.path, f"a known {namespace} id (one of {choices})", repr(value))
                )


class Validator:
    """Builds one file's dataclasses from its loaded data."""

    def __init__(self, loaded: Loaded, registry: Registry):
        self.loaded = loaded
        self.registry = registry

    def build(self, cls: type) -> object:
        """The file's dataclass, or INVALID; a file read only in part still has its parts checked."""
        if self.loaded.data is None:
            if not self.loaded.problems:
                self._problem((), f"a mapping with the keys {_key_list(cls)}", "an empty file")
            self.registry.unknowable |= key_namespaces(cls)
            return INVALID
        result = self.value(cls, self.loaded.data, ())
        return INVALID if self.loaded.problems else result

    def value(self, hint: object, data: object, path: KeyPath) -> object:
        hint, checks = split_annotated(hint)
        if (inner := optional_of(hint, checks)) is not None:
            return None if data is None else self.value(inner, data, path)
        origin = typing.get_origin(hint)
        if dataclasses.is_dataclass(hint):
            return self.record(hint, data, path)
        if origin is tuple:
            return self.sequence(typing.get_args(hint)[0], data, path, checks)
        if origin is typing.Literal:
            result = self.choice(typing.get_args(hint), data, path)
            if result is not INVALID:
                self.register(checks, result, path)
            return result
        return self.scalar(hint, data, path, checks)

    def record(self, cls: type, data: object, path: KeyPath) -> object:
        if not isinstance(data, dict):
            self._problem(path, f"a mapping with the keys {_key_list(cls)}", describe(data))
            return INVALID
        hints, fields = _shape(cls)
        for key in data:
            if key not in fields:
                self._problem((*path, key), f"one of the keys {_key_list(cls)}", f"the unknown key {key!r}", key_line=True)
        values, ok = {}, True
        for name, spec in fields.items():
            if name not in data:
                if spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING:
                    self._problem((*path, name), expected(hints[name]), "nothing (the key is missing)", at=path)
                    ok = False
                continue
            result = self.value(hints[name], data[name], (*path, name))
            ok = ok and result is not INVALID
            values[name] = result
        return cls(**values) if ok else INVALID

    def sequence(self, item_hint: object, data: object, path: KeyPath, checks: tuple) -> object:
        if not isinstance(data, list):
            self._problem(path, f"a list of {expected(item_hint, plural=True)}", describe(data))
            return INVALID
        if any(isinstance(c, NonEmpty) for c in checks) and not data:
            self._problem(path, f"a list of at least one of {expected(item_hint, plural=True)}", "an empty list")
            return INVALID
        items = [self.value(item_hint, item, (*path, index)) for index, item in enumerate(data)]
        return INVALID if any(item is INVALID for item in items) else tuple(items)

    def choice(self, options: tuple, data: object, path: KeyPath) -> object:
        if data in options and type(data) is type(options[0]):
            return data
        self._problem(path, "one of " + ", ".join(repr(o) for o in options), describe(data))
        return INVALID

    def scalar(self, hint: object, data: object, path: KeyPath, checks: tuple) -> object:
        if hint is bool:
            ok = isinstance(data, bool)
        elif hint is int:
            ok = isinstance(data, int) and not isinstance(data, bool)
        elif hint is datetime.date:
            ok = isinstance(data, datetime.date) and not isinstance(data, datetime.datetime)
        else:
            ok = isinstance(data, hint)
        if not ok:
            self._problem(path, expected(typing.Annotated[hint, *checks] if checks else hint), describe(data))
            return INVALID
        for check in checks:
            if isinstance(check, Check) and (want := check.problem(data)):
                self._problem(path, want, describe(data))
                return INVALID
            if isinstance(check, Minimum) and data < check.value:
                self._problem(path, f"a number of at least {check.value}", describe(data))
                return INVALID
        self.register(checks, data, path)
        return data

    def register(self, checks: tuple, data: str, path: KeyPath) -> None:
        """Record an id this value defines (Key) or names (Ref)."""
        for check in checks:
            if isinstance(check, Key):
                self.registry.add_key(check.namespace, data, self._place(path))
            elif isinstance(check, Ref):
                self.registry.refs.append((check.namespace, data, self._place(path)))

    def _place(self, path: KeyPath) -> Place:
        return Place(self.loaded.file, self.loaded.line(path), format_path(path))

    def _problem(self, path: KeyPath, want: str, got: str, *, key_line: bool = False, at: KeyPath | None = None) -> None:
        line = self.loaded.key_line(path) if key_line else self.loaded.line(path if at is None else at)
        self.registry.problems.append(Problem(self.loaded.file, line, format_path(path), want, got))


@dataclass(frozen=True)
class NonEmpty:
    """A list that must hold at least one item."""


@dataclass(frozen=True)
class Minimum:
    value: int


@functools.lru_cache(maxsize=None)
def _shape(cls: type) -> tuple[dict, dict]:
    """A dataclass's type hints and fields (read once per class: hints are slow to resolve)."""
    return typing.get_type_hints(cls, include_extras=True), {f.name: f for f in dataclasses.fields(cls)}


def split_annotated(hint: object) -> tuple[object, tuple]:
    """Annotated[X, a, b] -> (X, (a, b)); any other hint -> (hint, ())."""
    if typing.get_origin(hint) is typing.Annotated:
        base, *extras = typing.get_args(hint)
        return base, tuple(extras)
    return hint, ()


def optional_of(hint: object, checks: tuple = ()) -> object | None:
    """For `X | None`, X (annotated again with `checks`); None when the hint is not optional."""
    if typing.get_origin(hint) not in (typing.Union, types.UnionType):
        return None
    inner = next(arg for arg in typing.get_args(hint) if arg is not type(None))
    return typing.Annotated[inner, *checks] if checks else inner


def key_namespaces(hint: object) -> set[str]:
    """Every namespace a type defines ids in (through Key markers, at any depth)."""
    hint, extras = split_annotated(hint)
    found = {extra.namespace for extra in extras if isinstance(extra, Key)}
    if dataclasses.is_dataclass(hint):
        for sub_hint in typing.get_type_hints(hint, include_extras=True).values():
            found |= key_namespaces(sub_hint)
    else:
        for arg in typing.get_args(hint):
            found |= key_namespaces(arg)
    return found


def _key_list(cls: type) -> str:
    return ", ".join(f.name for f in dataclasses.fields(cls))


def expected(hint: object, plural: bool = False) -> str:
    """How a type hint reads in an error message: 'text', 'a whole number', 'one of ...'."""
    hint, checks = split_annotated(hint)
    if (inner := optional_of(hint, checks)) is not None:
        return expected(inner, plural) + " or null"
    origin = typing.get_origin(hint)
    if dataclasses.is_dataclass(hint):
        return f"mappings with the keys {_key_list(hint)}" if plural else f"a mapping with the keys {_key_list(hint)}"
    if origin is tuple:
        return f"a list of {expected(typing.get_args(hint)[0], plural=True)}"
    if origin is typing.Literal:
        return "one of " + ", ".join(repr(o) for o in typing.get_args(hint))
    for check in checks:
        if isinstance(check, (Key, Ref)):
            return f"{'ids' if plural else 'an id'} ({check.namespace})"
        if isinstance(check, Check):
            return check.description
    names = {bool: "true or false", int: "a whole number", datetime.date: "a date (YYYY-MM-DD)", str: "text", dict: "a mapping"}
    return names.get(hint, getattr(hint, "__name__", str(hint)))
