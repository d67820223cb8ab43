"""JSON text to Python values, keeping the line of every value and refusing duplicate keys.

The standard `json` module says where the text is broken but not where a value sits; a profile's
problems should point at the line to fix, as content problems do.
"""
from __future__ import annotations

import json
import re

Path = tuple  # of str keys and int indices

_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?")
_WHITESPACE = re.compile(r"[ \t\n\r]*")


class JsonSyntaxError(ValueError):
    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.line = line


class _Reader:
    def __init__(self, text: str):
        self.text = text
        self.pos = 0
        self.lines: dict[Path, int] = {}
        self.duplicates: list[tuple[Path, int, int]] = []  # path, line, first line

    def line(self, pos: int | None = None) -> int:
        return self.text.count("\n", 0, self.pos if pos is None else pos) + 1

    def fail(self, message: str) -> JsonSyntaxError:
        return JsonSyntaxError(message, self.line())

    def skip(self) -> None:
        self.pos = _WHITESPACE.match(self.text, self.pos).end()

    def value(self, path: Path) -> object:
        self.skip()
        self.lines[path] = self.line()
        char = self.text[self.pos : self.pos + 1]
        if char == "{":
            return self.obj(path)
        if char == "[":
            return self.array(path)
        if char == '"':
            return self.string()
        for word, result in (("true", True), ("false", False), ("null", None)):
            if self.text.startswith(word, self.pos):
                self.pos += len(word)
                return result
        match = _NUMBER.match(self.text, self.pos)
        if match:
            self.pos = match.end()
            return json.loads(match.group(0))
        raise self.fail(f"a JSON value, found {char!r}" if char else "a JSON value, found the end of the text")

    def string(self) -> str:
        try:
            result, self.pos = json.decoder.scanstring(self.text, self.pos + 1)
        except json.JSONDecodeError as error:
            raise JsonSyntaxError(error.msg, error.lineno) from None
        return result

    def obj(self, path: Path) -> dict:
        self.pos += 1
        result: dict = {}
        first_line: dict[str, int] = {}
        self.skip()
        if self.text.startswith("}", self.pos):
            self.pos += 1
            return result
        while True:
            self.skip()
            if not self.text.startswith('"', self.pos):
                raise self.fail("a key in double quotes")
            key_line = self.line()
            key = self.string()
            self.skip()
            if not self.text.startswith(":", self.pos):
                raise self.fail(f"':' after the key {key!r}")
            self.pos += 1
            item = self.value((*path, key))
            self.lines[(*path, key)] = key_line
            if key in result:
                self.duplicates.append(((*path, key), key_line, first_line[key]))
            else:
                result[key] = item
                first_line[key] = key_line
            self.skip()
            if self.text.startswith(",", self.pos):
                self.pos += 1
                continue
            if self.text.startswith("}", self.pos):
                self.pos += 1
                return result
            raise self.fail("',' or '}' in an object")

    def array(self, path: Path) -> list:
        self.pos += 1
        result: list = []
        self.skip()
        if self.text.startswith("]", self.pos):
            self.pos += 1
            return result
        while True:
            result.append(self.value((*path, len(result))))
            self.skip()
            if self.text.startswith(",", self.pos):
                self.pos += 1
                continue
            if self.text.startswith("]", self.pos):
                self.pos += 1
                return result
            raise self.fail("',' or ']' in a list")


def read_json(text: str) -> tuple[object, dict[Path, int], list[tuple[Path, int, int]]]:
    """(value, line of each path, duplicate keys as (path, line, first line)); raises JsonSyntaxError."""
    reader = _Reader(text.removeprefix("\ufeff"))
    result = reader.value(())
    reader.skip()
    if reader.pos != len(reader.text):
        raise reader.fail("the end of the text after the JSON value")
    return result, reader.lines, reader.duplicates
