"""YAML to plain data, keeping the line of every value and refusing what PyYAML lets pass.

PyYAML keeps the last of two equal keys in a mapping without a word; content editors lose text that
way, so a duplicate key here is a problem like any other. Each value's line is kept by its key path
(a tuple of keys and list indices) so that later checks can point at the line to fix.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import Problem, describe

KeyPath = tuple[object, ...]


@dataclass
class Loaded:
    """One file's data with the line of each value; `problems` lists what made parts unreadable."""

    file: str
    data: object = None
    lines: dict[KeyPath, int] = field(default_factory=dict)
    key_lines: dict[KeyPath, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def line(self, path: KeyPath) -> int:
        """The line of the value at `path`, or of its nearest ancestor that has one."""
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)

    def key_line(self, path: KeyPath) -> int:
        """The line of the key that ends `path` (where an unknown key should be pointed at)."""
        return self.key_lines.get(path) or self.line(path)


def format_path(path: KeyPath) -> str:
    """('faqs', 2, 'answers', 0) -> 'faqs[2].answers[0]'."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(file)"


def load_yaml(path: Path, display: str) -> Loaded:
    """Read `path`; `display` is the name used in messages (the path relative to the project)."""
    loaded = Loaded(display)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        loaded.problems.append(Problem(display, 1, "(file)", "a YAML file", "no such file"))
        return loaded
    text = _decode(raw, loaded)
    if text is None:
        return loaded
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            loaded.data = _build(node, (), loader, loaded)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        reason = " ".join(part for part in (error.context, error.problem) if part)
        loaded.problems.append(Problem(display, line, "(syntax)", "valid YAML", reason))
    except yaml.YAMLError as error:
        loaded.problems.append(Problem(display, 1, "(syntax)", "valid YAML", str(error).splitlines()[0]))
    finally:
        loader.dispose()
    return loaded


def _decode(raw: bytes, loaded: Loaded) -> str | None:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        byte = raw[error.start : error.start + 1].hex()
        loaded.problems.append(
            Problem(loaded.file, line, "(file)", "UTF-8 text", f"the byte 0x{byte} at offset {error.start}")
        )
        return None
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        loaded.problems.append(Problem(loaded.file, line, "(file)", "UTF-8 text", "a NUL character (binary data?)"))
        return None
    return text


def _build(node: yaml.Node, path: KeyPath, loader: yaml.SafeLoader, loaded: Loaded) -> object:
    loaded.lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        return _build_mapping(node, path, loader, loaded)
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, index), loader, loaded) for index, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


def _build_mapping(node: yaml.MappingNode, path: KeyPath, loader: yaml.SafeLoader, loaded: Loaded) -> dict:
    result: dict[str, object] = {}
    first_line: dict[str, int] = {}
    explicit = sum(1 for key, _ in node.value if key.tag != "tag:yaml.org,2002:merge")
    loader.flatten_mapping(node)  # `<<: *base` merges come first; keys written here may override them
    merged = len(node.value) - explicit
    for position, (key_node, value_node) in enumerate(node.value):
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if not isinstance(key, str):
            loaded.problems.append(Problem(loaded.file, line, format_path(path), "text keys", f"the key {describe(key)}"))
            continue
        if key in result and position >= merged and first_line[key] < 0:
            first_line[key] = line  # a key written here overrides the one merged in
        elif key in result:
            loaded.problems.append(
                Problem(
                    loaded.file, line, format_path((*path, key)),
                    "each key once per mapping", f"{key!r} again (first on line {first_line[key]})",
                )
            )
            continue
        first_line[key] = -line if position < merged else line
        loaded.key_lines[(*path, key)] = line
        result[key] = _build(value_node, (*path, key), loader, loaded)
        # A value is pointed at by its key's line: for a block list or mapping that is where the
        # editor looks, not the first item below it.
        loaded.lines[(*path, key)] = line
    return result
