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
# libyaml's parser where PyYAML has it (several times faster); the same rules and marks either way.
FastLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_BYTES = 2_000_000  # the real files are a few tens of kilobytes
MAX_DEPTH = 32
MAX_VALUES = 100_000  # aliases can make a short file expand enormously ("billion laughs")


class _TooBig(Exception):
    """A value that stops the whole file from being read (too big, too deep, unreadable)."""

    def __init__(self, line: int, path: KeyPath, expected: str, got: str):
        super().__init__(expected)
        self.problem = (line, path, expected, got)


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
    if len(raw) > MAX_BYTES:
        loaded.problems.append(Problem(display, 1, "(file)", f"a content file of at most {MAX_BYTES // 1_000_000} MB", f"{len(raw) / 1_000_000:.1f} MB"))
        return loaded
    text = _decode(raw, loaded)
    if text is None:
        return loaded
    loaders = (FastLoader, yaml.SafeLoader) if FastLoader is not yaml.SafeLoader else (yaml.SafeLoader,)
    for loader_class in loaders:
        if _parse(text, loader_class, loaded, last=loader_class is loaders[-1]):
            break
    return loaded


def _parse(text: str, loader_class: type, loaded: Loaded, last: bool) -> bool:
    """Parse with `loader_class`; False to try the next parser (libyaml's syntax messages say less than
    the Python parser's, so a syntax error is read again by the latter for its message)."""
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            loaded.data = _build(node, (), loader, loaded, [0])
    except yaml.MarkedYAMLError as error:
        if not last:
            return False
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        reason = " ".join(part for part in (error.context, error.problem) if part)
        loaded.problems.append(Problem(loaded.file, line, "(syntax)", "valid YAML", reason))
    except yaml.YAMLError as error:
        if not last:
            return False
        loaded.problems.append(Problem(loaded.file, 1, "(syntax)", "valid YAML", str(error).splitlines()[0]))
    except RecursionError:
        loaded.data = None
        loaded.problems.append(Problem(loaded.file, 1, "(syntax)", f"YAML nested at most {MAX_DEPTH} levels deep", "deeper nesting"))
    except _TooBig as error:
        line, path, expected, got = error.problem
        loaded.data = None
        loaded.problems.append(Problem(loaded.file, line, format_path(path), expected, got))
    finally:
        loader.dispose()
    return True


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


def _build(node: yaml.Node, path: KeyPath, loader: yaml.SafeLoader, loaded: Loaded, count: list[int]) -> object:
    line = node.start_mark.line + 1
    loaded.lines[path] = line
    count[0] += 1
    if count[0] > MAX_VALUES:
        raise _TooBig(line, path, f"at most {MAX_VALUES} values in one file (aliases included)", "more")
    if len(path) > MAX_DEPTH:
        raise _TooBig(line, path, f"YAML nested at most {MAX_DEPTH} levels deep", "deeper nesting")
    if isinstance(node, yaml.MappingNode):
        return _build_mapping(node, path, loader, loaded, count)
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, index), loader, loaded, count) for index, item in enumerate(node.value)]
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, OverflowError) as error:  # e.g. a date like 2022-02-30
        raise _TooBig(line, path, "a value YAML can read", f"{node.value!r} ({error})") from None


def _build_mapping(node: yaml.MappingNode, path: KeyPath, loader: yaml.SafeLoader, loaded: Loaded, count: list[int]) -> dict:
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
        result[key] = _build(value_node, (*path, key), loader, loaded, count)
        # A value is pointed at by its key's line: for a block list or mapping that is where the
        # editor looks, not the first item below it.
        loaded.lines[(*path, key)] = line
    return result
