"""JSON Schemas for the content files, derived from the same dataclasses that validate them.

    python -m generator.schema            # write content/schema/*.schema.json
    python -m generator.schema --check    # exit 1 if a written schema is out of date

Editors that understand `# yaml-language-server: $schema=...` (VS Code with the YAML extension, and
others) then validate and autocomplete while authoring.
"""
from __future__ import annotations

import dataclasses
import datetime
import json
import sys
import typing
from pathlib import Path

from .model import FILES
from .spec import Check
from .validate import Minimum, NonEmpty, optional_of, split_annotated

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_for(cls: type, file_name: str) -> dict:
    definitions: dict[str, dict] = {}
    root = _record(cls, definitions)
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": f"{file_name.removesuffix('.yaml')}.schema.json",
        "title": f"content/{file_name}",
        **root,
        "$defs": dict(sorted(definitions.items())),
    }


def _record(cls: type, definitions: dict[str, dict]) -> dict:
    hints = typing.get_type_hints(cls, include_extras=True)
    properties, required = {}, []
    for spec in dataclasses.fields(cls):
        properties[spec.name] = _type(hints[spec.name], definitions)
        if spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING:
            required.append(spec.name)
    schema = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        schema["required"] = required
    if cls.__doc__ and not cls.__doc__.startswith(cls.__name__ + "("):
        schema["description"] = " ".join(cls.__doc__.split())
    return schema


def _type(hint: object, definitions: dict[str, dict]) -> dict:
    hint, checks = split_annotated(hint)
    if (inner := optional_of(hint, checks)) is not None:
        return {"anyOf": [_type(inner, definitions), {"type": "null"}]}
    origin = typing.get_origin(hint)
    if dataclasses.is_dataclass(hint):
        name = hint.__name__
        if name not in definitions:
            definitions[name] = {}
            definitions[name] = _record(hint, definitions)
        return {"$ref": f"#/$defs/{name}"}
    if origin is tuple:
        schema = {"type": "array", "items": _type(typing.get_args(hint)[0], definitions)}
        if any(isinstance(c, NonEmpty) for c in checks):
            schema["minItems"] = 1
        return schema
    if origin is typing.Literal:
        return {"enum": list(typing.get_args(hint))}
    if hint is bool:
        return {"type": "boolean"}
    if hint is int:
        schema = {"type": "integer"}
        for check in checks:
            if isinstance(check, Minimum):
                schema["minimum"] = check.value
        return schema
    if hint is datetime.date:
        return {"type": "string", "format": "date"}
    if hint is dict:
        return {"type": "object"}
    schema = {"type": "string"}
    for check in checks:
        if isinstance(check, Check):
            schema.update(check.schema)
            schema.setdefault("description", check.description)
    return schema


def render_all() -> dict[str, str]:
    return {
        name.removesuffix(".yaml") + ".schema.json": json.dumps(schema_for(cls, name), indent=2) + "\n"
        for name, cls in FILES.items()
    }


def main(argv: list[str]) -> int:
    folder = Path("content/schema")
    stale = []
    for name, text in render_all().items():
        path = folder / name
        if "--check" in argv:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(str(path))
        else:
            folder.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    if stale:
        print("Out of date (run python -m generator.schema):", *stale, sep="\n  ")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
